"""Every answer says nosniff and a referrer policy; pages carry a Content-Security-Policy; with
``allowed_hosts`` set, a request for another host is refused before its Host reaches any link."""

from __future__ import annotations

import pytest
from amkg.app import create_app
from amkg.config import Settings
from flask import Flask
from flask.testing import FlaskClient
from support.server import DIST

#: One path for each kind of answer: page, RDF document, redirect, results, errors (page and plain text).
ANSWERS = [
    ("GET", "/"),
    ("GET", "/id/hub/michigan.html"),
    ("GET", "/id/hub/michigan.ttl"),
    ("GET", "/id/hub/michigan"),
    ("GET", "/sparql?query=ASK%7B%7D&format=json"),
    ("GET", "/sparql?query=nonsense&format=json"),
    ("PUT", "/sparql"),
    ("GET", "/no/such/page"),
    ("GET", "/.well-known/void"),
    ("GET", "/healthz"),
    ("GET", "/ping"),
    ("OPTIONS", "/sparql"),
]


@pytest.mark.parametrize(("method", "path"), ANSWERS)
def test_every_answer_says_nosniff_and_a_referrer_policy(client: FlaskClient, method: str, path: str) -> None:
    answer = client.open(path, method=method, headers={"Accept": "text/html"})
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    is_html = answer.mimetype == "text/html"
    assert ("Content-Security-Policy" in answer.headers) == is_html, (answer.status_code, answer.mimetype)


def test_the_pages_policy_allows_only_our_own_scripts(client: FlaskClient) -> None:
    answer = client.get("/sparql", headers={"Accept": "text/html"})
    policy = answer.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    # The only inline script blocks are data (JSON), which a policy does not need to allow.
    for block in answer.get_data(as_text=True).split("<script")[1:]:
        head = block.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head or 'type="application/ld+json"' in head


@pytest.fixture(scope="module")
def guarded() -> Flask:
    app = create_app(Settings(dist=DIST, allowed_hosts=("amkg.example", "localhost")))
    app.testing = True
    return app


def test_an_unlisted_host_is_refused_in_plain_text(guarded: Flask) -> None:
    answer = guarded.test_client().get("/id/hub/michigan", headers={"Host": "evil.example"})
    assert answer.status_code == 400
    assert answer.mimetype == "text/plain"
    assert answer.get_data(as_text=True) == "Host evil.example is not served here.\n"
    assert "Location" not in answer.headers and "Link" not in answer.headers
    assert guarded.test_client().get("/ping", headers={"Host": "amkg.example"}).status_code == 200


@pytest.mark.parametrize("host", ["amkg.example", "amkg.example:8443", "LOCALHOST:8080"])
def test_a_listed_host_is_served_and_its_links_use_it(guarded: Flask, host: str) -> None:
    answer = guarded.test_client().get("/id/hub/michigan", headers={"Host": host, "Accept": "text/turtle"})
    assert answer.status_code == 303
    assert answer.headers["Location"].lower().startswith(f"http://{host.lower()}/id/hub/michigan")


def test_without_a_list_any_host_is_served(client: FlaskClient) -> None:
    assert client.get("/ping", headers={"Host": "anything.example"}).status_code == 200
