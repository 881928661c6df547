"""Per-store memoisation of the few lookups every page shares (labels of the vocabulary, the sources…).

A loaded store never changes while it serves, so whatever is computed from it can be kept as long as that
store lives. The values are kept on the store itself (:attr:`Store.memo`), not in this module: two apps, and
so two stores, in one process share nothing, and a new store simply starts empty.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar, cast

from amkg.store.model import Store

T = TypeVar("T")


def per_store(fn: Callable[[Store], T]) -> Callable[[Store], T]:
    """Remember ``fn(store)`` for the lifetime of ``store``."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(store: Store) -> T:
        if key in store.memo:
            return cast(T, store.memo[key])
        with store.memo_lock:
            if key not in store.memo:
                store.memo[key] = fn(store)
            return cast(T, store.memo[key])

    return wrapper
