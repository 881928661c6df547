"""The pool tells a heavy query from one that waits by the user CPU time its runner thread has used, not by
the time it has been running: on a busy machine a cheap query waits for the CPU too."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

from amkg.sparql.pool import ASIDE_AFTER, QueryPool
from amkg.sparql.priority import cpu_seconds
from support.clients import tree


def _cpu_of_a_thread_that(spins: bool) -> float:
    """User CPU seconds a thread of this process used while it spun until its own clock said 0.3 s (at most
    20 s of wall time, for a loaded machine), or slept for 0.4 s."""
    tid: list[int] = []
    started, worked, release = threading.Event(), threading.Event(), threading.Event()

    def run() -> None:
        tid.append(threading.get_native_id())
        started.set()
        if spins:
            until = time.monotonic() + 20
            while time.thread_time() < 0.3 and time.monotonic() < until:
                sum(range(100_000))  # user time: the clock itself is read by a system call
        else:
            time.sleep(0.4)
        worked.set()
        release.wait(10)  # alive until its CPU time has been read

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert started.wait(10)
        before = cpu_seconds(os.getpid(), tid[0])
        assert worked.wait(30)
        return cpu_seconds(os.getpid(), tid[0]) - before
    finally:
        release.set()
        thread.join(10)


def test_a_thread_that_computes_uses_cpu_time() -> None:
    assert _cpu_of_a_thread_that(spins=True) >= 0.2


def test_a_thread_that_waits_uses_next_to_none() -> None:
    assert _cpu_of_a_thread_that(spins=False) < 0.1


def test_a_thread_that_has_gone_reads_as_zero() -> None:
    assert cpu_seconds(os.getpid(), 2**22 + 7) == 0.0


def _pid_after(seconds: object) -> int:
    """A query process's job: wait (no CPU: it is slow, not heavy), then say which process ran it."""
    assert isinstance(seconds, float)
    time.sleep(seconds)
    return os.getpid()


def _processes(pool: QueryPool) -> set[int]:
    """The query processes alive now (the manager's children)."""
    return set(tree(pool._manager)) - {pool._manager}


def test_a_slow_query_keeps_its_process_and_the_coldest_one_goes() -> None:
    """A query past ASIDE_AFTER gets a stand-in in the pool; once it is answered, its process (warm: above
    our size a new process copies the store's pages it reads) serves again and the stand-in, which has
    answered nothing, is ended, so the pool is back to its size without a replacement loop."""
    pool = QueryPool(_pid_after, size=2, memory_bytes=0, per_client=4, waiting=8)
    pool.start()
    try:
        deadline = time.monotonic() + 20
        while pool._idle.qsize() < 2 and time.monotonic() < deadline:  # both forked and ready
            time.sleep(0.05)
        warm = {pool.run(0.0, deadline, "a", None) for _ in range(6)}
        assert len(warm) == 1  # last in, first out: the process that answered takes the next query
        assert len(_processes(pool)) == 2
        slow = pool.run(ASIDE_AFTER + 0.4, deadline, "a", None)
        assert slow in warm
        assert pool.status()["heavy"] == 0
        for _ in range(50):
            if len(_processes(pool)) == 2:
                break
            time.sleep(0.1)
        assert len(_processes(pool)) == 2
        assert slow in _processes(pool)
        assert pool.status()["replaced"] == 1  # the stand-in, not the slow query's process
    finally:
        _stop(pool)


def _stop(pool: QueryPool) -> None:
    """End the manager and its processes; the pool's thread, seeing it gone, SIGTERMs its own process (a
    gunicorn worker is then replaced): ignored here, this process is the test run."""
    assert pool._ctl is not None
    before = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        pool._ctl.shutdown(socket.SHUT_RDWR)
        os.waitpid(pool._manager, 0)
        for thread in threading.enumerate():
            if thread.name == "amkg-pool":
                thread.join(10)
    finally:
        signal.signal(signal.SIGTERM, before)
        pool._ctl.close()
        while not pool._idle.empty():
            pool._idle.get().sock.close()
