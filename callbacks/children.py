"""Drill-through (managers): the children behind one bar or row of a breakdown, in the scope of the
page it came from (its period and filters, from the address), recorded as sent."""
from __future__ import annotations

import urllib.parse

from dash import Input, Output
from flask import current_app

from callbacks.audit import log_children, require_children
from callbacks.inputs import one_of, text
from callbacks.scope import address_values, options_for, scope_from
from dashboard import ids
from dashboard.child_lists import PAGE_ROWS
from dashboard.filterbar import summary, to_query
from dashboard.pages import children
from dashboard.registry import THEME_PAGES
from data import store
from data.measures.context import make_context
from data.measures.drill import DRILLS, rows_behind

GROUP_LENGTH = 120  # the longest group a breakdown has is a few dozen characters


def register(app) -> None:
    app.callback(Output(ids.content_id("children"), "children"), Input(ids.URL, "search"))(render)


def render(search):
    viewer = require_children("children", "children behind a figure")
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    values = address_values(search)
    query = urllib.parse.parse_qs((search or "").lstrip("?"))
    if not query.get("list"):
        return children.content({"rows": None, "back": "/", "back_name": "the overview",
                                 "message": "Open a list of children from a row of a chart's table (\"Show as "
                                            "table\") on the Reviews, Participation or Placements page."})
    drill = DRILLS[one_of(query["list"][0], DRILLS, "list of children")]
    group = text((query.get("group") or [None])[0], GROUP_LENGTH, "group")
    scope = scope_from(values, data)
    context = make_context(data, scope.period, settings.measure_rules, settings.council, scope.as_at, scope.filters)
    rows = rows_behind(context, drill, group)
    page = THEME_PAGES[drill.theme]
    view = {"title": drill.title, "group": group, "counts": drill.counts, "rows": rows,
            "back": page.path + to_query(values), "back_name": page.name,
            "scope_text": summary(values, options_for(data)).removeprefix("Showing ") +
            f", as at {context.as_at:%d/%m/%Y}"}
    if rows is None:
        log_children(viewer, f"refused: children behind a figure, {drill.slug}, a group with no one in it")
        return children.content({**view, "message": "No one is counted in that group for this period and these "
                                                    "filters."})
    log_children(viewer, f"children behind a figure: {drill.title}, {group}", rows.head(PAGE_ROWS))
    return children.content(view)
