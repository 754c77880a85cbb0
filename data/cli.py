"""Flask commands: `flask --app app import|demo-data|setup|findings`."""
from __future__ import annotations

import csv
import getpass
import io
import json
import sys
from collections import Counter
from pathlib import Path

import click
import pandas as pd
from flask import current_app
from sqlalchemy import func, select

from data import db, findings, store
from data.ingest.dfe_rules import rules_for
from data.ingest.importer import ImportResult, import_paths
from data.ingest.problems import DFE_KIND, ImportFailed
from data.permissions import Viewer, allowed
from data.schema import findings as findings_table
from data.schema import imports as imports_table

ERRORS_SHOWN = 1000
FINDING_EXAMPLES = 3
RUNS_LISTED = 12  # more returns than this are summed up, not listed one a line


def _settings():
    return current_app.config["SETTINGS"]


def _engine():
    engine = db.get_engine(_settings().database_url)
    db.upgrade(engine)
    return engine


def acting_for(role: str, download: str) -> Viewer:
    """The command line acting for a role (`--role`): it may write only what that role may download."""
    viewer = Viewer("command line", role)
    if not allowed(viewer, "download", download):
        click.echo(f"Error: the {role} role may not have {download}.", err=True)
        sys.exit(2)
    return viewer


def _progress():
    """Progress lines on a terminal; quiet when output goes to a file or a pipe."""
    return (lambda message: click.echo(f"  {message}", err=True)) if sys.stderr.isatty() else None


def register(app) -> None:
    from data.disclosure_cli import disclosure_audit_command
    from data.report_cli import report_command
    from data.users_cli import users_command
    for command in (import_command, demo_data_command, setup_command, findings_command, report_command,
                    users_command, disclosure_audit_command):
        app.cli.add_command(command)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--year", type=int, help="Collection year (the year it ends, e.g. 2024) for files "
              "whose name and columns give none.")
@click.option("--user", default=None, help="Who is importing, for the import log (default: you).")
def import_command(paths, year, user):
    """Import 903 files (CSV or XML) and local extracts, all or nothing."""
    engine = _engine()
    try:
        result = import_paths(engine, list(paths), _settings().council_code,
                              user=user or getpass.getuser(), year=year, progress=_progress(),
                              dfe=rules_for(_settings()))
    except ImportFailed as failed:
        _print_errors(failed)
        sys.exit(1)
    except Exception as error:
        if not db.unreachable(error):
            raise
        click.echo(f"Import failed: the database went away ({str(error).splitlines()[0][:200]}). Nothing was "
                   "imported; the data already loaded is unchanged. Run the import again once it is back.", err=True)
        sys.exit(1)
    print_summary(result)
    _prepare_pages()


def _prepare_pages() -> None:
    """Work out what the pages need from the new data now, so that no visitor waits for it."""
    try:
        seconds = store.prepare(_settings())
    except Exception as error:  # the import stands; the first visit will try again
        click.echo(f"The data is imported, but preparing the pages failed ({str(error)[:200]}); the first "
                   "visit to the dashboard will prepare them.", err=True)
        return
    click.echo(f"Pages prepared for the data in {seconds:.1f} s.")


def _print_errors(failed: ImportFailed) -> None:
    errors = failed.errors
    click.echo(f"Import failed: {len(errors)} blocking error(s). Nothing was imported; the data "
               "already loaded is unchanged.", err=True)
    for error in errors[:ERRORS_SHOWN]:
        click.echo(f"  {error}", err=True)
    if len(errors) > ERRORS_SHOWN:
        rest = Counter((e.file, e.column, e.reason) for e in errors[ERRORS_SHOWN:])
        click.echo(f"  ... and {len(errors) - ERRORS_SHOWN} more:", err=True)
        for (file, column, reason), count in rest.most_common():
            click.echo(f"    {count} x {file}, column {column}: {reason}", err=True)


def print_summary(result: ImportResult) -> None:
    click.echo(f"Import {result.import_id} succeeded in {result.seconds:.1f} s "
               f"({len(result.files)} files).")
    if result.year_choice is not None:
        click.echo(f"  {result.year_choice}")
    header = (f"  {'table':<22}{'read':>10}{'inserted':>10}{'updated':>10}{'unchanged':>11}{'merged':>9}"
              f"{'removed by the later return':>29}")
    click.echo(header)
    rows = list(result.counts.items()) + [("all tables", result.total)]
    for name, counts in rows:
        click.echo(f"  {name:<22}{counts.read:>10,}{counts.inserted:>10,}{counts.updated:>10,}"
                   f"{counts.unchanged:>11,}{counts.merged:>9,}{counts.removed:>29,}")
    total = result.total
    rate = total.read / result.seconds if result.seconds else 0
    click.echo(f"  {rate:,.0f} rows per second. Every row read is inserted, updated, unchanged or merged; "
               "rows removed are rows of the return's year already loaded that it no longer holds.")
    for name in result.skipped:
        click.echo(f"  skipped (not a .csv or .xml file): {name}")
    _print_validation(result)
    _print_findings(result)


def _print_validation(result: ImportResult) -> None:
    validation = result.validation
    if validation is None:
        return
    if validation.status != "done":
        click.echo(f"DfE validation {validation.status}: {validation.message}")
        return
    click.echo(f"DfE validation: {validation.rows:,} rows of {len(validation.runs)} return(s) checked in "
               f"{validation.seconds:.1f} s.")
    if len(validation.runs) > RUNS_LISTED:
        _print_runs_in_sum(validation.runs)
        return
    for run in validation.runs:
        note = f" ({run['note']})" if run["note"] else ""
        failed = f"; {len(run['failed'])} could not run: {', '.join(run['failed'])}" if run["failed"] else ""
        click.echo(f"  council {run['council']}, {run['year'] - 1}-{str(run['year'])[2:]}: rule set "
                   f"{run['ruleset']}{note}; {run['rules']} rules, {run['skipped']} not applicable to the "
                   f"tables given, {run['fired']} fired, {run['findings']:,} rows flagged{failed}")


