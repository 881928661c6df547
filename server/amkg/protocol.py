"""HTTP conventions shared by the machine-facing routes (the SPARQL endpoint, the VoID description).

Browser clients such as YASGUI and Comunica query and dereference from other origins, so every answer of
the app (pages and RDF documents included: the data is public and no answer depends on cookies) carries
CORS headers, and preflight requests are answered. Errors on the protocol's paths are one line of plain
text that says what to change: no HTML page, no stack trace, no file path.
"""

from __future__ import annotations

from flask import Response, request

#: The paths whose responses follow these conventions (also for errors raised before a view runs, such as
#: 405), with the methods each answers (HEAD is GET without the body), for ``Allow`` and CORS preflights.
METHODS = {"/sparql": "GET, HEAD, POST, OPTIONS", "/.well-known/void": "GET, HEAD, OPTIONS"}
TRUNCATED = "AMKG-Results-Truncated"
ROW_LIMIT = "AMKG-Row-Limit"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": f"{TRUNCATED}, {ROW_LIMIT}, Content-Length, Vary, Link, ETag",
}


def is_protocol_path(path: str) -> bool:
    return path in METHODS


def cors(response: Response) -> Response:
    """Any origin may read ``response``; an ``OPTIONS`` request gets the full preflight answer."""
    if request.method == "OPTIONS" and response.status_code == 200:
        response = preflight()  # Flask's automatic answer, on the pages' routes
    if "Access-Control-Allow-Origin" not in response.headers:
        response.headers.update(CORS)
    return response


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


def text_error(status: int, message: str) -> Response:
    """A plain-text error answer that varies with ``Accept`` like the answers it stands for."""
    response = Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
