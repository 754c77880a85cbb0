from dash import Output

from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.pages import participation


def register(app) -> None:
    app.callback(Output(ids.content_id("participation"), "children"), FILTER_INPUTS)(refusing(render))


def render(*inputs):
    request = request_for("participation", list(inputs))
    return participation.content({
        "period": request.scope.period.label, "as_at": request.as_at_text,
        "participation": request.entry("review_participation"), "feedback": request.entry("feedback_response_rate"),
        "advocate": request.entry("advocate_offered"), "by_age": request.result("review_participation_by_age"),
        "trend": request.trend("review_participation", request.scope.period.run(5)),
        "drill_query": request.drill_query,
    })
