"""Children in care, placements, distance from home, stability, UASC and exits from care."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.measures.calendar import add_months
from data.measures.context import Context
from data.measures.dataset import ONCE, in_care_on
from data.measures.filters import (child_attribute, child_profiles, latest_rows, profile_counts, profile_values,
                                   sorted_by_child, uasc_on)
from data.measures.postcodes import centroid_table, district, resolve
from data.measures.result import RATE, CountsNote, Result, count_result, counts_table, rag_status, share_result

PLACEMENT_STARTS = ("S", "P", "B", "T", "U")  # RNE codes that mean a new placement
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
ADOPTION = ("A3", "A4", "A5", "A6")
MILES_PER_KM = 0.621371
EARTH_RADIUS_KM = 6371.0088
EXIT_GROUPS = {
    "Adopted": {"E11": "Adopted, unopposed", "E12": "Adopted, consent dispensed with"},
    "Special guardianship order": {"E45": "SGO to former foster carer, relative or friend",
                                   "E46": "SGO to former foster carer, not relative or friend",
                                   "E47": "SGO to another carer, relative or friend",
                                   "E48": "SGO to another carer, not relative or friend"},
    "Child arrangements order": {"E41": "Residence or child arrangements order"},
    "Returned home": {"E4A": "Returned home as part of care planning",
                      "E4B": "Returned home, not part of care planning",
                      "E13": "Left to live with parent, relative or other person"},
    "Independent living": {"E5": "Independent living with support", "E6": "Independent living without support"},
    "Staying put (18+)": {"E17": "Aged 18+, stayed with current carers"},
    "Transferred": {"E3": "Care taken over by another council", "E7": "Transferred to adult social care"},
    "Custody": {"E9": "Sentenced to custody"},
    "Other": {"E2": "Died", "E8": "Ceased for any other reason", "E14": "Accommodation on remand ended",
              "E15": "Age assessment found the child to be 18 or over", "E16": "Moved abroad"},
}
PROVIDERS = {"PR0": "Parents (PR0)", "PR1": "The council's own (PR1)", "PR2": "Another council's (PR2)",
             "PR3": "Other public provision (PR3)", "PR4": "Private (PR4)", "PR5": "Voluntary or third sector (PR5)"}
EXIT_GROUP_OF = {code: group for group, codes in EXIT_GROUPS.items() for code in codes}
EXIT_MEANING = {code: meaning for codes in EXIT_GROUPS.values() for code, meaning in codes.items()}


def _in_care_at_end(ctx: Context) -> pd.DataFrame:
    return ctx.everyone(in_care_on, day=ctx.year_end)


def in_care_by(ctx: Context, attribute: str) -> pd.DataFrame:
    """The children in care at the period end (child number in `_id`), each with one attribute of
    their profile then (the breakdowns of cla_count), as text."""
    in_care = _in_care_at_end(ctx)
    values = profile_values(child_profiles(ctx.data, ctx.year_end), attribute, in_care["_id"])
    return pd.DataFrame({"_id": in_care["_id"].to_numpy(), attribute: np.asarray(values.astype(object))})


def cla_count(ctx: Context) -> Result:
    in_care = _in_care_at_end(ctx)
    if not ctx.detail:
        return count_result("cla_count", "Children in care at the period end", ctx.period, ctx.year_end,
                            len(in_care), ctx.rules)
    profiles = child_profiles(ctx.data, ctx.year_end)
    extras = {name: _counts(profile_counts(profiles, name, in_care["_id"])) for name in
              ("sex", "ethnic_group", "legal_status", "placement_group", "uasc", "age_band")}
    providers = in_care["place_provider"].astype(object).map(lambda c: PROVIDERS.get(c, c)).fillna("Not recorded")
    extras["provider"] = _counts(providers.value_counts().reindex(
        [p for p in [*PROVIDERS.values(), "Not recorded"] if p in set(providers)] +
        sorted(set(providers) - set(PROVIDERS.values()) - {"Not recorded"})))
    extras["by_council"] = _counts(in_care["la"].value_counts().sort_index())
    return count_result("cla_count", "Children in care at the period end", ctx.period, ctx.year_end,
                        len(in_care), ctx.rules, extras=extras)


def cla_rate_per_10k(ctx: Context) -> Result:
    count = len(_in_care_at_end(ctx))
    population = ctx.council.population_0_17
    value = count * 10000 / population if population else None
    rule = ctx.rules.get("cla_rate_per_10k")
    return Result("cla_rate_per_10k", "Children in care per 10,000 children", str(ctx.period), str(ctx.year_end),
                  RATE, value, count, population, rag_status(value, population, rule), rule,
                  notes=(f"Population aged 0-17 from settings: {population:,}.",))


def _counts(counts: pd.Series) -> pd.DataFrame:
    """Counts per group, in the order given, as a breakdown with each group's share. Groups with
    none are left out (a categorical's value_counts lists every category)."""
    counts = counts[counts > 0]
    total = int(counts.sum())
    return pd.DataFrame({"group": counts.index.astype(str), "numerator": counts.to_numpy().astype(int),
                         "denominator": total, "value": counts.to_numpy() / total if total else np.nan})


def _distances(data, day) -> pd.DataFrame:
    """Miles from home for each child in care on the day (worked out once for all children, then
    cut to the selection)."""
    in_care = data.in_care_on(day)
    out = in_care[["la", "_id"]].copy()
    out["miles"] = episode_miles(data)[in_care.index.to_numpy()]
    return out


def episode_miles(data) -> np.ndarray:
    """Miles from home to placement for every care episode (by its position in care_episodes),
    worked out once per dataset."""
    return data.cached(ONCE, _episode_miles)


def _episode_miles(data) -> np.ndarray:
    coordinates = _postcode_coordinates(data)
    episodes = data.care_episodes
    home = coordinates.reindex(episodes["home_post"].to_numpy())
    placement = coordinates.reindex(episodes["pl_post"].to_numpy())
    return _great_circle_miles(home["lat"], home["lon"], placement["lat"], placement["lon"])


def episode_districts(data) -> np.ndarray:
    """The placement postcode's district for every care episode (by position), once per dataset:
    worked out for each distinct postcode, not each episode."""
    return data.cached(ONCE, _episode_districts)


def _episode_districts(data) -> np.ndarray:
    postcodes = data.care_episodes["pl_post"]
    distinct = pd.Series(postcodes.dropna().unique())
    districts = pd.Series(district(distinct).to_numpy(), index=distinct)
    return districts.reindex(postcodes.to_numpy()).to_numpy(dtype=object)


def _postcode_coordinates(data) -> pd.DataFrame:
    """Every postcode the episodes hold, resolved once per dataset (there are far fewer distinct
    postcodes than episodes)."""
    postcodes = pd.Series(pd.concat([data.episodes["home_post"], data.episodes["pl_post"]]).dropna().unique())
    return resolve(postcodes, centroid_table(data.postcode_centroids)).set_index(postcodes)


def _great_circle_miles(lat1, lon1, lat2, lon2) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype="float64")) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a)) * MILES_PER_KM


