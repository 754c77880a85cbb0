"""One import: read every file, validate every row, then merge all of it in one transaction;
once it has committed, check the 903 rows against the DfE's validation rules.

Any blocking error anywhere means nothing is written but a line in the import log saying
the attempt failed; the data already loaded stays exactly as it was.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, insert, update

from data.ingest import dfe_rules
from data.ingest.collection_year import YearChoice, missing_year_errors, settle_years
from data.ingest.crosscheck import cross_table_findings
from data.ingest.dfe_rules import DfeRules, ReturnRows, Validation
from data.ingest.load import TableCounts, apply_changes, merge_duplicates
from data.ingest.problems import Finding, ImportFailed, Problem
from data.ingest.readers import find_files, read_file
from data.ingest.specs import TABLES, TABLES_BY_NAME
from data.ingest.validate import TableCheck
from data.schema import findings as findings_table
from data.schema import imports as imports_table

Progress = Callable[[str], None]


@dataclass
class ImportResult:
    import_id: int
    counts: dict[str, TableCounts]
    findings: list[Finding]
    files: list[str]
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    year_choice: YearChoice | None = None
    validation: Validation | None = None

    @property
    def total(self) -> TableCounts:
        total = TableCounts()
        for counts in self.counts.values():
            total.add(counts)
        return total


def import_paths(engine: Engine, paths: list[Path], council_code: str, user: str = "unknown",
                 source: str = "command line", year: int | None = None,
                 progress: Progress | None = None, dfe: DfeRules | None = None) -> ImportResult:
    """Import the files; with `dfe` (as the command line and the upload page always give), then
    check the 903 rows against the DfE's rules, reporting progress as it goes."""
    started, clock = datetime.now(), time.perf_counter()
    say = progress or (lambda _message: None)
    files, skipped = find_files(paths)
    names = [_display_name(f, paths) for f in files]
    errors: list[Problem] = []
    findings: list[Finding] = []
    frames: dict[str, list[pd.DataFrame]] = {}
    returns = ReturnRows()
    for path, name in zip(files, names):
        for raw in read_file(path, name, errors):
            check = TableCheck(raw, council_code, year)
            frame = check.run()
            errors += check.errors
            findings += check.findings
            if frame is not None:
                frames.setdefault(raw.spec.name, []).append(frame)
                returns.add(raw.spec, check.cells, frame)
                say(f"read {name}: {len(frame):,} {raw.spec.label} rows")
    if not files:
        errors.append(Problem(", ".join(str(p) for p in paths) or "(nothing)", "no CSV or XML files found"))
    returns_903 = {name: parts for name, parts in frames.items() if TABLES_BY_NAME[name].source == "903"}
    year_choice = settle_years(returns_903, errors) if not errors else None
    if not errors:
        errors += missing_year_errors(frames, {t.name for t in TABLES if t.per_year})
    if errors:
        log_failure(engine, started, user, source, names, errors)
        raise ImportFailed(errors)
    try:
        result = _merge_all(engine, frames, findings, started, user, source, names, say)
    except Exception as exc:
        log_failure(engine, started, user, source, names,
                     [Problem(", ".join(names), f"the database refused the import: {exc}")])
        raise
    result.skipped = [_display_name(p, paths) for p in skipped]
    result.year_choice = year_choice
    del frames
    if dfe is not None:
        result.validation = validate_import(engine, result.import_id, returns, dfe, progress)
    result.seconds = time.perf_counter() - clock
    return result


def validate_import(engine: Engine, import_id: int, returns: ReturnRows, dfe: DfeRules,
                    progress: Progress | None = None) -> Validation:
    """The DfE's rules on an import that has committed: its progress is written to the import log
    as it goes (so the upload page can show it), then its findings are stored with the import."""
    say = progress or (lambda _message: None)
    last_written = [0.0]

    def report(state: dfe_rules.Progress) -> None:
        if time.perf_counter() - last_written[0] >= 1:
            last_written[0] = time.perf_counter()
            say(str(state))
            _set_validation(engine, import_id, {"status": "running", "rows": state.rows, "run": state.run,
                                                "runs": state.runs, "rule": state.rule, "rules": state.rules,
                                                "seconds": round(state.seconds, 1)})

    _set_validation(engine, import_id, {"status": "running", "rows": 0, "seconds": 0})
    try:
        validation = dfe_rules.validate(returns, dfe, report)
    except Exception as exc:  # the import has committed: a failure here must not look like the import's
        validation = Validation("failed", message=f"the DfE validation could not finish: {type(exc).__name__}: {exc}")
    with engine.begin() as connection:
        _store_findings(connection, import_id, validation.findings)
        connection.execute(update(imports_table).where(imports_table.c.id == import_id).values(
            finding_count=imports_table.c.finding_count + len(validation.findings),
            validation=json.dumps(validation.summary())))
    say(f"DfE validation {validation.status}: {len(validation.findings):,} findings in {validation.seconds:.1f} s")
    return validation


