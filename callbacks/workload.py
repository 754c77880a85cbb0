from dash import Output

from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import workload


def register(app) -> None:
    app.callback(Output(ids.content_id("workload"), "children"), FILTER_INPUTS)(refusing(render))


def render(*inputs):
    request = request_for("workload", list(inputs))
    return workload.content({"period": request.scope.period.label, "as_at": request.as_at_text,
                             "caseload": request.entry("iro_caseload"),
                             "trend": request.trend("iro_caseload", request.scope.period.run(5))})
