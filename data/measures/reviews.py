"""Review measures: timeliness, what is overdue or coming due, participation, feedback, midway checks."""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from data.measures.calendar import add_months, add_working_days
from data.measures.context import Context
from data.measures.dataset import FACTS, ONCE
from data.measures.filters import (AGE_BANDS, DAY_BASE, DAY_SPAN, age_band, age_in_years, any_dated_between,
                                   child_attribute, child_profiles, days_since_1970, teams_and_iros)
from data.measures.result import CountsNote, Result, count_result, counts_table, share_result

PARTICIPATION_CODES = {
    "PN1": "Attends and speaks for themselves",
    "PN2": "Attends; an advocate or the IRO speaks for them",
    "PN3": "Attends and conveys their views without words",
    "PN4": "Attends but does not contribute",
    "PN5": "Does not attend; briefs an advocate",
    "PN6": "Does not attend; conveys views another way (writing, phone, video, an app)",
    "PN7": "Does not attend and views are not conveyed",
}
PARTICIPATED = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6")
REVIEW_KIND = {1: "First review", 2: "Second review"}
# The columns each period's facts keep: one copy per period is held, so no more than the measures use.
REVIEW_FACTS = ["_id", "review", "review_code", "number", "due", "previous", "on_time"]
FEEDBACK_FACTS = ["_id", "review", "respondent", "returned", "advocate_offered", "child_chaired"]
RESPONDENTS = {"CHILD": "The young person", "PARENT": "Parents", "CARER": "Carers", "OTHER": "Others"}


def reviews_held(data, period) -> pd.DataFrame:
    """Every child's reviews held in the period, before any filter."""
    reviews = data.timed_reviews
    held = reviews.loc[(reviews["review"] >= pd.Timestamp(period.start)) & (reviews["review"] <= pd.Timestamp(period.end)),
                       REVIEW_FACTS]
    return held.assign(la=pd.Categorical(child_attribute(data, "la", held["_id"])))


def _reviews_in_period(ctx: Context) -> pd.DataFrame:
    """Reviews held in the period by the selected children (several measures share the cut)."""
    return ctx.everyone(reviews_held, period=ctx.period)


def review_timeliness(ctx: Context) -> Result:
    if not ctx.detail:
        reviews = _reviews_in_period(ctx)
        return share_result("review_timeliness", "Reviews held in timescale", ctx.period, ctx.as_at,
                            int(reviews["on_time"].sum()), len(reviews), ctx.rules)
    reviews = reviews_by_kind(ctx)
    breakdown = _share_by(reviews, "kind", "on_time", order=["First review", "Second review", "Later reviews"])
    late = reviews[~reviews["on_time"]]
    rows = late.assign(child=child_attribute(ctx.data, "child", late["_id"]),
                       days_late=(late["review"] - late["due"]).dt.days)[
        ["la", "child", "review", "due", "days_late", "kind"]]
    return share_result("review_timeliness", "Reviews held in timescale", ctx.period, ctx.as_at,
                        int(reviews["on_time"].sum()), len(reviews), ctx.rules, breakdown=breakdown,
                        rows=rows, extras={"by_council": _share_by(reviews, "la", "on_time")})


def reviews_by_kind(ctx: Context) -> pd.DataFrame:
    """The period's reviews of the selected children, each as first, second or later."""
    reviews = _reviews_in_period(ctx)
    return reviews.assign(kind=reviews["number"].map(REVIEW_KIND).fillna("Later reviews"))


def reviews_by_team_and_iro(ctx: Context) -> pd.DataFrame:
    """The period's reviews of the selected children, each with the child's social work team and
    IRO on the as-at date."""
    reviews = _reviews_in_period(ctx)
    profiles = child_profiles(ctx.data, ctx.as_at)
    team, iro = teams_and_iros(ctx.data, profiles, reviews["_id"])
    return reviews[["_id", "review", "due", "on_time"]].assign(team=team, iro=iro)


