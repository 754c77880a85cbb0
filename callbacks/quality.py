"""The data quality page (findings by rule; rows and fix lists for managers, each view recorded) and
the line on the overview and theme pages naming rules that affect their figures."""
from __future__ import annotations

from dash import Input, Output
from flask import current_app

from callbacks.audit import log_children
from callbacks.inputs import InputRefused, text
from callbacks.viewer import require
from dashboard.registry import PAGES_BY_PATH
from dashboard import ids
from dashboard.pages import quality
from data import findings, store
from data.measures.catalogue import MEASURES

SHOWN = 200
RULE_LENGTH = 40


def register(app) -> None:
    app.callback(Output(ids.content_id("quality"), "children"), Input(ids.URL, "pathname"))(render)
    app.callback(Output(ids.QUALITY_ROWS, "children"), Input(ids.QUALITY_RULE, "value"))(rule_rows)
    app.callback(Output(ids.QUALITY_NOTICE, "children"), Input(ids.URL, "pathname"))(notice)


def render(_pathname):
    settings = current_app.config["SETTINGS"]
    viewer = require("view-page", "quality")
    imports = store.import_log(settings)
    import_id = findings.latest_import_id(settings)
    rules = findings.by_rule(settings, import_id)
    validation = findings.validation_of(settings, import_id) if import_id is not None else None
    return quality.content(imports, rules, validation, viewer.sees_children)


def rule_rows(rule):
    """One rule's rows, with child ids: managers only, and recorded before they are sent."""
    viewer = require("view-children")
    rule = text(rule, RULE_LENGTH, "rule")
    if not rule:
        return None
    settings = current_app.config["SETTINGS"]
    import_id = findings.latest_import_id(settings)
    summary = findings.by_rule(settings, import_id)
    if rule not in set(summary["rule"]):
        return None
    rows = findings.rows(settings, import_id, rule, limit=SHOWN)
    log_children(viewer, f"data quality page: rows of rule {rule}, import {import_id}", _children(rows))
    total = int(summary.loc[summary["rule"] == rule, "rows"].iloc[0])
    return quality.rule_rows(rule, rows, total, import_id)


def _children(rows):
    """The rows that name a child, as the audit log reads them (la, child)."""
    named = rows.loc[rows["child"].notna()]
    return named.rename(columns={"council": "la"})[["la", "child"]]


def notice(pathname):
    """Rule codes and counts only, no child: whoever may open the page sees it."""
    page = PAGES_BY_PATH.get(pathname or "/")
    if page is None:
        raise InputRefused("The page asked for does not exist.")
    require("view-page", page.slug)
    settings = current_app.config["SETTINGS"]
    if pathname == "/":
        measure_ids = [m.id for m in MEASURES if m.id in settings.measure_rules]
    elif page.theme:
        measure_ids = [m.id for m in MEASURES if m.theme == page.theme]
    else:
        return None
    return quality.notice(findings.page_notice(settings, measure_ids))
