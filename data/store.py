"""The database as frames for the floors above, loaded once per data version.

The version is the id of the latest successful import. Every call checks it (one small query),
so an import made through any process is seen by every other at its next request."""
from __future__ import annotations

import threading

import pandas as pd
from sqlalchemy import func, select

from data import db, results_cache
from data.measures.cache import Budget
from data.measures.dataset import CUTS, DEFAULT_BUDGETS, FACTS, FRAME_COLUMNS, Dataset
from data.measures.warm_up import warm_up
from data.schema import DATA_TABLES, imports

READ_CHUNK_ROWS = 250_000
_lock = threading.Lock()
_loaded: dict[str, Dataset] = {}


def data_version(settings) -> int:
    engine = db.get_engine(settings.database_url)
    with engine.connect() as connection:
        return connection.execute(select(func.coalesce(func.max(imports.c.id), 0)).where(
            imports.c.outcome == "succeeded")).scalar()


def dataset(settings) -> Dataset:
    """The current data, from memory unless an import has happened since it was read."""
    version = data_version(settings)
    cached = _loaded.get(settings.database_url)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _loaded.get(settings.database_url)
        if cached is None or cached.version != version:
            cached = _read(settings, version)
            _loaded[settings.database_url] = cached
    return cached


def _read(settings, version: int) -> Dataset:
    engine = db.get_engine(settings.database_url)
    frames = {}
    with engine.connect() as connection:
        for name, columns in FRAME_COLUMNS.items():
            table = DATA_TABLES[name]
            frames[name] = _read_table(select(*(table.c[c] for c in columns)), connection, columns)
    data = Dataset.from_frames(version=version, budgets=budgets(settings), **frames)
    warm_up(data, settings.measure_rules, settings.council,
            lambda scope, measure_id, detail: results_cache.result(settings, data, scope, measure_id, detail))
    return data


def budgets(settings) -> dict[str, Budget]:
    """How much of each kind of kept computation a worker may hold (the settings' memory section)."""
    mb = 2**20
    return {**DEFAULT_BUDGETS, FACTS: Budget(DEFAULT_BUDGETS[FACTS].entries, settings.facts_mb * mb),
            CUTS: Budget(DEFAULT_BUDGETS[CUTS].entries, settings.cuts_mb * mb)}


def _read_table(query, connection, columns) -> pd.DataFrame:
    """In chunks: a table of millions of rows read at once holds every cell as a Python object
    first, doubling a worker's peak memory."""
    chunks = list(pd.read_sql(query, connection, chunksize=READ_CHUNK_ROWS))
    return pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=list(columns))


def last_import(settings):
    """When the latest import that succeeded finished (None if none has)."""
    engine = db.get_engine(settings.database_url)
    with engine.connect() as connection:
        return connection.execute(select(func.max(imports.c.finished_at)).where(
            imports.c.outcome == "succeeded")).scalar()


def import_log(settings, limit: int = 20) -> pd.DataFrame:
    engine = db.get_engine(settings.database_url)
    query = select(imports).order_by(imports.c.id.desc()).limit(limit)
    with engine.connect() as connection:
        return pd.read_sql(query, connection, parse_dates=["started_at", "finished_at"])
