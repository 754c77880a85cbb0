from dash import Input, Output

from callbacks.audit import log_children
from callbacks.common import refusing, request_for
from callbacks.inputs import InputRefused, text
from callbacks.router import FILTER_INPUTS
from callbacks.timeline import CHILD_LENGTH, young_person_timeline
from callbacks.viewer import require
from dashboard import ids
from dashboard.pages import neet
from data.measures.periods import period_ending


def register(app) -> None:
    app.callback(Output(ids.content_id("neet"), "children"), FILTER_INPUTS)(refusing(render))
    app.callback(Output(ids.TIMELINE, "children"), Input(ids.GRID_NEET, "selectedRows"),
                 prevent_initial_call=True)(show_timeline)


def render(*inputs):
    request = request_for("neet", list(inputs))
    quarter = period_ending(request.scope.as_at or request.scope.period.end, "quarter")
    view = {"period": request.scope.period.label, "query": request.query, "as_at": request.as_at_text,
            "neet": request.entry("neet_16_17"), "checks": request.entry("neet_checks_overdue"),
            "leavers_neet": request.entry("care_leavers_neet"), "in_touch": request.entry("care_leavers_in_touch"),
            "trend": request.trend("neet_16_17", quarter.run(8)),
            "young_people": request.children("neet_16_17"), "list_as_at": request.list_as_at_text}
    if view["young_people"] is not None:
        log_children(request.viewer, "NEET cohort page: NEET list", view["young_people"])
    return neet.content(view)


def show_timeline(selected):
    require("view-page", "neet")
    viewer = require("view-children")
    if not selected:
        return "Select a young person in the list above."
    if not isinstance(selected, list) or len(selected) != 1 or not isinstance(selected[0], dict):
        raise InputRefused("Select one young person in the list.")
    child = text(selected[0].get("child"), CHILD_LENGTH, "young person")
    return young_person_timeline(viewer, None, child, "NEET cohort page: timeline")
