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
from data.measures.dataset import Dataset

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
    return data.per_day(("child_profiles", day), lambda: _child_profiles(data, day))


def _child_profiles(data: Dataset, day: date) -> pd.DataFrame:
    """Built on child numbers (child_ids): each attribute as at the day is placed by number into
    arrays, with no join on string keys (at the size of England, joins took seconds a date)."""
    ts = pd.Timestamp(day)
    profile = data.derived(("profile_base",), lambda: _profile_base(data)).copy()
    latest = latest_per_child(data, "care_episodes", "decom", ts)
    for column in ("ls", "place", "cin"):
        profile[column] = _by_number(len(profile), latest["_id"].to_numpy(), latest[column])
    profile["age_band"] = age_band(profile["dob"], day)
    profile["legal_status"] = profile["ls"].map(LEGAL_STATUS_GROUPS).fillna("Not known")
    profile["placement_group"] = profile["place"].map(PLACEMENT_GROUP_OF).fillna(OTHER_PLACEMENT)
    uasc_codes = data.derived(("child_codes", "uasc"), lambda: child_codes(data, data.uasc))
    current = (data.uasc["duc"].isna() | (data.uasc["duc"] > ts)).to_numpy()
    is_uasc = np.zeros(len(profile), dtype=bool)
    is_uasc[uasc_codes[current & (uasc_codes >= 0)]] = True
    profile["uasc"] = np.where(is_uasc, "Yes", "No")
    profile["team"] = _assignment_as_at(data, "child_teams", "team", ts, len(profile))
    profile["iro"] = _assignment_as_at(data, "iro_allocations", "iro_id", ts, len(profile))
    return profile


def _profile_base(data: Dataset) -> pd.DataFrame:
    """Every child the data knows, in child-number order, with what does not change with the date."""
    ids = child_ids(data)
    base = ids.index.to_frame(index=False)
    header = data.header.assign(_id=child_codes(data, data.header))
    header = header[header["_id"] >= 0].set_index("_id")
    for column in ("sex", "dob", "ethnic"):
        base[column] = header[column].reindex(np.arange(len(base))).to_numpy()
    base["sex"] = base["sex"].map(SEXES).fillna("Unknown")
    base["ethnic_group"] = base["ethnic"].map(ETHNIC_GROUP_OF).fillna("Not known")
    base["council"] = base["la"]
    base["_id"] = np.arange(len(base), dtype="int64")
    return base


def _by_number(size: int, numbers: np.ndarray, values: pd.Series) -> np.ndarray:
    """An array of `size` holding each value at its child number (None elsewhere)."""
    out = np.full(size, None, dtype=object)
    known = numbers >= 0
    out[numbers[known]] = values.to_numpy(dtype=object)[known]
    return out


def _assignment_as_at(data: Dataset, table: str, column: str, ts: pd.Timestamp, size: int) -> np.ndarray:
    """A dated assignment (start, end) per child as at ts: the one covering ts, else the latest
    before it; by child number."""
    frame = getattr(data, table)
    codes = data.derived(("child_codes", table), lambda: child_codes(data, frame))
    started = (frame["start"] <= ts).to_numpy() & (codes >= 0)
    covers = (frame["end"].isna() | (frame["end"] >= ts)).to_numpy()[started]
    starts = frame["start"].to_numpy()[started]
    numbers = codes[started]
    if not len(numbers):
        return np.full(size, None, dtype=object)
    order = np.lexsort((starts, covers, numbers))  # within a child: not covering first, then by start
    last = np.append(numbers[order][1:] != numbers[order][:-1], True)
    chosen = order[last]
    return _by_number(size, numbers[chosen], frame[column][started].iloc[chosen])


def latest_per_child(data: Dataset, table: str, date_column: str, ts: pd.Timestamp) -> pd.DataFrame:
    """Each child's last row of `table` dated on or before ts. The table is sorted by child and
    date once per dataset; then each date costs one pass over arrays, not a sort."""
    ordered = sorted_by_child(data, table, date_column)
    eligible = (ordered[date_column] <= ts).to_numpy()
    if not len(ordered):
        return ordered
    numbers = ordered["_id"].to_numpy()
    same_child = numbers[1:] == numbers[:-1]
    next_eligible_same_child = np.append(same_child & eligible[1:], False)
    return ordered[eligible & ~next_eligible_same_child]


def sorted_by_child(data: Dataset, table: str, date_column: str) -> pd.DataFrame:
    """The table sorted by child and date, with each row's child number in `_id`."""
    def build() -> pd.DataFrame:
        ordered = getattr(data, table).sort_values(["la", "child", date_column], kind="stable").reset_index(drop=True)
        return ordered.assign(_id=child_codes(data, ordered))
    return data.derived(("sorted", table, date_column), build)


def child_ids(data: Dataset) -> pd.Series:
    """A number for each (la, child) the data knows, once per dataset: filters select children by
    these numbers, which is far quicker on millions of rows than matching pairs of strings."""
    def build() -> pd.Series:
        keys = pd.concat([data.header[["la", "child"]], data.episodes[["la", "child"]]]).drop_duplicates()
        return pd.Series(np.arange(len(keys), dtype="int64"), index=_keys(keys))
    return data.derived(("child_ids",), build)


NUMBERED_TABLES = ("care_episodes", "timed_reviews", "feedback", "midway", "escalations", "oc3", "uasc",
                   "child_teams", "iro_allocations", "eet_status")


def prepare(data: Dataset) -> None:
    """As the data is loaded, give each row of the tables filters cut its child number (`_id`),
    so that no filtered request matches (la, child) strings. Frames derived from these tables
    keep the column, and child_codes() reads it."""
    for name in NUMBERED_TABLES:
        frame = getattr(data, name)
        frame["_id"] = child_codes(data, frame)
    sorted_by_child(data, "care_episodes", "decom")


def child_codes(data: Dataset, frame: pd.DataFrame) -> np.ndarray:
    """Each row's child number (-1 for a child the data does not otherwise know)."""
    if "_id" in frame:
        return frame["_id"].to_numpy()
    return child_ids(data).reindex(_keys(frame)).fillna(-1).astype("int64").to_numpy()


def selection_mask(data: Dataset, profiles: pd.DataFrame, filters: Filters) -> np.ndarray:
    """True at the number of every selected child, with one extra False slot for -1."""
    mask = pd.Series(True, index=profiles.index)
    for name, values in filters.as_dict().items():
        mask &= profiles[name].isin(values)
    selected = np.zeros(len(child_ids(data)) + 1, dtype=bool)
    ids = profiles.loc[mask, "_id"].to_numpy()
    selected[ids[ids >= 0]] = True
    return selected




def _keys(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame["la"], frame["child"]], names=["la", "child"])
