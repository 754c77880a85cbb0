"""The one way anything computed from the data is kept: under a key made from what it was computed
from, in a bounded least-recently-used store.

A computation is a module-level function of the data and named inputs, `compute(data, **inputs)`.
Its key is the function's name and the inputs, so the key cannot leave out something the
computation reads: a function that needs the as-at date must be given it, and then the date is in
its key. Closures and lambdas are refused, since they could read what the key does not hold."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

MISSING = object()


@dataclass(frozen=True)
class Budget:
    """How much one store may hold: entries and bytes (None: no bound)."""

    entries: int | None = None
    bytes: int | None = None


class BoundedLRU:
    """Least recently used out first, bounded by entries and by bytes. Safe across threads: a
    gunicorn worker may serve several requests at once."""

    def __init__(self, budget: Budget = Budget()):
        self.budget = budget
        self._items: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key, MISSING)
            if value is not MISSING:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        size = size_of(value)
        with self._lock:
            self._total += size - self._sizes.get(key, 0)
            self._items[key] = value
            self._items.move_to_end(key)
            self._sizes[key] = size
            while len(self._items) > 1 and self._over():
                oldest, _ = self._items.popitem(last=False)
                self._total -= self._sizes.pop(oldest)

    def get_or_make(self, key, make: Callable[[], object]):
        found = self.get(key)
        if found is MISSING:
            found = make()  # outside the lock: two threads may both make it, never block each other
            self.put(key, found)
        return found

    def keys(self) -> list:
        with self._lock:
            return list(self._items)

    def items(self) -> list:
        with self._lock:
            return list(self._items.items())

    def __len__(self) -> int:
        return len(self._items)

    @property
    def total_bytes(self) -> int:
        return self._total

    def _over(self) -> bool:
        entries, budget = self.budget.entries, self.budget.bytes
        return (entries is not None and len(self._items) > entries) or (budget is not None and self._total > budget)


def size_of(value) -> int:
    """Bytes a kept value holds, near enough: frames, arrays and what results carry."""
    if isinstance(value, pd.DataFrame):
        # 8 bytes a cell and the index: near enough for a budget, and a thousand times quicker than
        # memory_usage(), which the busiest requests paid on every entry they kept
        return 8 * len(value) * (len(value.columns) + 1)
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        return int(value.nbytes)
    if isinstance(value, pd.Categorical):
        return int(value.nbytes)
    if isinstance(value, (tuple, list)):
        return sum(size_of(v) for v in value)
    parts = getattr(value, "cached_parts", None)  # a Result says what it holds
    if callable(parts):
        return 1024 + sum(size_of(v) for v in parts())
    return 64


def computation_key(compute: Callable, inputs: dict) -> tuple:
    """The key of `compute(data, **inputs)`: the function's full name and its inputs by name."""
    if compute.__name__ == "<lambda>" or "<locals>" in compute.__qualname__ or getattr(compute, "__closure__", None):
        raise TypeError(f"{compute.__qualname__}: only a module-level function can be cached; a closure or "
                        "lambda could read something its key does not hold")
    return (compute.__module__, compute.__qualname__, tuple(sorted(inputs.items())))
