"""``amkg serve``: the app under gunicorn, with process workers, one per core by default.

Process workers (gunicorn's ``sync`` worker class; :mod:`amkg.worker` writes the errors gunicorn answers
itself as plain text) rather than threads: the engine's work is CPU-bound, a query past its deadline is
stopped by ending its worker (see :mod:`amkg.sparql.watchdog`), and threads measured slower here. The app, and
so the store, is loaded once in the master (``preload_app``) and shared by the forked workers copy-on-write,
which also makes replacing a worker take milliseconds. The settings also travel as ``AMKG_*`` environment
variables, so anything in a worker that reads them sees the same values.
"""

from __future__ import annotations

import os

from flask import Flask
from gunicorn.app.base import BaseApplication

from amkg.app import create_app
from amkg.config import Settings
from amkg.sparql.watchdog import ProcessWatchdog

#: Seconds gunicorn's master waits beyond the query timeout before it kills a silent worker itself.
MASTER_GRACE = 10
#: Longest request line (GET URL) accepted, gunicorn's maximum; longer queries are sent by POST.
MAX_REQUEST_LINE = 8190


class Server(BaseApplication):
    """gunicorn configured from :class:`Settings` instead of its command line."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        super().__init__()

    def load_config(self) -> None:
        options = {
            "bind": f"{self.settings.host}:{self.settings.port}",
            "workers": self.workers,
            "worker_class": "amkg.worker.PlainErrorsWorker",
            "preload_app": True,
            "timeout": int(self.settings.query_timeout) + MASTER_GRACE,
            "graceful_timeout": 5,
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
        return create_app(self.settings, ProcessWatchdog())


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(settings: Settings, workers: int | None = None) -> None:
    """Serve until stopped (SIGTERM or Ctrl-C)."""
    os.environ.update(settings.to_env())
    Server(settings, workers or default_workers()).run()
