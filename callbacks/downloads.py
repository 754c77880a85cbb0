"""Server routes that return files with child-level rows: each checks the role on the server
and records the download in the audit log before sending it."""
from __future__ import annotations

from flask import Response, abort, current_app, request

from callbacks.audit import log_children
from callbacks.audit_log import CHILD_LENGTH, USER_LENGTH, reading
from callbacks.inputs import text
from callbacks.scope import address_values, list_scope, scope_from
from callbacks.viewer import require
from dashboard.child_lists import CHILD_LISTS, shown_columns
from dashboard.csv_text import csv_text
from callbacks.common import children_behind, council_words
from callbacks.worklist import items_now
from dashboard.pack import build
from dashboard.pack.pdf import PdfUnavailable
from data import audit, disclosure, findings, pack_content, store


def register_routes(server) -> None:
    server.add_url_rule("/download/worklist.csv", "worklist_csv", worklist_csv)
    server.add_url_rule("/download/<slug>.csv", "child_list_csv", child_list_csv)
    server.add_url_rule("/admin/audit-log.csv", "audit_log_csv", audit_log_csv)
    server.add_url_rule("/download/fix-list/<rule>.csv", "fix_list_csv", fix_list_csv)
    server.add_url_rule("/download/pack.pdf", "pack_pdf", pack_pdf)
    server.add_url_rule("/download/measures.xlsx", "measures_xlsx", measures_xlsx)


def pack_pdf() -> Response:
    """The committee pack for the filters in the address, as the viewer's role may see it."""
    viewer = require("download", "pack.pdf")
    settings, data, scope = _request_scope()
    words = lambda words_in: council_words(words_in, settings)  # noqa: E731
    try:
        pdf = build.pack_pdf(pack_content.gather(settings, data, scope, viewer, words))
    except PdfUnavailable as missing:
        return Response(str(missing), status=503, mimetype="text/plain")
    except disclosure.NotPublished as refused:
        return Response(str(refused), status=403, mimetype="text/plain")
    return _file(pdf, "application/pdf", build.file_name(settings.council_name, scope.period.label, viewer.role, "pdf"))


def measures_xlsx() -> Response:
    viewer = require("download", "measures.xlsx")
    settings, data, scope = _request_scope()
    words = lambda words_in: council_words(words_in, settings)  # noqa: E731
    try:
        table = pack_content.measure_table(settings, data, scope, viewer, words=words)
    except disclosure.NotPublished as refused:
        return Response(str(refused), status=403, mimetype="text/plain")
    workbook = build.measures_workbook(table, settings.council_name, scope.period.label, viewer.role,
                                       settings.measure_rules, words,
                                       f"{(scope.as_at or scope.period.end):%d %B %Y}")
    return _file(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 build.file_name(settings.council_name, scope.period.label, viewer.role, "xlsx"))


def _request_scope():
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    return settings, data, scope_from(address_values(request.query_string.decode(errors="replace")), data)


def _file(content: bytes, mimetype: str, file_name: str) -> Response:
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{file_name}"',
                                                         "Cache-Control": "no-store"})


def child_list_csv(slug: str) -> Response:
    viewer = require("download", "child-list")
    spec = CHILD_LISTS.get(slug) or abort(404)
    settings, data, scope = _request_scope()
    scope = list_scope(scope, data)  # the page's list: now, unless another period was chosen
    rows = children_behind(settings, data, scope, spec.measure_id, viewer.role)
    if rows is None:
        abort(403)
    log_children(viewer, f"download: {spec.title} (CSV)", rows)
    return csv_response(shown_columns(spec, rows), f"{slug}-{scope.period.label}.csv")


WORKLIST_COLUMNS = ["as_at", "kind", "council", "child", "what", "due", "days_overdue", "team", "iro", "adviser"]


def worklist_csv() -> Response:
    """The whole worklist as at the latest data date, one row per young person and item."""
    viewer = require("download", "child-list")
    settings, data, scope = _request_scope()
    now, items = items_now(settings, data, scope.filters)
    log_children(viewer, "download: worklist (CSV)", items)
    rows = items.rename(columns={"la": "council"}).assign(as_at=now.as_at.isoformat(),
                                                          due=items["due"].dt.strftime("%Y-%m-%d"))
    return csv_response(rows[WORKLIST_COLUMNS], f"worklist-{now.as_at.isoformat()}.csv")


RULE_LENGTH = 40  # DfE codes and the importer's own (IRO-dup-key) are a few characters


def fix_list_csv(rule: str) -> Response:
    """Every row one rule flagged in an import, for the case management team to correct."""
    viewer = require("download", "fix-list")
    settings = current_app.config["SETTINGS"]
    rule = text(rule, RULE_LENGTH, "rule")
    import_id = request.args.get("import", type=int) or findings.latest_import_id(settings)
    rows = findings.rows(settings, import_id, rule) if import_id else None
    if rows is None or rows.empty:
        abort(404)
    named = rows.loc[rows["child"].notna()].rename(columns={"council": "la"})
    log_children(viewer, f"download: fix list for rule {rule}, import {import_id} (CSV)", named)
    return csv_response(rows, f"fix-list-{rule}-import-{import_id}.csv")


def audit_log_csv() -> Response:
    viewer = require("download", "audit-log.csv")
    settings = current_app.config["SETTINGS"]
    user = text(request.args.get("user"), USER_LENGTH, "user name")
    child = text(request.args.get("child"), CHILD_LENGTH, "child id")
    entries = audit.entries(settings, user, child)
    audit.record(settings, viewer.name, viewer.role, reading("download: the audit log (CSV)", user, child,
                                                             len(entries)), [])
    return csv_response(entries, "audit-log.csv")


def csv_response(frame, file_name: str) -> Response:
    return Response(csv_text(frame), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{file_name}"',
                             "Cache-Control": "no-store"})