def timeliness_by_team_and_iro(ctx: Context) -> Result:
    """Timeliness by the child's social work team and IRO on the as-at date (the reviews page)."""
    reviews = _reviews_in_period(ctx)
    joined = reviews_by_team_and_iro(ctx)
    return share_result("review_timeliness_by_team", "Reviews held in timescale by team and IRO", ctx.period,
                        ctx.as_at, int(reviews["on_time"].sum()), len(reviews), ctx.rules,
                        extras={"by_team": _share_by(joined, "team", "on_time"),
                                "by_iro": _share_by(joined, "iro", "on_time")})


def next_reviews_due(ctx: Context) -> pd.DataFrame:
    """Children in care at the as-at date with the date their next review falls due."""
    return ctx.everyone(_next_reviews_due, day=ctx.as_at)


def _next_reviews_due(data, day) -> pd.DataFrame:
    """For every child in care on the day (the selection is applied afterwards)."""
    due = data.in_care_on(day)[["la", "period", "_id"]].copy()
    periods = data.periods.set_index("period")["start"]
    due["period_start"] = due["period"].map(periods).astype("datetime64[s]")
    due["held_count"], due["last_review"] = _held_by(data, due["period"].to_numpy(), day)
    first_due = add_working_days(due["period_start"], 20)
    due["next_due"] = first_due.where(due["held_count"] == 0, add_months(due["last_review"], 3))
    due["next_due"] = due["next_due"].where(due["held_count"] <= 1, add_months(due["last_review"], 6))
    return due.drop(columns="period")


def _held_by(data, periods: np.ndarray, day) -> tuple[np.ndarray, np.ndarray]:
    """For each period of care: how many reviews were held in it by `day`, and the last of them
    (NaT if none). Binary searches over (period, day) keys of the timed reviews, which are sorted
    by period and date, instead of grouping two million reviews for every date asked about."""
    reviews = data.timed_reviews
    sorted_keys = data.cached(ONCE, _review_keys)
    first = np.searchsorted(sorted_keys, periods.astype("int64") * DAY_SPAN, "left")
    upto = periods.astype("int64") * DAY_SPAN - DAY_BASE + days_since_1970([pd.Timestamp(day)])[0]
    after = np.searchsorted(sorted_keys, upto, "right")
    held = after - first
    dates = np.append(reviews["review"].to_numpy(), np.datetime64("NaT"))
    last = np.where(held > 0, after - 1, len(reviews))
    return held, dates[last]


def _review_keys(data) -> np.ndarray:
    reviews = data.timed_reviews
    return reviews["period"].to_numpy(dtype="int64") * DAY_SPAN - DAY_BASE + days_since_1970(reviews["review"])


COMING_DUE_DAYS = 28


def overdue_on(due: pd.DataFrame, day) -> pd.DataFrame:
    """Of next_reviews_due(): the reviews whose due date has passed by the day (one due on the
    day itself is coming due, not overdue)."""
    return due[due["next_due"] < pd.Timestamp(day)]


def coming_due(due: pd.DataFrame, day) -> pd.DataFrame:
    """Of next_reviews_due(): the reviews due from the day to 28 days after it."""
    today = pd.Timestamp(day)
    return due[(due["next_due"] >= today) & (due["next_due"] <= today + timedelta(days=COMING_DUE_DAYS))]


def review_kind(held_count: pd.Series) -> pd.Series:
    """The review that falls due next, from how many the period of care has had."""
    return (held_count + 1).map(REVIEW_KIND).fillna("Third or later review")