def placed_over_20_miles(ctx: Context) -> Result:
    distances = ctx.everyone(_distances, day=ctx.year_end)
    known = distances.dropna(subset=["miles"])
    unresolved = len(distances) - len(known)
    far = known[known["miles"] > 20]
    left_out = {"left_out": counts_table(unresolved=unresolved)}
    notes = (CountsNote("Children left out because a home or placement postcode is missing or not in the postcode "
                        "centroid file (never guessed): {unresolved}.", "left_out"),) if unresolved else ()
    if not ctx.detail:
        return share_result("placed_over_20_miles", "Placed more than 20 miles from home", ctx.period,
                            ctx.year_end, len(far), len(known), ctx.rules, notes=notes, extras=left_out)
    rows = far.assign(child=child_attribute(ctx.data, "child", far["_id"]), miles=far["miles"].round(1))[
        ["la", "child", "miles"]]
    return share_result("placed_over_20_miles", "Placed more than 20 miles from home", ctx.period, ctx.year_end,
                        len(far), len(known), ctx.rules, notes=notes, rows=rows,
                        extras=left_out)


def placed_outside_la(ctx: Context) -> Result:
    in_care = ctx.everyone(_placed_outside, day=ctx.year_end, districts=ctx.council.postcode_districts)
    known = in_care[in_care["has_postcode"]]
    outside = known["outside"]
    missing = len(in_care) - len(known)
    notes = (CountsNote("Children left out because they have no placement postcode: {no_postcode}.", "left_out"),) \
        if missing else ()
    return share_result("placed_outside_la", "Placed outside the council's area", ctx.period, ctx.year_end,
                        int(outside.sum()), len(known), ctx.rules, notes=notes,
                        extras={"left_out": counts_table(no_postcode=missing)})


