"""The query pool's other side: its manager, the query processes the manager forks, and their framing.

The web worker forks the manager while it still has one thread (:meth:`amkg.sparql.pool.QueryPool.start`);
the manager keeps the pool's processes alive, forking each from its own single-threaded copy of the loaded
store and handing the web worker its end of a socket pair over SCM_RIGHTS. A query process lowers its
priority, caps its address space at its size after the fork plus the per-query budget, and answers one job
after another. Jobs and replies cross the socket pair as a length and a pickle.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import resource
import select
import signal
import socket
import struct
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, Protocol

from amkg.sparql import priority

log = logging.getLogger(__name__)

LENGTH = struct.Struct("!Q")
#: How often the manager reaps and replaces query processes.
MANAGER_TICK = 0.05
#: Signals the manager and query processes leave to their default (the master's handlers were inherited).
_RESET = ("SIGCHLD", "SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGTTIN", "SIGTTOU", "SIGUSR1", "SIGUSR2")


class Spec(Protocol):
    """What the manager needs of its pool: how many processes, their memory, and what a job runs."""

    size: int
    memory_bytes: int
    execute: Callable[[Any], Any]


def manage(ctl: socket.socket, pool: Spec) -> None:
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


def _spawn(ctl: socket.socket, pool: Spec) -> int:
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
    socket.send_fds(ctl, [LENGTH.pack(pid)], [ours.fileno()])
    ours.close()
    return pid


def _serve(chan: socket.socket, pool: Spec) -> None:
    """A query process: lower priority, capped memory, then one job after another until the channel ends."""
    os.nice(priority.NICE)
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


def _jobs(chan: socket.socket, pool: Spec, codes: list[int]) -> None:
    """One job after another until the channel ends; the exit code goes to ``codes``."""
    code = 0
    try:
        send(chan, threading.get_native_id())  # the web worker lowers this thread's priority, not the pid's
        while (job := receive(chan)) is not None:
            send(chan, pool.execute(job))
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


def send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(LENGTH.pack(len(data)) + data)


def receive(sock: socket.socket) -> Any:
    """The next object, or ``None`` when the other end has closed."""
    head = _exactly(sock, LENGTH.size)
    if head is None:
        return None
    body = _exactly(sock, LENGTH.unpack(head)[0])
    return None if body is None else pickle.loads(body)


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
