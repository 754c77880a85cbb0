"""Measure results cached per data version and scope, shared by every page and request.

Two levels: a bounded in-process LRU of Result objects (no copying, no pickling), and, with
CACHE_URL set, Redis behind it, shared by every worker and machine. What is cached is the full
result before any role's suppression; suppression is applied to each response
(data/measures/suppression.py), so a cache entry can never carry one role's view to another.
The data version is part of every key, so an import makes every older entry unreachable."""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
import time
from collections import OrderedDict
from functools import lru_cache

import pandas as pd

from data.measures.context import Council
from data.measures.dataset import Dataset
from data.measures.report import Scope, measure
from data.measures.result import Result

LOCAL_ENTRIES = 20000
LOCAL_BYTES = int(float(os.environ.get("IRO_RESULTS_MB", "256")) * 1024 * 1024)
SHARED_TIMEOUT = 24 * 3600
# Redis is a shared speed-up, never a requirement: when it fails, results come from this process
# (computed, or its own cache), one warning is logged, and Redis is tried again after a pause.
SHARED_RETRY_SECONDS = 30
log = logging.getLogger(__name__)


class LocalCache:
    """Least recently used first out, bounded by count and by bytes: a result can carry a list of
    tens of thousands of children at the size of England."""

    def __init__(self, size: int, budget: int):
        self.size, self.budget, self.lock = size, budget, threading.Lock()
        self.items: OrderedDict = OrderedDict()
        self.sizes: dict[str, int] = {}
        self.total = 0

    def get(self, key: str):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def set(self, key: str, value) -> None:
        with self.lock:
            self.total -= self.sizes.get(key, 0)
            self.items[key] = value
            self.items.move_to_end(key)
            self.sizes[key] = _result_bytes(value)
            self.total += self.sizes[key]
            while len(self.items) > 1 and (len(self.items) > self.size or self.total > self.budget):
                oldest, _ = self.items.popitem(last=False)
                self.total -= self.sizes.pop(oldest)


def _result_bytes(result: Result) -> int:
    frames = [result.breakdown, result.rows, *result.extras.values()]
    return 1024 + sum(int(f.memory_usage(index=True, deep=True).sum()) for f in frames if isinstance(f, pd.DataFrame))


_local = LocalCache(LOCAL_ENTRIES, LOCAL_BYTES)


@lru_cache(maxsize=4)
def _shared(url: str):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2, retry=Retry(NoBackoff(), 0))


_shared_down_since: float | None = None


def _shared_call(settings, method: str, *args, **kwargs):
    """A Redis call, or None while Redis is failing (one warning when it starts to fail)."""
    global _shared_down_since
    import redis
    if _shared_down_since is not None and time.monotonic() - _shared_down_since < SHARED_RETRY_SECONDS:
        return None
    try:
        answer = getattr(_shared(settings.cache_url), method)(*args, **kwargs)
    except redis.RedisError as error:
        if _shared_down_since is None:
            log.warning("Redis at CACHE_URL failed (%s): results come from each process until it answers again",
                        type(error).__name__)
        _shared_down_since = time.monotonic()
        return None
    if _shared_down_since is not None:
        log.warning("Redis at CACHE_URL answers again: results are shared again")
        _shared_down_since = None
    return answer


def _key(database_url: str, data: Dataset, scope: Scope, measure_id: str, detail: bool) -> str:
    """Which database, which import of it, which measure (in full or headline only), which period,
    date and filters."""
    raw = repr((database_url, data.version, measure_id, detail, scope.period.label, scope.as_at,
                sorted(scope.filters.as_dict().items())))
    return "iro:result:" + hashlib.sha256(raw.encode()).hexdigest()


def result(settings, data: Dataset, scope: Scope, measure_id: str, detail: bool = True) -> Result:
    """One measure for one scope, computed once per data version (detail: see report.measure)."""
    key = _key(settings.database_url, data, scope, measure_id, detail)
    found = _local.get(key)
    if found is not None:
        return found
    if settings.cache_url:
        stored = _shared_call(settings, "get", key)
        if stored is not None:
            found = pickle.loads(stored)  # written by this app only (see _key); Redis is internal
            _local.set(key, found)
            return found
    council = Council(settings.population_0_17, settings.postcode_districts)
    found = measure(data, measure_id, scope, settings.measure_rules, council, detail)
    _local.set(key, found)
    if settings.cache_url:
        _shared_call(settings, "set", key, pickle.dumps(found), ex=SHARED_TIMEOUT)
    return found
