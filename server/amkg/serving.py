"""``amkg serve``: the app under gunicorn — one threaded web worker, user queries in a pool of processes.

The web worker (:mod:`amkg.http_worker`, gunicorn's ``gthread`` plus a read deadline) holds connections
cheaply: an idle or slow client costs a connection or a thread for at most ``read_timeout``, never the
service. It renders pages, the home page, ``/ping``, VoID and the service description from the store itself,
and hands every ``/sparql`` user query to the query pool (:mod:`amkg.sparql.pool`), whose processes can be
killed — at the deadline, when the client hangs up, when they crash — without touching anyone else. The app,
and so the store, is loaded once in the master (``preload_app``) and shared copy-on-write by the worker and
every query process. One web worker per core by default: one Python process holds the GIL, and at 8
clients a single worker was the bound (uncached lookups 1,040-1,340/s with one worker, 2,050-2,420/s with
two, on 2 cores). Each worker has its own query pool, a share of ``query_processes``; the per-client query
limit is the server's, counted across the workers (:mod:`amkg.sparql.tally`). SIGTERM lets queries in flight
run to their own deadline (``graceful_timeout`` is the query timeout plus a margin). The settings also
travel as ``AMKG_*`` variables.
"""

from __future__ import annotations

import os

from flask import Flask
from gunicorn.app.base import BaseApplication

from amkg.app import create_app
from amkg.config import Settings, cores
from amkg.dist import Dist
from amkg.sparql.tally import Tally

#: Seconds gunicorn's master waits beyond the query timeout for a stopping or silent worker.
MASTER_GRACE = 10
#: Longest request line (GET URL) accepted, gunicorn's maximum; longer queries are sent by POST.
MAX_REQUEST_LINE = 8190
#: Seconds a kept-alive connection may stay idle.
KEEPALIVE = 5


class Server(BaseApplication):
    """gunicorn configured from :class:`Settings` instead of its command line."""

    def __init__(self, settings: Settings, workers: int, dist: Dist) -> None:
        self.settings = settings
        self.workers = workers
        self.dist = dist
        super().__init__()

    def load_config(self) -> None:
        options = {
            "bind": f"{self.settings.host}:{self.settings.port}",
            "workers": self.workers,
            "worker_class": "amkg.http_worker.Worker",
            "threads": self.settings.web_threads,
            "keepalive": KEEPALIVE,
            "preload_app": True,
            "timeout": int(self.settings.query_timeout) + MASTER_GRACE,
            "graceful_timeout": int(self.settings.query_timeout) + MASTER_GRACE,
            "limit_request_line": MAX_REQUEST_LINE,
            "proc_name": "amkg",
            "errorlog": "-",
            "loglevel": "info",
        }
        if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 27: no shared control socket, so
            options["control_socket_disable"] = True  # several servers can run side by side (tests, bench)
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        app = create_app(self.settings, dist=self.dist)
        # Made here, in the master, so that every worker forked from it shares the same counts.
        app.extensions["amkg.tally"] = Tally(self.workers)
        return app


def run(settings: Settings, workers: int | None = None) -> None:
    """Serve until stopped (SIGTERM: in-flight queries finish; Ctrl-C); :class:`ConfigError` or
    :class:`DistError` before gunicorn starts (so before it prints anything) when the settings or dist/
    cannot be served."""
    settings.check()
    dist = Dist.open(settings.dist)  # checked once, here, and handed to the app
    os.environ.update(settings.to_env())
    Server(settings, workers or cores(), dist).run()
