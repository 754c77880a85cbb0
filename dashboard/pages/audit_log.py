"""The audit log (admins): who viewed or downloaded which children's rows, and when. Read only:
the app has no way to change or delete an entry."""
from __future__ import annotations

import urllib.parse

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import ids
from dashboard.components import data_table
from dashboard.pages.frame import page_frame
from dashboard.page import Page, PageView

SHOWN = 200


def layout(view: PageView):
    search = dbc.Row([
        dbc.Col([dbc.Label("User name", html_for=ids.AUDIT_USER),
                 dbc.Input(id=ids.AUDIT_USER, type="text", maxLength=100, debounce=True)], md=4),
        dbc.Col([dbc.Label("Child id (pseudonymous)", html_for=ids.AUDIT_CHILD),
                 dbc.Input(id=ids.AUDIT_CHILD, type="text", maxLength=40, debounce=True)], md=4),
    ], className="mb-3 filter-bar")
    return page_frame("audit", "Audit log",
                      "Every view or download of child-level rows: who, when, what and which children. Search by "
                      "user or by child (press Enter). The log cannot be changed from the dashboard.",
                      controls=search)


def content(entries: pd.DataFrame, total: int, user: str, child: str) -> html.Div:
    query = urllib.parse.urlencode({k: v for k, v in (("user", user), ("child", child)) if v})
    download = html.A("Download these entries (CSV)", href="/admin/audit-log.csv" + (f"?{query}" if query else ""),
                      className="small")
    if entries.empty:
        return html.Div([html.P("No entries match."), download])
    shown = entries.head(SHOWN)
    note = f"Showing the newest {len(shown)} of {total} entries." if total > len(shown) else f"{total} entries."
    return html.Div([
        html.P([note, " ", download]),
        html.Div(data_table(shown, "Audit log, newest first"), className="table-responsive"),
    ])


PAGE = Page("audit", "/admin/audit-log", "Audit log", layout, filters=False)
