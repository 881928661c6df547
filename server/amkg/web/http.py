"""HTTP conventions every machine-facing route shares: CORS, one error type and plain-text errors.

Browser clients such as YASGUI and Comunica query and dereference from other origins, so every answer of
the app (pages and RDF documents included: the data is public and no answer depends on cookies) carries
CORS headers, and preflight requests are answered. On the machine paths (:data:`METHODS`) every error,
whoever raises it (a view with :class:`HttpError`, Werkzeug before a view runs, a bug), is one line of plain
text that says what to change: no HTML page, no stack trace, no file path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from flask import Response, request
from werkzeug.exceptions import HTTPException

from amkg.web.formats import Format, Kind, NotAcceptable, UnknownFormat, negotiate

#: The machine paths, with the methods each answers (HEAD is GET without the body), for ``Allow`` and CORS
#: preflights.
METHODS = {
    "/sparql": "GET, HEAD, POST, OPTIONS",
    "/.well-known/void": "GET, HEAD, OPTIONS",
    "/service": "GET, HEAD, OPTIONS",
    "/healthz": "GET, HEAD, OPTIONS",
}
TRUNCATED = "AMKG-Results-Truncated"
ROW_LIMIT = "AMKG-Row-Limit"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": f"{TRUNCATED}, {ROW_LIMIT}, Content-Length, Vary, Link, ETag",
}
#: On every answer: no browser guesses a type other than the one sent (a Turtle document holding
#: ``<script>`` stays text), and other sites learn at most our origin from a followed link.
SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
#: On HTML pages: scripts and styles only from this server (the query page's configuration is a JSON data
#: block, which is not run); YASGUI sets style attributes, hence 'unsafe-inline' for styles only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
INTERNAL = "Internal error: the request could not be answered. It has been logged."


class HttpError(Exception):
    """A request that cannot be answered as asked: becomes a plain-text answer with ``status``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def choose_format(kind: Kind, format_names: Sequence[str] = ()) -> Format:
    """The format to answer this request in (``format=`` values, else its ``Accept``), or 400/406."""
    try:
        return negotiate(kind, request.headers.get("Accept", ""), format_names)
    except UnknownFormat as exc:
        raise HttpError(400, str(exc)) from exc
    except NotAcceptable as exc:
        raise HttpError(406, str(exc)) from exc


def is_machine_path(path: str) -> bool:
    return path in METHODS


def cors(response: Response) -> Response:
    """Any origin may read ``response``; an ``OPTIONS`` request gets the full preflight answer."""
    if request.method == "OPTIONS" and response.status_code == 200:
        response = preflight()  # Flask's automatic answer, on the pages' routes
    if "Access-Control-Allow-Origin" not in response.headers:
        response.headers.update(CORS)
    return response


def security_headers(response: Response) -> Response:
    """:data:`SECURITY` on every answer, and the :data:`CSP` on HTML."""
    response.headers.update(SECURITY)
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
    return response


def query_hash(text: str | bytes) -> str:
    """A short stand-in for a query in logs: the same query gives the same 12 hex digits, and the log holds
    no client's text (which may be long, private or made to forge log lines)."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()[:12]


def preflight() -> Response:
    """The answer to a CORS preflight: any origin, this path's methods, whatever headers the client sends."""
    requested = request.headers.get("Access-Control-Request-Headers", "")
    methods = METHODS.get(request.path, "GET, HEAD, OPTIONS")
    headers = {
        "Allow": methods,
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": requested or "Accept, Content-Type",
        "Access-Control-Max-Age": "86400",
    }
    response = Response(status=204, headers=headers)
    del response.headers["Content-Type"]  # no content, so no type (Flask would say text/html)
    return response


def text_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text error answer (with CORS) that varies with ``Accept`` like the answers it stands for."""
    response = Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")
    response.headers["Vary"] = "Accept"
    response.headers.update(CORS)
    response.headers.update(headers or {})
    return response


def from_http_error(error: HttpError) -> Response:
    return text_error(error.status, error.message, error.headers)


def from_werkzeug(error: HTTPException, max_body: int) -> Response:
    """Werkzeug's own refusals on a machine path (405, 413, 404…) as plain text."""
    if error.code == 405:
        allowed = METHODS.get(request.path, "GET, HEAD, OPTIONS")
        message = f"{request.method} is not allowed here; use {allowed}."
        return text_error(405, message, {"Allow": allowed})
    if error.code == 413:
        return text_error(413, f"The request body is larger than the endpoint's limit of {max_body:,} bytes.")
    return text_error(error.code or 400, error.description or error.name)


def raw_response(status: str, headers: dict[str, str], body: str) -> bytes:
    """A complete HTTP/1.1 response, for code that writes to a socket without the WSGI server's help (the
    web worker's own refusals, gunicorn's errors)."""
    data = body.encode()
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    lines += [f"Content-Length: {len(data)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + data
