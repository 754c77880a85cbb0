"""Commentary (managers): for a measure and period, the figure, a summary drafted from the data,
and the service's own words ("what the figure means, why it moved, what we are doing"). Each save
is a new version; earlier versions are kept and listed."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.components import status_badge
from dashboard.pages.frame import page_frame
from data.commentary import MAX_LENGTH
from dashboard.page import Page, PageView
from data.measures.catalogue import MEASURES


def layout(view: PageView) -> html.Div:
    measures = [(m.id, view.words(m.name)) for m in MEASURES]
    periods, period = list(view.periods), view.default_period
    choose = dbc.Row([
        dbc.Col([dbc.Label("Measure", html_for=ids.COMMENT_MEASURE, id=f"{ids.COMMENT_MEASURE}-label"),
                 dcc.Dropdown(id=ids.COMMENT_MEASURE, options=[{"value": i, "label": n} for i, n in measures],
                              value=measures[0][0], clearable=False)], md=7),
        dbc.Col([dbc.Label("Period", html_for=ids.COMMENT_PERIOD, id=f"{ids.COMMENT_PERIOD}-label"),
                 dcc.Dropdown(id=ids.COMMENT_PERIOD, options=periods, value=period, clearable=False)], md=3),
    ], className="mb-3 filter-bar")
    editor = html.Div([
        dbc.Label("Commentary for the committee pack and the pages", html_for=ids.COMMENT_TEXT),
        dbc.Textarea(id=ids.COMMENT_TEXT, rows=6, maxLength=MAX_LENGTH,
                     placeholder="What the figure means, why it moved, what the service is doing about it."),
        html.Div([
            dbc.Button("Save as a new version", id=ids.COMMENT_SAVE, color="primary", className="me-2"),
            dbc.Button("Start from the draft", id=ids.COMMENT_USE_DRAFT, color="secondary", outline=True),
        ], className="mt-2"),
        html.Div(id=ids.COMMENT_MESSAGE, className="mt-2", **{"aria-live": "polite"}),
        dcc.Store(id=ids.COMMENT_SAVED),
    ], className="mb-3")
    return html.Div([
        page_frame("commentary", "Commentary",
                   "Write what a figure means, why it moved and what the service is doing. It appears under the "
                   "charts and in the committee pack. A draft written from the figures is offered to start from; "
                   "commentary is read by the committee, so write about groups, never about one child.",
                   controls=choose),
        editor,
    ])


def content(view: dict) -> html.Div:
    result = view["result"]
    history = view["history"]
    versions = html.Ul([html.Li([html.Strong(f"Version {c.version}"), f", {c.author}, {c.written_at:%d/%m/%Y %H:%M}: ",
                                 c.text]) for c in history]) if history else html.P("No commentary yet.")
    return html.Div([
        html.H2(view["name"], className="h5"),
        html.P([html.Strong(view["figure"]), " ", status_badge(result.status)]),
        html.H3("Summary drafted from the data", className="h6"),
        html.P(view["draft"], id=ids.COMMENT_DRAFT, className="border-start border-3 ps-2"),
        html.H3("Versions, newest first", className="h6"),
        versions,
    ])


def saved(version: int, withheld: list[int] = ()) -> dbc.Alert:
    if not withheld:
        return dbc.Alert(f"Saved as version {version}.", color="success")
    numbers = " and ".join(f"{n:,}" for n in withheld)
    return dbc.Alert(f"Saved as version {version}, for directors and managers. The committee will not see it: it "
                     f"holds {numbers}, a number the committee's figures withhold for this measure and period "
                     "(so that no child can be identified). Write it without that number for the committee to "
                     "read it.", color="warning")


def refused(message: str) -> dbc.Alert:
    return dbc.Alert(message, color="danger")


def under_page(comments: list[tuple[str, object]]) -> html.Section | None:
    """The current commentary for a page's measures, under its charts."""
    if not comments:
        return None
    return html.Section([html.H2("Commentary", className="h5 mt-3")] + [
        html.Div([html.H3(name, className="h6 mb-1"), html.P(c.text, className="mb-1"),
                  html.P(f"{c.author}, {c.written_at:%d %B %Y} (version {c.version})", className="small text-body-secondary")],
                 className="border-start border-3 ps-2 mb-2") for name, c in comments])


PAGE = Page("commentary", "/commentary", "Commentary", layout, title="Commentary on the figures", filters=False)
