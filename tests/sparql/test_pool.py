"""The pool tells a heavy query from one that waits by the CPU time its runner thread has used, not by the
time it has been running: on a busy machine a cheap query waits for the CPU too."""

from __future__ import annotations

import os
import socket
import threading
import time

from amkg.sparql.pool import _cpu_seconds, _Process


def _cpu_of_a_thread_that(spins: bool) -> float:
    """CPU seconds a thread of this process used while it spun until its own clock said 0.3 s (at most 20 s of
    wall time, for a loaded machine), or slept for 0.4 s."""
    tid: list[int] = []
    started, worked, release = threading.Event(), threading.Event(), threading.Event()

    def run() -> None:
        tid.append(threading.get_native_id())
        started.set()
        if spins:
            until = time.monotonic() + 20
            while time.thread_time() < 0.3 and time.monotonic() < until:
                pass
        else:
            time.sleep(0.4)
        worked.set()
        release.wait(10)  # alive until its CPU time has been read

    thread = threading.Thread(target=run)
    thread.start()
    left, right = socket.socketpair()
    try:
        assert started.wait(10)
        proc = _Process(os.getpid(), left, tid[0])
        before = _cpu_seconds(proc)
        assert worked.wait(30)
        return _cpu_seconds(proc) - before
    finally:
        release.set()
        thread.join(10)
        left.close()
        right.close()


def test_a_thread_that_computes_uses_cpu_time() -> None:
    assert _cpu_of_a_thread_that(spins=True) >= 0.25


def test_a_thread_that_waits_uses_next_to_none() -> None:
    assert _cpu_of_a_thread_that(spins=False) < 0.1


def test_a_thread_that_has_gone_reads_as_zero() -> None:
    left, right = socket.socketpair()
    with left, right:
        assert _cpu_seconds(_Process(os.getpid(), left, 2**22 + 7)) == 0.0
