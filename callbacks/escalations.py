from dash import Output

from callbacks.audit import log_children
from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from dashboard import ids
from dashboard.child_lists import on_page
from dashboard.pages import escalations


def register(app) -> None:
    app.callback(Output(ids.content_id("escalations"), "children"), FILTER_INPUTS)(refusing(render))


def render(*inputs):
    request = request_for("escalations", list(inputs))
    view = {"period": request.scope.period.label, "query": request.query, "as_at": request.as_at_text,
            "raised": request.entry("escalations_raised"), "in_time": request.entry("escalations_resolved_in_time"),
            "admin": request.entry("escalations_admin_share"), "cafcass": request.entry("cafcass_referrals"),
            "trend": request.trend("escalations_resolved_in_time", request.scope.period.run(5)),
            "open_children": request.children("escalations_resolved_in_time"), "list_as_at": request.list_as_at_text}
    if view["open_children"] is not None:
        log_children(request.viewer, "escalations page: open escalations", on_page(view["open_children"]))
    return escalations.content(view)
