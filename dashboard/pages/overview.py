"""Overview: the Director's page. What needs attention first, with why; then every measure with a RAG rule as a
tile, grouped by theme."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import figures
from dashboard.components import against_target, sparkline_box, status_badge, target_text, tile
from data.measures.summary import target_of
from dashboard.pages.frame import page_frame, period_heading, section
from dashboard.page import Page, PageView

SPARK = "overview-sparkline"  # the trends arrive in a second request, after the tiles
ATTENTION = ("RED", "AMBER")


def layout(view: PageView):
    return page_frame("overview", "Overview",
                      "What needs attention, and why; then every measure with a target and its trend.", view)


def sparklines(entries: list[dict]) -> list:
    return [sparkline_box(e["name"], figures.sparkline(e["trend"], e["result"].unit, e["name"],
                                                        target_of(e["result"])),
                          e["trend_text"] + (f"; {target_text(e['result']).lower()}" if e["result"].rule else ""))
            for e in entries]


def content(entries: list[dict], period_label: str, as_at: str, query: str, theme_pages: dict) -> html.Div:
    """`theme_pages`: the path of each theme's page the viewer may open."""
    def href(entry):
        path = theme_pages.get(entry["theme"])
        return path + query if path else None

    def link(entry):
        return dcc.Link(entry["name"], href=href(entry)) if href(entry) else entry["name"]

    attention = sorted((e for e in entries if e["result"].status in ATTENTION),
                       key=lambda e: ATTENTION.index(e["result"].status))
    heading = html.H2(["Needs attention ", html.Span(
        f"{len(attention)} of {len(entries)} measures with a target, {period_label} as at {as_at}",
        className="fs-6 fw-normal text-body-secondary")], className="h5 mt-2")
    sections = [html.Section([heading, _attention_list(attention, link)])]
    for theme in dict.fromkeys(e["theme"] for e in entries):
        cards = [dbc.Col(tile(e, href(e), html.Div(className="sparkline-slot", style={"height": "72px"},
                                                   id={"type": SPARK, "measure": e["id"]})),
                         xs=12, sm=6, lg=4, xxl=3, className="mb-3")
                 for e in entries if e["theme"] == theme]
        sections.append(section(theme, dbc.Row(cards)))
    papers = html.P([
        "For the committee or board: ",
        html.A("the performance pack (PDF)", href=f"/download/pack.pdf{query}"), " with charts, numbers, "
        "commentary and definitions, or ", html.A("every measure for five periods (Excel)",
                                                  href=f"/download/measures.xlsx{query}"),
        ". Both show what your role may see. The PDF takes a few seconds to make.",
    ], className="small")
    return html.Div([sections[0], html.H2("Every measure with a target", className="h5 mt-4"),
                     period_heading(period_label, as_at), *sections[1:], papers])


def _attention_list(entries: list[dict], link) -> html.Ul | html.P:
    if not entries:
        return html.P([status_badge("GREEN", small=True), " Every measure with a target is on target."])
    return html.Ul([html.Li([
        html.Div([status_badge(e["result"].status, small=True), html.Strong(link(e), className="ms-2")],
                 className="attention-head"),
        html.Div([html.Span(against_target(e["result"]) + ". ", className="text-body"), e.get("reason", "")],
                 className="small text-body-secondary"),
    ], className="attention-item") for e in entries], className="attention-list list-unstyled mb-2")


PAGE = Page("overview", "/", "Overview", layout, title="Overview: what needs attention")
