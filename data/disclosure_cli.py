"""`flask --app app disclosure-audit`: the committee's published set, what it withholds, and the
proof that no withheld count can be worked out (every withheld cell's range of possible values)."""
from __future__ import annotations

import csv
import sys

import click
from flask import current_app

from data import store
from data.disclosure.audit import ENOUGH
from data.disclosure.publication import build


@click.command("disclosure-audit")
@click.option("--cells/--summary", "every_cell", default=False,
              help="Every withheld cell with its range (CSV), or the summary (default).")
def disclosure_audit_command(every_cell):
    """Protect the committee's figures for the current data and audit every withheld count."""
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    publication = build(settings, data)
    threshold = settings.suppression_threshold
    primary = {c for c in publication.withheld if publication.values[c] <= threshold}
    narrow = [r for r in publication.audit.values() if not r.safe]
    if every_cell:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["measure", "counted over", "table", "row", "part", "value", "lowest", "highest", "why"])
        for r in sorted(publication.audit.values(), key=lambda r: repr(r.cell)):
            high = "unbounded" if r.high == float("inf") else int(r.high)
            writer.writerow([*r.cell, r.value, r.low, high, "primary" if r.cell in primary else "secondary"])
        return
    periods = sorted({s.period.label for s in publication.scopes})
    click.echo(f"Published set: {len(publication.scopes)} periods ({periods[0]} to {periods[-1]}), "
               f"{len(publication.values):,} counts.")
    click.echo(f"Withheld: {len(publication.withheld):,} ({len(primary):,} from 1 to {threshold}, "
               f"{len(publication.withheld) - len(primary):,} beside them).")
    widths = [r.high - r.low for r in publication.audit.values() if r.high != float("inf")]
    unbounded = len(publication.audit) - len(widths)
    click.echo(f"Audit: every withheld count can take {ENOUGH} or more whole values: "
               f"{'yes' if not narrow else f'NO, {len(narrow)} cannot'}; the narrowest range spans "
               f"{min(widths) + 1 if widths else 'no'} values; {unbounded:,} are unbounded above.")
    click.echo(f"Worked out in {publication.seconds:.1f} s.")
    if narrow:
        sys.exit(1)
