"""The upload page: admins only, checked here on every call; the same importer as the command line,
then the DfE's validation rules, whose progress the page shows while the import runs."""
from __future__ import annotations

import base64
import binascii
import logging
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
from dash import Input, Output, State, ctx
from flask import current_app

from callbacks.inputs import InputRefused
from callbacks.viewer import require
from dashboard import ids
from dashboard.pages import upload
from data import db, findings, store
from data.ingest.dfe_rules import rules_for
from data.ingest.importer import ImportResult, import_paths, log_failure
from data.ingest.problems import DFE_KIND, ImportFailed, Problem
from data.ingest.uploads import MAX_FILES, UploadRefused, save_uploads

ERRORS_SHOWN = 200
# Longer names are not files a browser chose; the importer refuses names over 100 characters with a
# message (uploads.SAFE_NAME), so a name that long still reaches it.
NAME_LENGTH = 1000
SOURCE = "upload page"

log = logging.getLogger(__name__)


def register(app) -> None:
    app.callback(Output(ids.content_id("upload"), "children"), Input(ids.UPLOAD, "filename"),
                 Input(ids.UPLOAD_BUTTON, "n_clicks"), State(ids.UPLOAD, "contents"), State(ids.UPLOAD_YEAR, "value"),
                 running=[(Output(ids.UPLOAD_BUTTON, "disabled"), True, False),
                          (Output(ids.UPLOAD_POLL, "disabled"), False, True),
                          (Output(ids.UPLOAD_PROGRESS, "hidden"), False, True)])(render)
    app.callback(Output(ids.UPLOAD_PROGRESS, "children"), Input(ids.UPLOAD_POLL, "n_intervals"))(progress)


def progress(_n):
    """While an upload runs: how far its DfE validation has got (read from the import log, so any
    worker can answer)."""
    viewer = require("upload-data")
    running = findings.running_validation(current_app.config["SETTINGS"], viewer.name)
    return upload.progress(*running) if running else upload.progress(None, None)


def render(names, _clicks, contents, year):
    """Choosing files lists them; the button imports them."""
    viewer = require("upload-data")
    if names is not None and (not isinstance(names, list) or len(names) > MAX_FILES or
                              not all(isinstance(n, str) and len(n) <= NAME_LENGTH for n in names)):
        raise InputRefused(f"Choose at most {MAX_FILES} files, each with a name of at most {NAME_LENGTH} characters.")
    if ctx.triggered_id != ids.UPLOAD_BUTTON:
        return upload.chosen(names)
    return run_import(viewer, contents, names, year)


def run_import(viewer, contents, names, year):
    settings = current_app.config["SETTINGS"]
    engine = db.get_engine(settings.database_url)
    names = [str(n) for n in (names or [])]
    try:
        files = _decoded(contents, names)
        year = _year(year)
        with tempfile.TemporaryDirectory(prefix="iro-upload-") as temporary:
            folder = Path(temporary) / "upload"
            folder.mkdir()
            save_uploads(files, folder)
            result = import_paths(engine, [folder], settings.council_code, user=viewer.name, source=SOURCE,
                                  year=year, dfe=rules_for(settings))
    except UploadRefused as refusal:
        log_failure(engine, datetime.now(), viewer.name, SOURCE, [n[:120] for n in names],
                    [Problem(", ".join(n[:120] for n in names) or "(nothing)", str(refusal))])
        return upload.refused(str(refusal))
    except ImportFailed as failure:
        return upload.failed(_error_table(failure.errors[:ERRORS_SHOWN]), len(failure.errors))
    except Exception as error:
        if not db.unreachable(error):
            raise
        return upload.refused("The database could not be reached during the import. Try again in a minute.")
    _prepare_pages(settings)
    return upload.succeeded(_summary(result))


def _prepare_pages(settings) -> None:
    """The new data's snapshot, made here so that no worker's next request waits for it."""
    try:
        store.prepare(settings)
    except Exception:  # the import stands; the next request to need the data makes it
        log.exception("preparing the pages after an upload failed")


def _decoded(contents, names: list[str]) -> list[tuple[str, bytes]]:
    """dcc.Upload sends each file as a data URL; anything else is refused."""
    if not contents or not isinstance(contents, list) or len(contents) != len(names):
        raise UploadRefused("Choose the files to upload first.")
    files = []
    for name, content in zip(names, contents):
        _, _, encoded = str(content).partition(";base64,")
        try:
            files.append((name, base64.b64decode(encoded, validate=True)))
        except (binascii.Error, ValueError):
            raise UploadRefused(f"{name[:120]!r}: the file did not arrive whole. Upload it again.") from None
    return files


def _year(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise UploadRefused("The year must be a number such as 2026.") from None
    if not 2000 <= year <= 2100:
        raise UploadRefused("The year must be between 2000 and 2100, for example 2026 for the 2025-26 return.")
    return year


def _error_table(errors: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame({"File": [e.file for e in errors], "Row": [e.row or "" for e in errors],
                         "Column": [e.column or "" for e in errors], "Problem": [e.reason for e in errors],
                         "Value": [(e.value or "")[:60] for e in errors]})


def _summary(result: ImportResult) -> dict:
    counts = pd.DataFrame([{"Table": name, "Read": c.read, "Inserted": c.inserted, "Updated": c.updated,
                            "Unchanged": c.unchanged, "Merged": c.merged, "Removed by the later return": c.removed}
                           for name, c in result.counts.items()])
    found = result.findings + (result.validation.findings if result.validation else [])
    rules = Counter(f.rule for f in found)
    what = {f.rule: f.message if f.kind == DFE_KIND else f.kind for f in found}
    by_rule = pd.DataFrame({"Rule": list(rules), "What it checks": [what[r] for r in rules],
                            "Rows": list(rules.values())}).sort_values("Rows", ascending=False)
    return {"import_id": result.import_id, "files": len(result.files), "rows": result.total.read,
            "seconds": result.seconds, "counts": counts, "findings": by_rule, "skipped": result.skipped,
            "year": str(result.year_choice) if result.year_choice else None,
            "validation": result.validation.summary() if result.validation else None}
