"""Every measure for a period, with the change from the period before: what the `report`
command, the pages and the exports share, so that they can never disagree."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from data.measures.catalogue import BREAKDOWNS, MEASURES, MEASURES_BY_ID
from data.measures.context import Council, make_context
from data.measures.dataset import Dataset
from data.measures.filters import Filters
from data.measures.periods import Period
from data.measures.result import Result
from data.settings import MeasureRule


@dataclass(frozen=True)
class Scope:
    """Everything a figure depends on besides the data: caches key on this (plus the role)."""

    period: Period
    as_at: date | None = None
    filters: Filters = Filters()

    def __post_init__(self):
        if self.as_at == self.period.end:  # one way to say "at the period's end", so caches agree
            object.__setattr__(self, "as_at", None)

    def wider(self) -> list["Scope"]:
        """The same scope with each active filter taken off in turn: what a viewer could subtract
        this scope from (suppression checks the differences)."""
        return [replace(self, filters=replace(self.filters, **{name: ()})) for name in self.filters.as_dict()]


def as_at_for(period: Period, latest: date | None) -> date | None:
    """The as-at date the pages use for a period: its last day, or the data's last day for the
    period still running (None: the period's end)."""
    return min(period.end, latest) if latest and latest >= period.start else None


def measure(data: Dataset, measure_id: str, scope: Scope, rules: dict[str, MeasureRule],
            council: Council, detail: bool = True) -> Result:
    """One measure; with detail=False only its headline figures (value, counts, status), which is
    all a trend's points need and a fraction of the work at the size of England."""
    ctx = make_context(data, scope.period, rules, council, scope.as_at, scope.filters, detail)
    if measure_id in BREAKDOWNS:
        return BREAKDOWNS[measure_id](ctx)
    known = MEASURES_BY_ID[measure_id]
    return known.compute(ctx).with_changes(label=known.name)  # one name everywhere: the catalogue's


def all_measures(data: Dataset, scope: Scope, rules: dict[str, MeasureRule], council: Council) -> list[Result]:
    ctx = make_context(data, scope.period, rules, council, scope.as_at, scope.filters)
    return [m.compute(ctx).with_changes(label=m.name) for m in MEASURES]


def with_changes(current: list[Result], previous: list[Result]) -> list[dict]:
    """Pairs each result with the one for the period before and the change between them."""
    before = {r.measure_id: r for r in previous}
    out = []
    for result in current:
        prior = before.get(result.measure_id)
        change = None
        if prior is not None and result.value is not None and prior.value is not None:
            change = result.value - prior.value
        out.append({"result": result, "previous": prior, "change": change})
    return out


def trend(data: Dataset, measure_id: str, periods: list[Period], rules: dict[str, MeasureRule],
          council: Council, filters: Filters = Filters()) -> pd.DataFrame:
    """One row per period: value, numerator, denominator and status."""
    rows = []
    for period in periods:
        result = measure(data, measure_id, Scope(period, None, filters), rules, council)
        rows.append({"period": period.label, "start": period.start, "end": period.end, "value": result.value,
                     "numerator": result.numerator, "denominator": result.denominator, "status": result.status})
    return pd.DataFrame(rows)


def build_report(data: Dataset, scope: Scope, role: str, shown, by: str | None = None) -> dict:
    """Every measure for the period as plain data (the `report` command's JSON): `shown(scope,
    measure_id)` gives each result as the role may see it."""
    from data.measures.periods import split

    def run(period: Period, as_at: date | None) -> list[Result]:
        return [shown(Scope(period, as_at, scope.filters), m.id) for m in MEASURES]

    latest = data.latest_date
    current = run(scope.period, scope.as_at)
    previous = run(scope.period.previous(), as_at_for(scope.period.previous(), latest))
    parts = split(scope.period, by) if by and by != scope.period.grain else []
    part_results = {part.label: {r.measure_id: r for r in run(part, as_at_for(part, latest))} for part in parts}
    entries = []
    for item in with_changes(current, previous):
        result, prior = item["result"], item["previous"]
        rule = result.rule
        entry = {
            "id": result.measure_id, "label": result.label, "theme": MEASURES_BY_ID[result.measure_id].theme,
            "unit": result.unit, "value": _number(result.value), "numerator": _count(result.numerator),
            "denominator": _count(result.denominator), "status": result.status or None,
            "target": rule.target if rule else None, "green": rule.green if rule else None,
            "amber": rule.amber if rule else None, "direction": rule.direction if rule else None,
            "previous_period": scope.period.previous().label,
            "previous_value": _number(prior.value) if prior else None,
            "change": _number(item["change"]) if not result.suppressed and not (prior and prior.suppressed) else None,
            "suppressed": result.suppressed, "notes": result.note_lines(),
        }
        if parts:
            entry["by_period"] = [{"period": label, "value": _number(r[result.measure_id].value),
                                   "numerator": _count(r[result.measure_id].numerator),
                                   "denominator": _count(r[result.measure_id].denominator),
                                   "status": r[result.measure_id].status or None}
                                  for label, r in part_results.items()]
        entries.append(entry)
    return {"period": scope.period.label, "as_at": (scope.as_at or scope.period.end).isoformat(), "role": role,
            "by": by or scope.period.grain, "filters": {k: list(v) for k, v in scope.filters.as_dict().items()},
            "data_version": data.version, "measures": entries}


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _count(value) -> int | float | None:
    """Counts are whole numbers; a denominator can be a population or FTE, kept as it is."""
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)
