from dash import ClientsideFunction, Input, Output, State

from callbacks.audit import log_children
from callbacks.common import refusing, request_for
from callbacks.inputs import one_of
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.child_lists import on_page
from dashboard.pages import reviews

RUN = {"year": 5, "quarter": 8, "month": 12}


def register(app) -> None:
    app.callback(Output(ids.content_id("reviews"), "children"), FILTER_INPUTS + [Input(ids.VIEW_BY, "value")])(refusing(render))
    app.clientside_callback(ClientsideFunction("filters", "viewBy"), Output(ids.VIEW_ADDRESS, "search"),
                            Input(ids.VIEW_BY, "value"), State(ids.URL, "search"), prevent_initial_call=True)


def render(*inputs):
    *filters, grain = inputs
    request = request_for("reviews", filters)
    grain = one_of(grain, RUN, "view by")
    request.check_grain(grain)
    from data.measures.periods import period_ending
    latest = period_ending(request.scope.as_at or request.scope.period.end, grain)
    view = {
        "period": request.scope.period.label, "query": request.query, "as_at": request.as_at_text, "grain": grain,
        "timeliness": request.entry("review_timeliness"), "overdue": request.entry("reviews_overdue_now"),
        "due_soon": request.entry("reviews_due_next_28_days"), "midway": request.entry("midway_checks"),
        "trend": request.trend("review_timeliness", latest.run(RUN[grain])),
        "by_team": request.result("review_timeliness_by_team"), "drill_query": request.drill_query,
        "overdue_children": request.children("reviews_overdue_now"),
        "due_soon_children": request.children("reviews_due_next_28_days"), "list_as_at": request.list_as_at_text,
    }
    if request.viewer.sees_children:
        log_children(request.viewer, "reviews page: overdue and coming-due lists",
                     on_page(view["overdue_children"]), on_page(view["due_soon_children"]))
    return reviews.content(view)
