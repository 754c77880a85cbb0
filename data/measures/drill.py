"""Drill-through: the children behind one bar or row of a breakdown, for managers. Each drill is
the frame its breakdown is counted from, cut to one group, so the list holds exactly the number
the figure shows: reviews for a breakdown of reviews, children for one of children."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd

from data.measures import catalogue
from data.measures.context import Context
from data.measures.filters import child_attribute
from data.measures.placements import in_care_by
from data.measures.reviews import coded_by_age, coded_reviews, reviews_by_kind, reviews_by_team_and_iro

REVIEWS, CHILDREN = "reviews", "children"


@dataclass(frozen=True)
class Drill:
    slug: str
    measure_id: str  # the measure whose breakdown it opens
    theme: str  # the theme (catalogue.py) of the page showing the breakdown
    title: str  # "Reviews held on time, by social work team"
    counts: str  # what each row is: REVIEWS or CHILDREN
    group: str  # the frame's column holding the breakdown's groups
    frame: Callable[[Context], pd.DataFrame] = None  # rows of the breakdown's denominator, with _id
    flag: str = ""  # a yes/no column of the frame that the breakdown's share counts ("on_time")
    breakdown: str = ""  # the measure's extras key holding the breakdown ("": its own breakdown)
    figure: str = "denominator"  # the breakdown's column that the list's length equals


def _placement(attribute: str) -> Callable[[Context], pd.DataFrame]:
    return partial(in_care_by, attribute=attribute)


DRILLS = {d.slug: d for d in (
    Drill("reviews-by-type", "review_timeliness", catalogue.REVIEWS, "Reviews held, by first, second and later",
          REVIEWS, "kind", reviews_by_kind, flag="on_time"),
    Drill("reviews-by-team", "review_timeliness_by_team", catalogue.REVIEWS, "Reviews held, by social work team",
          REVIEWS, "team", reviews_by_team_and_iro, flag="on_time", breakdown="by_team"),
    Drill("reviews-by-iro", "review_timeliness_by_team", catalogue.REVIEWS, "Reviews held, by IRO",
          REVIEWS, "iro", reviews_by_team_and_iro, flag="on_time", breakdown="by_iro"),
    Drill("participation-by-code", "review_participation", catalogue.PARTICIPATION,
          "Reviews, by how the child took part", REVIEWS, "review_code", coded_reviews, figure="numerator"),
    Drill("participation-by-age", "review_participation_by_age", catalogue.PARTICIPATION,
          "Reviews, by the child's age band", REVIEWS, "age_band", coded_by_age, flag="took_part",
          breakdown="by_age"),
    *(Drill(f"in-care-by-{attribute.replace('_', '-')}", "cla_count", catalogue.PLACEMENTS,
            f"Children in care at the period end, by {words}", CHILDREN, attribute, _placement(attribute),
            breakdown=attribute, figure="numerator")
      for attribute, words in (("placement_group", "placement type"), ("legal_status", "legal status"),
                               ("age_band", "age band"), ("sex", "sex"), ("ethnic_group", "ethnicity"),
                               ("uasc", "whether asylum-seeking"))),
)}


def rows_behind(ctx: Context, drill: Drill, group: str) -> pd.DataFrame | None:
    """The rows counted in one group of the breakdown (None: no such group), each with the young
    person's council and pseudonymous id; reviews most recent first, those the share leaves out
    (late, or the child did not take part) before the rest."""
    frame = drill.frame(ctx)
    chosen = frame[frame[drill.group].astype(str) == group]
    if chosen.empty:
        return None
    numbers = chosen["_id"].to_numpy()
    shown = pd.DataFrame({"la": child_attribute(ctx.data, "la", numbers),
                          "child": child_attribute(ctx.data, "child", numbers)}, index=chosen.index)
    if drill.flag:
        shown[drill.flag] = chosen[drill.flag].astype(bool)
    if drill.counts == REVIEWS:  # those not counted in the share (late, did not take part) first
        shown["review"] = chosen["review"]
        order, ascending = ([drill.flag, "review"], [True, False]) if drill.flag else (["review"], [False])
        shown = shown.sort_values(order, ascending=ascending, kind="stable")
    return shown.reset_index(drop=True)
