"""The gunicorn worker of ``amkg serve``: threads hold connections, a deadline bounds reading each request.

gunicorn's ``gthread`` worker keeps idle and kept-alive connections in a poller, at the cost of a file
descriptor each, and gives a thread only to a connection that has sent something. What it does not bound is
a client that then sends its request a byte at a time: that thread waits for ever. This worker gives every
request :attr:`Settings.read_timeout` seconds, from the moment a thread takes its connection, to deliver
its headers and its body (the body is read before the app runs, so the app never waits on a client); past
it, the main loop, which wakes every second, answers ``408`` and shuts the socket, which frees the thread.

It also starts the app's query pool (:mod:`amkg.sparql.pool`) in the worker process before any thread
exists, and stamps each request's arrival (``amkg.arrived``) so a query's deadline counts from then.
"""

from __future__ import annotations

import errno
import io
import selectors
import socket
import threading
import time
from collections.abc import Sequence
from contextlib import suppress
from functools import partial
from typing import Any

from flask import Flask
from gunicorn.workers.gthread import TConn, ThreadWorker

from amkg.config import Settings, cores
from amkg.sparql import pool
from amkg.sparql.jobs import evaluate
from amkg.sparql.tally import Tally
from amkg.store import Store
from amkg.web.http import CORS, SECURITY, raw_response
from amkg.worker import PlainErrors

#: Web threads never lent to requests waiting on the query pool (half the threads if there are fewer than
#: twice as many): pages and cheap routes always find one.
RESERVED_THREADS = 8
#: Query processes per web worker at the least, whatever share of ``query_processes`` falls to it.
MIN_PROCESSES = 2


def install_pool(app: Flask, workers: int, close_in_manager: Sequence[socket.socket] = ()) -> pool.QueryPool:
    """Start the query pool of one of ``workers`` web workers and give it to the app (``amkg.pool``).

    Call it while the process has one thread: the pool forks its manager. The worker's share of
    ``query_processes`` is the server's divided by ``workers``, at least :data:`MIN_PROCESSES`.
    """
    config: Settings = app.config["AMKG_SETTINGS"]
    store = app.extensions["amkg.store"]
    assert isinstance(store, Store)
    tally = app.extensions.get("amkg.tally")
    assert tally is None or isinstance(tally, Tally)
    queries = pool.QueryPool(
        lambda job: evaluate(store, job),
        max(MIN_PROCESSES, -(-(config.query_processes or 4 * cores()) // workers)),  # the server's, split
        config.query_memory_mb << 20,
        config.client_queries,
        waiting=max(1, config.web_threads - min(RESERVED_THREADS, config.web_threads // 2)),
        tally=tally,
    )
    queries.start(close_in_manager=close_in_manager)
    app.extensions["amkg.pool"] = queries
    return queries


def _refusal(seconds: float) -> bytes:
    body = (
        f"The request was not received within {seconds:g} seconds, the time a client has to send its "
        "headers and body; send it at once.\n"
    )
    headers = {"Content-Type": "text/plain; charset=utf-8", **CORS, **SECURITY}
    return raw_response("408 Request Timeout", headers, body)


class Worker(PlainErrors, ThreadWorker):
    """gthread with a deadline on reading each request, the query pool of its app, and gunicorn's own
    errors as one line of plain text with CORS (:class:`amkg.worker.PlainErrors`)."""

    wsgi: Any  # gunicorn's, set by load_wsgi

    def init_process(self) -> None:
        self._reading: dict[Any, float] = {}
        self._late: set[Any] = set()
        self._guard = threading.Lock()
        self._arrival = threading.local()
        app = self.app.wsgi()  # preloaded in the master: the store is already here
        config: Settings = app.config["AMKG_SETTINGS"]
        self._read_timeout = config.read_timeout
        self._max_body = config.max_body + 1
        install_pool(app, max(1, self.cfg.workers), close_in_manager=self.sockets)  # one thread so far
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        inner: Any = self.wsgi  # set by gunicorn's load_wsgi just above

        def stamped(environ: dict[str, Any], start_response: Any) -> Any:
            environ[pool.ARRIVED] = getattr(self._arrival, "at", None) or time.monotonic()
            return inner(environ, start_response)

        self.wsgi = stamped

    def accept(self, listener: socket.socket) -> None:
        """A new connection waits in the poller, not in a thread, until it sends something.

        (gthread would give it a thread at once, which then waits up to 5 s for a first byte: forty idle
        connections took every thread of the worker.) Unanswered, it is closed after the read timeout.
        """
        try:
            sock, client = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, sock, client, listener.getsockname())  # non-blocking until a thread takes it
        conn.timeout = time.monotonic() + self._read_timeout
        self.pending_conns.append(conn)
        self.poller.register(sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def handle(self, conn: Any) -> Any:
        """One request on ``conn``, read within the deadline (registered for the main loop to enforce)."""
        now = time.monotonic()
        self._arrival.at = now
        with self._guard:
            self._reading[conn] = now + self._read_timeout
        try:
            return super().handle(conn)
        finally:
            with self._guard:
                self._reading.pop(conn, None)
                self._late.discard(conn)

    def handle_request(self, req: Any, conn: Any) -> Any:
        """Read the whole body (up to one byte past the limit) before the app runs."""
        if req.body is not None:
            req.body = io.BytesIO(req.body.read(self._max_body))
        with self._guard:
            self._reading.pop(conn, None)
            late = conn in self._late
        if late:
            return False
        return super().handle_request(req, conn)

    def murder_pending(self) -> None:
        """Also refuse the requests that were not read in time (the main loop calls this every second)."""
        super().murder_pending()
        now = time.monotonic()
        with self._guard:
            late = [conn for conn, deadline in self._reading.items() if deadline <= now]
            for conn in late:
                del self._reading[conn]
                self._late.add(conn)
        for conn in late:
            with suppress(OSError):  # a client that is not reading either just gets the close
                conn.sock.send(_refusal(self._read_timeout), socket.MSG_DONTWAIT)
            with suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked reading it
