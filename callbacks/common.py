"""What page callbacks share: the request's settings, data, viewer and scope, and role-safe results."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from flask import current_app

from callbacks.scope import scope_from, values_from
from callbacks.viewer import require
from dashboard.filterbar import to_query
from data import disclosure, store
from data.measures.catalogue import MEASURES_BY_ID
from data.measures.dataset import Dataset
from data.measures.periods import Period
from data.measures.report import Scope
from data.measures.result import Result
from data.permissions import Viewer


@dataclass
class Request:
    settings: object
    data: Dataset
    viewer: Viewer
    scope: Scope
    query: str

    @property
    def as_at_text(self) -> str:
        return (self.scope.as_at or self.scope.period.end).strftime("%d %B %Y")

    def result(self, measure_id: str, scope: Scope | None = None, detail: bool = True) -> Result:
        """A measure as this viewer may see it (suppressed for the committee, rows only for managers);
        detail=False: its headline figures only."""
        return disclosure.shown(self.settings, self.data, scope or self.scope, measure_id, self.viewer.role, detail)

    def previous(self, measure_id: str) -> Result:
        return self.result(measure_id, Scope(self.scope.period.previous(), None, self.scope.filters))

    def trend(self, measure_id: str, periods: list[Period]) -> pd.DataFrame:
        rows = []
        for period in periods:
            as_at = self.scope.as_at if period == self.scope.period else None
            # the period shown and the one before are wanted in full anyway (the tile): the rest, headline only
            detail = period in (self.scope.period, self.scope.period.previous())
            r = self.result(measure_id, Scope(period, as_at, self.scope.filters), detail=detail)
            rows.append({"period": period.label, "value": r.value, "numerator": r.numerator,
                         "denominator": r.denominator, "status": r.status})
        return pd.DataFrame(rows)

    def entry(self, measure_id: str, with_trend: int = 0) -> dict:
        """A result with its name, the change since the period before, and optionally a trend."""
        result, prior = self.result(measure_id), self.previous(measure_id)
        change = None
        if result.value is not None and prior.value is not None:
            change = result.value - prior.value
        measure = MEASURES_BY_ID[measure_id]
        trend = self.trend(measure_id, self.scope.period.run(with_trend)) if with_trend else None
        trend_text = "; ".join(f"{row.period}: {_short(row.value, result.unit)}" for row in trend.itertuples()) \
            if trend is not None else ""
        return {"id": measure_id, "name": self.words(measure.name), "theme": measure.theme, "result": result,
                "change": change,
                "previous_label": self.scope.period.previous().label, "trend": trend, "trend_text": trend_text,
                "definition": self.words(measure.definition)}

    def words(self, text: str) -> str:
        return council_words(text, self.settings)


def council_words(text: str, settings) -> str:
    """The council's own words for children in care, wherever the standard ones appear."""
    term = settings.children_in_care
    return text.replace("Children in care", term[:1].upper() + term[1:]).replace("children in care", term)


def _short(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "no figure"
    return f"{value:.0%}" if unit == "percent" else f"{value:,.1f}"


def request_for(page: str, inputs: list) -> Request:
    """The request behind a page's callback: refused (403) unless the viewer may open the page,
    and (400) unless every filter value is one the filter bar offers."""
    viewer = require("view-page", page)
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    values = values_from(inputs)
    return Request(settings, data, viewer, scope_from(values, data), to_query(values))
