"""Server routes that return files with child-level rows: each checks the role on the server
and records the download in the audit log before sending it."""
from __future__ import annotations

from flask import Response, abort, current_app, request

from callbacks.audit import log_children
from callbacks.scope import scope_from
from callbacks.viewer import current_viewer
from dashboard.child_lists import CHILD_LISTS, shown_columns
from dashboard.csv_text import csv_text
from dashboard.filterbar import parse_query
from data import audit, disclosure, store


def register_routes(server) -> None:
    server.add_url_rule("/download/<slug>.csv", "child_list_csv", child_list_csv)
    server.add_url_rule("/admin/audit-log.csv", "audit_log_csv", audit_log_csv)


def child_list_csv(slug: str) -> Response:
    viewer = current_viewer()
    if not viewer.sees_children:
        abort(403)
    spec = CHILD_LISTS.get(slug) or abort(404)
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    scope = scope_from(parse_query(request.query_string.decode()), data)
    rows = disclosure.shown(settings, data, scope, spec.measure_id, viewer.role).rows
    if rows is None:
        abort(403)
    log_children(viewer, f"download: {spec.title} (CSV)", rows)
    return csv_response(shown_columns(spec, rows), f"{slug}-{scope.period.label}.csv")


def audit_log_csv() -> Response:
    viewer = current_viewer()
    if viewer.role != "admin":
        abort(403)
    settings = current_app.config["SETTINGS"]
    user, child = request.args.get("user", "")[:100], request.args.get("child", "")[:40]
    entries = audit.entries(settings, user, child)
    audit.record(settings, viewer.name, viewer.role, "download: the audit log (CSV)", [])
    return csv_response(entries, "audit-log.csv")


def csv_response(frame, file_name: str) -> Response:
    return Response(csv_text(frame), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{file_name}"',
                             "Cache-Control": "no-store"})
