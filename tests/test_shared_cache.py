"""Results shared through Redis: keyed by the settings a measure reads, and never a dependency."""
from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from data import results_cache, store
from data.measures.periods import parse_period
from data.measures.report import Scope
from data.settings import MeasureRule
from tests.conftest import demo_instance

SCOPE = Scope(parse_period("2024-25"))


@pytest.fixture
def council(tmp_path, monkeypatch):
    monkeypatch.setattr(results_cache, "_local", None)  # a fresh in-process store: only Redis remembers
    monkeypatch.setattr(results_cache._SharedState, "failed_at", None)
    return demo_instance(tmp_path, children=60, seed=4)


def _forget_this_process():
    results_cache._local = None


def test_a_threshold_change_reaches_a_redis_backed_cache(council, redis_url, monkeypatch):
    settings = replace(council, cache_url=redis_url)
    data = store.dataset(settings)
    first = results_cache.result(settings, data, SCOPE, "review_timeliness")
    assert first.status in ("GREEN", "AMBER", "RED")

    _forget_this_process()
    monkeypatch.setattr(results_cache, "measure", lambda *a, **k: pytest.fail("should have come from Redis"))
    assert results_cache.result(settings, data, SCOPE, "review_timeliness").status == first.status
    monkeypatch.undo()

    # Thresholds that make the same value RED (and, the other way, GREEN): the status must follow.
    value = first.value
    red = MeasureRule("higher_is_better", green=value + 0.02, amber=value + 0.01, target=value + 0.02)
    changed = replace(settings, measure_rules={**settings.measure_rules, "review_timeliness": red})
    _forget_this_process()
    assert results_cache.result(changed, data, SCOPE, "review_timeliness").status == "RED"
    green = MeasureRule("higher_is_better", green=value - 0.02, amber=value - 0.04, target=value - 0.02)
    changed = replace(settings, measure_rules={**settings.measure_rules, "review_timeliness": green})
    assert results_cache.result(changed, data, SCOPE, "review_timeliness").status == "GREEN"


def test_results_come_from_this_process_when_redis_cannot_be_reached(council, caplog):
    settings = replace(council, cache_url="redis://127.0.0.1:1/0")  # nothing listens on port 1
    data = store.dataset(settings)
    with caplog.at_level(logging.WARNING, logger="data.results_cache"):
        for measure_id in ("review_timeliness", "cla_count", "iro_caseload"):
            assert results_cache.result(settings, data, SCOPE, measure_id).value is not None
    warnings = [r for r in caplog.records if "shared cache" in r.getMessage()]
    assert len(warnings) == 1, "one warning, not one per request"
