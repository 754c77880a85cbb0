from dash import ALL, Output, callback_context

from callbacks.common import refusing, request_for
from callbacks.inputs import InputRefused
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import overview
from dashboard.registry import THEME_PAGES
from data.measures.catalogue import MEASURES_BY_ID
from data.measures.result import AMBER, RED
from data.measures.summary import reason
from data.pack_content import explaining
from data.permissions import allowed

ATTENTION = (RED, AMBER)

TREND_YEARS = 5


def register(app) -> None:
    app.callback(Output(ids.content_id("overview"), "children"), FILTER_INPUTS)(refusing(render))
    app.callback(Output({"type": overview.SPARK, "measure": ALL}, "children"), FILTER_INPUTS)(refusing(render_trends))


def _rag_measures(request) -> list[str]:
    return [m for m in MEASURES_BY_ID if m in request.settings.measure_rules]


def render(*inputs):
    """What needs attention first (each measure off or near target, with why), then every measure
    with a RAG rule as a tile: this period and the one before."""
    request = request_for("overview", list(inputs))
    entries = [request.entry(m, detail=False) for m in _rag_measures(request)]
    for entry in entries:
        if entry["result"].status in ATTENTION:
            entry["reason"] = _reason(request, entry)
    pages = {theme: page.path for theme, page in THEME_PAGES.items()
             if allowed(request.viewer, "view-page", page.slug)}
    return overview.content(entries, request.scope.period.label, request.as_at_text, request.query, pages)


def _reason(request, entry) -> str:
    shown = lambda measure_id, scope: request.result(measure_id, scope)  # noqa: E731
    breakdown, label = explaining(entry["id"], request.scope, shown)
    return reason(entry["result"], request.previous(entry["id"]), breakdown, label)


def render_trends(*inputs):
    """Each tile's five-period trend, in the order the page holds the tiles."""
    request = request_for("overview", list(inputs))
    periods = TREND_YEARS if request.scope.period.grain == "year" else 8
    wanted = [item["id"].get("measure") for item in callback_context.outputs_list]
    if len(set(wanted)) != len(wanted) or not set(wanted) <= set(_rag_measures(request)):
        raise InputRefused("The trends asked for are not the tiles the overview shows.")
    entries = [request.entry(m, with_trend=periods, detail=False) for m in wanted]
    return overview.sparklines(entries)
