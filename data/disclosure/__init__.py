"""A measure as one role may see it.

Directors and managers see the cached result itself (managers with the children behind it); the
committee sees the protected publication (publication.py), and nothing outside it."""
from __future__ import annotations

from data import results_cache
from data.disclosure.publication import WHAT_THE_COMMITTEE_SEES, NotPublished, check, committee_publication
from data.measures.dataset import Dataset
from data.measures.report import Scope
from data.measures.result import Result
from data.disclosure.words import withheld_numbers
from data.measures.suppression import SUPPRESSED_ROLES, for_role

__all__ = ["NotPublished", "WHAT_THE_COMMITTEE_SEES", "check_committee_scope", "shown", "shown_beside",
           "unpublished", "withheld_numbers"]


def shown(settings, data: Dataset, scope: Scope, measure_id: str, role: str, detail: bool = True) -> Result:
    if role in SUPPRESSED_ROLES:
        return committee_publication(settings, data).result(scope, measure_id)
    return for_role(results_cache.result(settings, data, scope, measure_id, detail), role)


def check_committee_scope(settings, data: Dataset, scope: Scope) -> None:
    """Raises NotPublished, with the reason, for a scope outside the committee's published set."""
    check(scope, committee_publication(settings, data).scopes)


def unpublished(settings, data: Dataset, scope: Scope, measure_id: str) -> Result:
    """A figure beside the one asked for that the committee's view does not hold: named, and withheld."""
    raw = results_cache.result(settings, data, scope, measure_id, detail=False)
    return raw.with_changes(value=None, numerator=None, denominator=None, suppressed=True, rows=None,
                            status="WITHHELD" if raw.status else raw.status, breakdown=None, extras={}, notes=())


def shown_beside(settings, data: Dataset, scope: Scope, measure_id: str, role: str, detail: bool = True) -> Result:
    """A figure shown beside the one asked for (the period before, a trend's): withheld where the
    committee's view does not hold it, rather than refused."""
    try:
        return shown(settings, data, scope, measure_id, role, detail)
    except NotPublished:
        return unpublished(settings, data, scope, measure_id)