def _placed_outside(data, day, districts: tuple[str, ...]) -> pd.DataFrame:
    """Every child in care on the day: placement postcode, and whether it lies outside the
    council's own postcode districts."""
    in_care = data.in_care_on(day)
    placed_in = pd.Series(episode_districts(data)[in_care.index.to_numpy()])
    return pd.DataFrame({"_id": in_care["_id"].to_numpy(), "has_postcode": in_care["pl_post"].notna().to_numpy(),
                         "outside": ~placed_in.isin(districts).to_numpy()})


def stability_3plus_placements(ctx: Context) -> Result:
    in_care = _in_care_at_end(ctx)
    placements = ctx.facts(_placements_in_year, period=ctx.period)
    three_plus = int((placements[in_care["_id"].to_numpy()] >= 3).sum())
    return share_result("stability_3plus_placements", "Three or more placements in the year", ctx.period,
                        ctx.year_end, three_plus, len(in_care), ctx.rules)


def _placements_in_year(data, period) -> np.ndarray:
    """Placements each child had in the period (by child number; the last slot for -1): the one
    open at its start and each that began in it, temporary placements not counted."""
    year_start, year_end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    episodes = data.care_episodes
    episodes = episodes[~episodes["place"].isin(TEMPORARY)]
    open_at_start = (episodes["decom"] < year_start) & (episodes["dec"].isna() | (episodes["dec"] >= year_start))
    started_in_year = (episodes["decom"] >= year_start) & (episodes["decom"] <= year_end) & \
        episodes["rne"].isin(PLACEMENT_STARTS)
    numbers = episodes.loc[open_at_start | started_in_year, "_id"].to_numpy()
    slots = len(data.child_numbers) + 1
    return np.bincount(np.where(numbers >= 0, numbers, slots - 1), minlength=slots).astype("int32")


def stability_long_term(ctx: Context) -> Result:
    """Under-16s in care for 2.5 years or more: share in the same placement for 2 years, or placed
    for adoption with that placement and the one before adding up to 2 years."""
    cohort = ctx.everyone(_long_term_cohort, day=ctx.year_end)
    return share_result("stability_long_term", "Long-term stability (under 16s, 2.5 years in care)",
                        ctx.period, ctx.year_end, int(cohort["stable"].sum()), len(cohort), ctx.rules)


def _long_term_cohort(data, day) -> pd.DataFrame:
    """Every child under 16 in care on the day for 2.5 years or more, and whether their placement
    is stable by the measure's rule. Durations count forward from their start (measures.md): in
    care since 31 October 2020 is 2.5 years on 30 April 2023."""
    year_end = pd.Timestamp(day)
    in_care = data.in_care_on(day)
    period_start = in_care["period"].map(data.periods.set_index("period")["start"]).astype("datetime64[s]")
    dob = pd.Series(child_attribute(data, "dob", in_care["_id"]), index=in_care.index)
    under_16 = (dob + pd.DateOffset(years=16) > year_end).to_numpy()
    long_stay = (add_months(period_start, 30) <= year_end).to_numpy()
    cohort = in_care.loc[under_16 & long_stay, ["_id", "period"]]
    latest = _latest_placement_starts(data, year_end).set_index("_id").reindex(cohort["_id"])
    same_period = (latest["period"].to_numpy() == cohort["period"].to_numpy())
    stable = (add_months(latest["placement_start"], 24) <= year_end).to_numpy()
    adopted_route = (latest["place"].isin(ADOPTION) & (add_months(latest["previous_start"], 24) <= year_end)).to_numpy()
    return cohort.assign(stable=same_period & (stable | adopted_route))


