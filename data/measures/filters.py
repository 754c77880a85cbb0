"""Filters (measures.md, "Filters"): each child's profile as at a date, and the children a
set of filters selects.

A filter cuts children, not events: a child's reviews, placements and escalations count when
the child matches the filters as at the as-at date (their age band then, their legal status and
placement then or, if they had left care, at their last episode).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

from data.ingest.specs import ETHNIC_GROUPS
from data.measures.dataset import ONCE, PROFILES, Dataset

AGE_BANDS = ("Under 1", "1-4", "5-9", "10-15", "16-17", "18+")
SEXES = {"1": "Male", "M": "Male", "2": "Female", "F": "Female", "U": "Unknown"}
ETHNIC_GROUP_OF = {code: group for group, codes in ETHNIC_GROUPS.items() for code in codes.split()}
PLACEMENT_GROUPS = {
    "Fostering: kinship": "U1 U2 U3",
    "Fostering: other carers": "U4 U5 U6",
    "Residential": "K1 K2 R1 P3 S1",
    "Supported accommodation": "H5 K3 P2",
    "Placed for adoption": "A3 A4 A5 A6",
    "Placed with parents": "P1",
}
PLACEMENT_GROUP_OF = {code: group for group, codes in PLACEMENT_GROUPS.items() for code in codes.split()}
OTHER_PLACEMENT = "Other"
LEGAL_STATUS_GROUPS = {"C1": "Interim care order", "C2": "Full care order", "E1": "Placement order",
                       "D1": "Freeing order", "V2": "Accommodated (section 20)",
                       "L1": "Police protection, EPO or CAO", "L2": "Police protection, EPO or CAO",
                       "L3": "Police protection, EPO or CAO", "J1": "Youth justice",
                       "J2": "Youth justice", "J3": "Youth justice"}


@dataclass(frozen=True)
class Filters:
    """Selected values per filter; an empty tuple means no filter."""

    council: tuple[str, ...] = ()
    team: tuple[str, ...] = ()
    iro: tuple[str, ...] = ()
    age_band: tuple[str, ...] = ()
    sex: tuple[str, ...] = ()
    ethnic_group: tuple[str, ...] = ()
    legal_status: tuple[str, ...] = ()
    placement_group: tuple[str, ...] = ()
    uasc: tuple[str, ...] = ()  # "Yes" / "No"
    cin: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def age_band(dob: pd.Series, day: date) -> pd.Series:
    ts = pd.Timestamp(day)
    years = (ts.year - dob.dt.year) - ((dob.dt.month > ts.month) |
                                       ((dob.dt.month == ts.month) & (dob.dt.day > ts.day))).astype(int)
    bands = pd.cut(years, [-1000, 0, 4, 9, 15, 17, 1000], labels=AGE_BANDS, right=True)
    return bands.astype("str").where(dob.notna(), None)


def age_in_years(dob: pd.Series, day) -> pd.Series:
    """Whole years of age on `day` (a date, or a Series of dates aligned with dob)."""
    day = pd.Series(pd.Timestamp(day), index=dob.index) if not isinstance(day, pd.Series) else day
    before_birthday = (dob.dt.month > day.dt.month) | ((dob.dt.month == day.dt.month) & (dob.dt.day > day.dt.day))
    return day.dt.year - dob.dt.year - before_birthday.astype(int)


def child_profiles(data: Dataset, day: date) -> pd.DataFrame:
    """One row per child known to the data, with every filterable attribute as at `day`.
    Worked out once per dataset and day: every measure of a page asks for the same one."""
    return data.cached(PROFILES, _child_profiles, day=day)


def _child_profiles(data: Dataset, day: date) -> pd.DataFrame:
    """Built on child numbers: each attribute as at the day is placed by number into arrays of
    category codes, with no join on string keys and no string handling per child (at the size of
    England, joins took seconds a date). The attributes are categoricals: compact, so that every
    date's profile can be kept, and quick to filter and count."""
    ts = pd.Timestamp(day)
    profile = data.cached(ONCE, _profile_base).copy(deep=False)
    size = len(profile)
    ordered = sorted_by_child(data, "care_episodes", "decom")
    rows = latest_positions(ordered, "decom", ts)
    numbers = ordered["_id"].to_numpy()[rows]
    for column in ("ls", "place", "cin"):
        profile[column] = _codes_by_number(size, numbers, _categorical(data, "care_episodes", column)[rows])
    profile["age_band"] = pd.Categorical.from_codes(_age_band_codes(profile["dob"], ts), AGE_BANDS)
    profile["legal_status"] = _regrouped(profile["ls"], LEGAL_STATUS_GROUPS, "Not known")
    profile["placement_group"] = _regrouped(profile["place"], PLACEMENT_GROUP_OF, OTHER_PLACEMENT)
    profile["uasc"] = pd.Categorical.from_codes(uasc_on(data, ts)[:-1].astype("int8"), ["No", "Yes"])
    profile["team"] = _assignment_as_at(data, "child_teams", "team", ts, size)
    profile["iro"] = _assignment_as_at(data, "iro_allocations", "iro_id", ts, size)
    return profile


