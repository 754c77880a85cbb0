"""Work done once as the data is loaded, so that no request waits for it.

What every measure knows of every child for each period the filter bar offers (Dataset.facts)
and each child's profile at each period's end are worked out here, before the first request; a
filter change is then a cut of those facts. At the size of England that is tens of seconds per
worker at start-up, against seconds on each first visit to a period."""
from __future__ import annotations

import logging
from datetime import date

from data.measures.catalogue import MEASURES
from data.measures.context import Council, make_context
from data.measures.dataset import Dataset
from data.measures.filters import child_profiles
from data.measures.periods import Period, period_ending, split
from data.measures.report import Scope
from data.measures.placements import episode_districts, episode_miles

log = logging.getLogger(__name__)
YEARS_OFFERED = 6  # as the filter bar (callbacks/scope.py)
TREND_YEARS, TREND_QUARTERS = 5, 8  # as far back as the pages' trends go


def warm_up(data: Dataset, rules: dict, council: Council, keep=None) -> None:
    """`keep(scope, measure_id, detail)`, if given, computes and keeps each result (the results
    cache), so that the unfiltered views and the committee's publication need not compute them again."""
    data.care_episodes  # sorted by child once, for everything after
    if data.latest_date is None:
        return
    episode_miles(data)
    episode_districts(data)
    for period in reversed(offered_periods(data.latest_date)):  # newest last: the least likely to be evicted
        as_at = min(period.end, data.latest_date)
        child_profiles(data, as_at)
        context = make_context(data, period, rules, council, as_at)
        for measure in MEASURES:
            try:
                if keep is None:
                    measure.compute(context)
                else:
                    keep(Scope(period, as_at), measure.id, period.grain == "year")
            except Exception:  # warming is only a head start: the request that needs it will show the error
                log.exception("warm-up: %s for %s failed", measure.id, period.label)


def offered_periods(latest: date) -> list[Period]:
    """Newest first: each year the filter bar offers and its quarters begun by `latest`, then the
    earlier periods the pages' trends reach back to (5 years, 8 quarters)."""
    years = period_ending(latest, "year").run(YEARS_OFFERED + TREND_YEARS)
    out = []
    for year in reversed(years[TREND_YEARS:]):
        out.append(year)
        out += [q for q in reversed(split(year, "quarter")) if q.start <= latest]
    earliest_quarter = split(years[TREND_YEARS], "quarter")[0]
    out += [q for q in reversed(earliest_quarter.run(TREND_QUARTERS + 1)[:-1])]
    return out + list(reversed(years[:TREND_YEARS]))


