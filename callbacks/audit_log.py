"""The audit log page: admins only, checked on every call."""
from __future__ import annotations

from dash import Input, Output
from flask import current_app

from callbacks.viewer import current_viewer
from dashboard import ids
from dashboard.pages import audit_log
from dashboard.pages.frame import no_access
from data import audit


def register(app) -> None:
    app.callback(Output(ids.content_id("audit"), "children"), Input(ids.AUDIT_USER, "value"),
                 Input(ids.AUDIT_CHILD, "value"))(render)


def render(user, child):
    viewer = current_viewer()
    if viewer.role != "admin":
        return no_access("Audit log", viewer.role, "admin")
    user, child = str(user or "").strip()[:100], str(child or "").strip()[:40]
    entries = audit.entries(current_app.config["SETTINGS"], user, child)
    return audit_log.content(entries, len(entries), user, child)
