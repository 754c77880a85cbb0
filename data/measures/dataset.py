"""Every table as a frame, plus what is derived from them once per data version.

The measures read a Dataset and nothing else, so they can be tested on frames built by hand.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from data.measures.calendar import add_months, add_working_days
from data.measures.care import care_episodes, periods_of_care, place_in_periods

# Columns each frame has (database column names); a missing extract is an empty frame.
FRAME_COLUMNS = {
    "header": ("la", "child", "sex", "dob", "ethnic"),
    "episodes": ("la", "child", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec",
                 "home_post", "pl_post"),
    "reviews": ("la", "child", "review", "review_code"),
    "uasc": ("la", "child", "duc"),
    "oc3": ("la", "child", "year", "dob", "in_touch", "activ", "accom"),
    "iros": ("la", "iro_id", "name", "team", "fte", "start", "end"),
    "iro_allocations": ("la", "child", "iro_id", "start", "end"),
    "escalations": ("la", "escalation_id", "child", "iro_id", "raised", "highest_stage", "category",
                    "resolved", "outcome", "cafcass"),
    "eet_status": ("la", "child", "status_date", "activ", "adviser"),
    "feedback": ("la", "child", "review", "respondent", "returned", "advocate_offered", "child_chaired"),
    "midway": ("la", "child", "check_date"),
    "child_teams": ("la", "child", "team", "start", "end"),
    "postcode_centroids": ("postcode", "lat", "lon"),
}
DATE_COLUMNS = {"dob", "decom", "dec", "review", "duc", "start", "end", "raised", "resolved",
                "status_date", "check_date"}


# What in_care_on() keeps of each open episode: one copy per date asked about is held.
IN_CARE_COLUMNS = ["_id", "la", "period", "ls", "place", "place_provider", "pl_post"]  # child: by _id
COMPACT_FROM_ROWS = 1000  # smaller frames are not worth converting
COMPACT_SHARE = 4  # a column is converted when it has at most one distinct value in this many rows
MEMO_ENTRIES = 512
FACTS_ENTRIES = 2048  # about 16 a period; the byte budget is what binds
PER_DAY_ENTRIES = 48  # every period end the filter bar offers (6 years and their quarters), and more
MEMO_BYTES = int(float(os.environ.get("IRO_MEMO_MB", "512")) * 1024 * 1024)
FACTS_BYTES = int(float(os.environ.get("IRO_FACTS_MB", "1280")) * 1024 * 1024)


def _bytes(value) -> int:
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=False).sum())
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        return int(value.nbytes)
    return 0


def _child_keys(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame["la"], frame["child"]], names=["la", "child"])


_MISSING = object()


def _compact(value):
    """A frame's columns of repeated strings (council, legal status, placement type...) as
    categoricals: every period's facts are kept, and at the size of England strings are most of
    their bytes. Columns of mostly distinct values (child ids) stay as they are."""
    if not isinstance(value, pd.DataFrame) or len(value) < COMPACT_FROM_ROWS:
        return value
    repeated = [c for c in value.columns if pd.api.types.is_string_dtype(value[c].dtype)
                and not isinstance(value[c].dtype, pd.CategoricalDtype) and value[c].nunique() <= len(value) // COMPACT_SHARE]
    return value.astype({c: "category" for c in repeated}) if repeated else value


def empty_frame(name: str) -> pd.DataFrame:
    columns = FRAME_COLUMNS[name]
    return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c in DATE_COLUMNS else
                                      "float64" if c in ("fte", "lat", "lon") else
                                      "Int64" if c == "year" else "str") for c in columns})


@dataclass(eq=False)  # compared and hashed by identity: caches hang off each instance
class Dataset:
    header: pd.DataFrame
    episodes: pd.DataFrame
    reviews: pd.DataFrame
    uasc: pd.DataFrame
    oc3: pd.DataFrame
    iros: pd.DataFrame
    iro_allocations: pd.DataFrame
    escalations: pd.DataFrame
    eet_status: pd.DataFrame
    feedback: pd.DataFrame
    midway: pd.DataFrame
    child_teams: pd.DataFrame
    postcode_centroids: pd.DataFrame
    version: int = 0  # the import that produced it: caches key on this

    @classmethod
    def from_frames(cls, version: int = 0, **frames: pd.DataFrame) -> "Dataset":
        """Build from whichever frames are given; the rest are empty. Dates are normalised."""
        complete = {}
        for spec in fields(cls):
            if spec.name == "version":
                continue
            frame = frames.get(spec.name)
            frame = empty_frame(spec.name) if frame is None else frame.copy()
            for column in FRAME_COLUMNS[spec.name]:
                if column not in frame:
                    frame[column] = empty_frame(spec.name)[column]
                elif column in DATE_COLUMNS:
                    frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
            complete[spec.name] = frame[list(FRAME_COLUMNS[spec.name])]
        data = cls(version=version, **complete)
        data._number_rows()
        return data

    @cached_property
    def child_numbers(self) -> pd.Series:
        """A number for each (la, child) the data knows, indexed by the pair. Rows carry theirs in
        `_id`, so that filters and lookups work on integers, not on pairs of strings: at the size of
        England that is the difference between milliseconds and seconds."""
        keys = pd.concat([self.header[["la", "child"]], self.episodes[["la", "child"]]]).drop_duplicates()
        return pd.Series(np.arange(len(keys), dtype="int64"), index=_child_keys(keys))

    def _number_rows(self) -> None:
        """Each row's child number in `_id` (-1 for a child in neither the header nor the episodes).
        Frames derived from these (care episodes, timed reviews) keep the column."""
        for spec in fields(self):
            frame = getattr(self, spec.name, None)
            if isinstance(frame, pd.DataFrame) and {"la", "child"} <= set(frame.columns):
                numbers = self.child_numbers.reindex(_child_keys(frame)).fillna(-1).astype("int64")
                frame["_id"] = numbers.to_numpy()

    def has(self, name: str) -> bool:
        return not getattr(self, name).empty

    @property
    def councils(self) -> list[str]:
        return sorted(set(self.episodes["la"]) | set(self.header["la"]))

    # --- derived once ---------------------------------------------------------------------

    @cached_property
    def care_episodes(self) -> pd.DataFrame:
        """Episodes other than short breaks, in order, with their period of care."""
        return care_episodes(self.episodes)

    @cached_property
    def periods(self) -> pd.DataFrame:
        return periods_of_care(self.episodes)

    @cached_property
    def timed_reviews(self) -> pd.DataFrame:
        """Reviews inside a period of care with their number in it, due date and timeliness.

        Due: 1st within 20 working days of the period's start; 2nd within 3 months of the 1st;
        later ones within 6 months of the one before (regulation 33)."""
        reviews = self.reviews.copy()
        reviews["period"] = place_in_periods(reviews, self.periods, "review")
        reviews = reviews.dropna(subset=["period"]).sort_values(["period", "review"], kind="stable")
        starts = self.periods.set_index("period")["start"]
        reviews["period_start"] = reviews["period"].map(starts).astype("datetime64[s]")
        reviews["number"] = reviews.groupby("period").cumcount() + 1
        previous = reviews.groupby("period")["review"].shift()
        due = add_working_days(reviews["period_start"], 20)
        due = due.where(reviews["number"] == 1, add_months(previous, 3))
        reviews["due"] = due.where(reviews["number"] <= 2, add_months(previous, 6))
        reviews["previous"] = previous
        reviews["on_time"] = reviews["review"] <= reviews["due"]
        return reviews.reset_index(drop=True)

    @cached_property
    def latest_date(self) -> date | None:
        """The last day the data speaks of (the extract date, near enough)."""
        dates = [self.episodes["decom"].max(), self.episodes["dec"].max(), self.reviews["review"].max()]
        dates = [d for d in dates if pd.notna(d)]
        return max(dates).date() if dates else None

    def memo(self, key: tuple, make):
        """Work shared by several measures (who was in care on a day, whose review is due next),
        done once per dataset and key. Bounded by count and by bytes, oldest first: at the size of
        England one filtered cut of a table is hundreds of MB, and a worker must stay in memory."""
        return self._bounded("_memo", key, make, MEMO_ENTRIES, MEMO_BYTES)

    def facts(self, key: tuple, make):
        """What a measure knows of every child for one period or date, before any filter (each
        review held in the period and whether it was on time): worked out once, then cut to each
        selection of children in a few milliseconds. Kept apart from memo(), whose filtered cuts
        come and go with every filter change, and bounded by bytes."""
        return self._bounded("_facts", key, lambda: _compact(make()), FACTS_ENTRIES, FACTS_BYTES)

    def per_day(self, key: tuple, make):
        """Like memo(), for the few things every measure of a page needs for its date (each child's
        profile): kept apart, so that the bulkier entries of memo() never push them out."""
        return self._bounded("_per_day", key, make, PER_DAY_ENTRIES, None)

    def _bounded(self, name: str, key: tuple, make, entries: int, budget: int | None):
        store = self.__dict__.setdefault(name, {})
        sizes = self.__dict__.setdefault(name + "_bytes", {})
        found = store.pop(key, _MISSING)  # a pop, not `in` then pop: another thread may evict between
        if found is not _MISSING:
            store[key] = found  # most recently used last: eviction takes the least recently used
            return found
        value = make()
        sizes[key] = _bytes(value)
        store[key] = value
        while len(store) > 1 and (len(store) > entries or (budget and sum(sizes.values()) > budget)):
            oldest = next(iter(store))
            store.pop(oldest, None)
            sizes.pop(oldest, None)
        return value

    def derived(self, key: tuple, make):
        """What is worked out once per dataset and kept for its life (a table sorted by child, each
        row's child number): a fixed cost of the data's size, so never evicted by memo()."""
        store = self.__dict__.setdefault("_derived", {})
        if key not in store:
            store[key] = make()
        return store[key]

    def in_care_on(self, day: date) -> pd.DataFrame:
        """Each child in care on `day` (not short breaks), with the episode open on that day."""
        return self.facts(("in_care_on", day), lambda: self._in_care_on(day))

    def _in_care_on(self, day: date) -> pd.DataFrame:
        ts = pd.Timestamp(day)
        ep = self.care_episodes
        open_then = ep[(ep["decom"] <= ts) & (ep["dec"].isna() | (ep["dec"] > ts))]
        return open_then.sort_values("decom", kind="stable").drop_duplicates("_id", keep="last")[IN_CARE_COLUMNS]
