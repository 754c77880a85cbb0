"""What page callbacks share: the request's settings, data, viewer and scope, and role-safe results."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
from dash import callback_context
from flask import current_app

from callbacks.scope import list_scope, scope_from, values_from
from callbacks.viewer import require
from dashboard.filterbar import to_query
from dashboard.pages.frame import refusal
from data import disclosure, store
from data.measures.catalogue import MEASURES_BY_ID
from data.measures.dataset import Dataset
from data.measures.periods import Period
from data.measures.report import Scope
from data.measures.result import Result
from data.measures.worklist import people
from data.permissions import Viewer, allowed


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

    @property
    def drill_query(self) -> str | None:
        """For a viewer who may see the children behind a figure, the page's filters, which each
        drill-through keeps; None for everyone else (no links)."""
        return self.query if self.viewer.sees_children else None

    @property
    def list_scope(self) -> Scope:
        return list_scope(self.scope, self.data)

    @property
    def list_as_at_text(self) -> str:
        """Which day the child lists are as at: "now" is the latest data date."""
        scope = self.list_scope
        day = f"as at {(scope.as_at or scope.period.end):%d/%m/%Y}"
        return f"{day}, the latest data" if scope != self.scope else day

    def children(self, measure_id: str) -> pd.DataFrame | None:
        """The children behind a measure for the page's lists (None unless the viewer may see
        them), as at the list scope."""
        if not self.viewer.sees_children:
            return None
        return children_behind(self.settings, self.data, self.list_scope, measure_id, self.viewer.role)

    def result(self, measure_id: str, scope: Scope | None = None, detail: bool = True) -> Result:
        """A measure as this viewer may see it (the protected publication for the committee, rows
        only for managers); detail=False: its headline figures only. A period beside the one asked
        for (the one before, a trend's) that the committee's view does not hold comes back withheld."""
        if scope is None or scope == self.scope:
            return disclosure.shown(self.settings, self.data, self.scope, measure_id, self.viewer.role, detail)
        return disclosure.shown_beside(self.settings, self.data, scope, measure_id, self.viewer.role, detail)

    def previous(self, measure_id: str) -> Result:
        """The period before's headline figures: all a change or a reason says of it."""
        return self.result(measure_id, Scope(self.scope.period.previous(), None, self.scope.filters), detail=False)

    def check_grain(self, grain: str) -> None:
        """Months are not in the committee's view (a month is its quarter less the other two)."""
        if grain == "month" and not allowed(self.viewer, "see-small-numbers"):
            raise disclosure.NotPublished("Months are not part of the committee's view. "
                                          + disclosure.WHAT_THE_COMMITTEE_SEES)

    def trend(self, measure_id: str, periods: list[Period], detail: bool = True) -> pd.DataFrame:
        """A point per period: headline figures, but the period shown in full where its tile wants
        it in full anyway (detail), so that the one result serves both."""
        rows = []
        for period in periods:
            shown = period == self.scope.period
            as_at = self.scope.as_at if shown else None
            r = self.result(measure_id, Scope(period, as_at, self.scope.filters), detail=detail and shown)
            rows.append({"period": period.label, "value": r.value, "numerator": r.numerator,
                         "denominator": r.denominator, "status": r.status})
        return pd.DataFrame(rows)

    def entry(self, measure_id: str, with_trend: int = 0, detail: bool = True) -> dict:
        """A result with its name, the change since the period before, and optionally a trend;
        detail=False: headline figures only (a tile without its breakdowns or lists)."""
        result, prior = self.result(measure_id, detail=detail), self.previous(measure_id)
        change = None
        if result.value is not None and prior.value is not None:
            change = result.value - prior.value
        measure = MEASURES_BY_ID[measure_id]
        trend = self.trend(measure_id, self.scope.period.run(with_trend), detail) if with_trend else None
        trend_text = "; ".join(f"{row.period}: {_short(row.value, result.unit)}" for row in trend.itertuples()) \
            if trend is not None else ""
        return {"id": measure_id, "name": self.words(measure.name), "theme": measure.theme, "result": result,
                "change": change,
                "previous_label": self.scope.period.previous().label, "trend": trend, "trend_text": trend_text,
                "definition": self.words(measure.definition)}

    def words(self, text: str) -> str:
        return council_words(text, self.settings)


def children_behind(settings, data: Dataset, scope: Scope, measure_id: str, role: str) -> pd.DataFrame | None:
    """A measure's rows of children as the role may see them (None: not at all), each with the
    young person's social work team and IRO on the scope's day."""
    rows = disclosure.shown(settings, data, scope, measure_id, role).rows
    if rows is None or "_id" not in rows:
        return rows
    who = people(data, scope.as_at or scope.period.end, rows["_id"])[["team", "iro"]].set_axis(rows.index)
    return rows.drop(columns="_id").join(who)


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
    (400) unless every filter value is one the filter bar offers, and (disclosure.NotPublished)
    where the committee's view does not hold the scope."""
    viewer = require("view-page", page)
    settings = current_app.config["SETTINGS"]
    data = store.dataset(settings)
    values = values_from(inputs)
    request = Request(settings, data, viewer, scope_from(values, data), to_query(values))
    if not allowed(viewer, "see-small-numbers"):
        disclosure.check_committee_scope(settings, data, request.scope)
    return request


def refusing(render):
    """A page callback that answers a request outside the viewer's view with the reason in place of
    its content (and nothing in each output of a callback that fills many, such as the trends)."""
    @functools.wraps(render)
    def answer(*inputs):
        try:
            return render(*inputs)
        except disclosure.NotPublished as refused:
            outputs = callback_context.outputs_list
            return [None] * len(outputs) if isinstance(outputs, list) else refusal(str(refused))
    return answer
