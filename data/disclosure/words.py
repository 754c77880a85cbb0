"""Text is a table too: a sentence with a number in it is published like a cell. A manager's
commentary that holds a number equal to a count the committee's view withholds for that measure
and period is not shown to the committee (the manager is told which number when saving)."""
from __future__ import annotations

import re

from data.disclosure.publication import committee_publication

# Whole numbers as people write them (1, 12, 1,204), not parts of decimals, dates or percentages.
WHOLE_NUMBER = re.compile(r"(?<![\d.,/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d/-]|\.\d|,\d|\s?%)")


def numbers_in(text: str) -> set[int]:
    return {int(match.replace(",", "")) for match in WHOLE_NUMBER.findall(text or "")}


def withheld_numbers(settings, data, measure_id: str, period: str, text: str) -> list[int]:
    """The numbers of `text` that equal a count withheld from the committee for the measure and period."""
    if measure_id not in _published_measures():
        return []
    withheld = committee_publication(settings, data).withheld_counts(period, measure_id)
    return sorted(numbers_in(text) & withheld)


def _published_measures() -> set[str]:
    from data.disclosure.tables import MEASURES
    return set(MEASURES)
