"""The manager's worklist, as at the latest data date: the page and its CSV share items_now()."""
from __future__ import annotations

from datetime import date

import pandas as pd
from dash import Output

from callbacks.audit import log_children, require_children
from callbacks.common import refusing, request_for
from callbacks.router import FILTER_INPUTS
from callbacks.scope import now_scope
from dashboard import ids
from dashboard.child_lists import PAGE_ROWS
from dashboard.pages import worklist as worklist_page
from data import store
from data.measures import worklist
from data.measures.context import make_context
from data.measures.filters import Filters
from data.measures.report import Scope


def register(app) -> None:
    app.callback(Output(ids.content_id("worklist"), "children"), FILTER_INPUTS)(refusing(render))


def render(*inputs):
    viewer = require_children("worklist", "worklist page")
    request = request_for("worklist", list(inputs))
    scope, items = items_now(request.settings, request.data, request.scope.filters)
    shown = items.groupby("kind", sort=False).head(PAGE_ROWS)  # what the page lists, and so what is recorded
    log_children(viewer, "worklist page", shown)
    return worklist_page.content({"items": items, "counts": worklist.counts(items), "as_at": scope.as_at,
                                  "last_import": store.last_import(request.settings), "query": request.query, "today": date.today()})


def items_now(settings, data, filters: Filters) -> tuple[Scope, pd.DataFrame]:
    """Everything due or overdue for the filtered children, as at the latest data date."""
    scope = now_scope(data, filters)
    context = make_context(data, scope.period, settings.measure_rules, settings.council, scope.as_at, filters)
    return scope, worklist.worklist(context)
