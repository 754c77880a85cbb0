"""The committee's suppression on small hand-worked cases: which cells are withheld, and the audit's
range for each, worked out on paper."""
from __future__ import annotations

import pandas as pd
import pytest

from data.disclosure import cells
from data.disclosure.audit import ranges
from data.disclosure.protect import protect
from data.measures.periods import parse_period
from data.measures.report import Scope
from data.measures.result import Result
from data.settings import MeasureRule

HIGHER = MeasureRule("higher_is_better", 0.95, 0.87, 0.95)
YEAR = Scope(parse_period("2023-24"))


def _share(measure_id, numerator, denominator, period=YEAR, **parts) -> Result:
    return Result(measure_id, "x", period.period.label, str(period.period.end), "percent",
                  numerator / denominator if denominator else None, numerator, denominator, "GREEN", HIGHER, **parts)


def _withheld(results: dict) -> tuple[set, dict]:
    system = cells.build(results)
    return protect(system, 4)


def _cell(table, row, part, measure="review_timeliness", time="period 2023-24"):
    return (measure, time, table, row, part)


@pytest.mark.parametrize("numerator, denominator, hidden", [
    (0, 10, set()),
    (1, 10, {"num", "comp"}),  # 1 withheld; 1 of 10 gives it away, so the smaller partner (9) goes too
    (9, 10, {"comp", "num"}),  # 9 of 10: 1 did not take part
    (5, 10, set()), (4, 4, {"num", "den"}), (30, 40, set())])
def test_no_count_from_1_to_4_nor_its_complement(numerator, denominator, hidden):
    withheld, audit = _withheld({(YEAR, "review_timeliness"): _share("review_timeliness", numerator, denominator)})
    assert {c[4] for c in withheld} == hidden
    assert all(r.safe for r in audit.values())
    shown = cells.protected(_share("review_timeliness", numerator, denominator), "review_timeliness", YEAR, withheld)
    assert (shown.value is None) is bool(hidden) and shown.status == ("WITHHELD" if hidden else "GREEN")


def test_one_small_row_takes_the_next_smallest_with_it():
    """PN codes 20, 3, 7, 9 of 39 coded: withholding 3 alone, 39 - 20 - 7 - 9 gives it back."""
    breakdown = pd.DataFrame({"group": ["PN1", "PN2", "PN3", "PN7"], "numerator": [20, 3, 7, 9], "denominator": 39})
    result = _share("review_participation", 30, 39, breakdown=breakdown)
    withheld, audit = _withheld({(YEAR, "review_participation"): result})
    rows = {c[3] for c in withheld if c[2] == "breakdown"}
    assert rows == {"PN2", "PN3"}
    assert (audit[_cell("breakdown", "PN2", "num", "review_participation")].low,
            audit[_cell("breakdown", "PN2", "num", "review_participation")].high) == (0, 10)


def test_two_small_rows_need_no_third():
    breakdown = pd.DataFrame({"group": list("abcd"), "numerator": [2, 3, 10, 0], "denominator": 15})
    result = Result("escalations_raised", "x", "2023-24", "2024-03-31", "count", 15.0, 15, None, breakdown=breakdown)
    withheld, audit = _withheld({(YEAR, "escalations_raised"): result})
    assert {c[3] for c in withheld} == {"a", "b"}
    assert audit[_cell("breakdown", "a", "num", "escalations_raised")].values >= 3


def test_a_quarter_is_not_the_year_less_the_other_three():
    """Reviews held: the year 100 of 110 and its quarters; Q2's 2 late reviews are withheld, and
    something beside them, or the year less Q1, Q3 and Q4 would give them back."""
    year = _share("review_timeliness", 100, 110)
    quarters = {q: _share("review_timeliness", n, d, Scope(parse_period(q)))
                for q, n, d in (("2023-24 Q1", 25, 27), ("2023-24 Q2", 23, 25), ("2023-24 Q3", 27, 30),
                                ("2023-24 Q4", 25, 28))}
    results = {(YEAR, "review_timeliness"): year, **{(Scope(parse_period(q)), "review_timeliness"): r
                                                     for q, r in quarters.items()}}
    withheld, audit = _withheld(results)
    assert _cell("", "", "comp", time="period 2023-24 Q2") in withheld
    assert len({c[1] for c in withheld}) >= 2, "withheld in more than one period"
    assert all(r.safe for r in audit.values())


def test_the_audit_finds_a_withheld_count_that_a_sum_gives_away():
    """The audit on its own: num withheld and comp and den both shown, num = den - comp."""
    system = cells.build({(YEAR, "review_timeliness"): _share("review_timeliness", 2, 30)})
    alone = ranges(system, {_cell("", "", "num")})
    assert [(r.low, r.high, r.values, r.safe) for r in alone.values()] == [(2, 2, 1, False)]
    paired = ranges(system, {_cell("", "", "num"), _cell("", "", "comp")})
    assert paired[_cell("", "", "num")].high == 30 and paired[_cell("", "", "num")].safe


def test_a_sum_that_does_not_hold_is_refused():
    """tables.py says a breakdown adds up to its headline; counts that do not are an error to fix."""
    breakdown = pd.DataFrame({"group": ["First review"], "numerator": [5], "denominator": [9]})
    with pytest.raises(ValueError, match="does not hold"):
        cells.build({(YEAR, "review_timeliness"): _share("review_timeliness", 10, 20, breakdown=breakdown)})
