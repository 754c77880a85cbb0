"""The audit log page: admins only, checked on every call, and every reading of it recorded."""
from __future__ import annotations

from dash import Input, Output
from flask import current_app

from callbacks.inputs import text
from callbacks.viewer import require
from dashboard import ids
from dashboard.pages import audit_log
from data import audit

USER_LENGTH, CHILD_LENGTH = 100, 40  # as long as the page's search boxes take


def register(app) -> None:
    app.callback(Output(ids.content_id("audit"), "children"), Input(ids.AUDIT_USER, "value"),
                 Input(ids.AUDIT_CHILD, "value"))(render)


def render(user, child):
    viewer = require("read-audit-log")
    user, child = text(user, USER_LENGTH, "user name"), text(child, CHILD_LENGTH, "child id")
    settings = current_app.config["SETTINGS"]
    entries = audit.entries(settings, user, child)
    audit.record(settings, viewer.name, viewer.role, reading("audit log page", user, child, min(len(entries), audit_log.SHOWN)), [])
    return audit_log.content(entries, len(entries), user, child)


def reading(where: str, user: str, child: str, shown: int) -> str:
    """What an admin read, for the log itself: the search and how many entries it showed."""
    search = "; ".join(part for part in (user and f"user {user}", child and f"child {child}") if part) or "everything"
    return f"{where}: read {shown:,} entries ({search})"
