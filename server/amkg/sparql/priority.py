"""The priorities of query threads: cheap queries and pages win the CPU over heavy queries.

Query processes run at :data:`NICE`. A query that has used the pool's ``DEMOTE_AFTER`` of CPU time is heavy:
the thread running it drops to :data:`HEAVY_NICE`, so the cheap queries of everyone else and the pages win
the CPU over it (about 7 to 1 against a cheap query; ``SCHED_IDLE`` was tried and starved ordinary
half-second queries to their deadline on a busy machine). Linux sets priorities per thread: it is the runner
thread's id that is demoted, not the process's (whose main thread only waits). CPU time, not time waited: on
a busy machine a cheap query waits for the CPU too, and demoting on wall time (1 s) starved catalogue joins
to their deadline in CI.

Once the query is answered its thread gets :data:`NICE` back where the web worker may raise a priority
(root, ``CAP_SYS_NICE``, or an ``RLIMIT_NICE`` hard limit of at least 10, which the worker takes at start:
systemd's ``LimitNICE=10``), so the process stays warm; elsewhere its process is replaced. A fresh process
starts cold: at 1 M statements it copies the store pages its queries touch (pyoxigraph writes reference
counts as it reads), and replacing every demoted process fed a cascade of slow cold processes.
"""

from __future__ import annotations

import os
import resource
from contextlib import suppress

NICE, HEAVY_NICE = 10, 19
_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, thread: int) -> float:
    """User CPU time used so far by a thread of ``pid`` (from /proc); 0 once gone. System time is left out:
    it is mostly the kernel copying the store's pages into a freshly forked process (copy on write), the
    process's cost rather than the query's (1 M statements: ~190,000 page faults for a query's first run;
    docs/decisions.md §28)."""
    try:
        with open(f"/proc/{pid}/task/{thread}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return int(fields[11]) / _TICKS


def demote(thread: int) -> None:
    with suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, thread, HEAVY_NICE)


def restore(thread: int) -> bool:
    """Give a demoted thread its priority back; false where this process may not raise one."""
    try:
        os.setpriority(os.PRIO_PROCESS, thread, NICE)  # EACCES without the right to raise it
    except OSError:
        return False
    return True


def allow_restoring() -> None:
    """Take the ``RLIMIT_NICE`` that :func:`restore` needs, if the hard limit allows it (a soft limit may be
    raised up to the hard one without privilege); with root's privilege it is not needed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NICE)
    wanted = 20 - NICE  # the limit is 20 minus the lowest nice value allowed
    if soft < wanted and (hard == resource.RLIM_INFINITY or hard >= wanted):
        with suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_NICE, (wanted, hard))
