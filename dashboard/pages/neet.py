"""NEET: 16-17 year olds in care and care leavers not in education, employment or training; for
managers, the list of young people behind the number and each one's timeline."""
from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.child_lists import CHILD_LISTS, download_path
from dashboard.components import data_table
from dashboard.pages.frame import cards_row, page_frame, period_heading, section
from dashboard.pages.parts import breakdown_card, tiles, trend_card
from dashboard.page import Page, PageView
from data.measures.catalogue import NEET
from data.measures.summary import target_of

GRID_COLUMNS = [
    {"field": "child", "headerName": "Young person", "checkboxSelection": False},
    {"field": "age", "headerName": "Age", "filter": "agNumberColumnFilter", "width": 90},
    {"field": "place", "headerName": "Placement"},
    {"field": "adviser", "headerName": "Personal adviser"},
    {"field": "activ", "headerName": "Status code", "width": 120},
    {"field": "status_date", "headerName": "Last status check"},
    {"field": "days_since_check", "headerName": "Days since check", "filter": "agNumberColumnFilter"},
    {"field": "overdue", "headerName": "Check overdue (over 42 days)"},
]


def layout(view: PageView):
    return page_frame("neet", "Not in education, employment or training (NEET)",
                      "Young people aged 16 and 17 in care, and care leavers, who are not in education, employment "
                      "or training (NEET). The service checks on each NEET young person every six weeks.", view)


def content(view: dict) -> html.Div:
    neet = view["neet"]["result"]
    rows = neet.rows if neet.rows is not None else pd.DataFrame()
    grid_rows = []
    if not rows.empty:
        shown = rows.assign(status_date=rows["status_date"].dt.strftime("%Y-%m-%d"),
                            overdue=rows["check_overdue"].map({True: "Yes, overdue", False: "No"}))
        grid_rows = shown[["child", "age", "place", "adviser", "activ", "status_date", "days_since_check",
                           "overdue"]].to_dict("records")
    grid = dag.AgGrid(id=ids.GRID_NEET, rowData=grid_rows, columnDefs=GRID_COLUMNS,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 110},
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
    if neet.rows is None:  # directors and the committee: the figures, not the young people
        return html.Div(figures)
    return html.Div([
        *figures,
        section("Young people who are NEET now", html.Div([
            html.P("Sort or filter any column. Select a young person to see their timeline below. Pseudonymous "
                   "ids only; opening this list and each timeline is recorded.", className="small"),
            grid,
            html.A("Download this list (CSV)", href=download_path(CHILD_LISTS["neet"], view["query"]),
                   className="small"),
        ])),
        section("Timeline", html.Div(html.P("Select a young person in the list above."), id=ids.TIMELINE,
                                     **{"aria-live": "polite"})),
    ])


def timeline_view(child: str, events: pd.DataFrame) -> html.Div:
    if events.empty:
        return dbc.Alert(f"No records for {child}.", color="secondary")
    newest_first = events.iloc[::-1]
    shown = newest_first.assign(date=newest_first["date"].dt.strftime("%d/%m/%Y")).rename(
        columns={"date": "Date", "event": "What happened", "detail": "Detail"})
    return html.Div(data_table(shown, f"Timeline for young person {child}, newest first"),
                    className="table-responsive")


PAGE = Page("neet", "/neet", "NEET", layout, title="Young people not in education, employment or training (NEET)", theme=NEET)
