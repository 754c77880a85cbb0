from dash import Input, Output
from flask import current_app

from callbacks.audit import log_children
from callbacks.common import refusing, request_for
from callbacks.inputs import InputRefused, text
from callbacks.router import FILTER_INPUTS
from callbacks.viewer import require
from dashboard import ids
from dashboard.pages import neet
from data import store
from data.measures.periods import period_ending
from data.measures.timeline import timeline


CHILD_LENGTH = 20


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
            "trend": request.trend("neet_16_17", quarter.run(8))}
    if view["neet"]["result"].rows is not None:
        log_children(request.viewer, "NEET cohort page: NEET list", view["neet"]["result"].rows)
    return neet.content(view)


def show_timeline(selected):
    require("view-page", "neet")
    viewer = require("view-children")
    if not selected:
        return "Select a young person in the list above."
    if not isinstance(selected, list) or len(selected) != 1 or not isinstance(selected[0], dict):
        raise InputRefused("Select one young person in the list.")
    child = text(selected[0].get("child"), CHILD_LENGTH, "young person")
    data = store.dataset(current_app.config["SETTINGS"])
    matches = data.header[data.header["child"] == child]
    if matches.empty:
        raise InputRefused("The young person asked for is not in the data.")
    la = matches["la"].iloc[0]
    events = timeline(data, la, child)
    import pandas as pd
    log_children(viewer, "NEET cohort page: timeline", pd.DataFrame({"la": [la], "child": [child]}))
    return neet.timeline_view(child, events)
