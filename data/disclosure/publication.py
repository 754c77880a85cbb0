"""What the committee may see, worked out once per data version: the published set, protected
as a whole.

The set is finite and the same for every councillor: each financial year and quarter the pages
offer (and the earlier ones their trends reach back to), for the whole council, with every
measure's figures and breakdowns. Filters, months and other as-at dates are for directors and
managers. Each result of the set is computed, every count of it and every sum between them go
into one system (cells.py), the withheld cells are chosen over the whole system (protect.py), and
the audit of each is kept (audit.py)."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from data import results_cache
from data.disclosure import cells
from data.disclosure.cells import PUBLIC_EXTRAS, withheld_table
from data.disclosure.audit import Range
from data.disclosure.protect import protect
from data.disclosure.tables import MEASURES
from data.measures.dataset import Dataset
from data.measures.report import Scope, as_at_for
from data.measures.result import CountsNote, Result
from data.measures.warm_up import offered_periods

log = logging.getLogger(__name__)
WHAT_THE_COMMITTEE_SEES = ("The committee's view shows the whole council's figures for financial years, with "
                           "their breakdowns, and for quarters, so that no small number can be worked out from "
                           "them. Filters, months and other dates are for directors and managers.")


QUARTER_TABLES = ("In the committee's view this breakdown is given for financial years: a quarter's is mostly "
                  "small numbers. Choose a year to see it.")


class NotPublished(LookupError):
    """A committee request outside the published set: refused, never widened or narrowed."""


@dataclass
class Publication:
    scopes: frozenset
    results: dict[tuple[Scope, str], Result]
    withheld: set
    audit: dict[tuple, Range]
    values: dict[tuple, int]
    seconds: float

    def result(self, scope: Scope, measure_id: str) -> Result:
        check(scope, self.scopes)
        return self.results[(scope, measure_id)]

    def withheld_counts(self, period_label: str, measure_id: str) -> set[int]:
        """The true values of the counts withheld from the committee for one measure and period:
        what its readers must not find in the commentary either."""
        keys = {cells.time_key(basis, scope) for scope in self.scopes if scope.period.label == period_label
                for basis in _bases(measure_id)}
        return {self.values[c] for c in self.withheld if c[0] == measure_id and c[1] in keys}


def _bases(measure_id: str) -> set[str]:
    published = MEASURES[measure_id]
    return {published.time} | {t.time for t in published.tables if t.time}


def committee_scopes(data: Dataset) -> frozenset:
    latest = data.latest_date
    if latest is None:
        return frozenset()
    return frozenset(Scope(period, as_at_for(period, latest)) for period in offered_periods(latest))


def in_the_set(scope: Scope, result: Result) -> Result:
    """What the set holds of a result: everything for a year; a quarter's headline figures only
    (a quarter's breakdowns are mostly small numbers, and each would take others with it)."""
    if scope.period.grain == "year":
        return result
    held_back = {t.source: withheld_table(QUARTER_TABLES) for t in MEASURES[result.measure_id].tables}
    return result.with_changes(breakdown=held_back.pop("breakdown", None),
                               extras={**{k: v for k, v in result.extras.items() if k in PUBLIC_EXTRAS}, **held_back},
                               notes=tuple(n for n in result.notes if not isinstance(n, CountsNote)))


def check(scope: Scope, scopes: frozenset) -> None:
    if scope.filters.active:
        raise NotPublished("Filters are not part of the committee's view. " + WHAT_THE_COMMITTEE_SEES)
    if scope.period.grain == "month":
        raise NotPublished("Months are not part of the committee's view. " + WHAT_THE_COMMITTEE_SEES)
    if scope not in scopes:
        raise NotPublished(f"{scope.period.label} at this date is not part of the committee's view. "
                           + WHAT_THE_COMMITTEE_SEES)


def build(settings, data: Dataset) -> Publication:
    started = time.perf_counter()
    scopes = committee_scopes(data)
    results = {(scope, measure_id): in_the_set(scope, results_cache.result(
        settings, data, scope, measure_id, detail=scope.period.grain == "year"))
        for scope in scopes for measure_id in MEASURES}
    system = cells.build(results)
    withheld, audit = protect(system, settings.suppression_threshold)
    shown = {key: cells.protected(result, key[1], key[0], withheld) for key, result in results.items()}
    seconds = time.perf_counter() - started
    unsafe = [r for r in audit.values() if not r.safe]
    if unsafe:
        log.error("disclosure audit: %d withheld cells could be worked out: %s", len(unsafe), unsafe[:5])
    return Publication(scopes, shown, withheld, audit, system.values, seconds)


_kept: dict = {}
_lock = threading.Lock()


def committee_publication(settings, data: Dataset) -> Publication:
    """The committee's publication for this data and these settings, built once per process."""
    key = (settings.database_url, data.version, id(data), results_cache.measure_settings(settings),
           settings.suppression_threshold)
    found = _kept.get(key)
    if found is None:
        with _lock:
            found = _kept.get(key)
            if found is None:
                found = build(settings, data)
                _kept.clear()  # one data version at a time
                _kept[key] = found
    return found
