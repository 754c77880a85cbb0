"""What every page has: a heading, a line saying what it shows, the filters, and its content area."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.filterbar import filter_bar


def page_frame(slug: str, title: str, intro: str, view=None, controls=None) -> html.Div:
    """`view` (dashboard.page.PageView) brings the filter bar, for a page that has one."""
    options = view.options if view is not None else None
    parts = [html.H1(title, className="h3"), html.P(intro, className="lead fs-6")]
    if options is not None:
        parts.append(filter_bar(view.values, options, view.show_council))
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


ROLE_NAMES = {"committee": "the scrutiny committee", "director": "directors", "manager": "service managers",
              "admin": "administrators"}


def no_access(page_name: str, role: str, roles: tuple[str, ...]) -> html.Div:
    names = [ROLE_NAMES[r] for r in roles]
    open_to = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return html.Div([html.H1(f"{page_name}: not open to you", className="h3"), dbc.Alert(
        f"You cannot open the {page_name} page. It is open to {open_to}. You are signed in as "
        f"{ROLE_NAMES.get(role, role)}.", color="warning")])


def refusal(reason: str) -> dbc.Alert:
    """A request the viewer's role may not make, and why (never a widened or narrowed answer)."""
    return dbc.Alert(reason, color="warning", className="refusal")


def imported_text(last_import) -> str:
    """When the data was last imported, as the pages say it: "3 December 2026 at 13:58"."""
    if last_import is None or pd.isna(last_import):
        return "never"
    return f"{last_import.day} {last_import:%B %Y at %H:%M}"


def page_footer(runs_to, last_import) -> html.Div:
    runs = f"{runs_to.day} {runs_to:%B %Y}" if runs_to else "no data yet"
    imported = imported_text(last_import)
    return html.Div([
        html.P(["Source: this council's SSDA903 returns to the Department for Education and its own local "
                f"extracts (IRO allocations, escalations, education status, review feedback). The data runs to {runs}; "
                f"last imported {imported}."], className="small mb-1"),
        html.P([dcc.Link("About the figures", href="/about"), " · ", dcc.Link("Accessibility statement",
                                                                              href="/accessibility")],
               className="small mb-0"),
    ])
