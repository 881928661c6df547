"""User queries in processes of their own, so that a crash, a runaway or a memory bomb ends one query only.

pyoxigraph aborts the whole process on some panics (``ORDER BY DESC(?o)`` over mixed literals: "comparison
function does not correctly implement a total order", exit by SIGABRT, nothing Python can catch) and when an
allocation fails; it cannot cancel a query either. The only boundary that holds is a process. So the web
worker runs no user query itself: it hands each one to a small pool of query processes and waits, with the
request's deadline, on the answer *and* on the client's socket. A query past its deadline, or whose client
hung up, has its process killed (SIGKILL: the CPU is free at once); a process that dies (panic, memory limit)
ends that query only, and its client gets a one-line answer from the web worker, which never died.

Forking: a process with threads must not fork (another thread may hold a lock the child then waits on for
ever), and the web worker has threads. So, while it is still single-threaded, it forks a *manager* that
keeps ``size`` query processes alive, forking each from its own single-threaded copy of the loaded store (no
cold start: the store was loaded once in the gunicorn master) and passing the web worker its end of a socket
pair over a Unix socket (SCM_RIGHTS). Each query process lowers its priority (``nice``), so pages and the
cheap routes of the web worker win the CPU over heavy queries, and caps its address space (RLIMIT_AS) at its
size after the fork plus the per-query memory budget.

A query still running after :data:`ASIDE_AFTER` stops counting against the pool: the web worker tells the
manager (one byte, ``+``), which forks a process in its place at once, so slow queries in flight never take
the cheap queries' processes; when the slow query ends its process is killed and the manager told (``-``).
At most ``size`` slow queries run beside the pool. One that turns out heavy (:data:`DEMOTE_AFTER` of CPU)
is also demoted to the lowest priority.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from amkg.sparql import priority, processes
from amkg.sparql.tally import FIGURES, Tally

log = logging.getLogger(__name__)

#: WSGI environ key: monotonic time the request arrived (set by :mod:`amkg.http_worker`), where the
#: query's deadline counts from.
ARRIVED = "amkg.arrived"
#: WSGI environ key of the client's socket, which a waiting query watches for a hang-up (gunicorn's name).
CLIENT_SOCKET = "gunicorn.socket"
#: How often a waiting web thread looks at its client's socket; a hang-up ends the query within this.
POLL_SECONDS = 0.1
#: A query that has used this much CPU time is heavy: its runner thread is demoted (:mod:`.priority`).
DEMOTE_AFTER = 0.5
#: A query still running after this much wall time (heavy, or waiting for a busy CPU) runs beside the pool.
ASIDE_AFTER = 1.0
#: How long a new query process has to say which thread runs its queries.
_HELLO_SECONDS = 5.0

#: Runs in a query process: one job in, one picklable reply out.
Execute = Callable[[Any], Any]


class PoolError(Exception):
    """A query the pool could not answer; the endpoint turns each kind into its own status."""


class Busy(PoolError):
    """Every query process stayed busy until the deadline, or too many requests are already waiting."""


class TimedOut(PoolError):
    """The query ran past its deadline; its process was killed."""


class HungUp(PoolError):
    """The client closed its connection while waiting; its query's process was killed."""


class Crashed(PoolError):
    """The query's process died before answering (engine panic, memory limit, signal)."""


class ClientLimit(PoolError):
    """This client already runs as many queries as one client may."""


@dataclass
class _Process:
    pid: int
    sock: socket.socket
    #: The thread that runs the queries (its native id), whose priority is lowered when a query is heavy.
    runner: int
    demoted: bool = False
    #: Replaced in the pool when it was slow: it runs beside the pool until its query ends.
    beside: bool = False
    #: Queries answered: how warm it is (see :meth:`QueryPool._retire_coldest`).
    jobs: int = 0


class _Figure:
    """A pool's counter, kept in its row of the server's :class:`Tally` so that /healthz sums them all."""

    def __init__(self, name: str) -> None:
        self.index = FIGURES.index(name)

    def __get__(self, pool: QueryPool, owner: type | None = None) -> int:
        return int(pool._figures[self.index])

    def __set__(self, pool: QueryPool, value: int) -> None:
        pool._figures[self.index] = value