def _print_runs_in_sum(runs: list[dict]) -> None:
    """Many councils' returns: the rule sets used and what could not run, not a line per return."""
    for ruleset, count in Counter(r["ruleset"] for r in runs).most_common():
        click.echo(f"  {count} return(s) checked with rule set {ruleset}")
    for note in sorted({r["note"] for r in runs if r["note"]}):
        click.echo(f"  note: {note}")
    failed = Counter(code for r in runs for code in r["failed"])
    if failed:
        click.echo("  rules that could not run: " + ", ".join(f"{c} ({n} returns)" for c, n in sorted(failed.items())))
    click.echo(f"  {sum(r['findings'] for r in runs):,} rows flagged")


def _short(text: str, most: int = 90) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _print_findings(result: ImportResult) -> None:
    if not result.findings and not (result.validation and result.validation.findings):
        click.echo("No data quality findings.")
        return
    findings = result.findings + (result.validation.findings if result.validation else [])
    by_rule: dict[str, list] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    click.echo(f"{len(findings):,} data quality findings (stored with import "
               f"{result.import_id}; list them all with `flask --app app findings {result.import_id}`):")
    for rule, items in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        what = items[0].kind if items[0].kind != DFE_KIND else items[0].message
        click.echo(f"  {rule} ({_short(what)}): {len(items):,}")
        for finding in items[:FINDING_EXAMPLES]:
            click.echo(f"    - {finding}")


@click.command("findings")
@click.argument("import_id", type=int, required=False)
@click.option("--format", "output", type=click.Choice(("table", "csv", "json")), default="table", show_default=True,
              help="json: a list of objects with rule, message, table, child, key_date, row, file, column, "
              "value, council and kind (stable, see the README).")
def findings_command(import_id, output):
    """List the data quality findings of an import (default: the latest that succeeded)."""
    _engine()
    settings = _settings()
    import_id = import_id if import_id is not None else findings.latest_import_id(settings)
    found = findings.rows(settings, import_id) if import_id is not None else \
        pd.DataFrame(columns=findings.FIELDS)
    records = [{k: (None if pd.isna(v) else (int(v) if k == "row" else v)) for k, v in r.items()}
               for r in found.to_dict("records")]
    if output == "json":
        click.echo(json.dumps(records, indent=2))
    elif output == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=findings.FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(f"Import {import_id}: {len(records)} findings")
        for r in records:
            place = ", ".join(str(p) for p in (r["file"], r["row"] and f"row {r['row']}",
                                               r["column"] and f"column {r['column']}",
                                               r["child"] and f"child {r['child']}",
                                               r["key_date"]) if p)
            kind = "DfE rule" if r["kind"] == DFE_KIND else r["kind"]
            click.echo(f"{r['rule']} ({kind})\t{place}\t{r['message']}")


@click.command("demo-data")
@click.option("--children", default=350, show_default=True, help="Children in care at any time.")
@click.option("--years", default=5, show_default=True, help="Financial years of history.")
@click.option("--seed", default=1, show_default=True, help="Random seed: same seed, same data.")
@click.option("--councils", default=1, show_default=True, help="Councils (a regional data set).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder for the CSV files (default: instance/demo).")
@click.option("--no-import", is_flag=True, help="Write the files only.")
def demo_data_command(children, years, seed, councils, out, no_import):
    """Write a synthetic council's 903 and local extracts, then import them."""
    from data.demo import DemoSpec, write_demo

    settings = _settings()
    out = out or settings.instance_dir / "demo"
    spec = DemoSpec(children=children, years=years, seed=seed, councils=councils,
                    council_code=settings.council_code, districts=settings.postcode_districts)
    files = write_demo(spec, out, progress=_progress())
    click.echo(f"Wrote {len(files)} files to {out}.")
    if no_import:
        return
    engine = _engine()
    try:
        result = import_paths(engine, [out], settings.council_code, user="demo-data", source="demo",
                              progress=_progress(), dfe=rules_for(settings))
    except ImportFailed as failed:
        _print_errors(failed)
        sys.exit(1)
    print_summary(result)
    _prepare_pages()


@click.command("setup")
@click.option("--demo-if-empty/--no-demo", default=True, show_default=True,
              help="Fill an empty database with demo data.")
def setup_command(demo_if_empty):
    """Create or upgrade the database; fill it with demo data if it holds none."""
    engine = _engine()
    with engine.connect() as connection:
        loaded = connection.execute(select(func.count()).select_from(imports_table).where(
            imports_table.c.outcome == "succeeded")).scalar()
    click.echo(f"Database ready ({_settings().database_url.split('@')[-1]}).")
    from data.users_cli import ensure_demo_accounts
    for name, role, password in ensure_demo_accounts(_settings()):
        click.echo(f"Demo account: {name} ({role}), password {password}")
    if loaded:
        _prepare_pages()  # after an upgrade of the code, its snapshot is made here, not by the first visitor
        return
    if not demo_if_empty:
        return
    click.echo("The database is empty: generating demo data.")
    ctx = click.get_current_context()
    ctx.invoke(demo_data_command)
