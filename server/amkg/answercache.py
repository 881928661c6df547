"""Recent answers, kept per worker process: the served graph never changes, so neither does an answer.

The key is the request as sent (method, URL parameters, body, Content-Type, Accept), so a hit is found
before anything is parsed, and it stands for the same checks and the same negotiation as the first time.
Only successful answers are kept, each at most :data:`MAX_ENTRY` bytes, all of them together at most
:data:`MAX_BYTES`; the least recently used go first. A new store means a new process, and an empty cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from amkg.results import Answer

MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY = 1024 * 1024

#: (method, query string, body, Content-Type, Accept)
Key = tuple[str, str, bytes, str, str]


class AnswerCache:
    """A least-recently-used map from request to answer, bounded in bytes."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_entry: int = MAX_ENTRY) -> None:
        self._entries: OrderedDict[Key, Answer] = OrderedDict()
        self._bytes = 0
        self._max_bytes = max_bytes
        self._max_entry = max_entry
        self._lock = threading.Lock()

    def get(self, key: Key) -> Answer | None:
        with self._lock:
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def put(self, key: Key, answer: Answer) -> None:
        size = len(answer.body) + sum(len(part) for part in key)
        if size > self._max_entry:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = answer
            self._bytes += size
            while self._bytes > self._max_bytes:
                old_key, old = self._entries.popitem(last=False)
                self._bytes -= len(old.body) + sum(len(part) for part in old_key)
