"""Differencing: a committee member who subtracts what they are shown never finds a withheld
number. Run over a demo council as the committee sees it, for every measure and breakdown,
unfiltered and with each single filter value (a filter and its complement)."""
from __future__ import annotations

import pandas as pd
import pytest

from data import disclosure, results_cache, store
from data.measures.catalogue import BREAKDOWNS, MEASURES
from data.measures.filters import Filters
from data.measures.periods import parse_period
from data.measures.report import Scope
from tests.conftest import demo_instance

THRESHOLD = 4
MEASURE_IDS = [m.id for m in MEASURES] + list(BREAKDOWNS)
FILTERS = [("sex", "Male"), ("sex", "Female"), ("age_band", "10-15"), ("age_band", "16-17"),
           ("placement_group", "Residential"), ("uasc", "Yes")]


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    settings = demo_instance(tmp_path_factory.mktemp("disclosure"), children=120, seed=21)
    return settings, store.dataset(settings)


def _scopes():
    period = parse_period("2025-26")
    yield Scope(period), None
    for name, value in FILTERS:
        yield Scope(period, None, Filters(**{name: (value,)})), Scope(period)


def _small(value) -> bool:
    return value is not None and not pd.isna(value) and 0 < value <= THRESHOLD


def _cells_recoverable(shown, truth) -> list[str]:
    """The total minus the visible cells gives the hidden cell when exactly one is hidden."""
    found = []
    for column in ("numerator", "denominator"):
        total = getattr(shown, column)
        if total is None or shown.breakdown is None or column not in shown.breakdown:
            continue
        true_cells = pd.to_numeric(truth.breakdown[column], errors="coerce")
        if true_cells.sum() != getattr(truth, column):
            continue  # cells that do not add up to the total cannot be subtracted from it
        hidden = shown.breakdown[column].isna()
        if hidden.sum() == 1 and _small(true_cells[hidden].iloc[0]):
            found.append(f"{column} of {shown.breakdown.loc[hidden, 'group'].iloc[0]}")
    return found


@pytest.mark.parametrize("measure_id", MEASURE_IDS)
def test_d001_no_subtraction_reveals_a_withheld_number(council, measure_id):
    settings, data = council
    for scope, wider in _scopes():
        shown = disclosure.shown(settings, data, scope, measure_id, "committee")
        truth = results_cache.result(settings, data, scope, measure_id)
        assert not _small(shown.numerator) and not _small(shown.denominator)
        if truth.breakdown is not None:
            assert _cells_recoverable(shown, truth) == [], scope
        if wider is not None:
            outer = disclosure.shown(settings, data, wider, measure_id, "committee")
            for column in ("numerator", "denominator"):
                mine, theirs = getattr(shown, column), getattr(outer, column)
                if mine is not None and theirs is not None:
                    assert not _small(theirs - mine), (scope.filters, column, theirs, mine)


def test_d002_the_check_finds_a_difference_when_suppression_ignores_the_wider_scope(council):
    """The test above can fail: without the wider scopes, some filter's complement is small."""
    from data.measures.suppression import for_role
    settings, data = council
    revealed = 0
    for measure_id in MEASURE_IDS:
        for scope, wider in _scopes():
            if wider is None:
                continue
            mine = for_role(results_cache.result(settings, data, scope, measure_id), "committee", THRESHOLD)
            outer = for_role(results_cache.result(settings, data, wider, measure_id), "committee", THRESHOLD)
            if mine.numerator is not None and outer.numerator is not None:
                revealed += _small(outer.numerator - mine.numerator)
    assert revealed > 0
