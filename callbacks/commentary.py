"""The commentary page (managers write) and the commentary shown under each theme page (everyone)."""
from __future__ import annotations

from dash import Input, Output, State, no_update
from flask import current_app

from callbacks.common import council_words
from callbacks.inputs import InputRefused, one_of, text
from callbacks.scope import checked_values, default_period, options_for
from callbacks.viewer import require
from dashboard import ids
from dashboard.components import format_value
from dashboard.pages import commentary as page
from dashboard.registry import PAGES_BY_PATH
from data import commentary, disclosure, store
from data.measures.catalogue import MEASURES, MEASURES_BY_ID, THEMES
from data.measures.periods import parse_period
from data.measures.report import Scope
from data.pack_content import drafted, readable_comments



def register(app) -> None:
    app.callback(Output(ids.content_id("commentary"), "children"), Output(ids.COMMENT_TEXT, "value"),
                 Input(ids.COMMENT_MEASURE, "value"), Input(ids.COMMENT_PERIOD, "value"),
                 Input(ids.COMMENT_SAVED, "data"))(render)
    app.callback(Output(ids.COMMENT_TEXT, "value", allow_duplicate=True), Input(ids.COMMENT_USE_DRAFT, "n_clicks"),
                 State(ids.COMMENT_MEASURE, "value"), State(ids.COMMENT_PERIOD, "value"),
                 prevent_initial_call=True)(use_draft)
    app.callback(Output(ids.COMMENT_MESSAGE, "children"), Output(ids.COMMENT_SAVED, "data"),
                 Input(ids.COMMENT_SAVE, "n_clicks"), State(ids.COMMENT_MEASURE, "value"),
                 State(ids.COMMENT_PERIOD, "value"), State(ids.COMMENT_TEXT, "value"),
                 prevent_initial_call=True)(save)
    app.callback(Output(ids.PAGE_COMMENTARY, "children"), Input(ids.URL, "pathname"),
                 Input(ids.filter_id("period"), "value"))(under_page)


def render(measure_id, period, _saved):
    viewer = require("write-commentary")
    measure, scope = _checked(measure_id, period)
    name, result, draft = _drafted(viewer, measure, scope)
    settings = current_app.config["SETTINGS"]
    history = commentary.history(settings, measure.id, scope.period.label)
    view = {"name": name, "result": result, "figure": format_value(result.value, result.unit), "draft": draft,
            "history": history}
    return page.content(view), history[0].text if history else ""


def use_draft(_clicks, measure_id, period):
    """The draft for the measure and period chosen, made again here rather than taken from the page."""
    viewer = require("write-commentary")
    return _drafted(viewer, *_checked(measure_id, period))[2]


def _drafted(viewer, measure, scope):
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    name = council_words(measure.name, settings)
    result, _previous, draft = drafted(lambda measure_id, at: disclosure.shown(settings, data, at, measure_id,
                                                                                viewer.role), measure.id, scope, name)
    return name, result, draft


def save(_clicks, measure_id, period, written):
    viewer = require("write-commentary")
    measure, scope = _checked(measure_id, period)
    try:
        saved = commentary.save(current_app.config["SETTINGS"], measure.id, scope.period.label,
                                text(written, commentary.MAX_LENGTH, "commentary"), viewer.name)
    except commentary.CommentaryRefused as refusal:
        return page.refused(str(refusal)), no_update
    settings = current_app.config["SETTINGS"]
    withheld = disclosure.withheld_numbers(settings, store.dataset(settings), measure.id, scope.period.label,
                                           saved.text)
    return page.saved(saved.version, withheld), saved.version


def under_page(pathname, period):
    page_asked = PAGES_BY_PATH.get(pathname or "/")
    if page_asked is None:
        raise InputRefused("The page asked for does not exist.")
    viewer = require("view-page", page_asked.slug)
    settings = current_app.config["SETTINGS"]
    themes = THEMES if page_asked.slug == "overview" else (page_asked.theme,)
    data = store.dataset(settings)
    label = checked_values({"period": period}, options_for(data)).get("period") or default_period(data)
    comments = readable_comments(settings, data, label, viewer.role)
    shown = [(council_words(m.name, settings), comments[m.id]) for m in MEASURES
             if m.theme in themes and m.id in comments]
    return page.under_page(shown)


def _checked(measure_id, period):
    """Input values name what to show, never who may see it: a measure and a period the page offers."""
    measure = MEASURES_BY_ID[one_of(measure_id, MEASURES_BY_ID, "measure")]
    data = store.dataset(current_app.config["SETTINGS"])
    return measure, Scope(parse_period(one_of(period, {v for v, _ in options_for(data).periods}, "period")))
