"""The frame around every page: header, navigation and the page container."""
from __future__ import annotations

import dash
from dash import html


def shell(settings) -> html.Div:
    return html.Div([
        html.Header(html.Div([
            html.A("Skip to main content", href="#main", className="visually-hidden-focusable"),
            html.P(settings.council_name, className="mb-0 small"),
            html.H1("Independent Reviewing Officer service", className="h4 mb-0"),
        ], className="container py-2"), className="border-bottom bg-light"),
        html.Main(dash.page_container, id="main", className="container py-3"),
    ])
