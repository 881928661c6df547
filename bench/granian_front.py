"""AMKG's whole app under granian instead of gunicorn: does the HTTP server bound the endpoint?

The bare route (:mod:`bench.floor`) is three times faster under granian than under gunicorn; this engine
asks whether the app gains the same. granian's WSGI interface tells the app nothing when a client hangs up,
which the query pool needs (issue 10: the query's process is killed within 0.1 s), so the app is served
through granian's RSGI interface instead: each request's body is read, the Flask app runs in a thread, and
``client_disconnect()`` closes one end of a socket pair whose other end the pool watches as it would the
client's socket. Each granian worker starts its query pool as ``amkg serve``'s do
(:func:`amkg.http_worker.install_pool`). For measurement only: it lacks ``amkg serve``'s read deadline, its
plain-text errors before the app and its graceful stop, and forks the pool's manager from a process that
already runs granian's threads.

    AMKG_DIST=bench/results/data/1m python -m bench.granian_front PORT [WORKERS]
"""

from __future__ import annotations

import asyncio
import io
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from amkg.app import create_app
from amkg.config import Settings, cores
from amkg.dist import Dist
from amkg.http_worker import install_pool
from amkg.sparql import pool
from amkg.sparql.tally import Tally
from granian import Granian
from granian.constants import Interfaces


class Front:
    """The RSGI application around the Flask app (made in the master, so the workers share the store)."""

    def __init__(self, workers: int) -> None:
        settings = Settings.from_env()
        self.app = create_app(settings, dist=Dist.open(settings.dist))
        self.app.extensions["amkg.tally"] = Tally(workers)
        self.workers = workers
        self.threads = ThreadPoolExecutor(settings.web_threads)

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        install_pool(self.app, self.workers)
        self.loop = loop

    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.threads.shutdown(wait=False)

    def _call(self, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        said: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            said["status"], said["headers"] = int(status[:3]), headers

        body = b"".join(self.app.wsgi_app(environ, start_response))
        return said["status"], said["headers"], body

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        body = await proto()
        watched, ours = socket.socketpair()
        environ = _environ(scope, body)
        environ[pool.CLIENT_SOCKET] = watched
        try:
            work = self.loop.run_in_executor(self.threads, self._call, environ)
            gone = asyncio.ensure_future(proto.client_disconnect())
            await asyncio.wait((work, gone), return_when=asyncio.FIRST_COMPLETED)
            if not work.done():
                ours.close()  # the pool sees the hang-up and kills the query
            status, headers, data = await work
            gone.cancel()
            proto.response_bytes(status, headers, data)
        finally:
            ours.close()
            watched.close()


def _environ(scope: Any, body: bytes) -> dict[str, Any]:
    host, _, port = scope.server.rpartition(":")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": scope.path,
        "QUERY_STRING": scope.query_string,
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "REMOTE_ADDR": scope.client.rpartition(":")[0],
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        pool.ARRIVED: time.monotonic(),
    }
    for name, value in scope.headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    return environ


def main() -> int:
    port = int(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else cores()
    front = Front(workers)
    server = Granian(
        "bench.granian_front:Front",  # named for granian's logs; the loader below hands it the one made here
        address="127.0.0.1",
        port=port,
        interface=Interfaces.RSGI,
        workers=workers,
        websockets=False,
    )
    server.serve(target_loader=lambda *_: front)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
