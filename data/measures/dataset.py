"""Every table as a frame, plus what is derived from them once per data version.

The measures read a Dataset and nothing else, so they can be tested on frames built by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.measures.cache import BoundedLRU, Budget, computation_key
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

# The stores a Dataset keeps computations in (cache.py), each bounded on its own so that one kind
# of entry never pushes out another:
ONCE = "once"          # derived from the whole data (a table sorted by child): a fixed cost, never evicted
FACTS = "facts"        # what a measure knows of every child for one period or date, before any filter
PROFILES = "profiles"  # each child's filterable attributes on one date: every measure of a page needs one
CUTS = "cuts"          # facts cut to one selection of children, and the selections: come and go with filters
DEFAULT_BUDGETS = {ONCE: Budget(), FACTS: Budget(2048, 1280 * 2**20), PROFILES: Budget(48),
                   CUTS: Budget(512, 256 * 2**20)}


def _child_keys(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame["la"], frame["child"]], names=["la", "child"])


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
    version: int = 0  # the import that produced it
    budgets: dict = field(default_factory=lambda: dict(DEFAULT_BUDGETS), repr=False)

    def __post_init__(self):
        self._stores = {tier: BoundedLRU(budget) for tier, budget in self.budgets.items()}

    @classmethod
    def from_frames(cls, version: int = 0, budgets: dict | None = None, **frames: pd.DataFrame) -> "Dataset":
        """Build from whichever frames are given; the rest are empty. Dates are normalised."""
        complete = {}
        for name, columns in FRAME_COLUMNS.items():
            frame = frames.get(name)
            frame = empty_frame(name) if frame is None else frame.copy()
            for column in columns:
                if column not in frame:
                    frame[column] = empty_frame(name)[column]
                elif column in DATE_COLUMNS:
                    frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
            complete[name] = frame[list(columns)]
        data = cls(version=version, budgets={**DEFAULT_BUDGETS, **(budgets or {})}, **complete)
        data._number_rows()
        return data

    def kept_state(self) -> dict:
        """The frames and what is kept of every computation but cuts of them to a selection: what a
        snapshot file holds (data/store.py), so that another process need not compute it again."""
        return {"version": self.version, "frames": {name: getattr(self, name) for name in FRAME_COLUMNS},
                "kept": {tier: self._stores[tier].items() for tier in (ONCE, FACTS, PROFILES)}}

    @classmethod
    def from_kept_state(cls, state: dict, budgets: dict | None = None) -> "Dataset":
        data = cls(version=state["version"], budgets={**DEFAULT_BUDGETS, **(budgets or {})}, **state["frames"])
        for tier, items in state["kept"].items():
            for key, value in items:
                data._stores[tier].put(key, value)
        return data

    def cached(self, tier: str, compute, **inputs):
        """`compute(self, **inputs)`, worked out once and kept in the tier's store under a key made
        from the function and its inputs (cache.computation_key). Facts are kept compact."""
        def make():
            value = compute(self, **inputs)
            return _compact(value) if tier == FACTS else value
        return self._stores[tier].get_or_make(computation_key(compute, inputs), make)

    def store(self, tier: str) -> BoundedLRU:
        """A tier's store, to look at (tests, the profile script); only cached() fills it."""
        return self._stores[tier]

    @property
    def child_numbers(self) -> pd.Series:
        """A number for each (la, child) the data knows, indexed by the pair. Rows carry theirs in
        `_id`, so that filters and lookups work on integers, not on pairs of strings: at the size of
        England that is the difference between milliseconds and seconds."""
        return self.cached(ONCE, _child_numbers)

    def _number_rows(self) -> None:
        """Each row's child number in `_id` (-1 for a child in neither the header nor the episodes).
        Frames derived from these (care episodes, timed reviews) keep the column."""
        for name in FRAME_COLUMNS:
            frame = getattr(self, name)
            if {"la", "child"} <= set(frame.columns):
                numbers = self.child_numbers.reindex(_child_keys(frame)).fillna(-1).astype("int64")
                frame["_id"] = numbers.to_numpy()

    def has(self, name: str) -> bool:
        return not getattr(self, name).empty

    @property
    def councils(self) -> list[str]:
        return self.cached(ONCE, _councils)

    @property
    def care_episodes(self) -> pd.DataFrame:
        """Episodes other than short breaks, in order, with their period of care."""
        return self.cached(ONCE, _care_episodes)

    @property
    def periods(self) -> pd.DataFrame:
        return self.cached(ONCE, _periods)

    @property
    def timed_reviews(self) -> pd.DataFrame:
        """Reviews inside a period of care with their number in it, due date and timeliness."""
        return self.cached(ONCE, _timed_reviews)

    @property
    def latest_date(self) -> date | None:
        """The last day the data speaks of (the extract date, near enough)."""
        return self.cached(ONCE, _latest_date)

    def in_care_on(self, day: date) -> pd.DataFrame:
        """Each child in care on `day` (not short breaks), with the episode open on that day."""
        return self.cached(FACTS, in_care_on, day=day)