def _categorical(data: Dataset, table: str, column: str) -> pd.Categorical:
    """A column of a table sorted by child (sorted_by_child) as a categorical, once per dataset;
    teams and IROs named with their council where the data hold several (council_qualified)."""
    return data.cached(ONCE, _sorted_categorical, table=table, column=column)


def _sorted_categorical(data: Dataset, table: str, column: str) -> pd.Categorical:
    ordered = sorted_by_child(data, table, "decom" if table == "care_episodes" else "start")
    values = council_qualified(data, ordered, column) if column in ("team", "iro_id") else ordered[column]
    return pd.Categorical(values)


def council_qualified(data: Dataset, frame: pd.DataFrame, column: str) -> pd.Series:
    """A team or IRO as filters and breakdowns name it: where the data hold several councils, with
    its council, since two councils can each have a "North" team or an IRO "I1"."""
    values = frame[column]
    if len(data.councils) <= 1:
        return values
    return (values.astype(str) + " (" + frame["la"].astype(str) + ")").where(values.notna())


def iro_names(data: Dataset) -> pd.Series:
    """Each IRO's name (missing where the extract has none), indexed by the IRO as filters and
    breakdowns name them (council_qualified); the first row of an IRO listed twice."""
    iros = data.iros
    names = pd.Series(council_qualified(data, iros, "name").to_numpy(),
                      index=council_qualified(data, iros, "iro_id").to_numpy())
    return names[~names.index.duplicated()]


def teams_and_iros(data: Dataset, profiles: pd.DataFrame, numbers) -> tuple[np.ndarray, np.ndarray]:
    """Each child's social work team and IRO (by name where the extract gives one) in `profiles`,
    with words where none is recorded: how the lists and breakdowns name them."""
    team = pd.Series(profile_values(profiles, "team", numbers), dtype=object).fillna("No team recorded")
    iro = pd.Series(profile_values(profiles, "iro", numbers), dtype=object)
    named = iro.map(iro_names(data)).astype(object).fillna(iro).fillna("No IRO recorded")
    return team.to_numpy(), named.to_numpy()


def _codes_by_number(size: int, numbers: np.ndarray, values: pd.Categorical) -> pd.Categorical:
    """A categorical of `size` children holding each value at its child number (missing elsewhere)."""
    codes = np.full(size, -1, dtype=values.codes.dtype)
    known = numbers >= 0
    codes[numbers[known]] = values.codes[known]
    return pd.Categorical.from_codes(codes, values.categories)


def _regrouped(values: pd.Series, group_of: dict[str, str], other: str) -> pd.Categorical:
    """Codes mapped to their groups (a missing or unlisted code to `other`), on the categories."""
    categories = list(values.cat.categories)
    names = sorted({group_of.get(c, other) for c in categories} | {other})
    position = {name: i for i, name in enumerate(names)}
    translate = np.array([position[group_of.get(c, other)] for c in categories] + [position[other]], dtype="int16")
    return pd.Categorical.from_codes(translate[values.cat.codes.to_numpy()], names)


