"""The collection year of rows whose file names none (no year in the file name, no YEAR column, no --year).

The year is inferred from the data: the 31 March on or after the latest episode or review date
among those rows. Where those rows hold no such date, they take the one year the other files of
the import name; where the other files name several years, which one is meant cannot be told, and
the import is refused with a message saying how to name it.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data.ingest.problems import Problem

# Where a return's latest activity is recorded: episode starts and ends, review dates.
ACTIVITY_DATES = {"episodes": ("decom", "dec"), "reviews": ("review",)}


@dataclass(frozen=True)
class YearChoice:
    """What was decided for the rows with no year of their own, for the import's summary."""

    year: int | None
    files: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        names = ", ".join(self.files)
        if self.year is None:
            return f"{names}: no collection year named or found in the data ({self.reason})"
        return f"{names}: collection year {_label(self.year)} {self.reason}"


def _label(year: int) -> str:
    return f"{year - 1}-{str(year)[2:]}"


def year_ending_after(day: pd.Timestamp) -> int:
    """The collection year whose 31 March is on or after the day."""
    return day.year + 1 if (day.month, day.day) > (3, 31) else day.year


def settle_years(frames: dict[str, list[pd.DataFrame]], errors: list[Problem]) -> YearChoice | None:
    """Fill in the year of rows that have none, in place. Returns what was decided (None when
    every row named its year); appends an error where the files disagree."""
    unnamed = [(name, frame) for name, parts in frames.items() for frame in parts if frame["year"].isna().any()]
    if not unnamed:
        return None
    files = tuple(sorted({f for _, frame in unnamed for f in frame.loc[frame["year"].isna(), "_file"].unique()}))
    latest = _latest_activity(unnamed)
    named = sorted({int(y) for parts in frames.values() for frame in parts for y in frame["year"].dropna().unique()})
    if latest is not None:
        choice = YearChoice(year_ending_after(latest), files, "inferred: the 31 March on or after the latest "
                            f"episode or review date in them, {latest.strftime('%d/%m/%Y')}")
    elif len(named) == 1:
        choice = YearChoice(named[0], files, "taken from the other files of the import (they hold no "
                            "episode or review date to infer it from)")
    elif named:
        errors.append(Problem(", ".join(files), "these files name no collection year and hold no episode or "
                              "review date to infer it from, and the other files are of several years "
                              f"({', '.join(_label(y) for y in named)}): name their year in the file name "
                              "(like 2024-header.csv), a YEAR column or --year (the upload page's year box)"))
        return None
    else:
        choice = YearChoice(None, files, "no episode or review date to infer it from; these rows are "
                            "loaded without a year and not checked against the DfE's rules")
    if choice.year is not None:
        for _, frame in unnamed:
            frame["year"] = frame["year"].fillna(choice.year)
    return choice


def _latest_activity(unnamed: list[tuple[str, pd.DataFrame]]) -> pd.Timestamp | None:
    latest = None
    for name, frame in unnamed:
        rows = frame.loc[frame["year"].isna()]
        for column in ACTIVITY_DATES.get(name, ()):
            value = rows[column].max()
            if pd.notna(value) and (latest is None or value > latest):
                latest = pd.Timestamp(value)
    return latest


def missing_year_errors(frames: dict[str, list[pd.DataFrame]], per_year_tables: set[str]) -> list[Problem]:
    """Rows of a per-year table (OC2, OC3) that still have no year cannot be stored: their year is part of the key."""
    problems = []
    for name in per_year_tables & set(frames):
        for frame in frames[name]:
            for file in frame.loc[frame["year"].isna(), "_file"].unique():
                problems.append(Problem(file, f"{name.upper()} rows belong to a collection year, but this file "
                                        "names none and none can be inferred: add a YEAR column, name the "
                                        "file like 2024-oc3.csv, or pass --year"))
    return problems
