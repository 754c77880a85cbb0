"""Measure results cached per data version and scope, shared by every page and request.

What is cached is the full result before any role's suppression; suppression is applied to
each response (data/measures/suppression.py), so a cache entry can never carry one role's view
to another. With CACHE_URL set the cache is Redis, shared by every worker and machine."""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache

from cachelib import RedisCache, SimpleCache

from data.measures.context import Council
from data.measures.dataset import Dataset
from data.measures.report import Scope, measure
from data.measures.result import Result

TIMEOUT = 24 * 3600


@lru_cache(maxsize=4)
def _cache(url: str):
    if url:
        import redis
        return RedisCache(redis.Redis.from_url(url), key_prefix="iro:", default_timeout=TIMEOUT)
    return SimpleCache(threshold=2000, default_timeout=TIMEOUT)


def _key(data: Dataset, scope: Scope, measure_id: str) -> str:
    raw = repr((data.version, measure_id, scope.period.label, scope.as_at, sorted(scope.filters.as_dict().items())))
    return "result:" + hashlib.sha256(raw.encode()).hexdigest()


def result(settings, data: Dataset, scope: Scope, measure_id: str) -> Result:
    """One measure for one scope, computed once per data version."""
    cache = _cache(settings.cache_url)
    key = _key(data, scope, measure_id)
    cached = cache.get(key)
    if cached is not None:
        return pickle.loads(cached)
    council = Council(settings.population_0_17, settings.postcode_districts)
    computed = measure(data, measure_id, scope, settings.measure_rules, council)
    cache.set(key, pickle.dumps(computed))
    return computed


def results(settings, data: Dataset, scope: Scope, measure_ids) -> dict[str, Result]:
    return {measure_id: result(settings, data, scope, measure_id) for measure_id in measure_ids}
