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
from callbacks.common import council_words
from dashboard.pack import build
from dashboard.pack.pdf import PdfUnavailable
from data import audit, disclosure, findings, pack_content, store


def register_routes(server) -> None:
    server.add_url_rule("/download/<slug>.csv", "child_list_csv", child_list_csv)
    server.add_url_rule("/admin/audit-log.csv", "audit_log_csv", audit_log_csv)
    server.add_url_rule("/download/fix-list/<rule>.csv", "fix_list_csv", fix_list_csv)
    server.add_url_rule("/download/pack.pdf", "pack_pdf", pack_pdf)
    server.add_url_rule("/download/measures.xlsx", "measures_xlsx", measures_xlsx)


def pack_pdf() -> Response:
    """The committee pack for the filters in the address, as the viewer's role may see it."""
    viewer = current_viewer()
    settings, data, scope = _request_scope()
    words = lambda text: council_words(text, settings)  # noqa: E731
    try:
        pdf = build.pack_pdf(pack_content.gather(settings, data, scope, viewer.role, words))
    except PdfUnavailable as missing:
        return Response(str(missing), status=503, mimetype="text/plain")
    return _file(pdf, "application/pdf", build.file_name(settings.council_name, scope.period.label, viewer.role, "pdf"))


def measures_xlsx() -> Response:
    viewer = current_viewer()
    settings, data, scope = _request_scope()
    words = lambda text: council_words(text, settings)  # noqa: E731
    table = pack_content.measure_table(settings, data, scope, viewer.role, words=words)
    workbook = build.measures_workbook(table, settings.council_name, scope.period.label, viewer.role,
                                       settings.measure_rules, words)
    return _file(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 build.file_name(settings.council_name, scope.period.label, viewer.role, "xlsx"))


def _request_scope():
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    return settings, data, scope_from(parse_query(request.query_string.decode()), data)


def _file(content: bytes, mimetype: str, file_name: str) -> Response:
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{file_name}"',
                                                         "Cache-Control": "no-store"})


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


def fix_list_csv(rule: str) -> Response:
    """Every row one rule flagged in an import, for the case management team to correct."""
    viewer = current_viewer()
    if not viewer.sees_children:
        abort(403)
    settings = current_app.config["SETTINGS"]
    import_id = request.args.get("import", type=int) or findings.latest_import_id(settings)
    rows = findings.rows(settings, import_id, rule) if import_id else None
    if rows is None or rows.empty:
        abort(404)
    named = rows.loc[rows["child"].notna()].rename(columns={"council": "la"})
    log_children(viewer, f"download: fix list for rule {rule}, import {import_id} (CSV)", named)
    return csv_response(rows, f"fix-list-{rule}-import-{import_id}.csv")


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
