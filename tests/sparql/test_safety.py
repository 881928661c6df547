"""Safe by default: read-only, honest timeouts that free the CPU, signalled row limits, no outbound calls.

A second server runs with a tight configuration (2 s timeout, 5-row limit) and an allow-list naming a
socket this test listens on, at a loopback address: the socket proves that neither SERVICE nor FROM nor
the protocol's graph parameters ever connect, even to a listed endpoint.
"""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import requests
from support.clients import cpu_seconds, tree
from support.server import start_server, stop_server

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: A cartesian product far beyond any timeout: the engine would run it for hours.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ROW_LIMIT = 5
TIMEOUT = 2


class Trap:
    """A listening socket on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    t = Trap()
    yield t
    t.close()


@pytest.fixture(scope="module")
def strict(trap: Trap) -> Iterator[tuple[str, int]]:
    """(URL, master pid) of a server with a 2 s timeout, a 5-row limit and the trap on its allow-list.

    Set both ways: the allow-list by an ``AMKG_*`` variable, the limits by flags, which must win over the
    variables also set for them (a 60 s timeout or a 7-row limit would fail the tests below)."""
    listed = f"http://127.0.0.1:{trap.port}/sparql http://localhost:{trap.port}/sparql"
    env = {"AMKG_QUERY_TIMEOUT": "60", "AMKG_ROW_LIMIT": "7", "AMKG_SERVICE_ALLOWLIST": listed}
    flags = ["--query-timeout", str(TIMEOUT), "--row-limit", str(ROW_LIMIT), "--client-queries", "3"]
    url, proc = start_server(flags, env=env)
    yield url, proc.pid
    stop_server(proc)


def post(base: str, query: str, params: dict[str, str] | None = None) -> requests.Response:
    return requests.post(f"{base}/sparql", data={"query": query, **(params or {})}, timeout=30)


# ---------------------------------------------------------------- read-only


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/amkg/id/source/wef-amhub-2020>",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "PREFIX ex: <urn:ex:> WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_in_every_form_and_change_nothing(live_server: str, update: str) -> None:
    before = post(live_server, COUNT_ALL).json()
    attempts = [
        requests.post(f"{live_server}/sparql", data={"update": update}, timeout=10),
        requests.get(f"{live_server}/sparql", params={"update": update}, timeout=10),
        requests.post(
            f"{live_server}/sparql",
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
            timeout=10,
        ),
        requests.post(
            f"{live_server}/sparql",
            data=update.encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=10,
        ),
        requests.post(f"{live_server}/sparql", data={"query": update}, timeout=10),
        requests.get(f"{live_server}/sparql", params={"query": update}, timeout=10),
    ]
    for response in attempts:
        assert 400 <= response.status_code < 500, response.text
        assert "read-only" in response.text
    assert post(live_server, COUNT_ALL).json() == before


# ---------------------------------------------------------------- timeouts


def test_a_query_past_the_timeout_is_stopped_with_503_and_its_cpu_freed(strict: tuple[str, int]) -> None:
    url, master = strict
    started = time.monotonic()
    response = post(url, ENDLESS)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert f"stopped after {TIMEOUT} seconds" in response.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    # The server's processes go quiet: the runaway query no longer burns a core.
    time.sleep(0.5)
    spent = cpu_seconds(tree(master))  # master, web worker, query pool (the query ran in the pool)
    time.sleep(2)
    assert cpu_seconds(tree(master)) - spent < 0.5, "CPU still busy after the timeout"
    # ...and the next request is served normally, at once.
    started = time.monotonic()
    follow = post(url, f"ASK {{ <{MICHIGAN}> ?p ?o }}")
    assert follow.status_code == 200 and follow.json()["boolean"] is True
    assert time.monotonic() - started < 2


def test_timeouts_do_not_take_the_server_down(strict: tuple[str, int]) -> None:
    url, _ = strict
    answers = []

    def ask() -> None:
        answers.append(post(url, ENDLESS).status_code)

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [503, 503, 503]
    assert requests.get(f"{url}/ping", timeout=5).status_code == 200


# ---------------------------------------------------------------- row limit


def rows(response: requests.Response) -> list[dict]:
    return response.json()["results"]["bindings"]


def test_results_over_the_limit_are_cut_and_the_cut_signalled(strict: tuple[str, int]) -> None:
    url, _ = strict
    response = post(url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(rows(response)) == ROW_LIMIT
    assert response.headers["AMKG-Results-Truncated"] == "true"
    assert response.headers["AMKG-Row-Limit"] == str(ROW_LIMIT)
    body = response.json()
    assert set(body) == {"head", "results"} and body["head"]["link"] == [f"{url}/sparql"]


def test_a_larger_own_limit_is_also_cut(strict: tuple[str, int]) -> None:
    url, _ = strict
    response = post(url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 500 OFFSET 3")
    assert len(rows(response)) == ROW_LIMIT
    assert response.headers["AMKG-Results-Truncated"] == "true"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
        f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {ROW_LIMIT}",
        "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 } }",
        "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 2 } } VALUES ?y { 1 }",
    ],
)
def test_results_within_the_limit_are_not_flagged(strict: tuple[str, int], query: str) -> None:
    url, _ = strict
    response = post(url, query)
    assert response.status_code == 200, response.text
    assert len(rows(response)) <= ROW_LIMIT
    assert "AMKG-Results-Truncated" not in response.headers
    assert "link" not in response.json()["head"]


def test_cut_is_signalled_in_every_results_format(strict: tuple[str, int]) -> None:
    url, _ = strict
    # twice the row limit, cheap to sort: the 2 s deadline of this server must not be what the test meets
    rows_in = " ".join(f"(<https://example.org/{i:02d}> {i})" for i in range(2 * ROW_LIMIT))
    query = f"SELECT ?s ?o WHERE {{ VALUES (?s ?o) {{ {rows_in} }} }} ORDER BY ?s ?o"
    full_csv = post(url, query, params={"format": "csv"})
    assert full_csv.headers["AMKG-Results-Truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(full_csv.text)))) == ROW_LIMIT + 1
    tsv = post(url, query, params={"format": "tsv"})
    assert tsv.text.count("\n") == ROW_LIMIT + 1 and tsv.headers["AMKG-Results-Truncated"] == "true"
    xml = post(url, query, params={"format": "xml"})
    assert xml.text.count("<result>") == ROW_LIMIT and xml.headers["AMKG-Results-Truncated"] == "true"
    from_json = [r["s"]["value"] for r in rows(post(url, query))]
    assert from_json == [line[0] for line in csv.reader(io.StringIO(full_csv.text))][1:]


def test_graph_answers_are_cut_too(strict: tuple[str, int]) -> None:
    url, _ = strict
    response = requests.post(
        f"{url}/sparql",
        data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
        timeout=30,
    )
    assert response.headers["AMKG-Results-Truncated"] == "true"
    assert len([line for line in response.text.splitlines() if line.strip()]) == ROW_LIMIT


# ---------------------------------------------------------------- no outbound requests


def test_service_to_a_listed_loopback_endpoint_is_refused_without_connecting(
    strict: tuple[str, int], trap: Trap
) -> None:
    url, _ = strict
    for host in ("127.0.0.1", "localhost"):
        endpoint = f"http://{host}:{trap.port}/sparql"
        response = post(url, f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
        assert response.status_code == 400
        assert endpoint in response.text and "loopback" in response.text
    assert trap.connections == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
        "BASE <http://example.org/> SELECT * WHERE { service <sparql> { ?s ?p ?o } }",
        r"SELECT * WHERE { SERVICE <http:\u002F\u002Fexample.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?x ?y ?z OPTIONAL { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
        "SELECT * WHERE { FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
    ],
)
def test_service_to_an_unlisted_endpoint_is_refused_naming_it(strict: tuple[str, int], query: str) -> None:
    url, _ = strict
    response = post(url, query)
    assert response.status_code == 400
    assert "<http://example.org/sparql> is not allowed" in response.text


def test_service_with_a_variable_endpoint_is_refused(strict: tuple[str, int], trap: Trap) -> None:
    url, _ = strict
    query = (
        f"SELECT * WHERE {{ BIND(<http://127.0.0.1:{trap.port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    )
    response = post(url, query)
    assert response.status_code == 400 and "?e" in response.text
    assert trap.connections == []


def test_service_behind_an_ambiguous_less_than_is_refused(strict: tuple[str, int], trap: Trap) -> None:
    """``<'a>'`` reads as an IRI to a lexer but as less-than and a string to the parser: no way through."""
    url, _ = strict
    endpoint = f"http://127.0.0.1:{trap.port}/sparql"
    query = (
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'a>') SERVICE <{endpoint}> {{ ?x ?y ?z }} FILTER('x'!='') }}"
    )
    response = post(url, query)
    assert response.status_code == 400
    assert trap.connections == []


def test_from_and_graph_parameters_never_fetch(strict: tuple[str, int], trap: Trap) -> None:
    url, _ = strict
    remote = f"http://127.0.0.1:{trap.port}/data.ttl"
    for query, params in [
        (f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": remote}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": remote}),
        (f"ASK {{ GRAPH <{remote}> {{ ?s ?p ?o }} }}", {}),
    ]:
        response = post(url, query, params=params)
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["boolean"] is False if "boolean" in answer else rows(response) == []
    time.sleep(0.5)
    assert trap.connections == []
