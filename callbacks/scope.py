"""Filter values from the page to a Scope for the measures, and filter choices from the data."""
from __future__ import annotations

from datetime import date

from dashboard.filterbar import FILTER_NAMES, FilterOptions
from data.disclosure import WHAT_THE_COMMITTEE_SEES
from data.measures.dataset import Dataset
from data.measures.filters import AGE_BANDS, PLACEMENT_GROUPS, child_profiles, council_qualified, Filters
from data.measures.periods import PeriodError, parse_period, period_ending
from data.measures.report import Scope, as_at_for
from data.ingest.specs import ETHNIC_GROUPS

YEARS_SHOWN = 6


def default_period(data: Dataset) -> str:
    """The latest complete financial year the data covers."""
    latest = data.latest_date or date.today()
    year = period_ending(latest, "year")
    return (year if latest >= year.end else year.previous()).label


def scope_from(values: dict, data: Dataset) -> Scope:
    try:
        period = parse_period(values.get("period") or default_period(data))
    except PeriodError:
        period = parse_period(default_period(data))
    filters = Filters(**{name: tuple(values.get(name) or ()) for name in FILTER_NAMES if name != "period"})
    return Scope(period, as_at_for(period, data.latest_date), filters)


def values_from(inputs: list) -> dict:
    return dict(zip(FILTER_NAMES, inputs))


def filter_options(data: Dataset, committee: bool = False) -> FilterOptions:
    """The choices the filter bar offers; the committee's view offers periods only."""
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
    return FilterOptions(periods, default_period(data), {} if committee else choices,
                         WHAT_THE_COMMITTEE_SEES if committee else "")


def _quarters(year, latest: date):
    from data.measures.periods import split
    return [q for q in split(year, "quarter") if q.start <= latest]
