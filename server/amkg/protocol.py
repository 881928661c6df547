"""HTTP conventions shared by the machine-facing routes (the SPARQL endpoint, the VoID description).

Browser clients such as YASGUI and Comunica query from other origins, so every answer carries CORS headers
and preflight requests are answered. Errors are one line of plain text that says what to change: no HTML
page, no stack trace, no file path.
"""

from __future__ import annotations

from flask import Response, request

#: Paths whose responses follow these conventions, also for errors raised before a view runs (405).
PATHS = ("/sparql", "/.well-known/void")
ALLOWED_METHODS = "GET, POST, OPTIONS"
TRUNCATED = "AMKG-Results-Truncated"
ROW_LIMIT = "AMKG-Row-Limit"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": f"{TRUNCATED}, {ROW_LIMIT}, Content-Type, Content-Length, Vary",
}


def is_protocol_path(path: str) -> bool:
    return path in PATHS


def cors(response: Response) -> Response:
    if "Access-Control-Allow-Origin" not in response.headers:
        response.headers.update(CORS)
    return response


def preflight() -> Response:
    """The answer to a CORS preflight: any origin, our methods, whatever headers the client means to send."""
    requested = request.headers.get("Access-Control-Request-Headers", "")
    headers = {
        "Allow": ALLOWED_METHODS,
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": requested or "Accept, Content-Type",
        "Access-Control-Max-Age": "86400",
    }
    return Response(status=204, headers=headers)


def text_error(status: int, message: str) -> Response:
    """A plain-text error answer that varies with ``Accept`` like the answers it stands for."""
    response = Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
