"""What every measure is asked about: the data, the period, the as-at date and the children."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.measures.dataset import CUTS, FACTS, Dataset
from data.measures.filters import Filters, child_profiles, selection_mask
from data.measures.periods import Period
from data.settings import Council, MeasureRule


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

    def facts(self, compute, **inputs):
        """What a measure knows of every child for a period or date, before any filter:
        `compute(data, **inputs)`, kept per dataset and inputs (Dataset.cached)."""
        return self.data.cached(FACTS, compute, **inputs)

    def everyone(self, compute, **inputs) -> pd.DataFrame:
        """The facts of `compute(data, **inputs)` for the selected children. The cut is kept too,
        under the facts' key and the selection (as-at date and filters), for the other measures of
        the same request. `compute` must give each row's child number in `_id`."""
        if self.children is None:
            return self.facts(compute, **inputs)
        return self.data.cached(CUTS, selected_rows, source=compute, inputs=tuple(sorted(inputs.items())),
                                day=self.as_at, filters=self.filters)

    def cut(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of `frame` for the selected children, by the child number each row carries."""
        if self.children is None:
            return frame
        return frame[self.children[frame["_id"].to_numpy()]]

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


def selection(data: Dataset, day: date, filters: Filters) -> np.ndarray:
    """True at the number of each child the filters select as at `day` (and False for -1)."""
    return selection_mask(data, child_profiles(data, day), filters)


def selected_rows(data: Dataset, source, inputs: tuple, day: date, filters: Filters) -> pd.DataFrame:
    """The facts `source(data, **inputs)` of the children the filters select as at `day`."""
    frame = data.cached(FACTS, source, **dict(inputs))
    return frame[data.cached(CUTS, selection, day=day, filters=filters)[frame["_id"].to_numpy()]]


def make_context(data: Dataset, period: Period, rules: dict[str, MeasureRule], council: Council,
                 as_at: date | None = None, filters: Filters | None = None, detail: bool = True) -> Context:
    """As-at defaults to the period's last day. Filters become a set of children once, here."""
    as_at = as_at or period.end
    filters = filters or Filters()
    children = data.cached(CUTS, selection, day=as_at, filters=filters) if filters.active else None
    return Context(data, period, as_at, rules, council, filters, children, detail)
