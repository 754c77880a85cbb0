from dash import Input, Output
from flask import current_app

from callbacks.common import council_words
from callbacks.viewer import require
from data.permissions import allowed
from dashboard import ids
from dashboard.pages import about
from data.measures.catalogue import MEASURES


def register(app) -> None:
    app.callback(Output(ids.content_id("about"), "children"), Input(ids.URL, "pathname"))(render)


def render(_pathname):
    viewer = require("view-page", "about")
    settings = current_app.config["SETTINGS"]
    measures = []
    for m in MEASURES:
        rule = settings.measure_rules.get(m.id)
        if rule is None:
            text = "No target: shown for information."
        else:
            fmt = (lambda v: f"{v:.0%}") if rule.green <= 1 and rule.amber <= 1 else (lambda v: f"{v:g}")
            better = "at least" if rule.direction == "higher_is_better" else "at most"
            text = (f"On target when {better} {fmt(rule.green)}; near target when {better} {fmt(rule.amber)}; "
                    "off target otherwise.")
            if rule.target is not None:
                text += f" Target {fmt(rule.target)}."
        measures.append({"id": m.id, "name": council_words(m.name, settings), "theme": m.theme,
                         "definition": council_words(m.definition, settings),
                         "rule": text, "needs": m.needs})
    return about.content(measures, settings.children_in_care, settings.suppression_threshold,
                         allowed(viewer, "upload-data"))
