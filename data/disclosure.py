"""A measure as one role may see it: the cached result, suppressed for the role, with the wider
scopes a viewer could subtract it from taken into account (data/measures/suppression.py)."""
from __future__ import annotations

from data import results_cache
from data.measures.dataset import Dataset
from data.measures.report import Scope
from data.measures.result import Result
from data.measures.suppression import SUPPRESSED_ROLES, for_role


def shown(settings, data: Dataset, scope: Scope, measure_id: str, role: str, detail: bool = True) -> Result:
    raw = results_cache.result(settings, data, scope, measure_id, detail)
    parents = ()
    if role in SUPPRESSED_ROLES:
        parents = tuple(results_cache.result(settings, data, wider, measure_id, detail) for wider in scope.wider())
    return for_role(raw, role, settings.suppression_threshold, parents)
