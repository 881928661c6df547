"""What every web worker of one server counts together: queries per client, and each query pool's figures.

The per-client limit (``client_queries``) is the server's, not a worker's: a client's connections land on
whichever worker accepts them, so a count per worker would let a client run ``workers`` times the limit;
and ``/healthz``, answered by whichever worker takes the request, must report the whole server. The counts
live in an anonymous shared mapping made in the gunicorn master before it forks the workers: one row per
worker, holding its pool's figures (:data:`FIGURES`) and one counter per client slot, a client's slot
chosen by a hash of its address (two clients that share a slot share its limit: with :data:`SLOTS` slots
that is rare, and it is only ever stricter).

Each worker writes only its own row. Reading a sum and counting a new query happen under a lock that holds
across processes *and* threads: a ``threading.Lock`` in each worker, then a POSIX record lock
(``fcntl.lockf``) on a temporary file, which the kernel releases if its holder dies, so a killed worker never
wedges the others. A worker that starts takes the row of one that has gone and clears it: that worker's
queries died with it. Rows of workers that have gone count for nothing.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

#: Counters per worker row; a client's slot is the CRC-32 of its address modulo this.
SLOTS = 4096
#: A pool's figures, one int64 each in its worker's row (see :class:`amkg.sparql.pool.QueryPool`).
FIGURES = ("processes", "busy", "waiting", "replaced", "heavy")
_HEAD = 1 + len(FIGURES)  # int64s per row before the counters: the owner's pid, then the figures
_ROW = _HEAD * 8 + SLOTS * 4


class Tally:
    """Shared counts for ``rows`` web workers; each worker :meth:`claim`\\ s a row before it counts."""

    def __init__(self, rows: int = 1) -> None:
        self.rows = max(1, rows)
        self._map = mmap.mmap(-1, self.rows * _ROW)  # anonymous and MAP_SHARED: the forks see one mapping
        self._heads = [
            memoryview(self._map)[r * _ROW : r * _ROW + _HEAD * 8].cast("q") for r in range(self.rows)
        ]
        self._counts = [
            memoryview(self._map)[r * _ROW + _HEAD * 8 : (r + 1) * _ROW].cast("i") for r in range(self.rows)
        ]
        self._file = _lock_file()
        self._threads = threading.Lock()
        self._row = -1

    def claim(self) -> None:
        """Take a row for this process: a free one, or one whose worker has gone (cleared first)."""
        me = os.getpid()
        with self._locked():
            row = next((r for r in range(self.rows) if self._heads[r][0] in (0, me)), None)
            if row is None:
                row = next((r for r in range(self.rows) if not _alive(self._heads[r][0])), None)
            if row is None:
                raise RuntimeError(f"every row of the shared tally is held by a live worker ({self.rows})")
            self._map[row * _ROW : (row + 1) * _ROW] = bytes(_ROW)
            self._heads[row][0] = me
            self._row = row

    def figures(self) -> memoryview:
        """This worker's figures, in :data:`FIGURES` order, to be written by this worker only."""
        return self._heads[self._mine()][1:]

    def totals(self) -> dict[str, int]:
        """Every live worker's figures summed, with the number of workers and of clients with queries."""
        with self._locked():
            live = [r for r in range(self.rows) if self._heads[r][0] and _alive(self._heads[r][0])]
            found = {name: sum(self._heads[r][1 + i] for r in live) for i, name in enumerate(FIGURES)}
            found["clients"] = sum(1 for slot in range(SLOTS) if any(self._counts[r][slot] for r in live))
        return {"workers": len(live), **found}

    def try_add(self, client: str, limit: int) -> int | None:
        """Count one more query for ``client`` unless it already runs ``limit``: then that number."""
        slot, mine = _slot(client), self._counts[self._mine()]
        with self._locked():
            running = sum(counts[slot] for counts in self._counts)
            if running >= limit:
                return running
            mine[slot] += 1
        return None

    def remove(self, client: str) -> None:
        """One query of ``client`` has ended."""
        slot, mine = _slot(client), self._counts[self._mine()]
        with self._locked():
            mine[slot] -= 1

    def _mine(self) -> int:
        if self._row < 0:
            raise RuntimeError("this process has not claimed a row of the shared tally")
        return self._row

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._threads:
            fcntl.lockf(self._file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.lockf(self._file, fcntl.LOCK_UN)


def _lock_file() -> int:
    """A file no one else can open, for the record lock: created and unlinked at once."""
    fd, path = tempfile.mkstemp(prefix="amkg-tally-")
    os.unlink(path)
    return fd


def _slot(client: str) -> int:
    return zlib.crc32(client.encode("utf-8", "surrogatepass")) % SLOTS


def _alive(pid: int) -> bool:
    """Whether a process has that pid (someone else's counts too: the row is then not free)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
