"""The drafted summary: plain words from the figures, worked by hand."""
from __future__ import annotations

import pandas as pd

from data.measures.result import Result
from data.measures.summary import draft
from data.settings import MeasureRule

HIGHER = MeasureRule("higher_is_better", 0.95, 0.85, 0.95)


def _share(numerator, denominator, period="2025-26", status="RED", breakdown=None, suppressed=False):
    value = None if suppressed else numerator / denominator
    return Result("review_timeliness", "x", period, "2026-03-31", "percent", value,
                  None if suppressed else numerator, None if suppressed else denominator,
                  "WITHHELD" if suppressed else status, HIGHER, breakdown=breakdown, suppressed=suppressed)


def test_value_counts_change_and_status():
    text = draft("Reviews held in timescale", _share(170, 200), _share(160, 200, "2024-25", "RED"))
    assert text == ("Reviews held in timescale: 85% (170 of 200) in 2025-26. Up 5.0 percentage points from 80% "
                    "in 2024-25. This is off target against a target of 95%.")


def test_quarter_is_compared_with_the_quarter_before_and_a_year_earlier():
    text = draft("Reviews held in timescale", _share(90, 100, "2025-Q3", "AMBER"), _share(90, 100, "2025-Q2"),
                 _share(80, 100, "2024-Q3"))
    assert "About the same as 90% in 2025-Q2 and up 10.0 percentage points from 80% a year earlier (2024-Q3)." in text
    assert "near target" in text


def test_the_team_most_of_the_shortfall_came_from_is_named():
    teams = pd.DataFrame({"group": ["North", "South", "East"], "numerator": [50, 80, 40],
                          "denominator": [70, 85, 45]})
    text = draft("Reviews held in timescale", _share(170, 200), breakdown=teams, breakdown_label="team")
    assert text.endswith("Of the 30 not meeting it, the largest number came from team North (20, 67%).")


def test_a_withheld_figure_stays_withheld_in_words():
    text = draft("Reviews held in timescale", _share(3, 4, suppressed=True), _share(160, 200, "2024-25"))
    assert "withheld" in text and "3" not in text.replace("2025-26", "")


def test_a_one_line_reason_gives_the_change_and_where_the_shortfall_is():
    from data.measures.summary import reason
    teams = pd.DataFrame({"group": ["North", "South", "East"], "numerator": [50, 80, 40],
                          "denominator": [70, 85, 45]})
    assert reason(_share(170, 200), _share(160, 200, "2024-25"), teams, "team") == \
        "Up 5.0 percentage points from 80% in 2024-25; most of the shortfall is in team North (20 of 30)."
    assert reason(_share(170, 200, suppressed=True)).startswith("Withheld")