class QueryPool:
    """``size`` query processes; at most ``per_client`` queries per client, ``waiting`` requests in all."""

    _processes, _busy, _waiting = _Figure("processes"), _Figure("busy"), _Figure("waiting")
    _replaced, _heavy = _Figure("replaced"), _Figure("heavy")

    def __init__(
        self,
        execute: Execute,
        size: int,
        memory_bytes: int,
        per_client: int,
        waiting: int,
        tally: Tally | None = None,
    ) -> None:
        #: Counts shared with the server's other web workers (a row of its own without them).
        self._tally = tally or Tally()
        self._tally.claim()
        self._figures = self._tally.figures()
        self.size = size
        self.memory_bytes = memory_bytes
        self.per_client = per_client
        self.max_waiting = waiting
        self.execute = execute
        # Last in, first out: the process that answered last, warm (its caches, and above our size the store
        # pages it has copied already), takes the next query; the others stay cold until the load needs them.
        self._idle: queue.LifoQueue[_Process] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._processes, self._waiting, self._busy, self._replaced, self._heavy = size, 0, 0, 0, 0
        #: Processes over ``size`` in the pool: a slow query's process came back, its stand-in stayed.
        self._surplus = 0
        self._ctl: socket.socket | None = None
        self._manager = 0

    # ------------------------------------------------------------ web worker side

    def start(self, close_in_manager: Sequence[socket.socket] = ()) -> None:
        """Fork the manager. Call while this process has one thread (gunicorn: before the worker runs)."""
        priority.allow_restoring()
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the manager: never returns
            ours.close()
            for sock in close_in_manager:  # e.g. gunicorn's listeners: a dead web worker frees its port
                sock.close()
            processes.manage(theirs, self)
        theirs.close()
        self._ctl, self._manager = ours, pid
        threading.Thread(target=self._receive, name="amkg-pool", daemon=True).start()

    def _receive(self) -> None:
        """New query processes arrive from the manager; its end means this worker cannot run queries."""
        assert self._ctl is not None
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self._ctl, processes.LENGTH.size, 1)
            except OSError:
                data, fds = b"", []
            if not data or not fds:
                log.error("the query pool's manager has gone: restarting this worker")
                os.kill(os.getpid(), signal.SIGTERM)  # gunicorn forks a fresh worker with a fresh pool
                return
            (pid,) = processes.LENGTH.unpack(data)
            sock = socket.socket(fileno=fds[0])
            sock.settimeout(_HELLO_SECONDS)
            try:
                runner = processes.receive(sock)
            except OSError:
                runner = None
            sock.settimeout(None)
            if isinstance(runner, int):
                self._idle.put(_Process(pid, sock, runner))
            else:  # died, or hung, before its first word: the manager replaces it
                self._discard(_Process(pid, sock, 0))

    def run(self, job: object, deadline: float, client: str, client_sock: socket.socket | None) -> Any:
        """``job``'s reply from a query process, or a :class:`PoolError` by ``deadline`` (monotonic)."""
        with self._client_slot(client), self._waiting_slot():
            proc = self._take(job, deadline)
            try:
                reply = self._exchange(proc, deadline, client_sock)
            except Crashed:
                self._discard(proc, kill=False)
                raise
            except BaseException:
                self._discard(proc)
                raise
            finally:
                with self._lock:
                    self._busy -= 1
            proc.jobs += 1
            if proc.demoted and not priority.restore(proc.runner):
                self._discard(proc)
                return reply
            proc.demoted = False
            if proc.beside:  # slow, not heavy: back into the pool, warm, and one process too many there
                proc.beside = False
                with self._lock:
                    self._surplus += 1
            self._idle.put(proc)
            self._retire_coldest()
            return reply

    def status(self) -> dict[str, int]:
        """For /healthz, the whole server's: web workers, query processes, busy ones, requests waiting for
        one, clients with queries, processes replaced, and slow queries running beside the pools."""
        return self._tally.totals()

    @contextmanager
    def _client_slot(self, client: str) -> Iterator[None]:
        running = self._tally.try_add(client, self.per_client)
        if running is not None:
            raise ClientLimit(running)
        try:
            yield
        finally:
            self._tally.remove(client)

    @contextmanager
    def _waiting_slot(self) -> Iterator[None]:
        """Bounds the web threads parked on the pool, so pages always find a free thread."""
        with self._lock:
            if self._waiting >= self.max_waiting:
                raise Busy("queue full")
            self._waiting += 1
        try:
            yield
        finally:
            with self._lock:
                self._waiting -= 1

    def _take(self, job: object, deadline: float) -> _Process:
        """An idle process, with ``job`` sent to it."""
        while True:
            try:
                proc = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Busy("no process free before the deadline") from None
            try:
                processes.send(proc.sock, job)
            except OSError:  # died while idle: not this query's fault, take another
                self._discard(proc, kill=False)
                continue
            with self._lock:
                self._busy += 1
            return proc

    def _exchange(self, proc: _Process, deadline: float, client: socket.socket | None) -> Any:
        """Wait for the reply, watching the client: a hang-up or the deadline kills the query."""
        poller = select.poll()
        poller.register(proc.sock, select.POLLIN)
        if client is not None:
            poller.register(client, select.POLLIN)
        # The runner's CPU clock is first read after one poll: the many queries done by then never pay for
        # /proc, and a heavy one is demoted at most POLL_SECONDS of CPU late.
        started, cpu_start, aside = time.monotonic(), None, False
        while True:
            now = time.monotonic()
            remaining = deadline - now
            if remaining <= 0:
                raise TimedOut()
            if not aside and now - started >= ASIDE_AFTER:
                aside, proc.beside = True, self._tell_manager(+1)
            if cpu_start is None and now - started >= POLL_SECONDS:
                cpu_start = priority.cpu_seconds(proc.pid, proc.runner)
            elif (
                cpu_start is not None
                and not proc.demoted
                and priority.cpu_seconds(proc.pid, proc.runner) - cpu_start >= DEMOTE_AFTER
            ):
                priority.demote(proc.runner)
                proc.demoted = True
            for fd, _ in poller.poll(min(remaining, POLL_SECONDS) * 1000):
                if fd == proc.sock.fileno():
                    return _receive_reply(proc.sock, deadline)
                if client is not None and _hung_up(client):
                    raise HungUp()
                if client is not None:  # the client sent more (a pipelined request): stop watching
                    poller.unregister(client)
                    client = None

    def _retire_coldest(self) -> None:
        """With a process too many in the pool, end the idle one that has answered the fewest queries.

        Replacing a process is not free above our size: pyoxigraph writes to the store's pages as it reads
        them (reference counts), so a new process copies every page its first heavy queries touch (1 M
        statements: ~190,000 page faults and 4-10 times the time of the same query in a process that has
        run it before). A slow query's process, not demoted, is therefore kept, and its stand-in forked
        when it went beside the pool, which has usually run least, is ended instead."""
        with self._lock:
            if not self._surplus:
                return
            idle: list[_Process] = []
            with suppress(queue.Empty):
                while True:
                    idle.append(self._idle.get_nowait())
            if not idle:  # all busy: the next process to come back settles it
                return
            coldest = min(idle, key=lambda p: p.jobs)
        for proc in reversed(idle):  # back in the order they were in: the warmest stays on top
            if proc is not coldest:
                self._idle.put(proc)
        self._discard(coldest)  # the pool holds a process too many: the manager keeps one fewer

    def _discard(self, proc: _Process, kill: bool = True) -> None:
        """Kill the process (the manager reaps it and forks a replacement); one whose channel has ended is
        dead already, and its pid, once reaped, may be another process's: it is not signalled. A process
        beside the pool was replaced when it went there: the manager is told to keep one fewer again; so it
        is when the pool holds a process too many (:meth:`_retire_coldest`)."""
        if kill:
            with suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
        proc.sock.close()
        with self._lock:
            self._replaced += 1
            surplus = not proc.beside and self._surplus > 0
            if surplus:
                self._surplus -= 1
        if proc.beside or surplus:
            self._tell_manager(-1)

    def _tell_manager(self, change: int) -> bool:
        """One slow query more (+1) or fewer (-1) beside the pool, whose ``size`` processes the manager
        keeps besides them; False when ``size`` slow queries run beside it already (this one keeps its
        place in the pool)."""
        assert self._ctl is not None
        with self._lock:
            if change > 0 and self._heavy >= self.size:
                return False
            self._heavy += change
            with suppress(OSError):
                self._ctl.send(b"+" if change > 0 else b"-")
            return True


def _hung_up(client: socket.socket) -> bool:
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _receive_reply(sock: socket.socket, deadline: float) -> Any:
    """The reply being written now; an ended channel means the process died."""
    sock.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        reply = processes.receive(sock)
    except TimeoutError:
        raise TimedOut() from None
    except OSError:
        reply = None
    if reply is None:
        raise Crashed()
    sock.settimeout(None)
    return reply
