"""Working days and month arithmetic, checked against dates worked out by hand."""
from datetime import date

import pandas as pd
import pytest

from data.measures.calendar import add_months, add_working_days, working_days_between


@pytest.mark.parametrize("start, due", [
    (date(2023, 10, 2), date(2023, 10, 30)),  # Monday: measures.md's own example
    (date(2023, 10, 7), date(2023, 11, 3)),  # Saturday: measures.md's own example
    (date(2023, 12, 18), date(2024, 1, 18)),  # Christmas, Boxing Day and New Year inside
    (date(2022, 9, 5), date(2022, 10, 4)),  # the state funeral of 19 September 2022 inside
    (date(2024, 3, 28), date(2024, 4, 29)),  # Good Friday and Easter Monday inside
])
def test_twentieth_working_day(start, due):
    assert add_working_days(start, 20) == due


def test_working_days_on_a_series_keep_missing_dates_missing():
    dates = pd.Series(pd.to_datetime(["2023-10-02", None])).astype("datetime64[s]")
    result = add_working_days(dates, 20)
    assert result.iloc[0] == pd.Timestamp("2023-10-30") and pd.isna(result.iloc[1])


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(pd.Series([pd.Timestamp("2023-10-02")]),
                                pd.Series([pd.Timestamp("2023-10-30")])).tolist() == [20]


@pytest.mark.parametrize("start, months, expected", [
    (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
    (date(2022, 8, 31), 6, date(2023, 2, 28)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2023, 1, 15), 3, date(2023, 4, 15)),
])
def test_adding_months_clips_to_month_end(start, months, expected):
    assert add_months(start, months) == expected
