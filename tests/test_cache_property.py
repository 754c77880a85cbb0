"""A long-lived Dataset must give every figure a fresh one gives, whatever was asked before.

Caches hang off a Dataset for its whole life (a worker keeps one per data version). A cache key
that leaves out something a figure depends on shows up only after a certain order of requests:
the same period and filters at another as-at date, say. Hypothesis drives random sequences of
(period, as-at, filters) through one Dataset and compares every measure and breakdown with the
same scope computed on a fresh copy of the same data."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from data import store
from data.measures.catalogue import BREAKDOWNS, MEASURES
from data.measures.context import Council
from data.measures.dataset import FRAME_COLUMNS, Dataset
from data.measures.filters import Filters
from data.measures.periods import parse_period
from data.measures.report import Scope, measure
from tests.conftest import demo_instance
from tests.test_measures_facts import _plain

MEASURE_IDS = [m.id for m in MEASURES] + list(BREAKDOWNS)
PARTS = ("value", "numerator", "denominator", "status", "breakdown", "rows", "extras", "notes")
PERIODS = ["2025-26", "2024-25", "2025-26 Q2", "2024-25 Q4", "2025-08"]
FILTER_CHOICES = {
    "age_band": ["10-15", "16-17", "5-9"],
    "sex": ["Female", "Male"],
    "legal_status": ["Full care order", "Accommodated (section 20)", "Interim care order"],
    "placement_group": ["Fostering: other carers", "Residential"],
    "uasc": ["Yes", "No"],
}


@pytest.fixture(scope="module")
def long_lived(tmp_path_factory):
    """One Dataset as a worker has it (made, kept in a snapshot file and mapped back), asked
    everything in turn."""
    settings = demo_instance(tmp_path_factory.mktemp("property"), children=150, seed=11)
    return settings, store._open(settings, 1)


def fresh_copy(data: Dataset) -> Dataset:
    """The same tables in a new Dataset: nothing cached."""
    return Dataset.from_frames(version=data.version,
                               **{name: getattr(data, name)[list(columns)] for name, columns in FRAME_COLUMNS.items()})


@st.composite
def scopes(draw):
    period = parse_period(draw(st.sampled_from(PERIODS)))
    # the as-at dates the pages use: the period's end, the data's last day inside it, or any day in it
    as_at = draw(st.sampled_from([None, period.end, period.end - timedelta(days=61), period.start + timedelta(days=20)]))
    names = draw(st.lists(st.sampled_from(sorted(FILTER_CHOICES)), max_size=2, unique=True))
    filters = Filters(**{name: tuple(draw(st.lists(st.sampled_from(FILTER_CHOICES[name]), min_size=1, max_size=2,
                                                   unique=True))) for name in names})
    return Scope(period, as_at if as_at is None or as_at >= period.start else None, filters)


@hypothesis_settings(max_examples=25, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(scopes(), min_size=2, max_size=4))
def test_a_long_lived_dataset_agrees_with_a_fresh_one(long_lived, sequence):
    settings, data = long_lived
    council = Council(settings.population_0_17, settings.postcode_districts)
    for scope in sequence:
        fresh = fresh_copy(data)
        for measure_id in MEASURE_IDS:
            expected = measure(fresh, measure_id, scope, settings.measure_rules, council)
            actual = measure(data, measure_id, scope, settings.measure_rules, council)
            for part in PARTS:
                assert _plain(getattr(actual, part)) == _plain(getattr(expected, part)), (measure_id, part, scope)


def test_the_as_at_date_is_part_of_every_filtered_cut():
    """The case that was wrong (issue 12): the same period and filters at two as-at dates, on one
    Dataset. A child of 9 at the earlier date is 10 at the later one."""
    from tests.cases import EPISODES, RULES, COUNCIL, data as make_data, ep
    dataset = make_data(header=("child sex dob ethnic", [("A", "1", "2014-01-15", "WBRI"),
                                                        ("B", "2", "2010-06-01", "WBRI")]),
                        episodes=(EPISODES, [ep("A", "2023-01-01"), ep("B", "2023-01-01")]),
                        reviews=("child review review_code", [("A", "2023-11-20", "PN1"),
                                                              ("B", "2023-11-20", "PN1")]))
    scope_early = Scope(parse_period("2023-24"), date(2023, 12, 1), Filters(age_band=("10-15",)))
    scope_late = Scope(parse_period("2023-24"), date(2024, 3, 31), Filters(age_band=("10-15",)))
    early = measure(dataset, "review_timeliness", scope_early, RULES, COUNCIL)
    late = measure(dataset, "review_timeliness", scope_late, RULES, COUNCIL)
    assert (early.denominator, late.denominator) == (1, 2)
