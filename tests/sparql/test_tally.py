"""The per-client limit and /healthz's figures hold for the whole server, across its web workers: each is a
process forked from the master, as gunicorn forks them, sharing one :class:`Tally`."""

from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import Callable

import pytest
from amkg.sparql.tally import FIGURES, Tally


def _in_worker(tally: Tally, act: Callable[[], object]) -> tuple[int, int]:
    """Fork a 'worker' that claims a row, does ``act`` and then waits to be killed; returns its pid and the
    pipe on which it writes one line, ``act``'s result."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        try:
            os.close(read)
            tally.claim()
            os.write(write, f"{act()!r}\n".encode())
            time.sleep(30)
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _line(fd: int) -> str:
    with os.fdopen(fd) as pipe:
        return pipe.readline().strip()


def _end(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_a_client_limit_counts_the_queries_of_every_worker() -> None:
    tally = Tally(rows=2)
    first, out = _in_worker(tally, lambda: [tally.try_add("198.51.100.7", 2) for _ in range(2)])
    try:
        assert _line(out) == "[None, None]"  # both counted in the first worker's row
        tally.claim()  # this process is the second worker
        assert tally.try_add("198.51.100.7", 2) == 2  # refused: the other worker runs two already
        assert tally.try_add("198.51.100.8", 2) is None  # another client is not affected
        assert tally.totals()["clients"] == 2
    finally:
        _end(first)


def test_a_worker_that_has_gone_counts_for_nothing_and_its_row_is_taken_over() -> None:
    tally = Tally(rows=2)

    def busy() -> object:
        tally.figures()[FIGURES.index("busy")] = 3
        return tally.try_add("198.51.100.9", 1)

    gone, out = _in_worker(tally, busy)
    assert _line(out) == "None"
    other, out2 = _in_worker(tally, lambda: tally.totals())
    try:
        assert "'busy': 3" in _line(out2) and "'workers': 2" in repr(tally.totals())
        _end(gone)
        assert tally.totals()["busy"] == 0 and tally.totals()["workers"] == 1
        tally.claim()  # the replacement worker: the dead one's row, cleared
        assert tally.try_add("198.51.100.9", 1) is None  # the dead worker's query no longer counts
        assert tally.totals()["workers"] == 2
    finally:
        _end(other)


def test_a_worker_killed_while_it_holds_the_lock_does_not_wedge_the_others() -> None:
    tally = Tally(rows=2)

    def hold() -> object:
        fcntl.lockf(tally._file, fcntl.LOCK_EX)  # as if killed inside try_add
        return "holding"

    holder, out = _in_worker(tally, hold)
    assert _line(out) == "'holding'"
    _end(holder)  # the kernel releases a dead process's record locks
    tally.claim()
    assert tally.try_add("198.51.100.10", 1) is None


def test_every_row_held_by_a_live_worker_is_an_error_not_a_shared_row() -> None:
    tally = Tally(rows=1)
    first, out = _in_worker(tally, lambda: "claimed")
    try:
        assert _line(out) == "'claimed'"
        with pytest.raises(RuntimeError, match="held by a live worker"):
            tally.claim()
    finally:
        _end(first)
