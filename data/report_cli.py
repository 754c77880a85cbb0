"""`flask --app app report`: every measure for a period, as JSON (stable), CSV or a table for people."""
from __future__ import annotations

import csv
import io
import json
import sys

import click
from flask import current_app

from data import disclosure, store
from data.cli import acting_for
from data.measures.periods import GRAINS, PeriodError, parse_date, parse_period
from data.measures.report import Scope, as_at_for, build_report
from data.measures.result import PERCENT
from data.permissions import ROLES

CSV_COLUMNS = ("id", "label", "theme", "period", "unit", "value", "numerator", "denominator", "status",
               "target", "green", "amber", "direction", "previous_period", "previous_value", "change", "suppressed")


@click.command("report")
@click.option("--period", required=True, help="Financial year (2023-24), quarter (2023-24 Q1) or month (2023-06).")
@click.option("--as-at", "as_at", default=None, help="Date for point-in-time measures (default: period end).")
@click.option("--by", type=click.Choice(GRAINS), default=None, help="Also give each measure by quarter or month.")
@click.option("--role", type=click.Choice(ROLES), default="committee", show_default=True,
              help="Whose view: committee figures have small numbers suppressed.")
@click.option("--format", "output", type=click.Choice(("json", "csv", "table")), default="table", show_default=True)
def report_command(period, as_at, by, role, output):
    """Print every measure for a period."""
    acting_for(role, "report")
    settings = current_app.config["SETTINGS"]
    try:
        parsed = parse_period(period)
        day = parse_date(as_at) if as_at else None
    except PeriodError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    if day and day < parsed.start:
        click.echo(f"Error: --as-at {day} is before the period starts ({parsed.start}).", err=True)
        sys.exit(2)
    data = store.dataset(settings)
    scope = Scope(parsed, day or as_at_for(parsed, data.latest_date))
    try:
        report = build_report(data, scope, role, lambda at, measure_id: disclosure.shown(
            settings, data, at, measure_id, role), by)
    except disclosure.NotPublished as refused:
        click.echo(f"Error: {refused}", err=True)
        sys.exit(2)
    click.echo({"json": _json, "csv": _csv, "table": _table}[output](report))


def _json(report: dict) -> str:
    return json.dumps(report, indent=2)


def _csv(report: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for entry in report["measures"]:
        writer.writerow({**entry, "period": report["period"]})
        for part in entry.get("by_period", []):
            writer.writerow({"id": entry["id"], "label": entry["label"], "theme": entry["theme"],
                             "unit": entry["unit"], **part})
    return buffer.getvalue().rstrip("\n")


def format_value(value, unit: str) -> str:
    if value is None:
        return "-"
    if unit == PERCENT:
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _counts_text(numerator, denominator, suppressed: bool) -> str:
    if numerator is not None and denominator is not None:
        return f"{numerator:,} of {denominator:,}"
    if numerator is not None:
        return f"{numerator:,}"
    return "withheld" if suppressed else ""


def _change_text(change, unit: str) -> str:
    if change is None:
        return ""
    return f"{change * 100:+.1f} pts" if unit == PERCENT else f"{change:+,.1f}"


def _table(report: dict) -> str:
    lines = [f"Period {report['period']}, as at {report['as_at']}, as seen by {report['role']} "
             f"(data version {report['data_version']})", ""]
    header = f"{'measure':<30}{'value':>9}  {'counts':<22}{'status':<10}{'target':>8}{'change':>11}"
    lines += [header, "-" * len(header)]
    for e in report["measures"]:
        target = format_value(e["target"], e["unit"]) if e["target"] is not None else ""
        lines.append(f"{e['id'][:29]:<30}{format_value(e['value'], e['unit']):>9}  "
                     f"{_counts_text(e['numerator'], e['denominator'], e['suppressed']):<22}"
                     f"{(e['status'] or ''):<10}{target:>8}{_change_text(e['change'], e['unit']):>11}")
        for part in e.get("by_period", []):
            lines.append(f"  {part['period']:<28}{format_value(part['value'], e['unit']):>9}  "
                         f"{_counts_text(part['numerator'], part['denominator'], False):<22}"
                         f"{(part['status'] or ''):<10}")
    return "\n".join(lines)
