"""What the committee pack and the Excel export hold, gathered for one role: every measure for
the period with the period before, a trend, the managers' commentary and a drafted summary.
Plain data; the pack's layout and the spreadsheet's format are the dashboard's business."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd

from data import commentary, disclosure
from data.permissions import Viewer, allowed
from data.measures.catalogue import MEASURES, THEMES, Measure
from data.measures.dataset import Dataset
from data.measures.report import Scope
from data.measures.result import Result
from data.measures.summary import draft

TREND_PERIODS = 5
# Where a breakdown explains a change, the draft names the biggest contributor from it.
# Where a breakdown explains a shortfall: (the measure holding it, or None for the measure's own, the
# table, and how a sentence names one of its groups).
EXPLAINED_BY = {"review_timeliness": ("review_timeliness_by_team", "by_team", "team {group}"),
                "care_leavers_neet": (None, "breakdown", "care leavers aged {group}")}


@dataclass
class PackEntry:
    measure: Measure
    name: str
    definition: str
    result: Result
    previous: Result
    trend: pd.DataFrame
    draft: str
    comment: commentary.Comment | None = None


@dataclass
class Pack:
    council_name: str
    period: str
    as_at: str
    role: str
    filters: dict
    generated_at: datetime
    previous_period: str = ""
    small_numbers_withheld: bool = False
    themes: list[tuple[str, list[PackEntry]]] = field(default_factory=list)

    @property
    def entries(self) -> list[PackEntry]:
        return [e for _, entries in self.themes for e in entries]


def gather(settings, data: Dataset, scope: Scope, viewer: Viewer, words=lambda text: text) -> Pack:
    """Raises disclosure.NotPublished for a committee scope outside its published set."""
    shown = _shown_for(settings, data, scope, viewer.role)
    comments = readable_comments(settings, data, scope.period.label, viewer.role)
    pack = Pack(settings.council_name, scope.period.label, (scope.as_at or scope.period.end).strftime("%d %B %Y"),
                viewer.role, {k: list(v) for k, v in scope.filters.as_dict().items()},
                datetime.now().replace(microsecond=0), scope.period.previous().label,
                small_numbers_withheld=not allowed(viewer, "see-small-numbers"))
    for theme in THEMES:
        entries = []
        for measure in [m for m in MEASURES if m.theme == theme]:
            name = words(measure.name)
            result, previous, text = drafted(shown, measure.id, scope, name)
            entries.append(PackEntry(measure, name, words(measure.definition), result, previous,
                                     _trend(measure.id, scope, shown), text, comments.get(measure.id)))
        pack.themes.append((theme, entries))
    return pack


def measure_table(settings, data: Dataset, scope: Scope, viewer: Viewer, periods: int = TREND_PERIODS,
                  words=lambda text: text) -> pd.DataFrame:
    """Every measure for a run of periods ending with the scope's, one row each (the Excel export)."""
    shown = _shown_for(settings, data, scope, viewer.role)
    rows = []
    for period in scope.period.run(periods):
        at = replace(scope, period=period, as_at=scope.as_at if period == scope.period else None)
        for measure in MEASURES:
            result = shown(measure.id, at)
            rule = result.rule
            rows.append({"theme": measure.theme, "measure_id": measure.id, "measure": words(measure.name),
                         "period": period.label, "unit": result.unit, "value": result.value,
                         "numerator": result.numerator, "denominator": result.denominator,
                         "status": result.status, "target": rule.target if rule else None,
                         "withheld": result.suppressed})
    return pd.DataFrame(rows)


def _shown_for(settings, data: Dataset, scope: Scope, role: str):
    """Results as the role may see them: the scope asked for must be in the role's view (checked
    here), and the figures beside it are withheld where they are not."""
    disclosure.shown(settings, data, scope, MEASURES[0].id, role)
    return lambda measure_id, at: disclosure.shown_beside(settings, data, at, measure_id, role)


def readable_comments(settings, data: Dataset, period: str, role: str) -> dict:
    """The newest commentary of each measure for the period that the role may read: for the
    committee, none that holds a number its figures withhold."""
    comments = commentary.current(settings, period)
    if allowed(Viewer("", role), "see-small-numbers"):
        return comments
    return {m: c for m, c in comments.items() if not disclosure.withheld_numbers(settings, data, m, period, c.text)}


def _trend(measure_id: str, scope: Scope, shown) -> pd.DataFrame:
    rows = []
    for period in scope.period.run(TREND_PERIODS):
        r = shown(measure_id, Scope(period, scope.as_at if period == scope.period else None, scope.filters))
        rows.append({"period": period.label, "value": r.value, "numerator": r.numerator,
                     "denominator": r.denominator, "status": r.status})
    return pd.DataFrame(rows)


def drafted(shown, measure_id: str, scope: Scope, name: str) -> tuple[Result, Result, str]:
    """A measure's result as `shown` gives it (suppressed for a role), the period before, and the
    summary drafted from them (compared with a year earlier too, for quarters and months)."""
    result = shown(measure_id, scope)
    previous = shown(measure_id, Scope(scope.period.previous(), None, scope.filters))
    year_ago = shown(measure_id, Scope(scope.period.year_before(), None, scope.filters)) \
        if scope.period.grain != "year" else None
    breakdown, label = explaining(measure_id, scope, shown)
    return result, previous, draft(name, result, previous, year_ago, breakdown, label)


def explaining(measure_id: str, scope: Scope, shown):
    """The breakdown that says where a measure's shortfall is, and what its groups are called:
    asked of `shown` (in full) only for the measures a breakdown explains."""
    holder, table, label = EXPLAINED_BY.get(measure_id, (None, None, ""))
    if table is None:
        return None, label
    source = shown(holder or measure_id, scope)
    return (source.breakdown if table == "breakdown" else source.extras.get(table)), label
