"""The database as frames for the floors above, loaded once per data version.

The version is the id of the latest successful import. Every call checks it (one small query),
so an import made through any process is seen by every other at its next request.

What is worked out from a version before any request (data/measures/warm_up.py) is kept in a
snapshot file (data/snapshot.py) named by the database, the version and the code that computed
it. The first process to need a version makes the file, under a lock, while the others wait;
every process then maps it, so the workers of a machine share one copy and a restart reads it in
seconds. An import makes the file for its new version before it returns (prepare())."""
from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from data import db, results_cache, snapshot
from data.measures.cache import Budget
from data.measures.dataset import CUTS, DEFAULT_BUDGETS, FACTS, FRAME_COLUMNS, Dataset
from data.measures.warm_up import warm_up
from data.schema import DATA_TABLES, imports

READ_CHUNK_ROWS = 250_000
MEASURES_CODE = Path(__file__).parent / "measures"
log = logging.getLogger(__name__)
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
            cached = _open(settings, version)
            _loaded[settings.database_url] = cached
    return cached


def prepare(settings) -> float:
    """Make the current version's snapshot (after an import), so that no worker's first request
    waits for it; seconds taken."""
    started = time.perf_counter()
    dataset(settings)
    return time.perf_counter() - started


def _open(settings, version: int) -> Dataset:
    """The version from its snapshot, made first if no process has made it yet."""
    path = snapshot_path(settings, version)
    with _file_lock(path.with_name(_database_tag(settings) + ".lock")):
        if not path.exists():
            started = time.perf_counter()
            size = snapshot.save(_read(settings, version).kept_state(), path)
            log.info("snapshot of version %s: %.0f MB in %.1f s", version, size / 2**20, time.perf_counter() - started)
            _remove_other_versions(settings, path)
    data = Dataset.from_kept_state(snapshot.load(path), budgets(settings))
    _warm_results(settings, data)
    return data


def snapshot_path(settings, version: int) -> Path:
    """One file per database, import (its number and when it finished: a database made again
    numbers its imports from 1 again) and the code of the measures and of the file: a change to
    how anything is worked out or kept is never answered from a file made by the code before it."""
    stamp = hashlib.sha256(f"{_finished_at(settings, version)}|{_code_fingerprint()}".encode()).hexdigest()[:12]
    return settings.instance_dir / "snapshots" / f"{_database_tag(settings)}-v{version}-{stamp}.snapshot"


def _database_tag(settings) -> str:
    return hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]


def _finished_at(settings, version: int):
    engine = db.get_engine(settings.database_url)
    with engine.connect() as connection:
        return connection.execute(select(imports.c.finished_at).where(imports.c.id == version)).scalar()


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in [*sorted(MEASURES_CODE.glob("*.py")), Path(snapshot.__file__)]:
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_other_versions(settings, path: Path) -> None:
    """Older files of the same database: a process still mapping one keeps it until it lets go."""
    for other in path.parent.glob(_database_tag(settings) + "-v*.snapshot"):
        if other != path:
            other.unlink(missing_ok=True)


def _warm_results(settings, data: Dataset) -> None:
    """The results of the periods offered, from the snapshot's facts, into the results cache."""
    warm_up(data, settings.measure_rules, settings.council,
            lambda scope, measure_id, detail: results_cache.result(settings, data, scope, measure_id, detail))


def _read(settings, version: int) -> Dataset:
    """From the database, with the warm-up's facts worked out."""
    engine = db.get_engine(settings.database_url)
    frames = {}
    with engine.connect() as connection:
        for name, columns in FRAME_COLUMNS.items():
            table = DATA_TABLES[name]
            frames[name] = _read_table(select(*(table.c[c] for c in columns)), connection, columns)
    data = Dataset.from_frames(version=version, budgets=budgets(settings), **frames)
    warm_up(data, settings.measure_rules, settings.council)  # facts always: results may come from Redis
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
