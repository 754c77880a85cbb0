"""What every page has: a heading, a line saying what it shows, the filters, and its content area."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.filterbar import FilterOptions, filter_bar


def page_frame(slug: str, title: str, intro: str, values: dict | None = None, options: FilterOptions | None = None,
               show_council: bool = False, controls=None) -> html.Div:
    parts = [html.H1(title, className="h3"), html.P(intro, className="lead fs-6")]
    if options is not None:
        parts.append(filter_bar(values or {}, options, show_council))
        parts.append(html.Div(id=ids.QUALITY_NOTICE))  # filled by callbacks/quality.py
    if controls is not None:
        parts.append(controls)
    parts.append(dcc.Loading(html.Div(id=ids.content_id(slug), className="page-content", **{"aria-live": "polite"}),
                             type="default", delay_show=300))
    if options is not None:
        parts.append(html.Div(id=ids.PAGE_COMMENTARY))
    return html.Div(parts)


def period_heading(period_label: str, as_at: str, extra: str = "") -> html.P:
    return html.P([html.Strong(f"Period {period_label}"), f", as at {as_at}. {extra}"], className="mb-2")


def section(title: str, children, description: str = "") -> html.Section:
    return html.Section([html.H2(title, className="h5 mt-3"),
                         html.P(description, className="small text-body-secondary") if description else None,
                         children])


def cards_row(cards, lg: int = 6) -> dbc.Row:
    return dbc.Row([dbc.Col(card, xs=12, lg=lg, className="mb-3") for card in cards])


OPEN_TO = {"manager": "It is open to service managers only.",
           "admin": "It is open to administrators only."}


def no_access(page_name: str, role: str, open_to: str = "manager") -> dbc.Alert:
    return dbc.Alert(f"You cannot open the {page_name} page. {OPEN_TO[open_to]} You are signed in as {role}.",
                     color="warning")


def refusal(reason: str) -> dbc.Alert:
    """A request the viewer's role may not make, and why (never a widened or narrowed answer)."""
    return dbc.Alert(reason, color="warning", className="refusal")
