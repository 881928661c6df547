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
import pickle
import queue
import re
import resource
import select
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from amkg.sparql.tally import FIGURES, Tally

log = logging.getLogger(__name__)

#: WSGI environ key: monotonic time the request arrived (set by :mod:`amkg.http_worker`), where the
#: query's deadline counts from.
ARRIVED = "amkg.arrived"
_LENGTH = struct.Struct("!Q")
#: How often a waiting web thread looks at its client's socket; a hang-up ends the query within this.
POLL_SECONDS = 0.1
#: A query that has used this much CPU time is heavy: the thread running it drops to the lowest nice value,
#: so the cheap queries of everyone else (at :data:`NICE`) and the pages win the CPU over it (about 7 to 1
#: against a cheap query; ``SCHED_IDLE`` was tried and starved ordinary half-second queries to their
#: deadline on a busy machine). Once it is done its thread gets :data:`NICE` back where the web worker may
#: raise a priority (root, ``CAP_SYS_NICE``, or an ``RLIMIT_NICE`` hard limit of at least 10, which the worker
#: then takes at start: systemd's ``LimitNICE=10``), so the process stays warm; elsewhere the process is
#: replaced (a fresh one starts cold: at 1 M statements it copies the store pages its queries touch, and
#: replacing every demoted process fed a cascade of slow cold processes, 3 → 38 replaced in 15 s of the
#: mix at 8 clients). Linux sets priorities per thread: it is the runner thread's id that is
#: demoted, not the process's (whose main thread only waits). CPU time, not time waited: on a busy machine
#: a cheap query waits for the CPU too, and demoting on wall time (1 s) starved catalogue joins to their
#: deadline in CI. The catalogue's costliest query takes 0.14 s of CPU here.
DEMOTE_AFTER = 0.5
#: A query still running after this much wall time (heavy, or waiting for a busy CPU) runs beside the pool.
ASIDE_AFTER = 1.0
NICE, HEAVY_NICE = 10, 19
#: How long a new query process has to say which thread runs its queries.
_HELLO_SECONDS = 5.0
#: How often the manager reaps and replaces query processes.
MANAGER_TICK = 0.05
#: Signals the manager and query processes leave to their default (the master's handlers were inherited).
_RESET = ("SIGCHLD", "SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGTTIN", "SIGTTOU", "SIGUSR1", "SIGUSR2")

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
        self._execute = execute
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
        allow_restoring()
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the manager: never returns
            ours.close()
            for sock in close_in_manager:  # e.g. gunicorn's listeners: a dead web worker frees its port
                sock.close()
            _manage(theirs, self)
        theirs.close()
        self._ctl, self._manager = ours, pid
        threading.Thread(target=self._receive, name="amkg-pool", daemon=True).start()

    def _receive(self) -> None:
        """New query processes arrive from the manager; its end means this worker cannot run queries."""
        assert self._ctl is not None
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self._ctl, _LENGTH.size, 1)
            except OSError:
                data, fds = b"", []
            if not data or not fds:
                log.error("the query pool's manager has gone: restarting this worker")
                os.kill(os.getpid(), signal.SIGTERM)  # gunicorn forks a fresh worker with a fresh pool
                return
            (pid,) = _LENGTH.unpack(data)
            sock = socket.socket(fileno=fds[0])
            sock.settimeout(_HELLO_SECONDS)
            try:
                runner = _receive(sock)
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
            if proc.demoted and not _restore(proc.runner):
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
                _send(proc.sock, job)
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
                cpu_start = _cpu_seconds(proc)
            elif (
                cpu_start is not None and not proc.demoted and _cpu_seconds(proc) - cpu_start >= DEMOTE_AFTER
            ):
                _demote(proc.runner)
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


def _cpu_seconds(proc: _Process) -> float:
    """User CPU time used so far by the process's runner thread (from /proc); 0 once gone. System time is
    left out: it is mostly the kernel copying the store's pages into a freshly forked process (copy on
    write), the process's cost rather than the query's (1 M statements: ~190,000 page faults for a query's
    first run; docs/decisions.md §28)."""
    try:
        with open(f"/proc/{proc.pid}/task/{proc.runner}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return int(fields[11]) / _TICKS


_TICKS = os.sysconf("SC_CLK_TCK")


def _demote(thread: int) -> None:
    with suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, thread, HEAVY_NICE)


def _restore(thread: int) -> bool:
    """Give a demoted runner thread its priority back; false where this process may not raise one."""
    try:
        os.setpriority(os.PRIO_PROCESS, thread, NICE)
        return os.getpriority(os.PRIO_PROCESS, thread) == NICE
    except OSError:
        return False


