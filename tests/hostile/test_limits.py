"""Queries small enough for a GET or a short POST that once crashed a worker (stack overflow in the engine's
parser: the client got an empty reply) are refused before the engine sees them, naming the limit; the
server answers the next request as usual. The real server runs them: only a real worker can die.

The safety tests that already held (updates refused, SERVICE to private addresses refused, 413 for large and
chunked bodies, timeouts) stay in tests/sparql/test_safety.py.
"""

from __future__ import annotations

import hashlib
import http.client
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from amkg.app import create_app
from amkg.config import ROOT, Settings
from amkg.rdf.scan import check_limits
from support.server import DIST, start_server, stop_server

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DEFAULTS = Settings()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(URL, stderr log) of a real server with one worker (a dead worker shows) and a 2 s query timeout."""
    log = tmp_path_factory.mktemp("server") / "stderr.log"
    url, proc = start_server(["--workers", "1", "--query-timeout", "2"], log=log)
    yield url, log
    stop_server(proc)


def _raw_get(url: str, target: str) -> tuple[int, str, str]:
    """(status, Content-Type, body) of a GET of ``target`` exactly as written (requests escapes braces)."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)
    try:
        connection.request("GET", target)
        reply = connection.getresponse()
        return reply.status, reply.getheader("Content-Type", ""), reply.read().decode()
    finally:
        connection.close()


def ask_works(url: str) -> bool:
    answer = requests.get(f"{url}/sparql", params={"query": f"ASK {{ <{MICHIGAN}> ?p ?o }}"}, timeout=30)
    return answer.status_code == 200 and answer.json()["boolean"] is True


CRASHERS = {
    "2,200 nested braces (4.4 KB, a GET)": (
        "GET",
        "SELECT * " + "{" * 2200 + "}" * 2200,
        400,
        "2,200 levels",
    ),
    "953 nested STR(": ("POST", "SELECT*{FILTER(" + "STR(" * 953 + "1" + ")" * 953 + ")}", 400, "955 levels"),
    "834 nested FILTER EXISTS": (
        "POST",
        "SELECT*{" + "FILTER EXISTS { " * 834 + "}" * 835,
        400,
        "835 levels",
    ),
    "9,300 negations": ("POST", "SELECT * { FILTER(" + "!" * 9300 + "true) }", 413, "5,000 tokens"),
    "7,000 additions (14 KB)": ("POST", "SELECT*{FILTER(1" + "+1" * 7000 + ")}", 413, "5,000 tokens"),
    "6,600 UNIONs": ("POST", "SELECT*{{}" + "UNION{}" * 6600 + "}", 413, "5,000 tokens"),
    "9,400 FILTERs in a row": ("POST", "SELECT*{" + "FILTER(1)" * 9400 + "}", 413, "5,000 tokens"),
}


@pytest.mark.parametrize("name", CRASHERS)
def test_a_query_that_crashed_the_engine_is_refused_and_the_next_one_answered(
    server: tuple[str, Path], name: str
) -> None:
    url, _ = server
    method, query, status, says = CRASHERS[name]
    if method == "GET":  # sent as a client may: braces unescaped, so 4.4 KB fit in the request line
        raw = urllib.parse.quote(query, safe="{}*")
        got, content_type, text = _raw_get(url, f"/sparql?query={raw}")
    else:
        answer = requests.post(f"{url}/sparql", data={"query": query}, timeout=30)
        got, content_type, text = answer.status_code, answer.headers["Content-Type"], answer.text
    assert got == status, text[:300]
    assert content_type.startswith("text/plain")
    lines = text.splitlines()
    assert len(lines) == 1 and says in lines[0], text
    assert "at most" in lines[0] and "Traceback" not in text
    assert ask_works(url)


def test_every_competency_question_is_within_the_limits() -> None:
    files = sorted((ROOT / "queries").rglob("*.rq"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        check_limits(text, DEFAULTS.max_query_bytes, DEFAULTS.max_query_tokens, DEFAULTS.max_nesting)


def test_the_limits_are_settings() -> None:
    app = create_app(Settings(dist=DIST, max_query_bytes=1_000, max_query_tokens=50, max_nesting=5))
    client = app.test_client()
    deep = "SELECT * " + "{" * 6 + "}" * 6
    answer = client.post("/sparql", data={"query": deep})
    assert answer.status_code == 400
    assert answer.text == (
        "The query nests 6 levels deep (braces, parentheses, brackets and ! together); "
        "this endpoint accepts at most 5.\n"
    )
    assert client.post("/sparql", data={"query": "SELECT * " + "{" * 5 + "}" * 5}).status_code == 200
    negated = client.post("/sparql", data={"query": "SELECT * { FILTER(" + "!" * 4 + "true) }"})
    assert negated.status_code == 400 and "nests 6 levels" in negated.text
    answer = client.post("/sparql", data={"query": "SELECT * {} #" + "x" * 1_000})
    assert answer.status_code == 413
    assert answer.text == "The query is 1,013 bytes long; this endpoint accepts at most 1,000.\n"
    answer = client.post("/sparql", data={"query": "SELECT * {" + " ?s ?p ?o ." * 13 + "}"})
    assert answer.status_code == 413
    assert answer.text == (
        "The query has more than 50 tokens (names, values, operators, brackets); "
        "this endpoint accepts at most 50.\n"
    )
    assert client.post("/sparql", data={"query": "SELECT * {" + " ?s ?p ?o ." * 11 + "}"}).status_code == 200


def test_each_request_is_logged_with_its_query_hashed(server: tuple[str, Path]) -> None:
    url, log = server
    query = "ASK { ?secret ?p ?o }"
    assert requests.get(f"{url}/sparql", params={"query": query}, timeout=30).status_code == 200
    sent = requests.Request("GET", f"{url}/sparql", params={"query": query}).prepare().path_url
    digest = hashlib.sha256(sent.split("?", 1)[1].encode()).hexdigest()[:12]
    lines = [line for line in log.read_text().splitlines() if f"GET /sparql?{digest}" in line]
    assert lines, log.read_text()[-2000:]
    status, took, *_ = lines[-1].split()
    assert status == "200" and took.endswith("ms") and float(took[:-2]) >= 0
    assert "secret" not in log.read_text()


def test_a_timeout_is_logged_with_the_query_hash(server: tuple[str, Path]) -> None:
    url, log = server
    answer = requests.post(f"{url}/sparql", data={"query": ENDLESS}, timeout=30)
    assert answer.status_code == 503
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    digest = hashlib.sha256(ENDLESS.encode()).hexdigest()[:12]
    assert f"503 query {digest} stopped after 2 s" in log.read_text()
    assert ask_works(url)