def reviews_overdue_now(ctx: Context) -> Result:
    overdue = overdue_on(next_reviews_due(ctx), ctx.as_at)
    if not ctx.detail:
        return count_result("reviews_overdue_now", "Children whose review is overdue", ctx.period, ctx.as_at,
                            len(overdue), ctx.rules)
    rows = overdue.assign(child=child_attribute(ctx.data, "child", overdue["_id"]), days_overdue=(pd.Timestamp(ctx.as_at) - overdue["next_due"]).dt.days)[
        ["_id", "la", "child", "last_review", "next_due", "days_overdue"]].sort_values("days_overdue", ascending=False)
    return count_result("reviews_overdue_now", "Children whose review is overdue", ctx.period, ctx.as_at,
                        len(overdue), ctx.rules, rows=rows)


def reviews_due_next_28_days(ctx: Context) -> Result:
    soon = coming_due(next_reviews_due(ctx), ctx.as_at)
    if not ctx.detail:
        return count_result("reviews_due_next_28_days", "Reviews coming due in the next 28 days", ctx.period,
                            ctx.as_at, len(soon), {})
    rows = soon.assign(child=child_attribute(ctx.data, "child", soon["_id"]))[
        ["_id", "la", "child", "last_review", "next_due"]].sort_values("next_due")
    return count_result("reviews_due_next_28_days", "Reviews coming due in the next 28 days", ctx.period,
                        ctx.as_at, len(soon), {}, rows=rows)


def coded_reviews(ctx: Context) -> pd.DataFrame:
    """The period's reviews of the selected children with a participation code PN1 to PN7."""
    reviews = _reviews_in_period(ctx)
    return reviews[reviews["review_code"].isin(PARTICIPATION_CODES)]


def review_participation(ctx: Context) -> Result:
    reviews = _reviews_in_period(ctx)
    coded = coded_reviews(ctx)
    counts = coded["review_code"].value_counts().reindex(list(PARTICIPATION_CODES), fill_value=0)
    breakdown = pd.DataFrame({"group": counts.index, "meaning": [PARTICIPATION_CODES[c] for c in counts.index],
                              "numerator": counts.to_numpy(), "denominator": len(coded)})
    breakdown["value"] = breakdown["numerator"] / breakdown["denominator"] if len(coded) else None
    participated = int(coded["review_code"].isin(PARTICIPATED).sum())
    # one number, not two: each small part of it would be withheld, and the part beside it with it
    not_counted = counts_table(not_counted=len(reviews) - len(coded))
    note = CountsNote("Reviews not counted, of children under four (PN0) or with no code recorded: {not_counted}.",
                      "not_counted")
    return share_result("review_participation", "Children participating in their review", ctx.period,
                        ctx.as_at, participated, len(coded), ctx.rules, breakdown=breakdown, notes=(note,),
                        extras={"not_counted": not_counted})


def coded_by_age(ctx: Context) -> pd.DataFrame:
    """The coded reviews, each with the child's age band on the as-at date and whether they took part."""
    coded = coded_reviews(ctx)
    dob = pd.Series(child_attribute(ctx.data, "dob", coded["_id"]), index=coded.index)
    return coded.assign(age_band=age_band(dob, ctx.as_at), took_part=coded["review_code"].isin(PARTICIPATED))


def participation_by_age(ctx: Context) -> Result:
    """Participation by age band on the as-at date (the participation page)."""
    frame = coded_by_age(ctx)
    return share_result("review_participation_by_age", "Participation by age band", ctx.period, ctx.as_at,
                        int(frame["took_part"].sum()), len(frame), ctx.rules,
                        extras={"by_age": _share_by(frame.dropna(subset=["age_band"]), "age_band", "took_part",
                                                    order=list(AGE_BANDS))})


def _period_feedback(data, period) -> pd.DataFrame:
    """Every feedback record for reviews held in the period, before any filter."""
    feedback = data.feedback
    held = feedback.loc[(feedback["review"] >= pd.Timestamp(period.start)) & (feedback["review"] <= pd.Timestamp(period.end)),
                        FEEDBACK_FACTS]
    return held.astype({c: "category" for c in FEEDBACK_FACTS if c not in ("_id", "review")})


def _feedback_in_period(ctx: Context) -> pd.DataFrame:
    return ctx.everyone(_period_feedback, period=ctx.period)


