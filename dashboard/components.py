"""Building blocks every page shares: graphs, status badges, tiles, chart cards with a table view."""
from __future__ import annotations

import urllib.parse

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.csv_text import csv_text
from dashboard.theme import status_style

# Every graph: no plotly "Share chart" (it sends the data to an outside service), no logo,
# no toolbar buttons that do not work offline.
# The toolbar is off: its buttons were seven faint tab stops a chart, and each chart's numbers are in
# its table view and CSV.
GRAPH_CONFIG = {"showSendToCloud": False, "showEditInChartStudio": False, "displaylogo": False,
                "responsive": True, "displayModeBar": False}
STATIC_CONFIG = {**GRAPH_CONFIG, "staticPlot": True, "displayModeBar": False}
WITHHELD_MARK = "withheld"
WITHHELD_KEY = ("withheld: a small number (from 1 to 4 children, or a number that would let one be worked out), "
                "not shown so that no child can be identified. It is not nought.")


def graph(figure, graph_id=None, static: bool = False, label: str = "") -> dcc.Graph:
    """The one way to put a chart on a page."""
    kwargs = {"id": graph_id} if graph_id else {}
    height = figure["layout"].get("height") or 320
    return dcc.Graph(figure=figure, config=STATIC_CONFIG if static else GRAPH_CONFIG,
                     className="chart", style={"height": f"{height}px"}, **kwargs)


def status_badge(status: str | None, small: bool = False) -> html.Span:
    icon, word, background, colour = status_style(status)
    return html.Span([html.Span(icon, **{"aria-hidden": "true"}, className="me-1") if icon else None, word],
                     className="status-badge" + (" status-badge-small" if small else ""),
                     style={"backgroundColor": background, "color": colour})


def format_value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if unit == "percent":
        return f"{value:.1%}"
    if unit in ("rate", "ratio"):
        return f"{value:,.1f}"
    return f"{value:,.0f}"


def counts_text(numerator, denominator, suppressed: bool = False) -> str:
    if suppressed:
        return "a small number, withheld"
    if numerator is None or pd.isna(numerator):
        return ""
    if denominator is None or pd.isna(denominator):
        return f"{numerator:,.0f}"
    return f"{numerator:,.0f} of {denominator:,.0f}"


def change_text(change, unit: str, previous_label: str) -> str:
    if change is None or pd.isna(change):
        return f"No comparison with {previous_label}"
    if abs(change) < (0.0005 if unit == "percent" else 0.05):  # would print as 0.0
        return f"About the same as {previous_label}"
    arrow = "Up" if change > 0 else "Down"
    amount = f"{abs(change) * 100:.1f} percentage points" if unit == "percent" else f"{abs(change):,.1f}"
    return f"{arrow} {amount} since {previous_label}"


def csv_href(frame: pd.DataFrame) -> str:
    """A data link for exactly the rows and columns shown (aggregates only: child-level lists are
    downloaded through a server route that checks the role and records the download)."""
    return "data:text/csv;charset=utf-8," + urllib.parse.quote(csv_text(frame))


def data_table(frame: pd.DataFrame, caption: str, formats: dict | None = None,
               caption_hidden: bool = False) -> html.Table:
    """An accessible table: caption (for screen readers only, where a heading above already says
    it), header cells with scope, numbers formatted."""
    formats = formats or {}
    head = html.Thead(html.Tr([html.Th(str(c), scope="col") for c in frame.columns]))
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            shown = formats[column](value) if column in formats else ("–" if value is None or
                                                                       (not isinstance(value, str) and pd.isna(value))
                                                                       else value)
            cells.append(html.Td(shown))
        rows.append(html.Tr(cells))
    return html.Table([html.Caption(caption, className="visually-hidden" if caption_hidden else None),
                       head, html.Tbody(rows)],
                      className="table table-sm table-striped caption-top mb-1")


