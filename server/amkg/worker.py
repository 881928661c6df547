"""The errors gunicorn answers itself, in the endpoint's form (a mixin for the web worker).

A request gunicorn cannot read (a URL over its request-line limit, oversized or too many header fields,
a request that is not HTTP) never reaches the app, and gunicorn answers it with a small HTML page without
CORS: a script on another origin then sees a network error instead of a reason. This worker keeps
gunicorn's judgement (status, reason, logging) and writes the answer as every other error of ours: one line
of plain text that says what to change, with CORS.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn import util

from amkg.web.http import CORS, SECURITY, raw_response

#: What to change, by the status gunicorn chose.
_ADVICE = {
    400: "The request is not valid HTTP/1.1 ({detail}); check how the client builds it.",
    403: "The request was refused before it was read ({detail}).",
    414: "The request line is longer than the server accepts ({detail}); send a long query by POST, "
    "as an application/sparql-query body.",
    417: "The request's Expect header cannot be met ({detail}); send the request without it.",
    431: "The request's header fields are too large or too many ({detail}); send fewer or smaller headers.",
    500: "Internal error: the request could not be answered. It has been logged.",
    501: "The request uses a transfer coding the server does not support ({detail}); send it plainly.",
}
_STATUS = re.compile(rb"HTTP/1\.1 (\d{3}) ([^\r\n]*)\r\n")


class _Recorder:
    """Stands in for the client's socket while gunicorn writes its own error page, to learn its status."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0

    def sendall(self, data: bytes) -> None:
        self.data += data


class PlainErrors:
    """Mixed into a gunicorn worker: its pre-app errors are plain text with CORS (see the docstring)."""

    log: Any

    def handle_error(self, req: object, client: object, addr: object, exc: BaseException) -> None:
        recorder = _Recorder()
        super().handle_error(req, recorder, addr, exc)  # type: ignore[misc]  # gunicorn's Worker, next in the MRO
        found = _STATUS.match(recorder.data)
        code, reason = (int(found.group(1)), found.group(2).decode("latin-1")) if found else (500, "")
        detail = "".join(c if c.isprintable() else "?" for c in " ".join(str(exc).split()))[:200]
        advice = _ADVICE.get(code, "The request could not be read ({detail}).")
        advice = advice.format(detail=detail or type(exc).__name__)
        headers = {"Content-Type": "text/plain; charset=utf-8", **CORS, **SECURITY}
        try:
            util.write_nonblock(client, raw_response(f"{code} {reason}".strip(), headers, advice + "\n"))
        except OSError:
            self.log.debug("Failed to send error message.")
