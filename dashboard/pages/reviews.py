"""Reviews: timeliness over time with the target, by review type, team and IRO; for managers,
the children whose review is overdue or coming due."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.child_lists import CHILD_LISTS
from dashboard.filterbar import VIEWS
from dashboard.pages.frame import cards_row, page_frame, period_heading, section
from dashboard.pages.parts import breakdown_card, child_list, drill, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import REVIEWS

VIEW_BY = tuple(zip(VIEWS, ("Years", "Quarters", "Months")))


def layout(view: PageView):
    offered = [value for value, _ in VIEW_BY if value != "month" or not (view.options and view.options.period_only)]
    view_by = html.Fieldset([
        html.Legend("Show timeliness by", className="small mb-0 me-2 float-none w-auto d-inline"),
        dbc.RadioItems(id=ids.VIEW_BY, options=[{"label": label, "value": value} for value, label in VIEW_BY
                                                if value in offered],
                       value=view.view_by if view.view_by in offered else "year", inline=True,
                       className="d-inline-block"),
        dcc.Location(id=ids.VIEW_ADDRESS, refresh=False),
    ], className="mb-2")
    return page_frame("reviews", "Reviews",
                      "Whether children's reviews are held within the legal timescales: the first within 20 "
                      "working days of coming into care, the second within 3 months, then every 6 months.", view, view_by)


def content(view: dict) -> html.Div:
    timeliness = view["timeliness"]["result"]
    target = timeliness.rule.target if timeliness.rule else None
    extras = view["by_team"].extras
    parts = [
        period_heading(view["period"], view["as_at"]),
        tiles([view["timeliness"], view["overdue"], view["due_soon"], view["midway"]]),
        cards_row([
            trend_card(f"Reviews held on time, by {view['grain']}", view["trend"], "percent",
                       "Share on time", "reviews-timeliness-trend", target,
                       description="The dashed line is the target."),
            breakdown_card("First, second and later reviews", timeliness.breakdown, "percent",
                           "reviews-by-type", "Share held on time", target=target, label="Review",
                           drill=drill("reviews-by-type", view["drill_query"])),
        ]),
        cards_row([
            breakdown_card("By social work team", extras.get("by_team"), "percent", "reviews-by-team",
                           "Share held on time", target=target, label="Team",
                           drill=drill("reviews-by-team", view["drill_query"])),
            breakdown_card("By IRO", extras.get("by_iro"), "percent", "reviews-by-iro", "Share held on time",
                           target=target, label="IRO", drill=drill("reviews-by-iro", view["drill_query"])),
        ]),
    ]
    if view["overdue_children"] is not None:
        parts.append(section(f"Children to act on, {view['list_as_at']}", html.Div([
            child_list(CHILD_LISTS["reviews-overdue"], view["overdue_children"], view["query"]),
            child_list(CHILD_LISTS["reviews-due-soon"], view["due_soon_children"], view["query"]),
            html.P(["Everything due for every young person, in one list: ", dcc.Link("the worklist", href="/worklist"),
                    "."], className="small"),
        ]), "Pseudonymous ids only; select one to open their timeline. Opening this list is recorded."))
    return html.Div(parts)


PAGE = Page("reviews", "/reviews", "Reviews", layout, title="Reviews: timeliness", theme=REVIEWS)
