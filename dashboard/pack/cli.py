"""`flask --app app pack` and `flask --app app export-excel`: the committee pack and the workbook
from the command line, the same files as the dashboard's download links."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from callbacks.common import council_words
from dashboard.pack import build
from dashboard.pack.pdf import PdfUnavailable
from data import pack_content, store
from data.measures.periods import PeriodError, parse_period
from data.cli import acting_for
from data.disclosure import NotPublished
from data.measures.report import Scope, as_at_for
from data.permissions import ROLES

ROLE_OPTION = click.option("--role", type=click.Choice(ROLES), default="committee", show_default=True,
                           help="Whose view: committee figures have small numbers withheld.")


def register(server) -> None:
    server.cli.add_command(pack_command)
    server.cli.add_command(excel_command)


@click.command("pack")
@click.option("--period", required=True, help="Financial year (2023-24), quarter (2023-24 Q1) or month (2023-06).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@ROLE_OPTION
@with_appcontext
def pack_command(period, out, role):
    """Write the committee pack (PDF) for a period."""
    viewer = acting_for(role, "pack.pdf")
    settings, data, scope = _context(period)
    started = time.perf_counter()
    try:
        pack = pack_content.gather(settings, data, scope, viewer, lambda text: council_words(text, settings))
    except NotPublished as refusal:
        _refused(refusal)
    try:
        pdf = build.pack_pdf(pack)
    except PdfUnavailable as missing:
        click.echo(f"Error: {missing}", err=True)
        sys.exit(1)
    out.write_bytes(pdf)
    click.echo(f"Wrote {out} ({len(pdf) / 1024:,.0f} KB) in {time.perf_counter() - started:.1f} s.")


@click.command("export-excel")
@click.option("--period", required=True, help="The last period of the run.")
@click.option("--periods", default=pack_content.TREND_PERIODS, show_default=True, help="How many periods.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@ROLE_OPTION
@with_appcontext
def excel_command(period, periods, out, role):
    """Write every measure for a run of periods as an Excel workbook."""
    viewer = acting_for(role, "measures.xlsx")
    settings, data, scope = _context(period)
    words = lambda text: council_words(text, settings)  # noqa: E731
    try:
        table = pack_content.measure_table(settings, data, scope, viewer, periods, words)
    except NotPublished as refusal:
        _refused(refusal)
    out.write_bytes(build.measures_workbook(table, settings.council_name, scope.period.label, role,
                                            settings.measure_rules, words,
                                            f"{(scope.as_at or scope.period.end):%d %B %Y}"))
    click.echo(f"Wrote {out}: {len(table)} figures.")


def _context(period: str):
    settings = current_app.config["SETTINGS"]
    try:
        parsed = parse_period(period)
    except PeriodError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    data = store.dataset(settings)
    return settings, data, Scope(parsed, as_at_for(parsed, data.latest_date))


def _refused(refusal: Exception) -> None:
    click.echo(f"Error: {refusal}", err=True)
    sys.exit(2)