def feedback_response_rate(ctx: Context) -> Result:
    feedback = _feedback_in_period(ctx)
    returned = feedback["returned"] == "Y"
    if not ctx.detail:
        return share_result("feedback_response_rate", "Review feedback returned", ctx.period, ctx.as_at,
                            int(returned.sum()), len(feedback), ctx.rules)
    breakdown = _share_by(feedback.assign(returned_flag=returned), "respondent", "returned_flag",
                          order=list(RESPONDENTS))
    breakdown["group"] = breakdown["group"].map(RESPONDENTS)
    return share_result("feedback_response_rate", "Review feedback returned", ctx.period, ctx.as_at,
                        int(returned.sum()), len(feedback), ctx.rules, breakdown=breakdown)


def advocate_offered(ctx: Context) -> Result:
    """Per review of a child aged 11 or over with a feedback record: was an advocate offered?"""
    eligible = ctx.everyone(_advocate_eligible, period=ctx.period)
    extras = {"chaired": _chaired(_feedback_in_period(ctx))} if ctx.detail else {}
    return share_result("advocate_offered", "Advocate offered (children aged 11+)", ctx.period, ctx.as_at,
                        int(eligible["offered"].sum()), len(eligible), ctx.rules, extras=extras)


def _advocate_eligible(data, period) -> pd.DataFrame:
    """Every review in the period of a child aged 11 or over with a feedback record, and whether
    any record says an advocate was offered (before any filter)."""
    feedback = data.cached(FACTS, _period_feedback, period=period)
    per_review = feedback.assign(offered=feedback["advocate_offered"] == "Y").groupby(
        ["_id", "review"], as_index=False)["offered"].any()
    dob = pd.Series(child_attribute(data, "dob", per_review["_id"]), index=per_review.index)
    return per_review[(age_in_years(dob, per_review["review"]) >= 11).fillna(False)]


def _chaired(feedback: pd.DataFrame) -> pd.DataFrame:
    """Reviews chaired or co-chaired by the young person (from the child's feedback row)."""
    own = feedback[feedback["respondent"] == "CHILD"]
    counts = own["child_chaired"].astype(object).fillna("NO").value_counts().reindex(["FULL", "CO", "NO"], fill_value=0)
    labels = {"FULL": "Chaired by the young person", "CO": "Co-chaired", "NO": "Chaired by the IRO"}
    return pd.DataFrame({"group": [labels[c] for c in counts.index], "numerator": counts.to_numpy(),
                         "denominator": len(own)})


def midway_checks(ctx: Context) -> Result:
    later = ctx.everyone(_midway_checked, period=ctx.period)
    return share_result("midway_checks", "Midway checks between reviews", ctx.period, ctx.as_at,
                        int(later["checked"].sum()), len(later), ctx.rules)


def _midway_checked(data, period) -> pd.DataFrame:
    """Each second or later review in the period (every child) and whether a midway check fell
    after the review before and on or before it."""
    reviews = data.cached(FACTS, reviews_held, period=period)
    later = reviews.loc[reviews["number"] >= 2, ["_id", "review", "previous"]]
    checked = any_dated_between(data, "midway", "check_date", later["_id"], later["previous"], later["review"])
    return later.assign(checked=checked)


def _share_by(frame: pd.DataFrame, group: str, flag: str, order: list[str] | None = None) -> pd.DataFrame:
    """Numerator, denominator and share of `flag` within each value of `group`."""
    grouped = frame.groupby(group, observed=True)[flag].agg(["sum", "size"])
    if order:
        grouped = grouped.reindex([o for o in order if o in grouped.index])
    out = pd.DataFrame({"group": grouped.index.astype(str), "numerator": grouped["sum"].astype(int).to_numpy(),
                        "denominator": grouped["size"].astype(int).to_numpy()})
    out["value"] = out["numerator"] / out["denominator"]
    return out
