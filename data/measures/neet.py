"""Young people not in education, employment or training: 16-17 year olds in care (from the
local eet_status extract) and care leavers (from the 903's OC3 table)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.measures.context import Context
from data.measures.filters import age_in_years, child_attribute, latest_per_child
from data.measures.result import CountsNote, Result, counts_table, share_result

NEET = ("G4", "G5", "G6")
CHECK_DAYS = 42
ACTIVITY_LABELS = {
    "F1": "Higher education, full time", "P1": "Higher education, part time",
    "F2": "Other education, full time", "P2": "Other education, part time",
    "F3": "Education (old code)", "P3": "Education (old code)",
    "F4": "Apprenticeship, full time", "P4": "Apprenticeship, part time",
    "F5": "Training or employment, full time", "P5": "Training or employment, part time",
    "G4": "NEET: illness or disability", "G5": "NEET: other reasons", "G6": "NEET: pregnancy or parenting",
    "0": "Not known",
}


def cohort_16_17(ctx: Context) -> pd.DataFrame:
    """16-17 year olds in care at the as-at date with their latest status record by then."""
    return ctx.everyone(_cohort_16_17, day=ctx.as_at)


def _cohort_16_17(data, day) -> pd.DataFrame:
    """For every child in care on the day (the selection is applied afterwards)."""
    people = data.in_care_on(day)[["la", "place", "ls", "_id"]].reset_index(drop=True)
    numbers = people["_id"].to_numpy()
    people["dob"] = child_attribute(data, "dob", numbers)
    people["sex"] = child_attribute(data, "sex", numbers)
    people["age"] = age_in_years(people["dob"], day)
    people = people[people["age"].isin([16, 17])].reset_index(drop=True)
    day = pd.Timestamp(day)
    latest = latest_per_child(data, "eet_status", "status_date", day)
    latest = latest[latest["_id"] >= 0].set_index("_id")  # rows of children the 903 does not know: no one's
    for column in ("status_date", "activ", "adviser"):
        people[column] = latest[column].reindex(people["_id"]).to_numpy()
    people["neet"] = people["activ"].isin(NEET)
    people["days_since_check"] = (day - people["status_date"]).dt.days
    people["check_overdue"] = people["neet"] & (people["days_since_check"] > CHECK_DAYS)
    people["activity"] = people["activ"].map(ACTIVITY_LABELS).fillna("No status recorded")
    return people


def with_child(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows for the list of young people: their pseudonymous id, looked up by child number (the
    kept facts leave it out: it is a string per child, for every period)."""
    return rows.assign(child=child_attribute(ctx.data, "child", rows["_id"]))


def neet_16_17(ctx: Context) -> Result:
    people = cohort_16_17(ctx)
    known = people[people["activ"].notna()]
    unknown = len(people) - len(known)
    if not ctx.detail:
        return share_result("neet_16_17", "16-17 year olds in care who are NEET", ctx.period, ctx.as_at,
                            int(known["neet"].sum()), len(known), ctx.rules)
    rows = with_child(ctx, known[known["neet"]])[["_id", "la", "child", "age", "place", "adviser", "status_date", "activ",
                                 "days_since_check", "check_overdue"]]
    return share_result("neet_16_17", "16-17 year olds in care who are NEET", ctx.period, ctx.as_at,
                        int(known["neet"].sum()), len(known), ctx.rules, rows=rows,
                        notes=(CountsNote("16-17 year olds in care with no status recorded: {unknown} of {people}.",
                                          "no_status"),),
                        extras={"no_status": counts_table(unknown=unknown, people=len(people))})


def neet_checks_overdue(ctx: Context) -> Result:
    neet = cohort_16_17(ctx)
    neet = neet[neet["neet"]]
    rows = with_child(ctx, neet[neet["check_overdue"]])[["la", "child", "adviser", "status_date", "days_since_check"]] \
        if ctx.detail else None
    return share_result("neet_checks_overdue", "NEET young people not checked in six weeks", ctx.period,
                        ctx.as_at, int(neet["check_overdue"].sum()), len(neet), ctx.rules, rows=rows)


def _oc3_for_year(ctx: Context) -> pd.DataFrame:
    return ctx.everyone(_every_oc3_for_year, year=ctx.period.collection_year)


def _every_oc3_for_year(data, year: int) -> pd.DataFrame:
    """Every care leaver of the collection year with their age group, before any filter."""
    oc3 = data.oc3
    oc3 = oc3[oc3["year"] == year].copy()
    oc3["age"] = age_on_birthday_in_year(oc3["dob"], year)
    oc3["age_group"] = np.where(oc3["age"] <= 18, "17-18", "19-21")
    return oc3


def age_on_birthday_in_year(dob: pd.Series, year: int) -> pd.Series:
    """The age reached on the birthday in the collection year ending 31 March `year`: a birthday
    from January to March falls in `year`, any other in the year before (29 February counts as
    the 28th, still in `year`)."""
    birthday_year = np.where(dob.dt.month <= 3, year, year - 1)
    return birthday_year - dob.dt.year


def care_leavers_neet(ctx: Context) -> Result:
    oc3 = _oc3_for_year(ctx)
    in_touch = oc3[oc3["in_touch"] == "YES"].assign(neet=lambda f: f["activ"].isin(NEET))
    if not ctx.detail:
        return share_result("care_leavers_neet", "Care leavers who are NEET", ctx.period, ctx.as_at,
                            int(in_touch["neet"].sum()), len(in_touch), ctx.rules)
    by_age = in_touch.groupby("age_group")["neet"].agg(["sum", "size"])
    breakdown = pd.DataFrame({"group": by_age.index, "numerator": by_age["sum"].astype(int).to_numpy(),
                              "denominator": by_age["size"].astype(int).to_numpy()})
    breakdown["value"] = breakdown["numerator"] / breakdown["denominator"]
    return share_result("care_leavers_neet", "Care leavers who are NEET", ctx.period, ctx.as_at,
                        int(in_touch["neet"].sum()), len(in_touch), ctx.rules, breakdown=breakdown)


def care_leavers_in_touch(ctx: Context) -> Result:
    oc3 = _oc3_for_year(ctx)
    counted = oc3[oc3["in_touch"] != "DIED"]
    return share_result("care_leavers_in_touch", "Care leavers in touch", ctx.period, ctx.as_at,
                        int((counted["in_touch"] == "YES").sum()), len(counted), ctx.rules)
