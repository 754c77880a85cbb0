from dash import Input, Output
from flask import current_app

from callbacks.audit import log_children
from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from callbacks.viewer import current_viewer
from dashboard import ids
from dashboard.pages import neet
from dashboard.pages.frame import no_access
from data import store
from data.measures.periods import period_ending
from data.measures.timeline import timeline


def register(app) -> None:
    app.callback(Output(ids.content_id("neet"), "children"), FILTER_INPUTS)(refusing(render))
    app.callback(Output(ids.TIMELINE, "children"), Input(ids.GRID_NEET, "selectedRows"),
                 prevent_initial_call=True)(show_timeline)


def render(*inputs):
    request = request_for(list(inputs))
    if not request.viewer.sees_children:
        return no_access("NEET cohort", request.viewer.role)
    quarter = period_ending(request.scope.as_at or request.scope.period.end, "quarter")
    view = {"period": request.scope.period.label, "query": request.query, "as_at": request.as_at_text,
            "neet": request.entry("neet_16_17"), "checks": request.entry("neet_checks_overdue"),
            "leavers_neet": request.entry("care_leavers_neet"), "in_touch": request.entry("care_leavers_in_touch"),
            "trend": request.trend("neet_16_17", quarter.run(8))}
    log_children(request.viewer, "NEET cohort page: NEET list", view["neet"]["result"].rows)
    return neet.content(view)


def show_timeline(selected):
    viewer = current_viewer()
    if not viewer.sees_children:
        return no_access("timeline", viewer.role)
    if not selected:
        return "Select a young person in the list above."
    child = str(selected[0].get("child", ""))
    data = store.dataset(current_app.config["SETTINGS"])
    matches = data.header[data.header["child"] == child]
    la = matches["la"].iloc[0] if len(matches) else current_app.config["SETTINGS"].council_code
    events = timeline(data, la, child)
    import pandas as pd
    log_children(viewer, "NEET cohort page: timeline", pd.DataFrame({"la": [la], "child": [child]}))
    return neet.timeline_view(child, events)
