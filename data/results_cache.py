"""Measure results, cached per database, data version, scope and the settings a measure reads,
shared by every page and request.

Two levels: a bounded in-process store of Result objects (cache.BoundedLRU: no copying, no
pickling), and, with CACHE_URL set, Redis behind it, shared by every worker and machine. What is
cached is the full result before any role's suppression; suppression is applied to each response
(data/measures/suppression.py), so a cache entry can never carry one role's view to another.

Redis is a speed-up, never a dependency: when it cannot be reached, results come from this
process (computed if need be), one warning is logged, and Redis is tried again a little later."""
from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from functools import lru_cache

from data.measures.cache import MISSING, BoundedLRU, Budget
from data.measures.dataset import Dataset
from data.measures.report import Scope, measure
from data.measures.result import Result

log = logging.getLogger(__name__)
LOCAL_ENTRIES = 20000
SHARED_TIMEOUT = 24 * 3600
REDIS_TIMEOUT_S = 0.5  # a shared cache that answers slower than this is worse than none
REDIS_RETRY_S = 30  # after a failure, work without Redis this long before trying again

_local: BoundedLRU | None = None
_local_lock = threading.Lock()


def _local_store(settings) -> BoundedLRU:
    global _local
    with _local_lock:
        if _local is None:
            _local = BoundedLRU(Budget(LOCAL_ENTRIES, int(settings.results_mb * 2**20)))
        return _local


def result_key(settings, data: Dataset, scope: Scope, measure_id: str, detail: bool) -> str:
    """Everything a result depends on: which database and import of it, which measure (in full or
    headline only), the whole scope (period, as-at date, filters) and the settings measures read."""
    raw = repr((settings.database_url, data.version, measure_id, detail, scope, measure_settings(settings)))
    return "iro:result:" + hashlib.sha256(raw.encode()).hexdigest()


def measure_settings(settings) -> tuple:
    """The settings a measure reads (its RAG rules, the council's population and districts), in a
    stable order: part of every result's key, so a changed threshold is never served stale."""
    return (tuple(sorted(settings.measure_rules.items())), settings.council)


def result(settings, data: Dataset, scope: Scope, measure_id: str, detail: bool = True) -> Result:
    """One measure for one scope, computed once (detail: see report.measure)."""
    key = result_key(settings, data, scope, measure_id, detail)
    local = _local_store(settings)
    found = local.get(key)
    if found is not MISSING:
        return found
    found = _shared_get(settings.cache_url, key) if settings.cache_url else None
    if found is None:
        found = measure(data, measure_id, scope, settings.measure_rules, settings.council, detail)
        if settings.cache_url:
            _shared_set(settings.cache_url, key, found)
    local.put(key, found)
    return found


class _SharedState:
    """When Redis last failed, so that a dead Redis costs one warning and no waiting per request."""

    failed_at: float | None = None


def _shared_get(url: str, key: str) -> Result | None:
    client = _client_if_up(url)
    if client is None:
        return None
    try:
        stored = client.get(key)
    except Exception as exc:  # redis.RedisError or an OS error: the cache is optional
        _went_away(url, exc)
        return None
    _came_back()
    return pickle.loads(stored) if stored is not None else None  # written by this app only; Redis is internal


def _shared_set(url: str, key: str, value: Result) -> None:
    client = _client_if_up(url)
    if client is None:
        return
    try:
        client.set(key, pickle.dumps(value), ex=SHARED_TIMEOUT)
    except Exception as exc:
        _went_away(url, exc)


def _client_if_up(url: str):
    failed = _SharedState.failed_at
    if failed is not None and time.monotonic() - failed < REDIS_RETRY_S:
        return None
    return _client(url)


def _went_away(url: str, exc: Exception) -> None:
    if _SharedState.failed_at is None:
        log.warning("shared cache at %s unavailable (%s: %s); using this process's cache until it is back",
                    url.split("@")[-1], type(exc).__name__, exc)
    _SharedState.failed_at = time.monotonic()


def _came_back() -> None:
    if _SharedState.failed_at is not None:
        log.warning("shared cache is back")
        _SharedState.failed_at = None


@lru_cache(maxsize=4)
def _client(url: str):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry
    return redis.Redis.from_url(url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S,
                                retry=Retry(NoBackoff(), 0))  # a failure is one failure, not three waits
