"""Filter values from the page to a Scope for the measures, and filter choices from the data.

This is the one place filter values are checked: a callback, a route or an address may ask only
for what the filter bar offers (a period in its list; for each other filter, known values, at
most as many as it has). Anything else is refused with InputRefused, whose message names the
filter but never repeats the value sent."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from callbacks.inputs import InputRefused, text
from dashboard.filterbar import FILTER_NAMES, FILTERS, FilterOptions, parse_query
from data.disclosure import WHAT_THE_COMMITTEE_SEES
from data.measures.dataset import ONCE, Dataset
from data.measures.filters import AGE_BANDS, PLACEMENT_GROUPS, child_profiles, council_qualified, Filters
from data.measures.periods import parse_period, period_ending
from data.measures.report import Scope, as_at_for
from data.ingest.specs import ETHNIC_GROUPS

YEARS_SHOWN = 6
# Longer than any address the filter bar can make; a longer one was not made by this app.
LONGEST_ADDRESS = 4000


def default_period(data: Dataset) -> str:
    """The latest complete financial year the data covers."""
    latest = data.latest_date or date.today()
    year = period_ending(latest, "year")
    return (year if latest >= year.end else year.previous()).label


def scope_from(values: dict, data: Dataset) -> Scope:
    values = checked_values(values, options_for(data))
    period = parse_period(values.get("period") or default_period(data))
    filters = Filters(**{name: tuple(values.get(name) or ()) for name in FILTER_NAMES if name != "period"})
    return Scope(period, as_at_for(period, data.latest_date), filters)


def now_scope(data: Dataset, filters: Filters = Filters()) -> Scope:
    """Today, as far as the data knows: the financial year to date, as at the latest data date.
    The lists of children to act on are drawn for it unless a manager picks another period."""
    latest = data.latest_date or date.today()
    return Scope(period_ending(latest, "year"), latest, filters)


def list_scope(scope: Scope, data: Dataset) -> Scope:
    """The scope a page's child lists use: now, for the default period (the last complete year,
    which holds no one to chase today); the period itself for one the manager chose."""
    return now_scope(data, scope.filters) if scope.period.label == default_period(data) else scope


def values_from(inputs: list) -> dict:
    return dict(zip(FILTER_NAMES, inputs))


def address_values(search) -> dict:
    """The filters in an address's query string (not yet checked against the options)."""
    return parse_query(text(search, LONGEST_ADDRESS, "address"))


def checked_values(values: dict, options: FilterOptions) -> dict:
    """The values, if each is one the filter bar offers; an empty or missing one means all."""
    period = values.get("period")
    if period not in (None, "") and (not isinstance(period, str) or period not in {v for v, _ in options.periods}):
        raise InputRefused("The period asked for is not one the filter bar offers.")
    for name in FILTER_NAMES:
        chosen = values.get(name)
        if name == "period" or chosen in (None, []):
            continue
        offered = {value for value, _ in options.choices.get(name, [])}
        if not isinstance(chosen, (list, tuple)) or len(chosen) > len(offered) or \
                not all(isinstance(v, str) and v in offered for v in chosen):
            raise InputRefused(f"The {FILTERS[name][0]} filter was sent a value it does not offer.")
    return values


def options_for(data: Dataset) -> FilterOptions:
    """The filter bar's choices, worked out once per data version (a Dataset is one version)."""
    return data.cached(ONCE, filter_options)


def committee_options(options: FilterOptions) -> FilterOptions:
    """The committee's filter bar: periods only, saying why (the committee's published set)."""
    return replace(options, choices={}, period_only=WHAT_THE_COMMITTEE_SEES)


def filter_options(data: Dataset) -> FilterOptions:
    latest = data.latest_date or date.today()
    current = period_ending(latest, "year")
    years = current.run(YEARS_SHOWN)
    periods = []
    for year in reversed(years):
        note = f" (to {latest:%d/%m/%Y})" if year == current and latest < year.end else ""
        periods.append((year.label, f"{year.label}{note}"))
        periods += [(q.label, q.label) for q in _quarters(year, latest)]
    profiles = child_profiles(data, latest)
    iros = data.iros.assign(name=data.iros["name"].fillna(data.iros["iro_id"]))
    iros = iros.assign(iro_id=council_qualified(data, iros, "iro_id"), name=council_qualified(data, iros, "name"))
    iros = iros.drop_duplicates("iro_id")
    choices = {
        "council": [(c, c) for c in data.councils],
        "team": [(t, t) for t in sorted(council_qualified(data, data.child_teams, "team").dropna().unique())],
        "iro": [(i, n) for i, n in zip(iros["iro_id"], iros["name"])],
        "age_band": [(b, b) for b in AGE_BANDS],
        "sex": [(s, s) for s in ("Female", "Male", "Unknown") if s in set(profiles["sex"])],
        "ethnic_group": [(g, g) for g in ETHNIC_GROUPS],
        "legal_status": [(s, s) for s in sorted(profiles["legal_status"].dropna().unique())],
        "placement_group": [(g, g) for g in [*PLACEMENT_GROUPS, "Other"]],
        "uasc": [("Yes", "Yes"), ("No", "No")],
    }
    return FilterOptions(periods, default_period(data), choices)


def _quarters(year, latest: date):
    from data.measures.periods import split
    return [q for q in split(year, "quarter") if q.start <= latest]