def _age_band_codes(dob: pd.Series, ts: pd.Timestamp) -> np.ndarray:
    """Index into AGE_BANDS of each child's age on ts (-1 where the date of birth is missing)."""
    years = age_in_years(dob, ts)
    codes = np.searchsorted(np.array([0, 4, 9, 15, 17]), years.fillna(0).to_numpy(dtype="int64"), "left")
    return np.where(dob.notna().to_numpy(), codes, -1).astype("int8")


def uasc_on(data: Dataset, day) -> np.ndarray:
    """True at the number of each child who is an unaccompanied asylum-seeking child on the day
    (no date the status ended, or one after it); one more slot, False, for -1."""
    ts = pd.Timestamp(day)
    numbers = data.uasc["_id"].to_numpy()
    current = (data.uasc["duc"].isna() | (data.uasc["duc"] > ts)).to_numpy() & (numbers >= 0)
    is_uasc = np.zeros(len(data.child_numbers) + 1, dtype=bool)
    is_uasc[numbers[current]] = True
    return is_uasc


def _profile_base(data: Dataset) -> pd.DataFrame:
    """Every child the data knows, in child-number order, with what does not change with the date."""
    base = data.child_numbers.index.to_frame(index=False)
    header = data.header[data.header["_id"] >= 0].drop_duplicates("_id").set_index("_id")
    for column in ("sex", "dob", "ethnic"):
        base[column] = header[column].reindex(np.arange(len(base))).to_numpy()
    base["sex"] = pd.Categorical(base["sex"].map(SEXES).fillna("Unknown"))
    base["ethnic_group"] = pd.Categorical(base["ethnic"].map(ETHNIC_GROUP_OF).fillna("Not known"))
    base["council"] = pd.Categorical(base["la"])
    base["_id"] = np.arange(len(base), dtype="int64")
    return base


def child_attribute(data: Dataset, column: str, numbers) -> np.ndarray:
    """What does not change with the date (dob, sex, la, child...) for each child number; missing
    for -1, a child the data does not otherwise know. A lookup by position, not a join."""
    return data.cached(ONCE, _attribute_by_number, column=column)[np.asarray(numbers)]


