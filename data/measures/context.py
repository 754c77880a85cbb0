"""What every measure is asked about: the data, the period, the as-at date and the children."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.measures.dataset import Dataset
from data.measures.filters import Filters, child_codes, child_profiles, selection_mask
from data.measures.periods import Period
from data.settings import MeasureRule


@dataclass(frozen=True)
class Council:
    """The settings a measure needs about the council (not the whole Settings object)."""

    population_0_17: int
    postcode_districts: tuple[str, ...]


@dataclass
class Context:
    data: Dataset
    period: Period
    as_at: date
    rules: dict[str, MeasureRule]
    council: Council
    filters: Filters = field(default_factory=Filters)
    children: np.ndarray | None = None  # True at each selected child's number (Dataset.child_numbers); None: all
    detail: bool = True  # False: the headline figures only (a trend's points), no breakdowns, extras or lists

    def everyone(self, key: tuple, make) -> pd.DataFrame:
        """Facts about every child for one period or date (Dataset.facts), cut to the selection.
        `make` must give each row's child number in `_id`."""
        return self.cut(self.data.facts(key, make))

    def cut(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of `frame` for the selected children, by the child number each row carries."""
        if self.children is None:
            return frame
        return frame[self.children[child_codes(self.data, frame)]]

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.period.start)

    @property
    def end(self) -> pd.Timestamp:
        return pd.Timestamp(self.period.end)

    @property
    def year_end(self) -> date:
        """The date 'at year end' measures use: the period's last day."""
        return self.period.end


def make_context(data: Dataset, period: Period, rules: dict[str, MeasureRule], council: Council,
                 as_at: date | None = None, filters: Filters | None = None, detail: bool = True) -> Context:
    """As-at defaults to the period's last day. Filters become a set of children once, here."""
    as_at = as_at or period.end
    filters = filters or Filters()
    children = data.memo(("selected", as_at, filters),
                         lambda: selection_mask(data, child_profiles(data, as_at), filters)) if filters.active else None
    return Context(data, period, as_at, rules, council, filters, children, detail)
