"""IRO caseloads against the IRO Handbook's guide of 50 to 70 children per full-time IRO."""
from __future__ import annotations

import pandas as pd

from data.measures.context import Context
from data.measures.result import RATIO, CountsNote, Result, counts_table, rag_status

GUIDE_BAND = (50, 70)


def _allocations_on(allocations: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    current = allocations[(allocations["start"] <= day) & (allocations["end"].isna() | (allocations["end"] >= day))]
    return current.sort_values("start", kind="stable").drop_duplicates("_id", keep="last")


def _in_care_with_iro(data, day) -> pd.DataFrame:
    """Every child in care on the day, with the IRO allocated to them then (missing if none)."""
    in_care = data.in_care_on(day)[["_id", "la"]]
    current = _allocations_on(data.iro_allocations, pd.Timestamp(day))
    current = current[current["_id"] >= 0].set_index("_id")["iro_id"]
    return in_care.assign(iro_id=current.reindex(in_care["_id"]).to_numpy())


def iro_caseload(ctx: Context) -> Result:
    day = pd.Timestamp(ctx.as_at)
    in_care = ctx.everyone(_in_care_with_iro, day=ctx.as_at)
    allocated = in_care[in_care["iro_id"].notna()]
    iros = ctx.data.iros
    active = iros[(iros["start"].isna() | (iros["start"] <= day)) & (iros["end"].isna() | (iros["end"] >= day))]
    if ctx.filters.council:
        active = active[active["la"].isin(ctx.filters.council)]
    fte = float(active["fte"].sum())
    value = len(allocated) / fte if fte else None
    rule = ctx.rules.get("iro_caseload")
    status = rag_status(value, len(allocated) if fte else 0, rule)
    if not ctx.detail:
        return Result("iro_caseload", "Children per full-time IRO", str(ctx.period), str(ctx.as_at), RATIO, value,
                      len(allocated), None, status, rule)
    per_iro = allocated.groupby(["la", "iro_id"]).size().rename("children").reset_index()
    per_iro = active[["la", "iro_id", "name", "team", "fte"]].merge(per_iro, on=["la", "iro_id"], how="left")
    per_iro["children"] = per_iro["children"].fillna(0).astype(int)
    per_iro["per_fte"] = per_iro["children"] / per_iro["fte"].where(per_iro["fte"] > 0)
    if per_iro["la"].nunique() > 1:  # IROs of different councils can share a name: say whose each is
        per_iro["name"] = per_iro["name"].astype(str) + " (" + per_iro["la"].astype(str) + ")"
    breakdown = per_iro.rename(columns={"name": "group", "children": "numerator", "per_fte": "value"})[
        ["group", "iro_id", "team", "numerator", "fte", "value"]].sort_values("value", ascending=False)
    unallocated = len(in_care) - len(allocated)
    notes = (CountsNote("Children in care with no IRO allocation recorded on this date: {unallocated}.",
                        "unallocated"),) if unallocated else ()
    return Result("iro_caseload", "Children per full-time IRO", str(ctx.period), str(ctx.as_at), RATIO, value,
                  len(allocated), None, status, rule, breakdown=breakdown.reset_index(drop=True), notes=notes,
                  extras={"fte": fte, "guide_band": GUIDE_BAND, "unallocated": counts_table(unallocated=unallocated)})
