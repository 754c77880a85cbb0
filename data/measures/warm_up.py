"""Work done once as the data is loaded, so that no request waits for it.

What every measure knows of every child for each period the filter bar offers (Dataset.facts)
and each child's profile at each period's end are worked out here, before the first request; a
filter change is then a cut of those facts. At the size of England that is tens of seconds per
worker at start-up, against seconds on each first visit to a period."""
from __future__ import annotations

from datetime import date

from data.measures.catalogue import MEASURES
from data.measures.context import Council, make_context
from data.measures.dataset import Dataset
from data.measures.filters import child_profiles, prepare
from data.measures.periods import Period, period_ending, split
from data.measures.placements import episode_districts, episode_miles

YEARS_OFFERED = 6  # as the filter bar (callbacks/scope.py)


def warm_up(data: Dataset, rules: dict, council: Council) -> None:
    prepare(data)
    if data.latest_date is None:
        return
    episode_miles(data)
    episode_districts(data)
    for period in offered_periods(data.latest_date):
        as_at = min(period.end, data.latest_date)
        child_profiles(data, as_at)
        context = make_context(data, period, rules, council, as_at)
        for measure in MEASURES:
            measure.compute(context)


def offered_periods(latest: date) -> list[Period]:
    """Newest first: each year the filter bar offers, then its quarters begun by `latest`."""
    out = []
    for year in reversed(period_ending(latest, "year").run(YEARS_OFFERED)):
        out.append(year)
        out += [q for q in split(year, "quarter") if q.start <= latest]
    return out
