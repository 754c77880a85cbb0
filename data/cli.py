"""Flask commands: `flask --app app import|demo-data|setup|findings`."""
from __future__ import annotations

import getpass
import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import func, select

from data import db
from data.ingest.importer import ImportResult, import_paths
from data.ingest.problems import ImportFailed
from data.permissions import Viewer, allowed
from data.schema import findings as findings_table
from data.schema import imports as imports_table

ERRORS_SHOWN = 1000
FINDING_EXAMPLES = 3


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
                              user=user or getpass.getuser(), year=year, progress=_progress())
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
    header = f"  {'table':<22}{'read':>10}{'inserted':>10}{'updated':>10}{'unchanged':>11}{'merged':>9}"
    click.echo(header)
    for name, counts in result.counts.items():
        click.echo(f"  {name:<22}{counts.read:>10,}{counts.inserted:>10,}{counts.updated:>10,}"
                   f"{counts.unchanged:>11,}{counts.merged:>9,}")
    total = result.total
    click.echo(f"  {'all tables':<22}{total.read:>10,}{total.inserted:>10,}{total.updated:>10,}"
               f"{total.unchanged:>11,}{total.merged:>9,}")
    rate = total.read / result.seconds if result.seconds else 0
    click.echo(f"  {rate:,.0f} rows per second. Every row read is inserted, updated, unchanged or merged.")
    for name in result.skipped:
        click.echo(f"  skipped (not a .csv or .xml file): {name}")
    _print_findings(result)


def _print_findings(result: ImportResult) -> None:
    if not result.findings:
        click.echo("No data quality findings.")
        return
    by_kind: dict[str, list] = {}
    for finding in result.findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    click.echo(f"{len(result.findings):,} data quality findings (stored with import "
               f"{result.import_id}; list them all with `flask --app app findings {result.import_id}`):")
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        click.echo(f"  {kind}: {len(items):,}")
        for finding in items[:FINDING_EXAMPLES]:
            click.echo(f"    - {finding}")


@click.command("findings")
@click.argument("import_id", type=int, required=False)
def findings_command(import_id):
    """List the data quality findings of an import (default: the latest that succeeded)."""
    engine = _engine()
    with engine.connect() as connection:
        if import_id is None:
            import_id = connection.execute(select(func.max(imports_table.c.id)).where(
                imports_table.c.outcome == "succeeded")).scalar()
        rows = connection.execute(select(findings_table).where(
            findings_table.c.import_id == import_id).order_by(findings_table.c.id)).all()
    click.echo(f"Import {import_id}: {len(rows)} findings")
    for row in rows:
        place = ", ".join(p for p in (row.file, row.file_row and f"row {row.file_row}",
                                      row.column_name and f"column {row.column_name}",
                                      row.child and f"child {row.child}") if p)
        click.echo(f"{row.kind}\t{place}\t{row.message}")


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
                              progress=_progress())
    except ImportFailed as failed:
        _print_errors(failed)
        sys.exit(1)
    print_summary(result)


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
    if loaded or not demo_if_empty:
        return
    click.echo("The database is empty: generating demo data.")
    ctx = click.get_current_context()
    ctx.invoke(demo_data_command)