def _set_validation(engine: Engine, import_id: int, state: dict) -> None:
    with engine.begin() as connection:
        connection.execute(update(imports_table).where(imports_table.c.id == import_id).values(
            validation=json.dumps(state)))


def _display_name(path: Path, given: list[Path]) -> str:
    """The file as the user named it, or relative to the folder they named."""
    for root in given:
        if root.is_dir() and root in path.parents:
            return str(Path(root.name) / path.relative_to(root))
    return str(path)


def _merge_all(engine: Engine, frames: dict[str, list[pd.DataFrame]], findings: list[Finding],
               started: datetime, user: str, source: str, names: list[str], say: Progress) -> ImportResult:
    counts: dict[str, TableCounts] = {}
    with engine.begin() as connection:
        import_id = connection.execute(insert(imports_table).values(
            started_at=started, user_name=user, source=source, files=json.dumps(names),
            outcome="in progress")).inserted_primary_key[0]
        written: dict[str, pd.DataFrame] = {}
        for spec in TABLES:
            if spec.name not in frames:
                continue
            frame = pd.concat(frames[spec.name], ignore_index=True)
            frame["_order"] = range(len(frame))
            kept, merged, duplicate_findings = merge_duplicates(spec, frame)
            table_counts, load_findings, rows = apply_changes(connection, spec, kept, import_id, frame)
            table_counts.read, table_counts.merged = len(frame), merged
            counts[spec.name] = table_counts
            findings += duplicate_findings + load_findings
            written[spec.name] = kept
            say(f"loaded {spec.label}: {table_counts.inserted:,} inserted, {table_counts.updated:,} "
                f"updated, {table_counts.unchanged:,} unchanged, {merged:,} merged, "
                f"{table_counts.removed:,} removed by the later return")
        findings += cross_table_findings(connection, written)
        _store_findings(connection, import_id, findings)
        total = TableCounts()
        for table_counts in counts.values():
            total.add(table_counts)
        connection.execute(update(imports_table).where(imports_table.c.id == import_id).values(
            finished_at=datetime.now(), outcome="succeeded", rows_read=total.read,
            inserted=total.inserted, updated=total.updated, unchanged=total.unchanged,
            merged=total.merged, removed=total.removed, finding_count=len(findings),
            summary=json.dumps({name: vars(c) for name, c in counts.items()})))
    return ImportResult(import_id, counts, findings, names)


def _store_findings(connection, import_id: int, findings: list[Finding]) -> None:
    rows = [{"import_id": import_id, "kind": f.kind, "table_name": f.table, "file": _cut(f.file, 255),
             "file_row": f.row, "column_name": f.column, "value": _cut(f.value, 255),
             "child": _cut(f.child, 20), "message": f.message, "rule": f.rule, "la": f.la,
             "key_date": f.key_date, "fields": _cut(" ".join(f.fields or ()), 200)} for f in findings]
    for start in range(0, len(rows), 20000):
        connection.execute(insert(findings_table), rows[start:start + 20000])


def _cut(text: str | None, length: int) -> str | None:
    return text if text is None or len(text) <= length else text[: length - 1] + "…"


def log_failure(engine: Engine, started: datetime, user: str, source: str, names: list[str],
                 errors: list[Problem]) -> None:
    """Record the failed attempt in its own transaction: no data row is touched."""
    with engine.begin() as connection:
        connection.execute(insert(imports_table).values(
            started_at=started, finished_at=datetime.now(), user_name=user, source=source,
            files=json.dumps(names), outcome="failed", error_count=len(errors),
            summary=json.dumps([str(e) for e in errors[:50]])))
