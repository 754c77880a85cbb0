"""NEET: 16-17 year olds in care and care leavers not in education, employment or training; for
managers, the list of young people behind the number and each one's timeline."""
from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.child_lists import CHILD_LISTS, download_path
from dashboard.pages.frame import cards_row, page_frame, period_heading, section
from dashboard.pages.parts import breakdown_card, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import NEET
from data.measures.codes import PLACEMENT_WORDS, in_words
from data.measures.neet import ACTIVITY_LABELS, CHECK_DAYS
from data.measures.summary import target_of

GRID_COLUMNS = [
    {"field": "child", "headerName": "Young person"},
    {"field": "age", "headerName": "Age", "filter": "agNumberColumnFilter", "maxWidth": 90},
    {"field": "status", "headerName": "Status", "wrapText": True, "autoHeight": True, "minWidth": 170},
    {"field": "status_date", "headerName": "Last check", "sortable": False},
    {"field": "next_check", "headerName": "Next check due", "sortable": False},
    {"field": "days_overdue", "headerName": "Days overdue", "filter": "agNumberColumnFilter"},
    {"field": "place", "headerName": "Placement", "wrapText": True, "autoHeight": True, "minWidth": 170},
    {"field": "adviser", "headerName": "Personal adviser"},
]


def layout(view: PageView):
    return page_frame("neet", "Not in education, employment or training (NEET)",
                      "Young people aged 16 and 17 in care, and care leavers, who are not in education, employment "
                      "or training (NEET). The service checks on each NEET young person every six weeks.", view)


def content(view: dict) -> html.Div:
    neet = view["neet"]["result"]
    grid = dag.AgGrid(id=ids.GRID_NEET, rowData=grid_rows(view["young_people"]), columnDefs=GRID_COLUMNS,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 110,
                                     "wrapHeaderText": True, "autoHeaderHeight": True},
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                                       "domLayout": "autoHeight", "pagination": True, "paginationPageSize": 20},
                      columnSize="responsiveSizeToFit", className="ag-theme-quartz", style={"width": "100%"})
    leavers = view["leavers_neet"]["result"]
    figures = [
        period_heading(view["period"], view["as_at"]),
        tiles([view["neet"], view["checks"], view["leavers_neet"], view["in_touch"]]),
        cards_row([
            trend_card("16-17 year olds in care who are NEET, by quarter", view["trend"], "percent", "Share NEET",
                       "neet-trend", target_of(neet), "The dashed line is the target.", notes=neet.note_lines()),
            breakdown_card("Care leavers who are NEET, by age", leavers.breakdown, "percent",
                           "care-leavers-neet-by-age", "Share NEET", target=target_of(leavers), label="Age"),
        ]),
    ]
    if view["young_people"] is None:  # directors and the committee: the figures, not the young people
        return html.Div(figures)
    return html.Div([
        *figures,
        section(f"Young people who are NEET, {view['list_as_at']}", html.Div([
            html.P("Most overdue check first. Sort or filter any column. Select a young person to see their "
                   "timeline below. Pseudonymous ids only; opening this list and each timeline is recorded.",
                   className="small"),
            grid,
            html.A("Download this list (CSV)", href=download_path(CHILD_LISTS["neet"], view["query"]),
                   className="small"),
        ])),
        section("Timeline", html.Div(html.P("Select a young person in the list above."), id=ids.TIMELINE,
                                     **{"aria-live": "polite"})),
    ])


def grid_rows(young_people: pd.DataFrame | None) -> list[dict]:
    """The NEET young people in words, most overdue check first, then the soonest due."""
    if young_people is None or young_people.empty:
        return []
    next_check = young_people["status_date"] + pd.Timedelta(days=CHECK_DAYS)
    rows = young_people.assign(
        status=young_people["activ"].map(ACTIVITY_LABELS).fillna(young_people["activ"]),
        place=young_people["place"].map(lambda code: in_words(code, PLACEMENT_WORDS).capitalize()),
        adviser=young_people["adviser"].fillna("Not recorded"),
        days_overdue=(young_people["days_since_check"] - CHECK_DAYS).clip(lower=0), next_check=next_check,
    ).sort_values(["days_overdue", "next_check"], ascending=[False, True], kind="stable")
    rows["status_date"] = rows["status_date"].dt.strftime("%d/%m/%Y")
    rows["next_check"] = rows["next_check"].dt.strftime("%d/%m/%Y")
    return rows[[c["field"] for c in GRID_COLUMNS]].to_dict("records")


PAGE = Page("neet", "/neet", "NEET", layout, title="Young people not in education, employment or training (NEET)", theme=NEET)