def _latest_placement_starts(data, day: pd.Timestamp) -> pd.DataFrame:
    """Each child's latest episode by `day`: its period, placement, when that placement began and
    when the one before it began."""
    ordered = data.cached(ONCE, _placement_starts)
    return latest_rows(ordered, "decom", day)[["_id", "period", "place", "placement_start", "previous_start"]]


def _placement_starts(data) -> pd.DataFrame:
    """Every care episode (sorted by child and date) with when its placement began and when the
    placement before it in the same period began. An episode's answer depends only on the episodes
    before it, so it is worked out once for the dataset, not once per date."""
    episodes = sorted_by_child(data, "care_episodes", "decom")
    episodes = episodes[["_id", "period", "decom", "rne", "place"]].copy()
    new_placement = episodes["rne"].isin(PLACEMENT_STARTS)
    episodes["placement_start"] = episodes["decom"].where(new_placement)
    episodes["placement_start"] = episodes.groupby("period")["placement_start"].ffill()
    firsts = episodes[new_placement].copy()
    firsts["previous_start"] = firsts.groupby("period")["placement_start"].shift()
    firsts = firsts.drop_duplicates(["period", "placement_start"], keep="last")
    merged = episodes.merge(firsts[["period", "placement_start", "previous_start"]],
                            on=["period", "placement_start"], how="left")
    return merged.set_axis(episodes.index)


def uasc_share(ctx: Context) -> Result:
    in_care = _in_care_at_end(ctx)
    is_uasc = ctx.facts(uasc_on, day=ctx.year_end)
    count = int(is_uasc[in_care["_id"].to_numpy()].sum())
    return share_result("uasc_share", "Unaccompanied asylum-seeking children", ctx.period, ctx.year_end,
                        count, len(in_care), ctx.rules)


def exits_by_reason(ctx: Context) -> Result:
    ended = ctx.everyone(_exits, period=ctx.period)
    if not ctx.detail:
        return count_result("exits_by_reason", "Children leaving care", ctx.period, ctx.as_at, len(ended), {})
    groups = ended["rec"].map(EXIT_GROUP_OF).fillna("Not a recognised code")
    by_group = groups.value_counts().reindex(list(EXIT_GROUPS) + ["Not a recognised code"], fill_value=0)
    by_group = by_group[(by_group > 0) | by_group.index.isin(list(EXIT_GROUPS))]
    breakdown = pd.DataFrame({"group": by_group.index, "numerator": by_group.to_numpy(),
                              "denominator": len(ended)})
    breakdown["value"] = breakdown["numerator"] / len(ended) if len(ended) else np.nan
    codes = ended["rec"].astype(object).value_counts()  # as strings: ties in the order strings give
    detail = pd.DataFrame({"group": [EXIT_GROUP_OF.get(c, "Not a recognised code") for c in codes.index],
                           "code": codes.index, "meaning": [EXIT_MEANING.get(c, "Code not in the 903 list")
                                                            for c in codes.index],
                           "numerator": codes.to_numpy(), "denominator": len(ended)})
    other = detail[detail["group"] == "Other"].sort_values("numerator", ascending=False)
    return count_result("exits_by_reason", "Children leaving care", ctx.period, ctx.as_at, len(ended), {},
                        breakdown=breakdown, extras={"codes": detail.reset_index(drop=True),
                                                     "other": other.reset_index(drop=True)})


def _exits(data, period) -> pd.DataFrame:
    """Every care episode ending in the period other than a change within care (X1)."""
    episodes = data.care_episodes
    return episodes.loc[(episodes["dec"] >= pd.Timestamp(period.start)) & (episodes["dec"] <= pd.Timestamp(period.end)) &
                        episodes["rec"].notna() & (episodes["rec"] != "X1"), ["_id", "rec"]]
