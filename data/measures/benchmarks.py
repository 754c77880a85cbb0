"""England (and statistical neighbour) figures to compare against, read from data files.

Every row names its source and year; none is a number in code. A council adds its statistical
neighbours with a file of the same columns (IRO_BENCHMARKS_FILE)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

ENGLAND_FILE = Path(__file__).resolve().parents[1] / "benchmarks" / "england.csv"
COLUMNS = ("measure_id", "area", "year", "value", "unit", "source", "note")


class BenchmarkError(ValueError):
    pass


def load_benchmarks(extra: tuple[Path, ...] = ()) -> pd.DataFrame:
    frames = [_read(path) for path in (ENGLAND_FILE, *extra)]
    return pd.concat(frames, ignore_index=True)


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"measure_id": "str", "area": "str", "source": "str", "note": "str"})
    missing = [c for c in COLUMNS if c not in frame]
    if missing:
        raise BenchmarkError(f"{path}: missing column(s) {', '.join(missing)}")
    blank = frame[frame["source"].isna() | frame["year"].isna()]
    if len(blank):
        raise BenchmarkError(f"{path}, row {blank.index[0] + 2}: every benchmark needs a source and a year")
    return frame[list(COLUMNS)]


def for_measure(benchmarks: pd.DataFrame, measure_id: str) -> pd.DataFrame:
    return benchmarks[benchmarks["measure_id"] == measure_id].sort_values(["area", "year"])
