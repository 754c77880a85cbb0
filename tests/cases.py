"""Tiny hand-made datasets for measure tests: every answer in the tests was worked out on paper."""
from __future__ import annotations

from datetime import date

import pandas as pd

from data.measures.context import Council, make_context
from data.measures.dataset import Dataset
from data.measures.filters import Filters
from data.measures.periods import parse_period
from data.settings import load_settings

RULES = load_settings({}).measure_rules
COUNCIL = Council(population_0_17=10000, postcode_districts=("XX1", "XX2"))


def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    names = columns.split()
    data = pd.DataFrame(rows, columns=names)
    if "la" not in data:
        data.insert(0, "la", "999")
    return data


def ep(child, decom, dec=None, rec=None, rne="S", ls="C2", place="U4", home="XX1 1AA", pl="XX1 2BB",
       provider="PR1", cin="N1"):
    """One episode row, in the column order EPISODES below."""
    return (child, decom, rne, ls, cin, place, provider, dec, rec, home, pl)


EPISODES = "child decom rne ls cin place place_provider dec rec home_post pl_post"


def data(**tables) -> Dataset:
    """tables: name=(columns, rows) or a DataFrame."""
    frames = {name: value if isinstance(value, pd.DataFrame) else frame(*value) for name, value in tables.items()}
    return Dataset.from_frames(**frames)


def ctx(dataset: Dataset, period: str = "2023-24", as_at: date | None = None, filters: Filters | None = None,
        council: Council = COUNCIL):
    return make_context(dataset, parse_period(period), RULES, council, as_at, filters)
