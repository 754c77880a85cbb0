"""The in-process results cache is bounded by bytes as well as by count: at the size of England
one result can carry tens of thousands of children, and a worker must stay in memory."""
from __future__ import annotations

import pandas as pd

from data.results_cache import LocalCache, _result_bytes
from data.measures.result import Result


def _result(rows: int) -> Result:
    return Result("m", "M", "2025-26", "2026-03-31", "count", float(rows), rows,
                  rows=pd.DataFrame({"la": ["999"] * rows, "child": [f"C{i:06d}" for i in range(rows)]}))


def test_the_least_recently_used_results_go_first_when_the_bytes_run_out():
    big = _result_bytes(_result(10000))
    cache = LocalCache(size=1000, budget=int(big * 2.5))
    for key in ("a", "b"):
        cache.set(key, _result(10000))
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.set("c", _result(10000))
    assert cache.get("b") is None, "the least recently used result should have been dropped"
    assert cache.get("a") is not None and cache.get("c") is not None
    assert cache.total <= cache.budget


def test_small_results_are_bounded_by_count():
    cache = LocalCache(size=3, budget=10 ** 9)
    for key in "abcde":
        cache.set(key, _result(1))
    assert [k for k in "abcde" if cache.get(k) is not None] == ["c", "d", "e"]


def test_a_measure_failing_during_warm_up_does_not_stop_the_data_loading(monkeypatch, caplog):
    """Warming is a head start only: one measure's error must not leave every page without data."""
    from dataclasses import replace
    from data.measures import warm_up
    from data.measures.catalogue import MEASURES
    from tests.cases import COUNCIL, EPISODES, RULES, data, ep

    def broken(ctx):
        raise ValueError("a measure that cannot cope with this data")
    monkeypatch.setattr(warm_up, "MEASURES", (replace(MEASURES[0], compute=broken), *MEASURES[1:]))
    dataset = data(episodes=(EPISODES, [ep("A", "2023-01-01")]))
    warm_up.warm_up(dataset, RULES, COUNCIL)
    assert "warm-up: review_timeliness" in caplog.text
    assert dataset.__dict__.get("_facts"), "the other measures were still worked out"
