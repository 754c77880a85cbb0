"""Periods of care from 903 episodes (measures.md, "Common rules").

A period of care starts at an episode with RNE = S and runs until an episode ends with a
REC other than X1. An episode with another RNE that does not follow on from an open or
same-day X1-ended episode starts a period too, and is flagged. Short breaks (V3/V4) are left out.
"""
from __future__ import annotations

import pandas as pd

SHORT_BREAKS = ("V3", "V4")
CONTINUES = "X1"


def care_episodes(episodes: pd.DataFrame) -> pd.DataFrame:
    """Episodes that count for care measures, in child and date order, annotated with
    `period` (an id unique across the frame), `starts_period` and `start_not_s`."""
    ep = episodes.loc[~episodes["ls"].isin(SHORT_BREAKS)]
    ep = ep.sort_values(["la", "child", "decom"], kind="stable").reset_index(drop=True)
    same_child = (ep["la"] == ep["la"].shift()) & (ep["child"] == ep["child"].shift())
    prev_dec, prev_rec = ep["dec"].shift(), ep["rec"].shift()
    follows_on = same_child & (
        prev_dec.isna()  # the one before is still open (an overlap, reported elsewhere)
        | (prev_dec > ep["decom"])
        | ((prev_dec == ep["decom"]) & (prev_rec == CONTINUES))
    )
    ep["starts_period"] = (ep["rne"] == "S") | ~follows_on
    ep["start_not_s"] = ep["starts_period"] & (ep["rne"] != "S")
    ep["period"] = ep["starts_period"].cumsum()
    return ep


def periods_of_care(episodes: pd.DataFrame) -> pd.DataFrame:
    """One row per period: la, child, period, start, end (NaT while open), start_rne."""
    ep = care_episodes(episodes)
    first = ep.drop_duplicates("period", keep="first").set_index("period")
    last = ep.drop_duplicates("period", keep="last").set_index("period")
    # The end is the last episode's DEC as it stands: blank (NaT) means still in care.
    periods = pd.DataFrame({"la": first["la"], "child": first["child"], "start": first["decom"],
                            "end": last["dec"], "start_rne": first["rne"]}).reset_index()
    return periods


def place_in_periods(events: pd.DataFrame, periods: pd.DataFrame, date_column: str) -> pd.Series:
    """For each event (la, child, date), the id of the period of care it falls in, or NA.

    Inside means on or after the start and, for an ended period, on or before its end."""
    if events.empty or periods.empty:
        return pd.Series(pd.NA, index=events.index, dtype="Int64")
    left = events[["la", "child", date_column]].copy()
    left["_index"] = events.index
    left = left.dropna(subset=[date_column]).sort_values(date_column, kind="stable")
    right = periods[["la", "child", "period", "start", "end"]].sort_values("start", kind="stable")
    matched = pd.merge_asof(left, right, left_on=date_column, right_on="start", by=["la", "child"],
                            direction="backward")
    inside = matched["period"].notna() & (matched["end"].isna() | (matched[date_column] <= matched["end"]))
    result = pd.Series(pd.NA, index=events.index, dtype="Int64")
    hits = matched.loc[inside]
    result.loc[hits["_index"].to_numpy()] = hits["period"].astype("int64").to_numpy()
    return result
