"""SERVICE calls through a relay on loopback, so that the engine reaches exactly the address that was checked.

pyoxigraph connects to a SERVICE endpoint itself and resolves its host name again. Between the endpoint's
check (:func:`amkg.sparql.federation.check`) and that connection the name may come to point elsewhere — at
this machine or a private network (DNS rebinding) — and the engine offers no hook to connect anywhere else.
So the engine is never given the endpoint: the query it runs names a relay, ``http://127.0.0.1:{port}/{n}``
for the query's n-th SERVICE call, which the query's own process starts for that query and which ends with
it. The relay sends each request on to an address that was checked, with the endpoint's own ``Host`` header
and, for https, TLS verified against the endpoint's host name (urllib3 connects to the address and checks
the certificate for the name). It follows no redirect (a redirect could lead anywhere unchecked), waits no
longer than its timeout, and cuts an answer past the byte limit; each failure answers the engine with an
error that :meth:`Relay.explain` turns back into a sentence naming the endpoint.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import HTTPError as TransportError
from urllib3.exceptions import NewConnectionError, TimeoutError

from amkg.rdf.scan import Scan

#: Request headers the engine sends that the endpoint needs; all others (the relay's Host above all) stay.
_FORWARD = ("Accept", "Content-Type", "User-Agent")
_CHUNK = 64 << 10


@dataclass(frozen=True)
class Pin:
    """A SERVICE endpoint and the addresses its host resolved to when it was checked."""

    endpoint: str
    addresses: tuple[str, ...]


class Relay:
    """The loopback relay of one query: start it, run :meth:`rewrite`'s query, then leave the block."""

    def __init__(
        self, pins: Sequence[Pin], timeout: float, max_bytes: int, context: ssl.SSLContext | None = None
    ) -> None:
        self.pins = tuple(pins)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.context = context or ssl.create_default_context()
        #: What went wrong with each call, by its index: the status for the client and why, in words.
        self.failures: dict[int, tuple[int, str]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]

    def __enter__(self) -> Relay:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.port}/{index}"

    def rewrite(self, scan: Scan) -> str:
        """The query with its n-th SERVICE endpoint replaced by :meth:`url` (n), as the engine must run it."""
        text, out, at = scan.text, [], 0
        for index, token in enumerate(scan.services):
            out += [text[at : token.start], f"<{self.url(index)}>"]
            at = token.end
        return "".join(out) + text[at:]

    def explain(self, message: str) -> tuple[int, str]:
        """Status and sentence for the engine's error about a relayed call: what the relay saw, or the
        engine's own words with the endpoints in place of the relay's URLs."""
        for index, pin in enumerate(self.pins):
            if self.url(index) in message and index in self.failures:
                status, reason = self.failures[index]
                return status, f"SERVICE <{pin.endpoint}> {reason}"
            message = message.replace(self.url(index), pin.endpoint)
        return 502, f"A SERVICE endpoint did not answer properly: {message}"

    def forward(
        self, index: int, method: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, bytes]:
        """Status, content type and body of the endpoint's answer to one relayed request."""
        if not 0 <= index < len(self.pins):
            return 404, "text/plain", b"no such SERVICE call"
        pin = self.pins[index]
        parts = urlsplit(pin.endpoint)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        secure = parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        assert parts.hostname
        wanted = {
            name.lower(): name for name in _FORWARD
        }  # header names ignore case (pyoxigraph's are lower)
        sent = {wanted[k.lower()]: v for k, v in headers.items() if k.lower() in wanted}
        sent["Host"] = parts.netloc.rpartition("@")[2]
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        until = time.monotonic() + self.timeout
        for address in pin.addresses:
            connection: urllib3.HTTPConnectionPool
            if secure:
                connection = urllib3.HTTPSConnectionPool(
                    address, port, timeout=timeout, retries=False, ssl_context=self.context,
                    server_hostname=parts.hostname, assert_hostname=parts.hostname,
                )  # fmt: skip
            else:
                connection = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
            try:
                with connection:
                    response = connection.urlopen(
                        method, target, body=body, headers=sent, redirect=False, preload_content=False,
                        assert_same_host=False,
                    )  # fmt: skip
                    return self._relayed(index, response, until)
            except NewConnectionError:
                continue  # the next checked address, as a client tries each address of a name
            except TimeoutError:
                return self._failed(index, 504, f"did not answer within {self.timeout:g} s.")
            except (TransportError, ssl.SSLError, OSError) as exc:
                return self._failed(index, 502, f"could not be reached properly ({type(exc).__name__}).")
        return self._failed(index, 502, "refused the connection on every address its host has.")

    def _relayed(
        self, index: int, response: urllib3.BaseHTTPResponse, until: float
    ) -> tuple[int, str, bytes]:
        if 300 <= response.status < 400:
            return self._failed(
                index, 502, f"answered with a redirect ({response.status}), which is not followed."
            )
        chunks, size = [], 0
        for chunk in response.stream(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                return self._failed(index, 502, f"sent more than {self.max_bytes:,} bytes.")
            if time.monotonic() > until:
                return self._failed(index, 504, f"did not finish its answer within {self.timeout:g} s.")
            chunks.append(chunk)
        return response.status, response.headers.get("Content-Type", ""), b"".join(chunks)

    def _failed(self, index: int, status: int, reason: str) -> tuple[int, str, bytes]:
        self.failures[index] = (status, reason)
        return status, "text/plain; charset=utf-8", reason.encode()


def _handler(relay: Relay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Takes the engine's request for call n and answers with what the endpoint answered."""

        def _relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0].strip("/")
            index = int(path) if path.isdigit() else -1
            status, kind, content = relay.forward(index, self.command, dict(self.headers.items()), body)
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _relay

        def log_message(self, format: str, *args: object) -> None:
            """The query's own log line says what happened; the relay adds none."""

    return Handler
