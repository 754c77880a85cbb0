"""Reporting periods: English financial years, their quarters, and months.

Written `2023-24` (1 April 2023 to 31 March 2024), `2023-24 Q1` (April to June 2023) and
`2023-06` (June 2023). Where text could be either (`2011-12`), it is the financial year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

YEAR = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2})$")
QUARTER = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2}) ?Q(?P<q>[1-4])$", re.IGNORECASE)
MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
GRAINS = ("year", "quarter", "month")


class PeriodError(ValueError):
    """A period or date that cannot be read; the message says what is expected."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    grain: str

    @property
    def label(self) -> str:
        first = self.start.year if self.start.month >= 4 else self.start.year - 1
        year = f"{first}-{str(first + 1)[2:]}"
        if self.grain == "year":
            return year
        if self.grain == "quarter":
            return f"{year} Q{(self.start.month - 4) % 12 // 3 + 1}"
        return self.start.strftime("%Y-%m")

    @property
    def collection_year(self) -> int:
        """The 903 collection year holding this period (named by the year it ends)."""
        return self.end.year if self.end.month <= 3 else self.end.year + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> "Period":
        return period_ending(self.start - timedelta(days=1), self.grain)

    def year_before(self) -> "Period":
        return Period(_shift_year(self.start), _shift_year(self.end, month_end=True), self.grain)

    def run(self, count: int) -> list["Period"]:
        """This period and the `count - 1` before it, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return list(reversed(periods))

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period:
    text = text.strip()
    if match := QUARTER.match(text):
        first = _checked_year(match, text)
        quarter = int(match["q"])
        start_month = 4 + (quarter - 1) * 3
        start = date(first + (start_month > 12), (start_month - 1) % 12 + 1, 1)
        return Period(start, _month_end(_add_months(start, 2)), "quarter")
    match = YEAR.match(text)
    if match and (int(match["start"]) + 1) % 100 == int(match["end"]):
        first = int(match["start"])
        return Period(date(first, 4, 1), date(first + 1, 3, 31), "year")
    if match := MONTH.match(text):
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"{text!r} is not a period: a financial year's second year must follow "
                              "the first (2023-24), and a month must be 01 to 12 (2023-06)")
        start = date(int(match["year"]), month, 1)
        return Period(start, _month_end(start), "month")
    raise PeriodError(f"{text!r} is not a period: write a financial year like 2023-24, a quarter "
                      "like 2023-24 Q1, or a month like 2023-06")


def period_ending(day: date, grain: str) -> Period:
    """The period of the given grain that contains `day`."""
    if grain == "month":
        start = day.replace(day=1)
        return Period(start, _month_end(start), "month")
    first = day.year if day.month >= 4 else day.year - 1
    if grain == "year":
        return Period(date(first, 4, 1), date(first + 1, 3, 31), "year")
    if grain == "quarter":
        quarter = (day.month - 4) % 12 // 3
        start = _add_months(date(first, 4, 1), quarter * 3)
        return Period(start, _month_end(_add_months(start, 2)), "quarter")
    raise PeriodError(f"unknown grain {grain!r}: use one of {', '.join(GRAINS)}")


def split(period: Period, grain: str) -> list[Period]:
    """The periods of a finer grain that make up `period` (a year into quarters or months)."""
    parts, day = [], period.start
    while day <= period.end:
        part = period_ending(day, grain)
        parts.append(part)
        day = part.end + timedelta(days=1)
    return parts


def parse_date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise PeriodError(f"{text!r} is not a date: write yyyy-mm-dd or dd/mm/yyyy")


def _checked_year(match: re.Match, text: str) -> int:
    first = int(match["start"])
    if (first + 1) % 100 != int(match["end"]):
        raise PeriodError(f"{text!r}: the second year must follow the first, like 2023-24")
    return first


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1, day=1)


def _month_end(day: date) -> date:
    return _add_months(day, 1) - timedelta(days=1)


def _shift_year(day: date, month_end: bool = False) -> date:
    if month_end:
        return _month_end(day.replace(year=day.year - 1, day=1))
    return day.replace(year=day.year - 1)
