"""What every measure returns, and how its red/amber/green status is decided."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from data.settings import MeasureRule

GREEN, AMBER, RED, NO_DATA, NO_RAG = "GREEN", "AMBER", "RED", "NO DATA", ""
WITHHELD = "WITHHELD"  # small numbers suppressed for the viewer's role
PERCENT, COUNT, RATE, RATIO = "percent", "count", "rate", "ratio"
# The one set of words for a status, wherever it is shown (pages, tables, the pack, the workbook,
# drafted text); the pages add an icon and a colour to each.
STATUS_WORDS = {GREEN: "On target", AMBER: "Near target", RED: "Off target", NO_DATA: "No data",
                WITHHELD: "Withheld", NO_RAG: "No target"}


def status_words(status: str | None) -> str:
    return STATUS_WORDS.get(status or NO_RAG, STATUS_WORDS[NO_RAG])


@dataclass(frozen=True)
class CountsNote:
    """A sentence about counts held in one of the result's extras tables (`group` names each count,
    `numerator` holds it). The counts are published like any table's cells, so the words are made
    from them when shown: a count withheld for the reader reads as withheld, never as its number."""

    template: str  # str.format fields name the table's groups
    table: str


def count_words(count) -> str:
    return WITHHELD_WORDS if count is None or pd.isna(count) else f"{count:,.0f}"


WITHHELD_WORDS = "a small number (withheld)"


@dataclass(frozen=True)
class Result:
    """One measure for one period and one set of children.

    `breakdown` has a `group` column, then `numerator`, `denominator` (where the cells are shares)
    and `value`. `rows` lists the children behind the figure for roles that may see them;
    suppression for other roles removes it (see suppression.py)."""

    measure_id: str
    label: str
    period: str
    as_at: str
    unit: str
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    status: str = NO_RAG
    rule: MeasureRule | None = None
    breakdown: pd.DataFrame | None = None
    rows: pd.DataFrame | None = None
    notes: tuple[str | CountsNote, ...] = ()
    suppressed: bool = False
    extras: dict = field(default_factory=dict)

    def with_changes(self, **changes) -> "Result":
        return replace(self, **changes)

    def note_lines(self) -> list[str]:
        """The notes as sentences, counts filled in from the tables they name."""
        lines = []
        for note in self.notes:
            if isinstance(note, CountsNote):
                table = self.extras[note.table]
                counts = dict(zip(table["group"], table["numerator"]))
                lines.append(note.template.format(**{group: count_words(n) for group, n in counts.items()}))
            else:
                lines.append(note)
        return lines

    def cached_parts(self) -> list:
        """What makes a kept result big (cache.size_of): its tables and lists."""
        return [part for part in (self.breakdown, self.rows, *self.extras.values()) if isinstance(part, pd.DataFrame)]


def rag_status(value: float | None, denominator: int | None, rule: MeasureRule | None) -> str:
    """GREEN, AMBER or RED by the rule; NO DATA without a denominator; '' without a rule."""
    if rule is None:
        return NO_RAG
    if not denominator or value is None:
        return NO_DATA
    if rule.direction == "higher_is_better":
        return GREEN if value >= rule.green else AMBER if value >= rule.amber else RED
    return GREEN if value <= rule.green else AMBER if value <= rule.amber else RED


def share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def counts_table(**counts: int) -> pd.DataFrame:
    """A small table of named counts, for a CountsNote."""
    return pd.DataFrame({"group": list(counts), "numerator": [int(n) for n in counts.values()]})


def share_result(measure_id: str, label: str, period, as_at, numerator: int, denominator: int,
                 rules: dict[str, MeasureRule], **extra) -> Result:
    """A percentage measure: value, counts and status in one place."""
    value = share(numerator, denominator)
    rule = rules.get(measure_id)
    return Result(measure_id, label, str(period), str(as_at), PERCENT, value, int(numerator),
                  int(denominator), rag_status(value, denominator, rule), rule, **extra)


def count_result(measure_id: str, label: str, period, as_at, count: int,
                 rules: dict[str, MeasureRule], **extra) -> Result:
    """A count measure: the count is its own numerator; a RAG rule applies only if configured."""
    rule = rules.get(measure_id)
    status = rag_status(float(count), 1, rule) if rule else NO_RAG
    return Result(measure_id, label, str(period), str(as_at), COUNT, float(count), int(count), None,
                  status, rule, **extra)