def allow_restoring() -> None:
    """Take the ``RLIMIT_NICE`` that restoring a demoted thread needs, if the hard limit allows it (a soft
    limit may be raised up to the hard one without privilege); with root's privilege it is not needed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NICE)
    wanted = 20 - NICE  # the limit is 20 minus the lowest nice value allowed
    if soft < wanted and (hard == resource.RLIM_INFINITY or hard >= wanted):
        with suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_NICE, (wanted, hard))


def _hung_up(client: socket.socket) -> bool:
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


# ---------------------------------------------------------------- manager and query processes


def _manage(ctl: socket.socket, pool: QueryPool) -> None:
    """Keep ``pool.size`` query processes; end them all and exit when the web worker has gone."""
    for name in _RESET:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A stop signal sent to the whole group (Ctrl-C, systemd, `timeout`) is the web worker's to act on: it
    # finishes its queries in flight, then goes, and that (its end of ``ctl`` closing) is what ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    children: set[int] = set()
    heavy = 0  # heavy queries in flight, whose processes do not count against the pool's size
    try:
        while True:
            while len(children) < pool.size + heavy:
                children.add(_spawn(ctl, pool))
            readable, _, _ = select.select([ctl], [], [], MANAGER_TICK)
            if readable:
                said = ctl.recv(64)
                if not said:  # the web worker has gone
                    break
                heavy = max(0, heavy + said.count(b"+") - said.count(b"-"))
            while children:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if not pid:
                    break
                children.discard(pid)
                if os.WIFSIGNALED(status) and os.WTERMSIG(status) != signal.SIGKILL:
                    log.error("query process %d died (signal %d); replacing it", pid, os.WTERMSIG(status))
    except BaseException:
        log.exception("query pool manager failed")
    finally:
        for pid in children:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os._exit(0)


def _spawn(ctl: socket.socket, pool: QueryPool) -> int:
    """Fork one query process and hand the web worker its end of the channel."""
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        try:  # whatever happens, the child never returns into the manager's loop (or its clean-up)
            ctl.close()
            ours.close()
            _serve(theirs, pool)
        finally:
            os._exit(1)
    theirs.close()
    socket.send_fds(ctl, [_LENGTH.pack(pid)], [ours.fileno()])
    ours.close()
    return pid


def _serve(chan: socket.socket, pool: QueryPool) -> None:
    """A query process: lower priority, capped memory, then one job after another until the channel ends."""
    os.nice(NICE)
    if pool.memory_bytes:
        limit = _address_space() + pool.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    codes: list[int] = []
    # The jobs run in a thread of their own: the engine's random numbers (RAND, UUID, STRUUID, BNODE) come
    # from a per-thread generator that a fork copies, so every process forked from one parent would draw
    # the same "random" values; a new thread seeds its own from the operating system.
    runner = threading.Thread(target=_jobs, args=(chan, pool, codes), name="amkg-query")
    runner.start()
    runner.join()
    os._exit(codes[0] if codes else 1)


def _jobs(chan: socket.socket, pool: QueryPool, codes: list[int]) -> None:
    """One job after another until the channel ends; the exit code goes to ``codes``."""
    code = 0
    try:
        _send(chan, threading.get_native_id())  # the web worker lowers this thread's priority, not the pid's
        while (job := _receive(chan)) is not None:
            _send(chan, pool._execute(job))
    except MemoryError:
        code = 1  # the web worker sees the channel end and answers for this query
    except BaseException:
        log.exception("query process %d failed", os.getpid())
        code = 1
    codes.append(code)


def _address_space() -> int:
    """This process's virtual size now (the store and the interpreter, shared with the web worker)."""
    with open("/proc/self/status", encoding="ascii") as status:
        match = re.search(r"VmSize:\s+(\d+) kB", status.read())
    return int(match.group(1)) * 1024 if match else 0


# ---------------------------------------------------------------- framing: length, then pickle


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_LENGTH.pack(len(data)) + data)


def _receive(sock: socket.socket) -> Any:
    """The next object, or ``None`` when the other end has closed."""
    head = _exactly(sock, _LENGTH.size)
    if head is None:
        return None
    body = _exactly(sock, _LENGTH.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def _receive_reply(sock: socket.socket, deadline: float) -> Any:
    """The reply being written now; an ended channel means the process died."""
    sock.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        reply = _receive(sock)
    except TimeoutError:
        raise TimedOut() from None
    except OSError:
        reply = None
    if reply is None:
        raise Crashed()
    sock.settimeout(None)
    return reply


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:])
        if not n:
            return None
        got += n
    return bytes(buf)
