"""RAG, periods, filters, what each role sees, and trends (the committee's suppression: test_disclosure*.py)."""
from datetime import date

import pandas as pd
import pytest

from data.measures import reviews
from data.measures.filters import Filters
from data.measures.periods import PeriodError, parse_date, parse_period, split
from data.measures.report import trend
from data.measures.result import Result, rag_status
from data.measures.suppression import for_role
from data.settings import MeasureRule
from tests.cases import COUNCIL, EPISODES, RULES, ctx, data, ep

HIGHER = MeasureRule("higher_is_better", 0.95, 0.87, 0.95)
LOWER = MeasureRule("lower_is_better", 0.10, 0.12)


@pytest.mark.parametrize("value, rule, status", [
    (0.95, HIGHER, "GREEN"), (0.9499, HIGHER, "AMBER"), (0.87, HIGHER, "AMBER"), (0.8699, HIGHER, "RED"),
    (0.10, LOWER, "GREEN"), (0.11, LOWER, "AMBER"), (0.12, LOWER, "AMBER"), (0.121, LOWER, "RED"),
])
def test_rag_thresholds_are_inclusive(value, rule, status):
    assert rag_status(value, 100, rule) == status


def test_no_denominator_is_no_data_never_a_colour():
    assert rag_status(None, 0, HIGHER) == "NO DATA"
    assert rag_status(0.5, 10, None) == ""


@pytest.mark.parametrize("text, start, end, label", [
    ("2023-24", date(2023, 4, 1), date(2024, 3, 31), "2023-24"),
    ("2023-24 Q1", date(2023, 4, 1), date(2023, 6, 30), "2023-24 Q1"),
    ("2023-24 Q4", date(2024, 1, 1), date(2024, 3, 31), "2023-24 Q4"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
])
def test_periods(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_previous_periods_and_splits():
    assert parse_period("2023-24 Q1").previous().label == "2022-23 Q4"
    assert parse_period("2024-01").previous().label == "2023-12"
    assert [p.label for p in parse_period("2023-24").run(3)] == ["2021-22", "2022-23", "2023-24"]
    assert [p.label for p in split(parse_period("2023-24"), "quarter")] == [f"2023-24 Q{q}" for q in (1, 2, 3, 4)]
    assert len(split(parse_period("2023-24"), "month")) == 12


@pytest.mark.parametrize("text", ["2023-25", "2023", "2023-13", "last year", "2023-24 Q5"])
def test_bad_periods_are_clear_errors(text):
    with pytest.raises(PeriodError, match=text.split()[0]):
        parse_period(text)


def test_bad_date_is_a_clear_error():
    assert parse_date("31/03/2024") == date(2024, 3, 31)
    with pytest.raises(PeriodError, match="not a date"):
        parse_date("2024-02-30")


def _two_children():
    header = ("child sex dob ethnic", [("A", "1", "2010-01-01", "WBRI"), ("B", "2", "2020-01-01", "BAFR")])
    return data(header=header, episodes=(EPISODES, [ep("A", "2023-04-03"), ep("B", "2023-04-03", place="K2")]),
                reviews=("child review review_code", [("A", "2023-04-20", "PN1"), ("B", "2023-05-20", "PN0")]))


@pytest.mark.parametrize("filters, expected", [
    (Filters(), (1, 2)),
    (Filters(sex=("Female",)), (0, 1)),
    (Filters(age_band=("10-15",)), (1, 1)),
    (Filters(ethnic_group=("Black",)), (0, 1)),
    (Filters(placement_group=("Residential",)), (0, 1)),
    (Filters(sex=("Male",), placement_group=("Residential",)), (0, 0)),
])
def test_filters_cut_the_children_counted(filters, expected):
    result = reviews.review_timeliness(ctx(_two_children(), filters=filters))
    assert (result.numerator, result.denominator) == expected


def _result(numerator, denominator, breakdown=None):
    return Result("review_timeliness", "x", "2023-24", "2024-03-31", "percent", numerator / denominator,
                  numerator, denominator, "GREEN", HIGHER, breakdown=breakdown,
                  rows=pd.DataFrame({"la": ["999"], "child": ["A"]}))


def test_director_sees_everything_but_children_and_manager_sees_children():
    director = for_role(_result(2, 10), "director")
    assert director.numerator == 2 and director.rows is None
    assert for_role(_result(2, 10), "manager").rows["child"].tolist() == ["A"]


def test_trend_over_a_run_of_periods():
    d = data(episodes=(EPISODES, [ep("A", "2022-04-04"), ep("B", "2023-04-03")]),
             reviews=("child review review_code", [("A", "2022-04-20", "PN1"), ("A", "2022-07-20", "PN1"),
                                                  ("A", "2023-01-30", "PN1"), ("B", "2023-06-01", "PN1")]))
    frame = trend(d, "review_timeliness", parse_period("2023-24").run(2), RULES, COUNCIL)
    assert frame["period"].tolist() == ["2022-23", "2023-24"]
    assert frame["numerator"].tolist() == [2, 0] and frame["denominator"].tolist() == [3, 1]