def _attribute_by_number(data: Dataset, column: str) -> np.ndarray:
    values = data.cached(ONCE, _profile_base)[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        return np.append(values.to_numpy(), np.datetime64("NaT"))
    return np.append(values.to_numpy(dtype=object), None)


def profile_values(profiles: pd.DataFrame, column: str, numbers) -> pd.Categorical:
    """A column of child_profiles() for each child number (missing for -1)."""
    values = profiles[column].cat
    codes = np.append(values.codes.to_numpy(), -1)
    return pd.Categorical.from_codes(codes[np.asarray(numbers)], values.categories)


def profile_counts(profiles: pd.DataFrame, column: str, numbers) -> pd.Series:
    """How many of the children numbered `numbers` have each value of a profile column, in the
    column's category order (values no child has left out)."""
    values = profiles[column].cat
    codes = values.codes.to_numpy()[np.asarray(numbers)]
    counts = np.bincount(codes[codes >= 0], minlength=len(values.categories))
    return pd.Series(counts, index=values.categories)[counts > 0]


def _assignment_as_at(data: Dataset, table: str, column: str, ts: pd.Timestamp, size: int) -> pd.Categorical:
    """A dated assignment (start, end) per child as at ts: the one covering ts, else the latest
    before it; by child number."""
    ordered = sorted_by_child(data, table, "start")
    values = _categorical(data, table, column)
    codes = ordered["_id"].to_numpy()
    started = (ordered["start"] <= ts).to_numpy() & (codes >= 0)
    covers = (ordered["end"].isna() | (ordered["end"] >= ts)).to_numpy()[started]
    starts = ordered["start"].to_numpy()[started]
    numbers = codes[started]
    if not len(numbers):
        return pd.Categorical.from_codes(np.full(size, -1, dtype="int8"), values.categories)
    order = np.lexsort((starts, covers, numbers))  # within a child: not covering first, then by start
    last = np.append(numbers[order][1:] != numbers[order][:-1], True)
    chosen = np.flatnonzero(started)[order[last]]
    return _codes_by_number(size, codes[chosen], values[chosen])


def latest_per_child(data: Dataset, table: str, date_column: str, ts: pd.Timestamp) -> pd.DataFrame:
    """Each child's last row of `table` dated on or before ts. The table is sorted by child and
    date once per dataset; then each date costs one pass over arrays, not a sort."""
    return latest_rows(sorted_by_child(data, table, date_column), date_column, ts)


def latest_rows(ordered: pd.DataFrame, date_column: str, ts: pd.Timestamp) -> pd.DataFrame:
    """Of a frame sorted by child and date, with child numbers in `_id`: each child's last row dated
    on or before ts."""
    return ordered.iloc[latest_positions(ordered, date_column, ts)]


def latest_positions(ordered: pd.DataFrame, date_column: str, ts: pd.Timestamp) -> np.ndarray:
    """Positions of latest_rows(), in one pass over arrays."""
    eligible = (ordered[date_column] <= ts).to_numpy()
    numbers = ordered["_id"].to_numpy()
    same_child = numbers[1:] == numbers[:-1]
    next_eligible_same_child = np.append(same_child & eligible[1:], False)
    return np.flatnonzero(eligible & ~next_eligible_same_child)


def sorted_by_child(data: Dataset, table: str, date_column: str) -> pd.DataFrame:
    """The table sorted by child and date, with each row's child number in `_id`."""
    if table == "care_episodes" and date_column == "decom":
        return data.care_episodes  # already in this order (care.care_episodes)
    return data.cached(ONCE, _sorted_by_child, table=table, date_column=date_column)


def _sorted_by_child(data: Dataset, table: str, date_column: str) -> pd.DataFrame:
    return getattr(data, table).sort_values(["la", "child", date_column], kind="stable").reset_index(drop=True)


DAY_BASE, DAY_SPAN = -40000, 200000  # days from 1970: keys cover 1860 to 2300 for each child number


def any_dated_between(data: Dataset, table: str, date_column: str, numbers, after, upto) -> np.ndarray:
    """For each (child number, after, upto): does `table` hold a row for that child dated after
    `after` and on or before `upto`? Two binary searches per question over keys (child number,
    day) sorted once per dataset, instead of pairing every question with every row of the child."""
    keys = data.cached(ONCE, _dated_keys, table=table, date_column=date_column)
    numbers = np.asarray(numbers, dtype="int64")
    after_days, upto_days = days_since_1970(after), days_since_1970(upto)
    known = (numbers >= 0) & (after_days > DAY_BASE) & (upto_days > DAY_BASE)
    base = numbers * DAY_SPAN - DAY_BASE
    found = np.searchsorted(keys, base + upto_days, "right") - np.searchsorted(keys, base + after_days, "right")
    return known & (found > 0)


def _dated_keys(data: Dataset, table: str, date_column: str) -> np.ndarray:
    frame = getattr(data, table)
    numbers, days = frame["_id"].to_numpy(), days_since_1970(frame[date_column])
    usable = (numbers >= 0) & (days > DAY_BASE)
    return np.sort(numbers[usable] * DAY_SPAN - DAY_BASE + days[usable])


def days_since_1970(dates) -> np.ndarray:
    """Days since 1970, as keys count them (NaT and dates outside their range as DAY_BASE)."""
    days = np.asarray(pd.Series(dates).to_numpy().astype("datetime64[D]").astype("int64"))
    return np.where((days > DAY_BASE) & (days < DAY_BASE + DAY_SPAN), days, DAY_BASE)


def selection_mask(data: Dataset, profiles: pd.DataFrame, filters: Filters) -> np.ndarray:
    """True at the number of every selected child, with one extra False slot for -1. Profiles are
    in child-number order and their attributes categoricals: each filter is a lookup of the
    chosen categories by code, not a comparison of strings."""
    mask = np.ones(len(profiles), dtype=bool)
    for name, values in filters.as_dict().items():
        column = profiles[name].cat
        chosen = np.zeros(len(column.categories) + 1, dtype=bool)  # the last slot: missing (code -1)
        positions = column.categories.get_indexer(list(values))
        chosen[positions[positions >= 0]] = True
        mask &= chosen[column.codes.to_numpy()]
    return np.append(mask, False)

