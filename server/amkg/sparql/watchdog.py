"""Query timeouts that really stop the query: the process running it ends (:class:`ProcessWatchdog`).

pyoxigraph cannot cancel a running query, and a thread cannot be killed, so a query past its deadline can
only be stopped by ending its process. Each gunicorn worker answers one request at a time in its main
thread; a watchdog thread (started once per process, costing nothing per request beyond storing a
deadline) checks the deadlines ten times a second. When one passes, it writes the 503 answer straight to
that request's socket and ends the worker at once (``os._exit``): the CPU is free the moment it does, and
the gunicorn master forks a fresh worker from its preloaded copy of the store in milliseconds.

The engine releases the GIL while it evaluates, so the watchdog runs while a query does. A query that
held the GIL throughout would still be stopped by gunicorn's own worker timeout (set a little above ours),
just without the 503 answer.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

#: Exit status of a worker ended by the watchdog (gunicorn logs it, then replaces the worker).
TIMEOUT_EXIT = 75
POLL_SECONDS = 0.1


class Watchdog:
    """Deadlines for the requests being answered, checked only once each request is done.

    For an app served in-process (tests, ``flask run``), where ending the process would end everything: a
    query past its deadline still runs to its end, then its answer becomes the 503 it would have been.
    """

    @contextmanager
    def deadline(self, seconds: float, on_expiry: Callable[[], None]) -> Iterator[None]:
        """The block may take ``seconds``; if it took longer, :class:`DeadlinePassed` follows it."""
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise DeadlinePassed(seconds)


class DeadlinePassed(Exception):
    """A request ran past its deadline (in-process watchdog only)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"ran past its deadline of {seconds:g} s")
        self.seconds = seconds


class ProcessWatchdog(Watchdog):
    """Deadlines for the requests being answered, one per thread, enforced by ending the process.

    Made by ``amkg serve`` for its gunicorn workers. The watching thread is started on first use in each
    process (threads do not survive a fork) and again if it ever died, so timeouts never silently stop.
    """

    def __init__(self) -> None:
        self._deadlines: dict[int, tuple[float, Callable[[], None]]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = -1

    @contextmanager
    def deadline(self, seconds: float, on_expiry: Callable[[], None]) -> Iterator[None]:
        """Within the block, ``on_expiry()`` then the process's end follow if ``seconds`` pass."""
        ident = threading.get_ident()
        with self._lock:
            if self._pid != os.getpid() or self._thread is None or not self._thread.is_alive():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._watch, name="amkg-watchdog", daemon=True)
                self._thread.start()
            self._deadlines[ident] = (time.monotonic() + seconds, on_expiry)
        try:
            yield
        finally:
            with self._lock:
                del self._deadlines[ident]

    def _watch(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            now = time.monotonic()
            with self._lock:
                expired = [action for deadline, action in self._deadlines.values() if deadline <= now]
                if not expired:
                    continue
                log.error("a query ran past its deadline: ending worker %d to stop it", os.getpid())
                for action in expired:
                    try:
                        action()
                    except Exception:  # the process ends regardless; the answer is a courtesy
                        log.exception("could not send the timeout answer")
                os._exit(TIMEOUT_EXIT)


def raw_response(status: str, headers: dict[str, str], body: str) -> bytes:
    """A complete HTTP/1.1 response, for writing to a socket without the WSGI server's help."""
    data = body.encode()
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    lines += [f"Content-Length: {len(data)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + data


def send_and_close(sock: socket.socket | None, data: bytes) -> None:
    """Write ``data`` to the client and end the connection cleanly (the process ends right after)."""
    if sock is None:
        return
    sock.settimeout(2)
    sock.sendall(data)
    sock.shutdown(socket.SHUT_WR)
