"""The manager's worklist: who needs action now, as at the latest data date, most urgent first,
each young person linked to their timeline."""
from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.child_lists import PAGE_ROWS, linked_children, timeline_link
from dashboard.components import scrollable_list
from dashboard.pages.frame import imported_text, page_frame
from dashboard.page import Page, PageView
from data.measures import worklist

SECTIONS = {  # kind: (heading, what an empty section says)
    worklist.REVIEW_OVERDUE: ("Reviews overdue", "No review is overdue."),
    worklist.NEET_OVERDUE: ("NEET six-weekly checks overdue", "No NEET young person's check is overdue."),
    worklist.ESCALATION_OPEN: ("Formal escalations open past 20 working days",
                               "No formal escalation has been open past 20 working days."),
    worklist.REVIEW_DUE: ("Reviews due in the next 28 days", "No review falls due in the next 28 days."),
    worklist.NEET_DUE: ("NEET six-weekly checks due in the next 7 days", "No NEET check falls due in the next 7 days."),
    worklist.MIDWAY_DUE: ("Midway checks not yet done before a review due in the next 28 days",
                          "Every second or later review due in the next 28 days has had its midway check."),
}
COLUMNS = {"child": "Young person", "what": "What is due", "due": "Due", "days_overdue": "Overdue by",
           "team": "Social work team", "iro": "IRO", "adviser": "Personal adviser"}


def layout(view: PageView):
    # The worklist is always as at the latest data date: its filter bar offers teams, IROs and the
    # rest, but no period.
    options = replace(view.options, periods=[(view.default_period, "what is due now")]) if view.options else None
    return page_frame("worklist", "Worklist: who needs action now",
                      "Reviews, NEET checks, escalations and midway checks that are overdue or due soon, most urgent "
                      "first. Choose a team or an IRO under \"Change filters\" to see their list.",
                      replace(view, options=options))


def content(view: dict) -> html.Div:
    items: pd.DataFrame = view["items"]
    listed = items.groupby("kind", sort=False).head(PAGE_ROWS)  # formatted once, then split by section
    table = listed.assign(child=linked_children(listed), due=listed["due"].dt.strftime("%d/%m/%Y"),
                          adviser=listed["adviser"].fillna("–"))
    by_kind = dict(tuple(table.groupby("kind", sort=False)))
    rows = items["kind"].value_counts()
    sections = [_section(kind, by_kind.get(kind), int(rows.get(kind, 0)), view["counts"][kind])
                for kind in worklist.KINDS]
    return html.Div([
        html.P([html.Strong(f"As at {view['as_at']:%d/%m/%Y}"), f", the latest date in the data (last imported "
                f"{imported_text(view['last_import'])}). "], className="mb-1"),
        _stale(view["as_at"], view["today"]),
        html.Ul([html.Li(html.A(f"{SECTIONS[kind][0]}: {view['counts'][kind]:,}", href=f"#worklist-{_anchor(kind)}"))
                 for kind in worklist.KINDS], className="mb-2"),
        html.P(html.A("Download the whole worklist (CSV)", href=f"/download/worklist.csv{view['query']}"),
               className="small"),
        *sections,
    ])


STALE_AFTER_DAYS = 14


def _stale(as_at, today) -> html.P | None:
    """A worklist from old data misses what happened since: say so."""
    days = (today - as_at).days
    if days <= STALE_AFTER_DAYS:
        return None
    return dbc.Alert(f"The data is {days} days old (today is {today:%d/%m/%Y}): anything done or due since "
                     f"{as_at:%d/%m/%Y} is not shown. Import the latest extract to bring the worklist up to date.",
                     color="warning", className="py-2")


def _overdue_by(days: int) -> str:
    return "not yet due" if not days else "1 day" if days == 1 else f"{days:,} days"


def _anchor(kind: str) -> str:
    return kind.replace(" ", "-")


def _section(kind: str, listed: pd.DataFrame | None, rows: int, children: int) -> html.Section:
    """One section: `listed` its first PAGE_ROWS rows, formatted (None: no one); `rows` in all."""
    heading, empty = SECTIONS[kind]
    if listed is None:
        body = html.P(empty, className="small")
    else:
        more = f" The first {len(listed):,} of {rows:,} are listed; the CSV holds them all." \
            if len(listed) < rows else ""
        table = listed[list(COLUMNS)].rename(columns=COLUMNS)
        body = html.Div([
            html.P(f"Most urgent first.{more}", className="small mb-1") if more else None,
            scrollable_list(table, heading, formats={"Young person": timeline_link, "Overdue by": _overdue_by}),
        ])
    return html.Section([html.H2(f"{heading} ({children:,})", className="h5 mt-3", id=f"worklist-{_anchor(kind)}"),
                         body])


PAGE = Page("worklist", "/worklist", "Worklist", layout, title="Worklist: who needs action now")
