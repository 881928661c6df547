"""SERVICE, once allowed, reaches exactly the address that was checked, within its time, and no further.

The endpoints here are real HTTP servers of this test on 127.0.0.1. To show that the engine never looks a
name up again (the DNS-rebinding window), most calls name hosts under ``.invalid``, which no resolver ever
answers (RFC 6761): a call that reaches the test's server under such a name went to the pinned address.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
import trustme
from amkg.sparql import jobs
from amkg.sparql.relay import Pin
from amkg.store import Store
from amkg.web.context import get_store
from amkg.web.formats import FORMATS, Kind
from flask import Flask
from support.server import start_server, stop_server

FAR = "urn:x:far"
ROW = {"head": {"vars": ["thing"]}, "results": {"bindings": [{"thing": {"type": "uri", "value": FAR}}]}}
QUERY = "SELECT ?thing WHERE {{ SERVICE <{endpoint}> {{ ?thing ?p ?o }} }}"


class Endpoint:
    """A SPARQL endpoint of the test's own that answers one row, or misbehaves as ``mode`` says."""

    def __init__(self, mode: str = "answer", context: ssl.SSLContext | None = None) -> None:
        self.mode = mode
        self.hosts: list[str] = []
        self.types: list[str] = []
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.hosts.append(self.headers.get("Host", ""))
                outer.types.append(self.headers.get("Content-Type", ""))
                if outer.mode == "silent":
                    outer.release.wait(10)
                    return
                body = b" " * (3 << 20) if outer.mode == "huge" else json.dumps(ROW).encode()
                self.send_response(302 if outer.mode == "redirect" else 200)
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the assertions say what happened."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if context:
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> Iterator[Endpoint]:
    e = Endpoint(getattr(request, "param", "answer"))
    yield e
    e.close()


@pytest.fixture
def store(app: Flask) -> Store:
    with app.app_context():
        return get_store()


def call(store: Store, endpoint: str, addresses: tuple[str, ...], timeout: float = 5.0) -> jobs.Reply:
    """The reply to a query whose one SERVICE call was checked to go to ``addresses``, run as a job runs."""
    json_results = jobs.choice(Kind.RESULTS, FORMATS[Kind.RESULTS][0])
    job = jobs.Job(
        QUERY.format(endpoint=endpoint), None, None, json_results, json_results, json_results,
        100, 1 << 20, "http://127.0.0.1/sparql", (Pin(endpoint, addresses),), timeout,
    )  # fmt: skip
    return jobs.evaluate(store, job)


def test_the_call_goes_to_the_checked_address_without_looking_the_name_up_again(
    store: Store, endpoint: Endpoint
) -> None:
    name = f"pinned.invalid:{endpoint.port}"
    reply = call(store, f"http://{name}/sparql", ("127.0.0.1",))
    assert reply.status == 200, reply.message
    assert FAR in reply.body.decode()
    assert endpoint.hosts == [name]  # the endpoint's own Host header, not the relay's
    assert endpoint.types == ["application/sparql-query"]  # the engine's request, as it sent it


def test_each_checked_address_is_tried_in_turn(store: Store, endpoint: Endpoint) -> None:
    """127.0.0.2 is loopback too, but nothing listens there on this port: the next address answers."""
    reply = call(store, f"http://pinned.invalid:{endpoint.port}/sparql", ("127.0.0.2", "127.0.0.1"))
    assert reply.status == 200, reply.message


def test_no_address_that_answers_is_a_502_naming_the_endpoint(store: Store, endpoint: Endpoint) -> None:
    port = endpoint.port
    endpoint.close()
    reply = call(store, f"http://pinned.invalid:{port}/sparql", ("127.0.0.1",))
    assert reply.status == 502
    assert f"SERVICE <http://pinned.invalid:{port}/sparql> refused the connection" in reply.message


def test_an_endpoint_that_never_answers_is_a_504_within_its_timeout(store: Store) -> None:
    silent = Endpoint("silent")
    try:
        started = time.monotonic()
        reply = call(store, f"http://pinned.invalid:{silent.port}/sparql", ("127.0.0.1",), timeout=0.5)
        assert time.monotonic() - started < 5
    finally:
        silent.close()
    assert reply.status == 504
    assert "did not answer within 0.5 s" in reply.message


@pytest.mark.parametrize("endpoint", ["redirect"], indirect=True)
def test_a_redirect_is_not_followed(store: Store, endpoint: Endpoint) -> None:
    reply = call(store, f"http://pinned.invalid:{endpoint.port}/sparql", ("127.0.0.1",))
    assert reply.status == 502 and "redirect (302), which is not followed" in reply.message
    assert len(endpoint.hosts) == 1


@pytest.mark.parametrize("endpoint", ["huge"], indirect=True)
def test_an_answer_past_the_byte_limit_is_cut(store: Store, endpoint: Endpoint) -> None:
    reply = call(store, f"http://pinned.invalid:{endpoint.port}/sparql", ("127.0.0.1",))
    assert reply.status == 502 and "sent more than 1,048,576 bytes" in reply.message


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


def tls_endpoint(authority: trustme.CA, name: str) -> Endpoint:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(name).configure_cert(context)
    return Endpoint("answer", context)


def test_tls_is_checked_against_the_endpoint_name_at_the_pinned_address(
    store: Store, authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))
    good, wrong = tls_endpoint(authority, "pinned.invalid"), tls_endpoint(authority, "someone-else.invalid")
    try:
        reply = call(store, f"https://pinned.invalid:{good.port}/sparql", ("127.0.0.1",))
        assert reply.status == 200, reply.message
        assert good.hosts == [f"pinned.invalid:{good.port}"]
        refused = call(store, f"https://pinned.invalid:{wrong.port}/sparql", ("127.0.0.1",))
    finally:
        good.close()
        wrong.close()
    assert refused.status == 502
    assert f"SERVICE <https://pinned.invalid:{wrong.port}/sparql> could not be reached" in refused.message
    assert wrong.hosts == []


def test_a_listed_endpoint_on_a_private_network_is_called_through_the_query_pool(endpoint: Endpoint) -> None:
    """With ``service_private`` the real server (query pool, forked process) federates with a loopback
    endpoint named by host name: the name is looked up once, by the check, and the call uses its address."""
    listed = f"http://localhost:{endpoint.port}/sparql"
    env = {"AMKG_SERVICE_ALLOWLIST": listed, "AMKG_SERVICE_PRIVATE": "true"}
    url, proc = start_server(env=env)
    try:
        answer = requests.post(f"{url}/sparql", data={"query": QUERY.format(endpoint=listed)}, timeout=30)
        unlisted = requests.post(
            f"{url}/sparql",
            data={"query": QUERY.format(endpoint=f"http://127.0.0.1:{endpoint.port}/x")},
            timeout=30,
        )
    finally:
        stop_server(proc)
    assert answer.status_code == 200, answer.text
    assert [b["thing"]["value"] for b in answer.json()["results"]["bindings"]] == [FAR]
    assert endpoint.hosts == [f"localhost:{endpoint.port}"]
    assert unlisted.status_code == 400 and "is not allowed" in unlisted.text
