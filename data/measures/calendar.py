"""Working days and month arithmetic for statutory timescales.

Bank holidays of England and Wales come from the maintained `holidays` package (including
one-off days such as the 2022 state funeral), not from a hand-typed list.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
import numpy as np
import pandas as pd

FIRST_YEAR, LAST_YEAR = 1990, 2040


@lru_cache(maxsize=1)
def bank_holidays() -> np.ndarray:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


@lru_cache(maxsize=1)
def _calendar() -> np.busdaycalendar:
    return np.busdaycalendar(weekmask="1111100", holidays=bank_holidays())


def add_working_days(dates, days: int):
    """The `days`-th working day after each date, the date itself not counted.

    Mon 2 Oct 2023 + 20 -> Mon 30 Oct 2023; Sat 7 Oct 2023 + 20 -> Fri 3 Nov 2023. Works on a
    single date or a pandas Series (NaT stays NaT)."""
    if isinstance(dates, pd.Series):
        valid = dates.notna()
        out = pd.Series(pd.NaT, index=dates.index, dtype="datetime64[s]")
        if valid.any():
            days_only = dates[valid].to_numpy().astype("datetime64[D]")
            moved = np.busday_offset(days_only, days, roll="backward", busdaycal=_calendar())
            out[valid] = moved.astype("datetime64[s]")
        return out
    moved = np.busday_offset(np.datetime64(date.fromisoformat(str(dates)[:10]), "D"), days,
                             roll="backward", busdaycal=_calendar())
    return pd.Timestamp(moved).date()


def working_days_between(start, end) -> np.ndarray:
    """Working days after `start` up to and including `end` (element-wise arrays or Series)."""
    start = np.asarray(pd.to_datetime(start)).astype("datetime64[D]")
    end = np.asarray(pd.to_datetime(end)).astype("datetime64[D]")
    # busday_count counts [start, end); shift by one day to count (start, end].
    return np.busday_count(start + 1, end + 1, busdaycal=_calendar())


def add_months(dates, months: int):
    """Same day of the month, or the month's last day where that day does not exist:
    31 Aug + 6 months = 28/29 Feb; 30 Nov + 3 months = 28/29 Feb."""
    offset = pd.DateOffset(months=months)
    if isinstance(dates, pd.Series):
        return (dates + offset).astype("datetime64[s]")
    return (pd.Timestamp(dates) + offset).date()
