"""The app in-process, spoken to with absolute URLs, as the page tests speak to a server.

The tests compare links with full URLs under the public base, so :class:`Web` takes such URLs, strips the
base and hands the path to Flask's test client (flaskr's pattern: the real app over the real store, no
server). Its answers carry the attribute names the tests use (``status_code``, ``headers``, ``text``,
``content``, ``json()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

#: The public base the ``app`` fixture is configured with (no trailing slash, like ``live_server``).
BASE = "http://127.0.0.1:8080"


@dataclass(frozen=True)
class Answer:
    response: TestResponse

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> Any:
        return self.response.headers

    @property
    def url(self) -> str:
        """Where the answer came from, after the redirects followed (as ``requests`` says)."""
        return str(self.response.request.url)

    @property
    def text(self) -> str:
        return self.response.get_data(as_text=True)

    @property
    def content(self) -> bytes:
        return self.response.get_data()

    def json(self) -> Any:
        return self.response.get_json(force=True)


@dataclass(frozen=True)
class Web:
    client: FlaskClient
    base: str = BASE

    def _path(self, url: str) -> str:
        if not url.startswith(self.base):
            raise ValueError(f"{url} is not under the app's public base {self.base}")
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, url: str, allow_redirects: bool = True, **kwargs: Any) -> Answer:
        """Like ``requests.get``: redirects are followed unless ``allow_redirects=False``."""
        return self.request("GET", url, follow_redirects=allow_redirects, **kwargs)

    def head(self, url: str, **kwargs: Any) -> Answer:
        return self.request("HEAD", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> Answer:
        kwargs.pop("timeout", None)  # in-process: nothing to wait for
        if "params" in kwargs:
            kwargs["query_string"] = kwargs.pop("params")
        kwargs.setdefault("base_url", self.base)  # the public base: redirects to it stay in the app
        return Answer(self.client.open(self._path(url), method=method, buffered=True, **kwargs))
