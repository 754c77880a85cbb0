"""The commentary page (managers write) and the commentary shown under each theme page (everyone)."""
from __future__ import annotations

from dash import Input, Output, State, no_update
from flask import current_app

from callbacks.common import council_words
from callbacks.scope import default_period, filter_options
from callbacks.viewer import current_viewer
from dashboard import ids
from dashboard.components import format_value
from dashboard.pages import commentary as page
from dashboard.pages.frame import no_access
from data import commentary, disclosure, store
from data.measures.catalogue import MEASURES, MEASURES_BY_ID, THEMES
from data.measures.periods import PeriodError, parse_period
from data.measures.report import Scope
from data.pack_content import drafted, readable_comments

WRITERS = ("manager",)
PAGE_THEMES = dict(zip(("reviews", "participation", "placements", "escalations", "workload", "neet"), THEMES))


def register(app) -> None:
    app.callback(Output(ids.content_id("commentary"), "children"), Output(ids.COMMENT_TEXT, "value"),
                 Input(ids.COMMENT_MEASURE, "value"), Input(ids.COMMENT_PERIOD, "value"),
                 Input(ids.COMMENT_SAVED, "data"))(render)
    app.callback(Output(ids.COMMENT_TEXT, "value", allow_duplicate=True), Input(ids.COMMENT_USE_DRAFT, "n_clicks"),
                 State(ids.COMMENT_DRAFT, "children"), prevent_initial_call=True)(use_draft)
    app.callback(Output(ids.COMMENT_MESSAGE, "children"), Output(ids.COMMENT_SAVED, "data"),
                 Input(ids.COMMENT_SAVE, "n_clicks"), State(ids.COMMENT_MEASURE, "value"),
                 State(ids.COMMENT_PERIOD, "value"), State(ids.COMMENT_TEXT, "value"),
                 prevent_initial_call=True)(save)
    app.callback(Output(ids.PAGE_COMMENTARY, "children"), Input(ids.URL, "pathname"),
                 Input(ids.filter_id("period"), "value"))(under_page)


def layout():
    """The page's layout, built per request: the periods the data covers."""
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    measures = [(m.id, council_words(m.name, settings)) for m in MEASURES]
    periods = [value for value, _ in filter_options(data).periods]
    return page.layout(measures, periods, default_period(data))


def render(measure_id, period, _saved):
    viewer = current_viewer()
    if viewer.role not in WRITERS:
        return no_access("Commentary", viewer.role), ""
    settings = current_app.config["SETTINGS"]
    measure, scope = _checked(measure_id, period)
    data = store.dataset(settings)
    name = council_words(measure.name, settings)
    result, _previous, text = drafted(lambda measure_id, at: disclosure.shown(settings, data, at, measure_id,
                                                                               viewer.role), measure.id, scope, name)
    history = commentary.history(settings, measure.id, scope.period.label)
    view = {"name": name, "result": result, "figure": format_value(result.value, result.unit), "draft": text,
            "history": history}
    return page.content(view), history[0].text if history else ""


def use_draft(_clicks, draft_text):
    if current_viewer().role not in WRITERS:
        return no_update
    return draft_text


def save(_clicks, measure_id, period, text):
    viewer = current_viewer()
    if viewer.role not in WRITERS:
        return no_access("Commentary", viewer.role), no_update
    measure, scope = _checked(measure_id, period)
    try:
        saved = commentary.save(current_app.config["SETTINGS"], measure.id, scope.period.label, text, viewer.name)
    except commentary.CommentaryRefused as refusal:
        return page.refused(str(refusal)), no_update
    settings = current_app.config["SETTINGS"]
    withheld = disclosure.withheld_numbers(settings, store.dataset(settings), measure.id, scope.period.label,
                                           saved.text)
    return page.saved(saved.version, withheld), saved.version


def under_page(pathname, period):
    viewer = current_viewer()
    settings = current_app.config["SETTINGS"]
    slug = (pathname or "/").strip("/") or "overview"
    themes = THEMES if slug == "overview" else (PAGE_THEMES.get(slug),)
    try:
        label = parse_period(period).label if period else default_period(store.dataset(settings))
    except PeriodError:
        return None
    comments = readable_comments(settings, store.dataset(settings), label, viewer.role)
    shown = [(council_words(m.name, settings), comments[m.id]) for m in MEASURES
             if m.theme in themes and m.id in comments]
    return page.under_page(shown)


def _checked(measure_id, period):
    """Input values name what to show, never who may see it; unknown values fall back safely."""
    measure = MEASURES_BY_ID.get(str(measure_id)) or MEASURES[0]
    data = store.dataset(current_app.config["SETTINGS"])
    try:
        parsed = parse_period(str(period))
    except PeriodError:
        parsed = parse_period(default_period(data))
    return measure, Scope(parsed)
