"""Overview: the Director's page. Every measure with a RAG rule as a tile, grouped by theme."""
from __future__ import annotations

from collections import Counter

import dash_bootstrap_components as dbc
from dash import html

from dashboard import figures
from dashboard.components import sparkline_box, status_badge, tile
from dashboard.pages.frame import page_frame, period_heading, section

SPARK = "overview-sparkline"  # the trends arrive in a second request, after the tiles
THEME_PAGES = {"Reviews": "/reviews", "Participation": "/participation", "Placements and sufficiency": "/placements",
               "Escalations": "/escalations", "IRO workload": "/workload", "NEET": "/neet"}


def layout(values, options, show_council, role):
    return page_frame("overview", "Overview",
                      "Every measure with a target, at a glance: its value with the numbers behind it, its status "
                      "(on target, near target or off target), the change since the period before, and its "
                      "trend over five years. Select a measure's name to see more.",
                      values, options, show_council)


def sparklines(entries: list[dict]) -> list:
    return [sparkline_box(e["name"], figures.sparkline(e["trend"], e["result"].unit, e["name"]), e["trend_text"])
            for e in entries]


def content(entries: list[dict], period_label: str, as_at: str, query: str) -> html.Div:
    counts = Counter(e["result"].status for e in entries)
    summary = html.Div([html.Span("Status of these measures: ", className="me-1")] + [
        html.Span([status_badge(status, small=True), f" {counts[status]}"], className="me-3")
        for status in ("GREEN", "AMBER", "RED", "NO DATA", "WITHHELD") if counts[status]
    ], className="mb-2")
    sections = []
    for theme, href in THEME_PAGES.items():
        theme_entries = [e for e in entries if e["theme"] == theme]
        if not theme_entries:
            continue
        cards = [dbc.Col(tile(e, href + query, html.Div(className="sparkline-slot", style={"height": "60px"},
                                                          id={"type": SPARK, "measure": e["id"]})),
                         xs=12, sm=6, lg=4, xxl=3, className="mb-3")
                 for e in theme_entries]
        sections.append(section(theme, dbc.Row(cards)))
    papers = html.P([
        "For the committee or board: ",
        html.A("the performance pack (PDF)", href=f"/download/pack.pdf{query}"), " with charts, numbers, "
        "commentary and definitions, or ", html.A("every measure for five periods (Excel)",
                                                  href=f"/download/measures.xlsx{query}"),
        ". Both show what your role may see. The PDF takes a few seconds to make.",
    ], className="small")
    return html.Div([period_heading(period_label, as_at), summary, papers, *sections])
