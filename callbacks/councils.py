from dataclasses import replace

import pandas as pd
from dash import Input, Output

from callbacks.common import refusing, request_for
from callbacks.inputs import one_of
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import councils
from data.measures.benchmarks import for_measure, load_benchmarks
from data.measures.catalogue import MEASURES_BY_ID
from data.measures.report import Scope


def register(app) -> None:
    app.callback(Output(ids.content_id("councils"), "children"),
                 FILTER_INPUTS + [Input(councils.MEASURE_CHOICE, "value")])(refusing(render))


def render(*inputs):
    *filters, measure_id = inputs
    request = request_for("councils", filters)
    measure_id = one_of(measure_id, MEASURES_BY_ID, "measure")
    rows = []
    for code in request.data.councils:
        scope = Scope(request.scope.period, request.scope.as_at, replace(request.scope.filters, council=(code,)))
        r = request.result(measure_id, scope, detail=False)  # a bar each: headline figures are all it shows
        rows.append({"council": code, "value": r.value, "numerator": r.numerator, "denominator": r.denominator,
                     "status": r.status or "No target"})
    first = request.result(measure_id, detail=False)
    england = for_measure(load_benchmarks(), measure_id)
    # A national count says nothing next to one council's; shares and rates compare.
    latest = england.iloc[-1] if len(england) and first.unit in ("percent", "rate") else None
    lower_better = bool(first.rule and first.rule.direction == "lower_is_better")
    return councils.content({
        "id": measure_id, "name": MEASURES_BY_ID[measure_id].name, "unit": first.unit,
        "period": request.scope.period.label, "as_at": request.as_at_text, "by_council": pd.DataFrame(rows),
        "ascending": lower_better, "england": None if latest is None else float(latest["value"]),
        "england_year": None if latest is None else int(latest["year"]),
    })
