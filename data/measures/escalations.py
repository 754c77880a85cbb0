"""IRO escalations (the dispute resolution process) and Cafcass referrals."""
from __future__ import annotations

import pandas as pd

from data.measures.calendar import add_working_days
from data.measures.context import Context
from data.measures.dataset import ONCE
from data.measures.result import Result, count_result, share_result

STAGES = ("INFORMAL", "1", "2", "3", "4")
STAGE_LABELS = {"INFORMAL": "Informal", "1": "Stage 1", "2": "Stage 2", "3": "Stage 3", "4": "Stage 4"}
CATEGORY_LABELS = {
    "ADMIN_REPORT": "Social worker report not ready for the review",
    "ADMIN_CAREPLAN": "Care plan not available or not updated",
    "ADMIN_OTHER": "Other administrative task",
    "PERMANENCE": "Drift or delay in permanence planning",
    "PLACEMENT": "Placement", "HEALTH": "Health", "EDUCATION": "Education", "CONTACT": "Family time (contact)",
    "SAFEGUARDING": "Safeguarding", "LEGAL": "Legal",
    "RECOMMENDATION": "Review recommendation not carried out", "OTHER": "Other",
}
RESOLUTION_WORKING_DAYS = 20


def _raised_in_period(ctx: Context) -> pd.DataFrame:
    return ctx.everyone(_raised, period=ctx.period)


def _raised(data, period) -> pd.DataFrame:
    escalations = data.escalations
    return escalations[(escalations["raised"] >= pd.Timestamp(period.start)) &
                       (escalations["raised"] <= pd.Timestamp(period.end))]


def escalations_raised(ctx: Context) -> Result:
    raised = _raised_in_period(ctx)
    if not ctx.detail:
        return count_result("escalations_raised", "Escalations raised", ctx.period, ctx.as_at, len(raised), {})
    by_stage = raised["highest_stage"].value_counts().reindex(list(STAGES), fill_value=0)
    breakdown = pd.DataFrame({"group": [STAGE_LABELS[s] for s in by_stage.index], "numerator": by_stage.to_numpy(),
                              "denominator": len(raised)})
    by_category = raised["category"].astype(object).value_counts()  # as strings: ties in the order strings give
    categories = pd.DataFrame({"group": [CATEGORY_LABELS.get(c, c) for c in by_category.index],
                               "code": by_category.index, "numerator": by_category.to_numpy(),
                               "denominator": len(raised)})
    return count_result("escalations_raised", "Escalations raised", ctx.period, ctx.as_at, len(raised), {},
                        breakdown=breakdown, extras={"by_category": categories})


def resolution_status(escalations: pd.DataFrame) -> pd.DataFrame:
    """Each formal escalation's deadline (20 working days after it was raised), whether it was
    resolved by then, and the day that was decided: the day it was resolved in time, or the day
    after the deadline passed (resolved late or still open). It counts once, in the period
    holding that day."""
    formal = escalations[escalations["highest_stage"].isin(STAGES[1:])].copy()
    formal["deadline"] = add_working_days(formal["raised"], RESOLUTION_WORKING_DAYS)
    formal["in_time"] = formal["resolved"].notna() & (formal["resolved"] <= formal["deadline"])
    formal["decided_on"] = formal["resolved"].where(formal["in_time"], formal["deadline"] + pd.Timedelta(days=1))
    return formal


def every_resolution_status(data) -> pd.DataFrame:
    return resolution_status(data.escalations)


def escalations_resolved_in_time(ctx: Context) -> Result:
    status = ctx.cut(ctx.data.cached(ONCE, every_resolution_status))
    as_at = pd.Timestamp(ctx.as_at)
    decided = status[(status["decided_on"] >= ctx.start) & (status["decided_on"] <= min(ctx.end, as_at))]
    if not ctx.detail:
        return share_result("escalations_resolved_in_time", "Formal escalations resolved within 20 working days",
                            ctx.period, ctx.as_at, int(decided["in_time"].sum()), len(decided), ctx.rules)
    open_now = status[(status["raised"] <= as_at) & (status["resolved"].isna() | (status["resolved"] > as_at))]
    ages = (as_at - open_now["raised"]).dt.days
    open_by_age = pd.cut(ages, [-1, 28, 56, 91, 100000], labels=["Up to 4 weeks", "4 to 8 weeks",
                                                                  "8 to 13 weeks", "Over 13 weeks"])
    counts = open_by_age.value_counts().sort_index()
    extras = {"open_by_age": pd.DataFrame({"group": counts.index.astype(str), "numerator": counts.to_numpy(),
                                           "denominator": len(open_now)})}
    rows = open_now.assign(days_open=ages, highest_stage=open_now["highest_stage"].astype(str).map(STAGE_LABELS),
                           category=open_now["category"].astype(str).map(lambda c: CATEGORY_LABELS.get(c, c)))[
        ["_id", "la", "child", "escalation_id", "raised", "highest_stage",
                                             "category", "days_open"]].sort_values("days_open", ascending=False,
                                                                                   kind="stable")
    return share_result("escalations_resolved_in_time", "Formal escalations resolved within 20 working days",
                        ctx.period, ctx.as_at, int(decided["in_time"].sum()), len(decided), ctx.rules,
                        extras=extras, rows=rows)


def escalations_admin_share(ctx: Context) -> Result:
    raised = _raised_in_period(ctx)
    admin = raised["category"].str.startswith("ADMIN_").fillna(False)
    return share_result("escalations_admin_share", "Escalations about administrative tasks", ctx.period,
                        ctx.as_at, int(admin.sum()), len(raised), ctx.rules)


def cafcass_referrals(ctx: Context) -> Result:
    raised = _raised_in_period(ctx)
    return count_result("cafcass_referrals", "Referrals to Cafcass", ctx.period, ctx.as_at,
                        int((raised["cafcass"] == "Y").sum()), {})
