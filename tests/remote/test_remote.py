"""AMKG over external engines: pages as on the embedded store, stateless instances, clear errors.

- The same pages come out of ``amkg serve --store sparql+http://…`` over Oxigraph's server and over Virtuoso
  as over the embedded store (each page's links, with each server's own base taken off).
- Two AMKG instances over one engine, behind a round-robin of the test's own on loopback, answer the same;
  one is killed and the other keeps serving through it.
- `amkg load` replaces AMKG's graphs, drops the ones the build no longer has and leaves other data alone.
- An engine that has gone is a 502 naming it, for queries and pages alike; one that never answers a 504, one
  that answers in another format or unreadably a 502, one that answers too much a 413: never a short answer.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
import requests
from conftest import Engines
from support.engines import ENGINES, Engine, start_oxigraph
from support.server import ROOT, free_port, start_server, stop_server

pytestmark = pytest.mark.remote

PAGES = [
    "/",
    "/classes",
    "/class/amkg:Hub",
    "/id/hub/michigan",
    "/id/org/siemens",
    "/id/place/india",
    "/search?q=additive",
    "/id/source/wef-amhub-2021",
    "/ontology",
]
QUERY = "SELECT ?hub ?label WHERE { ?hub a amkg:Hub ; rdfs:label ?label } ORDER BY ?hub"
PREFIXES = (
    "PREFIX amkg: <https://w3id.org/amkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)


def links(base: str, path: str) -> tuple[int, list[str]]:
    """A page's status and its links and texts' words that name AMKG resources, with ``base`` taken off."""
    response = requests.get(base + path, headers={"Accept": "text/html"}, timeout=60)
    body = response.text.replace(base, "")
    return response.status_code, sorted(set(re.findall(r'href="([^"]+)"', body)))


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("path", PAGES)
def test_pages_over_an_engine_are_the_embedded_pages(
    live_server: str, engines: Engines, engine: str, path: str
) -> None:
    status, found = links(engines.server(engine), path)
    assert (status, found) == links(live_server, path)
    assert status == 200 and len(found) > 5


# ---------------------------------------------------------------- stateless instances, one engine


class RoundRobin:
    """A TCP round-robin on loopback: each new connection goes to the next upstream that accepts it."""

    def __init__(self, upstreams: list[int]) -> None:
        self.upstreams = upstreams
        self.turn = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        for _ in self.upstreams:
            port = self.upstreams[self.turn % len(self.upstreams)]
            self.turn += 1
            try:
                upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                continue  # down: the next one
            with client, upstream:
                back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
                back.start()
                _pipe(client, upstream)
                back.join(timeout=60)
            return
        client.close()

    def close(self) -> None:
        self.listener.close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with suppress(OSError):
        while data := source.recv(1 << 16):
            sink.sendall(data)
    with suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@pytest.fixture(scope="module")
def own_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An Oxigraph server of this module's own (it is stopped by a test), loaded with the build."""
    engine = start_oxigraph(Path(tmp_path_factory.mktemp("own-engine")))
    done = subprocess.run(
        [sys.executable, "-m", "amkg", "load", *engine.flags()], cwd=ROOT, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    yield engine
    engine.stop()


def test_load_replaces_amkg_s_graphs_and_nothing_else(own_engine: Engine) -> None:
    """Another dataset's graph stays as it was; a graph under AMKG's base that the build no longer has is
    dropped; AMKG's graphs are replaced (loading twice leaves the same counts, checked by ``amkg load``)."""
    other, stale = "http://example.org/graph/other", "https://w3id.org/amkg/id/source/withdrawn"
    for graph in (other, stale):
        put = requests.put(
            own_engine.data,
            params={"graph": graph},
            data=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
            headers={"Content-Type": "application/n-triples"},
            timeout=30,
        )
        assert put.status_code in (200, 201, 204)
    done = subprocess.run(
        [sys.executable, "-m", "amkg", "load", *own_engine.flags()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "dropped 1 graph" in done.stdout and "counts match the manifest" in done.stdout
    graphs = requests.post(
        own_engine.query,
        data={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    ).json()["results"]["bindings"]
    held = {row["g"]["value"] for row in graphs}
    assert other in held and stale not in held


@pytest.fixture(scope="module")
def instances(own_engine: Engine) -> Iterator[list[tuple[str, subprocess.Popen[bytes]]]]:
    running = [start_server(own_engine.flags()) for _ in range(2)]
    yield running
    for _, proc in running:
        stop_server(proc)


def kill_tree(pid: int) -> None:
    """SIGKILL a server's gunicorn master and its worker (and the worker's query processes): a crash of
    the whole instance, which frees its port at once."""
    children = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for child in children:
        kill_tree(child)
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def answer(base: str, comment: str = "") -> tuple[int, str]:
    """The query's answer; ``comment`` makes the request another one (the answer cache keys on it)."""
    query = PREFIXES + QUERY + (f" # {comment}" if comment else "")
    response = requests.post(
        base + "/sparql", data={"query": query}, headers={"Accept": "text/csv"}, timeout=30
    )
    return response.status_code, response.text


def test_two_instances_over_one_engine_answer_the_same(instances: list) -> None:
    ports = [int(url.rsplit(":", 1)[1]) for url, _ in instances]
    proxy = RoundRobin(ports)
    try:
        first = answer(instances[0][0])
        assert first[0] == 200 and first[1].count("\n") > 10
        assert answer(instances[1][0]) == first
        assert all(answer(proxy.url) == first for _ in range(4))
        page = requests.get(proxy.url + "/id/hub/michigan", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "Michigan" in page.text
        # One instance is killed without warning: the round-robin's next connections reach the other.
        kill_tree(instances[0][1].pid)
        instances[0][1].wait(timeout=10)
        assert all(answer(proxy.url) == first for _ in range(4))
    finally:
        proxy.close()


def test_an_engine_that_has_gone_is_a_502_naming_it(instances: list, own_engine: Engine) -> None:
    url = instances[1][0]
    own_engine.stop()
    status, text = answer(url, "after the engine stopped")
    assert status == 502, text
    assert "SPARQL engine" in text and own_engine.query.rsplit("/", 1)[0] in text
    page = requests.get(url + "/id/org/siemens", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 502 and "SPARQL engine" in page.text


def test_serving_an_engine_without_amkg_s_graphs_is_refused(tmp_path: Path) -> None:
    """An engine not loaded with this build: ``amkg serve`` says to run ``amkg load`` and exits 1."""
    empty = start_oxigraph(tmp_path / "empty")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "amkg", "serve", "--port", "1", *empty.flags()],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        empty.stop()
    assert done.returncode == 1
    assert "amkg load" in done.stderr


def test_engine_built_ins_and_pragmas_are_never_forwarded(engines: Engines) -> None:
    """Virtuoso runs SQL built-ins named as functions (``bif:``) and reads ``DEFINE`` pragmas: our endpoint
    forwards SPARQL 1.1 only, so both are 400s with a message, before the engine sees them."""
    base = engines.server("virtuoso")
    for query in ("SELECT (<bif:sleep>(1) AS ?x) {}", "DEFINE input:inference 'x' SELECT * { ?s ?p ?o }"):
        response = requests.post(base + "/sparql", data={"query": query}, timeout=30)
        assert response.status_code == 400, response.text
        assert response.text.strip()


def test_the_command_says_what_store_to_give(tmp_path: Path) -> None:
    """``amkg load`` without an engine, and a store that is neither a backend nor an engine URL: exit 1 with
    what to give; an engine that does not answer: the URL without the credentials, never the password."""
    from amkg.cli import main

    assert main(["load"]) == 1
    assert main(["serve", "--store", "sparql+ftp://127.0.0.1/x"]) == 1
    nobody = f"http://127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "AMKG_STORE": f"sparql+{nobody}/query",
        "AMKG_STORE_DATA": f"{nobody}/store",
        "AMKG_STORE_USER": "amkg",
        "AMKG_STORE_PASSWORD": "s3cret-never-shown",
    }
    done = subprocess.run(
        [sys.executable, "-m", "amkg", "load"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "cannot be reached" in done.stderr and nobody in done.stderr
    assert "s3cret" not in done.stderr + done.stdout


HOSTILE = [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
    ("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", 400, "not allowed"),
    ("SELECT * { " + "{ " * 150 + "}" * 150 + " }", 400, "nest"),
    ("SELECT * { ?s ?p ?o", 400, "Syntax error"),
]


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize(("query", "status", "says"), HOSTILE)
def test_our_checks_come_before_any_engine(
    engines: Engines, engine: str, query: str, status: int, says: str
) -> None:
    """Updates, SERVICE calls off the allow-list, deep nesting and bad syntax are refused by our endpoint,
    with its own message, whatever engine is behind it."""
    response = requests.post(engines.server(engine) + "/sparql", data={"query": query}, timeout=30)
    assert response.status_code == status, response.text
    assert says.lower() in response.text.lower()


class Misbehaving:
    """An "engine" on loopback that never answers, answers HTML, or answers too much: what a real engine
    does under faults that cannot be made on demand."""

    def __init__(self, reply: bytes | None) -> None:
        self.reply = reply
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/sparql"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with suppress(OSError):
            while True:
                client, _ = self.listener.accept()
                client.recv(65536)
                if self.reply is None:
                    self.held.append(client)  # read, never answered
                    continue
                with client:
                    client.sendall(self.reply)

    def close(self) -> None:
        self.listener.close()
        for client in self.held:
            client.close()


def _reply(content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body


@pytest.mark.parametrize(
    ("reply", "status", "says"),
    [
        (None, 504, "did not answer in time"),
        (_reply("text/html", b"<html>busy</html>"), 502, "answered in text/html"),
        (_reply("application/sparql-results+xml", b"<sparql><head>"), 502, "unreadable answer"),
        (_reply("application/sparql-results+xml", b" " * 5000), 413, "more than 4,096 bytes"),
    ],
)
def test_a_misbehaving_engine_is_a_clear_error(reply: bytes | None, status: int, says: str) -> None:
    """Never a short or empty answer: the engine's fault is the status a client can act on."""
    from amkg.store import RemoteError, Store
    from amkg.store.remote import Endpoints, RemoteBackend

    engine = Misbehaving(reply)
    try:
        endpoints = Endpoints(engine.url, read_timeout=1.0, max_bytes=4096)
        store = Store(RemoteBackend(endpoints, ["https://w3id.org/amkg/graph/ontology"], 1))
        with pytest.raises(RemoteError) as caught:
            store.select("SELECT * WHERE { ?s ?p ?o }")
    finally:
        engine.close()
    assert caught.value.status == status
    assert says in caught.value.message and engine.url in caught.value.message


def test_service_over_an_engine_is_refused_even_when_allowed(engines: Engines) -> None:
    """The engine, not this endpoint, would make the call, past the check of where it goes: a 400 that says
    so, even for an endpoint on the allow-list."""
    engine = engines.engine("oxigraph-server")
    listed = "http://localhost:9/sparql"
    url, proc = start_server(
        [*engine.flags(), "--service-allow", listed, "--service-private"], env=engine.env()
    )
    try:
        query = f"SELECT * WHERE {{ SERVICE <{listed}> {{ ?s ?p ?o }} }}"
        response = requests.post(url + "/sparql", data={"query": query}, timeout=30)
    finally:
        stop_server(proc)
    assert response.status_code == 400
    assert "external engine" in response.text and "Federate from the engine" in response.text
