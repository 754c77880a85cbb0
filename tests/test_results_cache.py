"""The bounded store every cache uses: least recently used out first, bounded by bytes as well as
by count (at the size of England one result can carry tens of thousands of children, and a
worker must stay in memory); and keys that only a module-level function can have."""
from __future__ import annotations

import pandas as pd
import pytest

from data.measures.cache import MISSING, BoundedLRU, Budget, computation_key, size_of
from data.measures.result import Result


def _result(rows: int) -> Result:
    return Result("m", "M", "2025-26", "2026-03-31", "count", float(rows), rows,
                  rows=pd.DataFrame({"la": ["999"] * rows, "child": [f"C{i:06d}" for i in range(rows)]}))


def test_the_least_recently_used_results_go_first_when_the_bytes_run_out():
    big = size_of(_result(10000))
    assert big > 160000, "a result is sized by the list it carries"
    cache = BoundedLRU(Budget(1000, int(big * 2.5)))
    for key in ("a", "b"):
        cache.put(key, _result(10000))
    assert cache.get("a") is not MISSING  # "a" is now the most recently used
    cache.put("c", _result(10000))
    assert cache.get("b") is MISSING, "the least recently used result should have been dropped"
    assert cache.get("a") is not MISSING and cache.get("c") is not MISSING
    assert cache.total_bytes <= cache.budget.bytes


def test_small_results_are_bounded_by_count():
    cache = BoundedLRU(Budget(3, 10 ** 9))
    for key in "abcde":
        cache.put(key, _result(1))
    assert [k for k in "abcde" if cache.get(k) is not MISSING] == ["c", "d", "e"]


def _module_level(data, day):
    return day


def test_a_key_is_the_function_and_its_inputs_and_closures_are_refused():
    assert computation_key(_module_level, {"day": 1}) != computation_key(_module_level, {"day": 2})
    assert computation_key(_module_level, {"day": 1}) == computation_key(_module_level, {"day": 1})
    with pytest.raises(TypeError, match="module-level"):
        computation_key(lambda data: 1, {})
    hidden = 3

    def closure(data):
        return hidden
    with pytest.raises(TypeError, match="module-level"):
        computation_key(closure, {})


def test_a_measure_failing_during_warm_up_does_not_stop_the_data_loading(monkeypatch, caplog):
    """Warming is a head start only: one measure's error must not leave every page without data."""
    from dataclasses import replace
    from data.measures import warm_up
    from data.measures.catalogue import MEASURES
    from data.measures.dataset import FACTS
    from tests.cases import COUNCIL, EPISODES, RULES, data, ep

    def broken(ctx):
        raise ValueError("a measure that cannot cope with this data")
    monkeypatch.setattr(warm_up, "MEASURES", (replace(MEASURES[0], compute=broken), *MEASURES[1:]))
    dataset = data(episodes=(EPISODES, [ep("A", "2023-01-01")]))
    warm_up.warm_up(dataset, RULES, COUNCIL)
    assert "warm-up: review_timeliness" in caplog.text
    assert len(dataset.store(FACTS)), "the other measures were still worked out"
