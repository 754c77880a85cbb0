from dash import Output

from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import placements
from data.measures.benchmarks import for_measure, load_benchmarks


def register(app) -> None:
    app.callback(Output(ids.content_id("placements"), "children"), FILTER_INPUTS)(refusing(render))


def render(*inputs):
    request = request_for("placements", list(inputs))
    years = request.scope.period.run(5)
    rate_trend = request.trend("cla_rate_per_10k", years)
    england = for_measure(load_benchmarks(), "cla_rate_per_10k")
    by_year = {f"{y - 1}-{str(y)[2:]}": v for y, v in zip(england["year"], england["value"])}
    rate_trend["England"] = rate_trend["period"].map(by_year)
    shown = ", ".join(f"{p} {v:g}" for p, v in by_year.items() if p in set(rate_trend["period"]))
    return placements.content({
        "period": request.scope.period.label, "as_at": request.as_at_text,
        "term": request.settings.children_in_care,
        "count": request.entry("cla_count"), "rate": request.entry("cla_rate_per_10k"),
        "uasc": request.entry("uasc_share"), "over_20": request.entry("placed_over_20_miles"),
        "outside": request.entry("placed_outside_la"), "three_plus": request.entry("stability_3plus_placements"),
        "long_term": request.entry("stability_long_term"), "exits": request.entry("exits_by_reason"),
        "count_trend": request.trend("cla_count", years), "rate_trend": rate_trend,
        "drill_query": request.drill_query,
        "england": f"England, per 10,000 at 31 March (DfE): {shown}." if shown else
                   "No England figure for these years in the benchmark file.",
    })
