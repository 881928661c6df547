"""The other store backends answer like the default one: pyoxigraph on disk, rdflib's own engine, and the
external engines over the SPARQL protocol (Oxigraph's server, Virtuoso; ``-m remote``).

Each runs as a real server (``amkg serve --store …``); answers are compared as sets of rows or as
canonical graphs, since engines may order unordered results differently.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from conftest import Engines
from rdflib import Graph
from rdflib.compare import to_isomorphic
from support.engines import ENGINES
from support.server import start_server, stop_server

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
WEF_2020 = "https://w3id.org/amkg/id/source/wef-amhub-2020"
QUERIES = [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", {}),
    (f"SELECT ?p ?o WHERE {{ <{MICHIGAN}> ?p ?o }}", {}),
    (f"SELECT ?p ?o WHERE {{ <{MICHIGAN}> ?p ?o }}", {"default-graph-uri": WEF_2020}),
    ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"named-graph-uri": WEF_2020}),
    (f"SELECT (COUNT(*) AS ?n) FROM <{WEF_2020}> WHERE {{ ?s ?p ?o }}", {}),
    (f"ASK {{ <{MICHIGAN}> ?p ?o }}", {}),
    (f"CONSTRUCT {{ <{MICHIGAN}> ?p ?o }} WHERE {{ <{MICHIGAN}> ?p ?o FILTER(!isBlank(?o)) }}", {}),
]


@pytest.fixture(
    scope="module",
    params=["oxigraph-disk", "rdflib", *(pytest.param(name, marks=pytest.mark.remote) for name in ENGINES)],
)
def backend(request: pytest.FixtureRequest, engines: Engines) -> Iterator[str]:
    if request.param in ENGINES:  # an external engine, started once per session (conftest.Engines)
        yield engines.server(request.param)
        return
    url, proc = start_server(["--store", request.param])
    yield url
    stop_server(proc)


def answer(base: str, query: str, params: dict[str, str]) -> object:
    response = requests.post(
        f"{base}/sparql",
        data={"query": query, **params},
        headers={"Accept": "application/sparql-results+json, application/n-triples"},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    if response.headers["Content-Type"].startswith("application/n-triples"):
        return to_isomorphic(Graph().parse(data=response.text, format="nt"))
    data = response.json()
    if "boolean" in data:
        return data["boolean"]
    bindings = data["results"]["bindings"]
    return sorted(tuple(sorted((k, v["value"]) for k, v in row.items())) for row in bindings)


@pytest.mark.parametrize(("query", "params"), QUERIES)
def test_backend_answers_like_the_default(
    live_server: str, backend: str, query: str, params: dict[str, str]
) -> None:
    assert answer(backend, query, params) == answer(live_server, query, params)


def test_backend_describes_and_serves_pages(backend: str) -> None:
    response = requests.get(f"{backend}/sparql", params={"query": f"DESCRIBE <{MICHIGAN}>"}, timeout=60)
    assert response.status_code == 200 and "Michigan AMHUB" in response.text
    assert requests.get(f"{backend}/.well-known/void", timeout=60).status_code == 200
