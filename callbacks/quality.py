import pandas as pd
from dash import Input, Output
from flask import current_app

from callbacks.viewer import current_viewer
from dashboard import ids
from dashboard.pages import quality
from data import store

SHOWN = 500


def register(app) -> None:
    app.callback(Output(ids.content_id("quality"), "children"), Input(ids.URL, "pathname"))(render)


def render(_pathname):
    settings = current_app.config["SETTINGS"]
    viewer = current_viewer()
    imports = store.import_log(settings)
    succeeded = imports[imports["outcome"] == "succeeded"]
    found = pd.DataFrame(columns=["kind", "file", "file_row", "column_name", "child", "message"])
    if not succeeded.empty:
        found = store.findings(settings, int(succeeded["id"].iloc[0]), SHOWN if viewer.sees_children else None)
        if not viewer.sees_children:
            found = found.drop(columns=["child"])
    return quality.content(imports, found, viewer.sees_children)
