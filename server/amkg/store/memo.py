"""Per-store memoisation of the few lookups every page shares (labels of the vocabulary, the sources…).

A loaded store never changes while it serves, so whatever is computed from it can be kept as long as that
store object lives; a new store (a reload) simply misses the cache.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def per_store(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """Remember ``fn(store)`` for the lifetime of ``store``."""
    cache: dict[int, tuple[object, T]] = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(store: Any) -> T:
        hit = cache.get(id(store))
        if hit is not None and hit[0] is store:
            return hit[1]
        with lock:
            hit = cache.get(id(store))
            if hit is not None and hit[0] is store:
                return hit[1]
            value = fn(store)
            if len(cache) >= 4:
                cache.clear()
            cache[id(store)] = (store, value)
            return value

    return wrapper
