"""The filter bar, and filters to and from the URL query string (so any view can be bookmarked)."""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids

# name: (label, multi-select)
FILTERS = {
    "period": ("Period", False),
    "council": ("Council", True),
    "team": ("Social work team", True),
    "iro": ("IRO", True),
    "age_band": ("Age band", True),
    "sex": ("Sex", True),
    "ethnic_group": ("Ethnicity", True),
    "legal_status": ("Legal status", True),
    "placement_group": ("Placement", True),
    "uasc": ("Asylum-seeking (UASC)", True),
}
FILTER_NAMES = tuple(FILTERS)
# A page's "show by" choice (years, quarters, months) is in the address too, beside the filters.
VIEW_KEY = "view"
VIEWS = ("year", "quarter", "month")
DEFAULT_VIEW = "year"


@dataclass(frozen=True)
class FilterOptions:
    """Choices for each filter: lists of (value, label). Filled by a callback from the data."""

    periods: list[tuple[str, str]]
    default_period: str
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    period_only: str = ""  # why the other filters are not offered (the committee's view), or ""


def parse_query(search: str | None) -> dict[str, list[str] | str]:
    """'?period=2024-25&sex=Female&sex=Male' -> {'period': '2024-25', 'sex': ['Female', 'Male']};
    unknown keys dropped. A filter's values are repeated keys, never one joined string: a value may
    itself hold a comma ("Police protection, EPO or CAO")."""
    query = urllib.parse.parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    values: dict[str, list[str] | str] = {}
    for name, (_, multi) in FILTERS.items():
        if name in query:
            values[name] = query[name] if multi else query[name][0]
    return values


def address_view(search: str | None) -> str:
    """The "show by" choice an address holds, if it is one of VIEWS; else the default."""
    asked = urllib.parse.parse_qs((search or "").lstrip("?")).get(VIEW_KEY, [DEFAULT_VIEW])[0]
    return asked if asked in VIEWS else DEFAULT_VIEW


def to_query(values: dict, view: str = DEFAULT_VIEW) -> str:
    """The address's query for the filters (and a "show by" choice other than the default)."""
    pairs = []
    for name in FILTER_NAMES:
        value = values.get(name)
        if value:
            pairs += [(name, v) for v in value] if isinstance(value, (list, tuple)) else [(name, value)]
    if view != DEFAULT_VIEW:
        pairs.append((VIEW_KEY, view))
    return "?" + urllib.parse.urlencode(pairs) if pairs else ""


def filter_bar(values: dict, options: FilterOptions, show_council: bool) -> html.Section:
    """Folded to one line saying what the figures are for, with a button to change it: the figures
    come first on every screen, a phone's included."""
    controls = []
    for name, (label, multi) in FILTERS.items():
        # kept (hidden) so every callback finds it
        hidden = (name == "council" and not show_council) or (options.period_only and name != "period") or \
            (name == "period" and len(options.periods) == 1)  # a page with one period (the worklist: now)
        choices = options.periods if name == "period" else options.choices.get(name, [])
        value = values.get(name, options.default_period if name == "period" else [])
        control_id = ids.filter_id(name)
        controls.append(dbc.Col([
            html.Label(label, htmlFor=control_id, id=f"{control_id}-label", className="form-label small mb-0"),
            dcc.Dropdown(id=control_id, options=[{"value": v, "label": text} for v, text in choices],
                         value=value, multi=multi, clearable=multi, searchable=True,
                         placeholder="All" if multi else None),
        ], xs=12, sm=6, md=4, lg=3, xl=2, className="mb-2", style={"display": "none"} if hidden else None))
    return html.Section([
        html.H2("Filters", className="visually-hidden"),
        html.Div([
            html.P(summary(values, options), id=ids.FILTER_SUMMARY, className="mb-0 me-2 small",
                   **{"aria-live": "polite"}),
            html.Button("Change filters", id=ids.FILTER_TOGGLE, type="button", n_clicks=0,
                        className="btn btn-outline-primary btn-sm",
                        **{"aria-expanded": "false", "aria-controls": ids.FILTER_PANEL}),
        ], className="d-flex align-items-center flex-wrap gap-1"),
        dbc.Collapse([
            dbc.Row(controls, className="g-2 mt-1"),
            html.P(options.period_only or "Filters count each child by where they are on the as-at date (their age "
                   "band, legal status and placement then). Every view's address holds its filters: bookmark it or "
                   "send it on.", className="small text-body-secondary mb-0"),
        ], id=ids.FILTER_PANEL, is_open=False),
        dcc.Store(id=ids.FILTER_LABELS, data=[label for label, _ in FILTERS.values()]),
    ], className="filter-bar border rounded p-2 mb-3 bg-light", **{"aria-label": "Filters"})


def summary(values: dict, options: FilterOptions) -> str:
    """'Showing 2025-26, all children' or 'Showing 2025-26 Q3; Sex: Female; Age band: 16-17'. The same
    words are made in the browser when a filter changes (assets/filters.js)."""
    period = values.get("period") or options.default_period
    period_label = dict(options.periods).get(period, period)
    chosen = []
    for name, (label, multi) in FILTERS.items():
        picked = values.get(name) if name != "period" else None
        if picked:
            names = dict(options.choices.get(name, []))
            chosen.append(f"{label}: {', '.join(names.get(v, v) for v in picked)}")
    return f"Showing {period_label}" + ("; " + "; ".join(chosen) if chosen else ", all children")
