from dash import Output

from callbacks.common import request_for
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import overview
from data.measures.catalogue import MEASURES

TREND_YEARS = 5


def register(app) -> None:
    app.callback(Output(ids.content_id("overview"), "children"), FILTER_INPUTS)(render)


def render(*inputs):
    request = request_for(list(inputs))
    periods = TREND_YEARS if request.scope.period.grain == "year" else 8
    entries = [request.entry(m.id, with_trend=periods) for m in MEASURES
               if m.id in request.settings.measure_rules]
    return overview.content(entries, request.scope.period.label, request.as_at_text, request.query)
