"""The manager's worklist: every child with something due or overdue on a day, one row per child
and item, most urgent first. Built from the same facts and rules as the measures, so a section's
count is the measure's count for the same day and filters (reviews_overdue_now,
reviews_due_next_28_days, neet_checks_overdue)."""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from data.measures.context import Context
from data.measures.dataset import ONCE
from data.measures.escalations import CATEGORY_LABELS, STAGE_LABELS, every_resolution_status
from data.measures.filters import any_dated_between, child_attribute, child_profiles, latest_per_child, teams_and_iros
from data.measures.neet import CHECK_DAYS, cohort_16_17
from data.measures.reviews import coming_due, next_reviews_due, overdue_on, review_kind

REVIEW_OVERDUE = "review overdue"
REVIEW_DUE = "review due"
NEET_OVERDUE = "neet check overdue"
NEET_DUE = "neet check due"
ESCALATION_OPEN = "escalation open past 20 working days"
MIDWAY_DUE = "midway check due"
# In the order of the page's sections: what is already late first.
KINDS = (REVIEW_OVERDUE, NEET_OVERDUE, ESCALATION_OPEN, REVIEW_DUE, NEET_DUE, MIDWAY_DUE)
NEET_DUE_DAYS = 7
COLUMNS = ["kind", "la", "child", "what", "due", "days_overdue", "team", "iro", "adviser"]


def worklist(ctx: Context) -> pd.DataFrame:
    """Every item due or overdue as at ctx.as_at for the selected children, sorted by urgency:
    the most days overdue first, then the soonest due. `days_overdue` is 0 for an item not yet due."""
    due = next_reviews_due(ctx)
    items = pd.concat([*_reviews(due, ctx.as_at), *_neet_checks(ctx), _escalations(ctx), _midway_checks(ctx, due)],
                      ignore_index=True)
    items["days_overdue"] = (pd.Timestamp(ctx.as_at) - items["due"]).dt.days.clip(lower=0).astype("int64")
    items = items.join(people(ctx.data, ctx.as_at, items["_id"]).set_axis(items.index))
    items = items.sort_values(["days_overdue", "due", "kind", "child"], ascending=[False, True, True, True],
                              kind="stable")
    return items[COLUMNS].reset_index(drop=True)


def _reviews(due: pd.DataFrame, day) -> list[pd.DataFrame]:
    """Of next_reviews_due(): the reviews overdue, and those coming due."""
    overdue, soon = overdue_on(due, day), coming_due(due, day)
    return [_items(REVIEW_OVERDUE, overdue["_id"], review_kind(overdue["held_count"]), overdue["next_due"]),
            _items(REVIEW_DUE, soon["_id"], review_kind(soon["held_count"]), soon["next_due"])]


def _neet_checks(ctx: Context) -> list[pd.DataFrame]:
    cohort = cohort_16_17(ctx)
    neet = cohort[cohort["neet"]]
    next_check = neet["status_date"] + pd.Timedelta(days=CHECK_DAYS)
    what = "Six-weekly check (status " + neet["activity"].astype(str) + ")"
    overdue = neet["check_overdue"].to_numpy()
    soon = (~overdue & (next_check <= pd.Timestamp(ctx.as_at + timedelta(days=NEET_DUE_DAYS)))).to_numpy()
    return [_items(NEET_OVERDUE, neet["_id"][overdue], what[overdue], next_check[overdue]),
            _items(NEET_DUE, neet["_id"][soon], what[soon], next_check[soon])]


def _escalations(ctx: Context) -> pd.DataFrame:
    """Formal escalations still open on the day whose 20 working days ran out before it: due is
    the last of those days."""
    status = ctx.cut(ctx.data.cached(ONCE, every_resolution_status))
    day = pd.Timestamp(ctx.as_at)
    late = status[(status["raised"] <= day) & (status["resolved"].isna() | (status["resolved"] > day)) &
                  (status["deadline"] < day)]
    stage = late["highest_stage"].astype(str).map(STAGE_LABELS).fillna("Stage not recorded")
    about = late["category"].astype(str).map(lambda c: CATEGORY_LABELS.get(c, c))
    what = "Escalation " + late["escalation_id"].astype(str) + ", " + stage + ": " + about + \
        " (raised " + late["raised"].dt.strftime("%d/%m/%Y") + ")"
    return _items(ESCALATION_OPEN, late["_id"], what, late["deadline"])


def _midway_checks(ctx: Context, due: pd.DataFrame) -> pd.DataFrame:
    """Of next_reviews_due(): second and later reviews coming due with no midway check since the
    review before."""
    soon = coming_due(due, ctx.as_at)
    later = soon[soon["held_count"] >= 1]
    checked = any_dated_between(ctx.data, "midway", "check_date", later["_id"], later["last_review"],
                                np.full(len(later), pd.Timestamp(ctx.as_at)))
    missing = later[~checked]
    what = "Midway check before the " + review_kind(missing["held_count"]).str.lower() + " on " + \
        missing["next_due"].dt.strftime("%d/%m/%Y")
    return _items(MIDWAY_DUE, missing["_id"], what, missing["next_due"])


def _items(kind: str, numbers, what, due) -> pd.DataFrame:
    return pd.DataFrame({"kind": kind, "_id": np.asarray(numbers, dtype="int64"),
                         "what": np.asarray(what, dtype=object), "due": np.asarray(due, dtype="datetime64[s]")})


def people(data, day, numbers) -> pd.DataFrame:
    """For each child number: the young person's pseudonymous id, council, social work team and
    IRO on the day, and personal adviser where the education status extract names one."""
    numbers = np.asarray(numbers, dtype="int64")
    team, iro = teams_and_iros(data, child_profiles(data, day), numbers)
    advisers = latest_per_child(data, "eet_status", "status_date", pd.Timestamp(day))
    advisers = advisers[advisers["_id"] >= 0].set_index("_id")["adviser"]
    return pd.DataFrame({
        "la": child_attribute(data, "la", numbers), "child": child_attribute(data, "child", numbers),
        "team": team, "iro": iro,
        "adviser": advisers.reindex(numbers).astype(object).to_numpy()})


def counts(items: pd.DataFrame) -> dict[str, int]:
    """Children per section (a child appears once in a section)."""
    children = items.drop_duplicates(["kind", "la", "child"])["kind"].value_counts()
    return {kind: int(children.get(kind, 0)) for kind in KINDS}
