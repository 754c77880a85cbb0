"""The frame around every page: skip link, header, navigation and the page container."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.registry import NAVIGATION, PAGES


def shell(council_name: str) -> html.Div:
    links = [dbc.NavItem(dbc.NavLink(page.name, href=page.path, id=ids.nav_link_id(page.slug), active="exact"))
             for page in NAVIGATION]
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        html.A("Skip to main content", href="#main", className="visually-hidden-focusable skip-link"),
        html.Header(dbc.Navbar(dbc.Container([
            html.Div([html.Span(council_name, className="d-block small text-white"),
                      html.Span("IRO service dashboard", className="navbar-brand mb-0 h1")]),
            html.Button(html.Span(className="navbar-toggler-icon"), id=ids.NAV_TOGGLE, className="navbar-toggler",
                        type="button", **{"aria-label": "Menu", "aria-controls": ids.NAV_COLLAPSE}),
            dbc.Collapse(dbc.Nav(links, navbar=True, id=ids.NAV, className="ms-auto flex-wrap"),
                         id=ids.NAV_COLLAPSE, navbar=True, is_open=False),
        ], fluid=True), color="dark", dark=True, expand="xl", className="mb-3")),
        html.Main(dbc.Container(html.Div(id=ids.PAGE), fluid=True), id="main", tabIndex="-1"),
        html.Footer(dbc.Container(html.Div(id=ids.FOOTER), fluid=True), className="page-footer mt-4 py-3"),
        # each page's own title in the browser's tab and history (assets/nav-toggle.js)
        dcc.Store(id=ids.PAGE_TITLES, data={"titles": {p.path: p.browser_title for p in PAGES},
                                            "suffix": f" - IRO service dashboard - {council_name}"}),
        dcc.Store(id=ids.TITLE_SHOWN),
    ])