def scrollable_list(frame: pd.DataFrame, caption: str, formats: dict | None = None) -> html.Div:
    """A list of children as a table that scrolls on its own and is reached by keyboard, its
    caption for screen readers only (a heading above says it)."""
    return html.Div(data_table(frame, caption, formats, caption_hidden=True), className="table-responsive child-list",
                    tabIndex="0", role="region", **{"aria-label": f"{caption}, scrollable"})


def table_view(frame: pd.DataFrame, caption: str, file_name: str, formats: dict | None = None,
               summary: str = "Show as table", download: pd.DataFrame | None = None) -> html.Details:
    """'Show as table': the chart's own numbers, and a CSV of exactly those (or of `download`, every
    group, where the chart shows only some)."""
    return html.Details([
        html.Summary(summary),
        html.Div(data_table(frame, caption, formats), className="table-responsive"),
        html.A("Download this table (CSV)" if download is None else f"Download all {len(download):,} rows (CSV)",
               href=csv_href(frame if download is None else download), download=f"{file_name}.csv",
               className="small"),
    ], className="table-view mt-1")


def chart_card(title: str, figure, table: pd.DataFrame, file_name: str, description: str = "",
               notes: tuple[str, ...] = (), formats: dict | None = None, graph_id=None,
               download: pd.DataFrame | None = None) -> dbc.Card:
    body = [html.H3(title, className="h6 card-title")]
    if description:
        body.append(html.P(description, className="small text-body-secondary mb-1"))
    figure["layout"].update(title=None, margin={**figure["layout"].get("margin", {}), "t": 30})  # the card names it
    body.append(graph(figure, graph_id))
    body.append(table_view(table, title, file_name, formats, download=download))
    body += [html.P(note, className="small mb-0 mt-1") for note in notes]
    return dbc.Card(dbc.CardBody(body), className="mb-3 h-100")


def missing_extract(what: str, files: tuple[str, ...]) -> dbc.Alert:
    """What a page shows instead of an empty chart when the local extract that fills it is absent."""
    names = ", ".join(f"{f}.csv" for f in files)
    return dbc.Alert([
        html.Strong(f"No data yet for {what}. "),
        f"The data team can import it ({names}); the About page says what it holds.",
    ], color="secondary", className="mb-3")


def target_text(result) -> str:
    rule = result.rule
    if rule is None:
        return ""
    if rule.target is not None:
        return f"Target: {format_value(rule.target, result.unit)}"
    return f"On target at {'≥' if rule.direction == 'higher_is_better' else '≤'} {format_value(rule.green, result.unit)}"


def against_target(result) -> str:
    """'88.0% (170 of 200); target 95.0%': a figure beside its target, in one line."""
    figure = "withheld" if result.suppressed else format_value(result.value, result.unit)
    counts = counts_text(result.numerator, result.denominator) if result.denominator is not None else ""
    target = target_text(result)
    return f"{figure}{f' ({counts})' if counts else ''}{f'; {target[0].lower()}{target[1:]}' if target else ''}"


def tile(entry: dict, href: str | None, trend_figure=None) -> dbc.Card:
    """A measure at a glance: name (a link to its page, where the viewer may open it), value with
    its counts, status, target, change, small trend."""
    result = entry["result"]
    unit = result.unit
    name = dcc.Link(entry["name"], href=href) if href else entry["name"]
    body = [
        html.H3(name, className="h6 mb-1"),
        html.Div([html.Span(format_value(result.value, unit), className="tile-value me-2"),
                  status_badge(result.status)], className="d-flex align-items-center flex-wrap gap-1"),
        html.P(counts_text(result.numerator, result.denominator, result.suppressed), className="small mb-1")
        if result.denominator is not None or result.suppressed else None,
        html.P(target_text(result), className="small mb-1") if result.rule else None,
        html.P(change_text(entry["change"], unit, entry["previous_label"]), className="small mb-0"),
    ]
    if trend_figure is not None:
        body.append(trend_figure)
    return dbc.Card(dbc.CardBody(body), className="h-100 tile")


def sparkline_box(name: str, figure, trend_text: str) -> html.Div:
    return html.Div(graph(figure, static=True), role="img", **{"aria-label": f"Trend of {name}: {trend_text}"})
