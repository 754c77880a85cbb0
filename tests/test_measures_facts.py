"""Two shortcuts must never change a figure.

Per-period facts are kept with repeated strings as categoricals (Dataset.facts). Categoricals
behave differently from strings in places (a value_counts lists every category, fillna refuses a
new value), so every measure and breakdown must give the same answer either way: here with
every string column of every kept frame converted, against the plain frames.

A trend's points are computed headline only (report.measure(detail=False)): value, counts and
status must be exactly those of the full measure."""
from __future__ import annotations

import pandas as pd
import pytest

from data import results_cache, store
from data.measures import dataset
from data.measures.catalogue import BREAKDOWNS, MEASURES
from data.measures.context import Council
from data.measures.dataset import FACTS
from data.measures.filters import Filters
from data.measures.periods import parse_period
from data.measures.report import Scope, measure
from tests.conftest import demo_instance

SCOPES = [Scope(parse_period("2025-26")), Scope(parse_period("2024-25 Q3")),
          Scope(parse_period("2025-26"), None, Filters(sex=("Female",))),
          Scope(parse_period("2025-26"), None, Filters(age_band=("16-17",), placement_group=("Residential",))),
          Scope(parse_period("2024-25"), None, Filters(legal_status=("Full care order",)))]
MEASURE_IDS = [m.id for m in MEASURES] + list(BREAKDOWNS)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same import read twice: as kept normally, and with every string column of the kept
    facts (child ids too) as categoricals."""
    settings = demo_instance(tmp_path_factory.mktemp("facts"), children=150, seed=5)
    plain = store._read(settings, 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dataset, "COMPACT_FROM_ROWS", 0)
        patch.setattr(dataset, "COMPACT_SHARE", 1)
        patch.setattr(results_cache, "_local", None)  # else the warm-up finds the plain read's results kept
        compact = store._read(settings, 1)
        yield settings, plain, compact


def _plain(value):
    """A result's part as comparable plain data (categoricals and strings alike)."""
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index(drop=True)
        return [[None if pd.isna(cell) else str(cell) for cell in row] for row in frame.astype(object).values] + \
            [list(frame.columns)]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.period.label} {s.filters.as_dict()}")
def test_every_measure_is_the_same_with_facts_kept_as_categoricals(both, scope):
    settings, plain, compact = both
    council = Council(settings.population_0_17, settings.postcode_districts)
    kept = compact.store(FACTS)
    converted = [key for key in kept.keys() if isinstance(frame := kept.get(key), pd.DataFrame)
                 and any(isinstance(t, pd.CategoricalDtype) for t in frame.dtypes)]
    assert converted, "the patched rule converted nothing: this test would prove nothing"
    for measure_id in MEASURE_IDS:
        expected = measure(plain, measure_id, scope, settings.measure_rules, council)
        actual = measure(compact, measure_id, scope, settings.measure_rules, council)
        for part in ("value", "numerator", "denominator", "status", "breakdown", "rows", "extras", "notes"):
            assert _plain(getattr(actual, part)) == _plain(getattr(expected, part)), (measure_id, part)


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.period.label} {s.filters.as_dict()}")
def test_headline_only_gives_the_full_measures_figures(both, scope):
    settings, plain, _ = both
    council = Council(settings.population_0_17, settings.postcode_districts)
    for m in MEASURES:
        full = measure(plain, m.id, scope, settings.measure_rules, council)
        headline = measure(plain, m.id, scope, settings.measure_rules, council, detail=False)
        for part in ("value", "numerator", "denominator", "status", "unit", "label"):
            assert getattr(headline, part) == getattr(full, part), (m.id, part)
        assert headline.rows is None or m.id not in {"review_timeliness", "neet_16_17"}, m.id