def _child_numbers(data: Dataset) -> pd.Series:
    keys = pd.concat([data.header[["la", "child"]], data.episodes[["la", "child"]]]).drop_duplicates()
    return pd.Series(np.arange(len(keys), dtype="int64"), index=_child_keys(keys))


def _councils(data: Dataset) -> list[str]:
    return sorted(set(data.episodes["la"]) | set(data.header["la"]))


def _care_episodes(data: Dataset) -> pd.DataFrame:
    return care_episodes(data.episodes)


def _periods(data: Dataset) -> pd.DataFrame:
    return periods_of_care(data.episodes)


def _timed_reviews(data: Dataset) -> pd.DataFrame:
    """Due: 1st within 20 working days of the period's start; 2nd within 3 months of the 1st;
    later ones within 6 months of the one before (regulation 33)."""
    reviews = data.reviews.copy()
    reviews["period"] = place_in_periods(reviews, data.periods, "review")
    reviews = reviews.dropna(subset=["period"]).sort_values(["period", "review"], kind="stable")
    starts = data.periods.set_index("period")["start"]
    reviews["period_start"] = reviews["period"].map(starts).astype("datetime64[s]")
    reviews["number"] = reviews.groupby("period").cumcount() + 1
    previous = reviews.groupby("period")["review"].shift()
    due = add_working_days(reviews["period_start"], 20)
    due = due.where(reviews["number"] == 1, add_months(previous, 3))
    reviews["due"] = due.where(reviews["number"] <= 2, add_months(previous, 6))
    reviews["previous"] = previous
    reviews["on_time"] = reviews["review"] <= reviews["due"]
    return reviews.reset_index(drop=True)


# The dates of things that happened, by frame: the data is as fresh as the latest of them.
EVENT_DATES = {"episodes": ("decom", "dec"), "reviews": ("review",), "escalations": ("raised", "resolved"),
               "eet_status": ("status_date",), "midway": ("check_date",), "feedback": ("review",)}


def _latest_date(data: Dataset) -> date | None:
    """The latest date on any imported row that is not after today (a date in the future is a
    typing slip or a plan, not something that has happened)."""
    today = pd.Timestamp(date.today())
    dates = [getattr(data, frame)[column] for frame, columns in EVENT_DATES.items() for column in columns]
    latest = [d[d <= today].max() for d in dates if len(d)]
    latest = [d for d in latest if pd.notna(d)]
    return max(latest).date() if latest else None


def in_care_on(data: Dataset, day: date) -> pd.DataFrame:
    ts = pd.Timestamp(day)
    ep = data.care_episodes
    open_then = ep[(ep["decom"] <= ts) & (ep["dec"].isna() | (ep["dec"] > ts))]
    return open_then.sort_values("decom", kind="stable").drop_duplicates("_id", keep="last")[IN_CARE_COLUMNS]
