"""One young person's timeline (managers): what happened, newest first, in words."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.pages.frame import page_frame
from dashboard.page import Page, PageView


def layout(_view: PageView):
    return page_frame("timeline", "A young person's timeline",
                      "Care episodes, reviews, education and employment checks and escalations for one young "
                      "person. Pseudonymous id only; opening a timeline is recorded.")


def content(timeline, message: str = "") -> html.Div:
    back = html.P(dcc.Link("Back to the worklist", href="/worklist"), className="small")
    if timeline is None:
        return html.Div([dbc.Alert(message, color="warning", className="refusal"), back])
    return html.Div([back, timeline])


PAGE = Page("timeline", "/timeline", "Timeline", layout, title="A young person's timeline", filters=False,
            in_navigation=False)
