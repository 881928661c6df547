"""The competency questions of ``queries/``: each answers exactly as stored in ``tests/expected/``.

The stored answers were checked by hand against the source documents, so a failure means the data changed
(check the new answer against the documents, then ``amkg queries --update-expected``), or the store or the
endpoint answers wrongly. Every question runs twice: on the built store and through the live endpoint, and
both again over each external engine (``-m remote``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
import requests
from amkg.catalogue import Query, catalogue, engine_differences
from amkg.catalogue import answers as cat
from amkg.catalogue.doc import render
from amkg.store import Dataset, Store, open_store
from conftest import BACKENDS, Engines
from rdflib.plugins.sparql import prepareQuery
from support.server import DIST, ROOT

QUERIES = catalogue()
#: What an external engine answers otherwise (``queries/engines.tsv``), by question then engine.
DIFFERS = engine_differences()
RUNNABLE = [query for query in QUERIES if not query.federation]
FEDERATED = [query for query in QUERIES if query.federation]
SOURCES = sorted(path.name for path in (ROOT / "graph").iterdir() if path.is_dir())
SOURCE_IRI = "https://w3id.org/amkg/id/source/"

#: What the catalogue as a whole must show, as patterns over the SPARQL text (comments and strings blanked).
REQUIRED = {
    "GRAPH": r"\bGRAPH\b",
    "COUNT": r"\bCOUNT\s*\(",
    "GROUP BY": r"\bGROUP\s+BY\b",
    "HAVING": r"\bHAVING\b",
    "ORDER BY + LIMIT": r"\bORDER\s+BY\b[^{}]*\bLIMIT\s+\d",
    "OPTIONAL": r"\bOPTIONAL\b",
    "FILTER with language test": r"\blangMatches\s*\(\s*lang\s*\(",
    "FILTER with numeric test": r"\bFILTER\s*\([^)]*[<>]=?\s*[\d?]",
    "VALUES": r"\bVALUES\b",
    "BIND": r"\bBIND\s*\(",
    "subquery": r"\{\s*SELECT\b",
    "property path over skos:broader": r"skos:broader\s*[*+]",
    "property path over amkg:locatedIn": r"amkg:locatedIn\s*[*+]",
    "MINUS": r"\bMINUS\b",
    "NOT EXISTS": r"\bNOT\s+EXISTS\b",
    "CONSTRUCT": r"\bCONSTRUCT\b",
    "ASK": r"\bASK\b",
    "DESCRIBE": r"\bDESCRIBE\b",
    "SERVICE": r"\bSERVICE\b",
}
#: A feature named in a header (keywords in capitals, as in SPARQL) must be visible in the query itself.
CLAIMS = {
    "GRAPH": r"\bGRAPH\b",
    "OPTIONAL": r"\bOPTIONAL\b",
    "VALUES": r"\bVALUES\b",
    "BIND": r"\bBIND\s*\(",
    "MINUS": r"\bMINUS\b",
    "NOT EXISTS": r"\bNOT\s+EXISTS\b",
    "HAVING": r"\bHAVING\b",
    "GROUP BY": r"\bGROUP\s+BY\b",
    "ORDER BY": r"\bORDER\s+BY\b",
    "LIMIT": r"\bLIMIT\b",
    "COUNT": r"\bCOUNT\b",
    "subquer": r"\{\s*SELECT\b",
    "UNION": r"\bUNION\b",
    "CONSTRUCT": r"\bCONSTRUCT\b",
    "ASK": r"\bASK\b",
    "DESCRIBE": r"\bDESCRIBE\b",
    "SERVICE": r"\bSERVICE\b",
    "language test": r"\blangMatches\b",
    "GROUP_CONCAT": r"\bGROUP_CONCAT\b",
    "FROM": r"\bFROM\b",
    "AVG": r"\bAVG\b",
    "MAX": r"\bMAX\b",
}


def ids(queries: list[Query]) -> list[str]:
    return [query.name for query in queries]


def difference(query: Query, expected: cat.Answer, actual: cat.Answer) -> str:
    """What an answer lacks and has too much of, compared with the stored one, for the failure message."""
    if isinstance(expected, list) and isinstance(actual, list):
        lacking, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    elif "results" in expected and "results" in actual:
        want, got = Counter(cat.rows(expected)), Counter(cat.rows(actual))
        lacking, extra = list((want - got).elements()), list((got - want).elements())
        if not lacking and not extra:
            return f"{query.name}: same rows in another order"
    else:
        return f"{query.name}: expected {expected}, got {actual}"
    return f"{query.name}: lacks {lacking[:5]} and has extra {extra[:5]}"


# ---------------------------------------------------------------- the catalogue itself


def test_at_least_forty_questions_numbered_in_order() -> None:
    assert len(QUERIES) >= 40
    assert [query.number for query in QUERIES] == list(range(1, len(QUERIES) + 1))


def test_every_source_document_is_used_by_at_least_five_questions() -> None:
    for query in QUERIES:
        assert set(query.sources) <= set(SOURCES), f"{query.name} names an unknown source"
    uses = {source: sum(source in query.sources for query in QUERIES) for source in SOURCES}
    assert all(count >= 5 for count in uses.values()), uses


def test_together_the_questions_use_every_required_sparql_feature() -> None:
    missing = [
        name
        for name, pattern in REQUIRED.items()
        if not any(re.search(pattern, query.body, re.IGNORECASE) for query in QUERIES)
    ]
    assert not missing
    assert any(len(query.sources) >= 3 for query in RUNNABLE), "no question joins three or more documents"


@pytest.mark.parametrize("query", QUERIES, ids=ids(QUERIES))
def test_header_claims_are_true_of_the_query(query: Query) -> None:
    for feature in query.features:
        for claim, pattern in CLAIMS.items():
            if re.search(rf"\b{re.escape(claim)}", feature):
                assert re.search(pattern, query.body, re.IGNORECASE), f"{query.name} claims {feature!r}"
    assert bool(query.federation) == bool(re.search(r"\bSERVICE\b", query.body, re.IGNORECASE))


def test_one_stored_answer_per_runnable_question_and_none_left_over() -> None:
    stored = {path.name for path in cat.EXPECTED.iterdir()}
    assert stored == {query.expected_path(cat.EXPECTED).name for query in RUNNABLE}


@pytest.mark.parametrize("query", RUNNABLE, ids=ids(RUNNABLE))
def test_stored_answer_is_not_empty(query: Query) -> None:
    assert not cat.is_empty(cat.read_expected(query))


def test_catalogue_page_is_in_sync_with_the_queries_and_answers() -> None:
    assert (ROOT / "docs" / "queries.md").read_text(encoding="utf-8") == render(QUERIES), (
        "docs/queries.md is stale: run `amkg queries --doc docs/queries.md`"
    )


# ---------------------------------------------------------------- answers from the built store


@pytest.fixture(scope="session", params=BACKENDS)
def store(request: pytest.FixtureRequest, engines: Engines) -> Store:
    """The built dataset in the configured engine, loaded as the server loads it; then in each external
    engine, loaded by ``amkg load`` (marked ``remote``)."""
    if request.param != "embedded":
        return open_store(engines.settings(request.param))
    return request.getfixturevalue("embedded")


def without(store: Store, source: str) -> Dataset:
    """The built dataset minus one document's named graph (as a protocol dataset: default = named = rest)."""
    rest = tuple(graph for graph in store.graph_names() if graph != SOURCE_IRI + source)
    return Dataset(default=rest, named=rest)


def check_answer(backend: str, query: Query, actual: cat.Answer) -> None:
    """The stored answer, or, where ``queries/engines.tsv`` says this engine answers otherwise, an answer
    that still differs (a fixed engine must have its line removed, so the catalogue stays true)."""
    assert not cat.is_empty(actual), f"{query.name} returns nothing on {backend}"
    expected = cat.read_expected(query)
    known = DIFFERS.get(query.name, {}).get(backend)
    if known:
        assert not cat.same(query, expected, actual), f"{backend} now answers {query.name} as stored"
        return
    assert cat.same(query, expected, actual), difference(query, expected, actual)


@pytest.mark.parametrize("query", RUNNABLE, ids=ids(RUNNABLE))
def test_answer_from_the_store_is_the_stored_answer(
    request: pytest.FixtureRequest, store: Store, query: Query
) -> None:
    check_answer(request.node.callspec.params["store"], query, cat.run(store, query))


@pytest.fixture(scope="session")
def embedded() -> Store:
    if not (DIST / "amkg.nq").exists():
        subprocess.run([sys.executable, "-m", "amkg", "build"], cwd=ROOT, check=True)
    return cat.load_store(DIST)


@pytest.mark.parametrize("query", RUNNABLE, ids=ids(RUNNABLE))
def test_every_source_a_question_names_changes_its_answer(embedded: Store, query: Query) -> None:
    """A source listed in the header is really used: without its graph the answer is different (a claim
    of the catalogue, checked on the embedded store only)."""
    store = embedded
    full = cat.run(store, query)
    unused = [
        source
        for source in query.sources
        if cat.same(query, full, cat.run(store, query, without(store, source)))
    ]
    assert not unused, f"{query.name} lists sources its answer does not depend on: {unused}"


# ---------------------------------------------------------------- answers over HTTP


def ask_endpoint(base: str, query: Query) -> requests.Response:
    accept = "application/n-triples" if query.returns_graph else "application/sparql-results+json"
    return requests.post(f"{base}/sparql", data={"query": query.text}, headers={"Accept": accept}, timeout=60)


#: rdflib parser for each RDF media type an endpoint may answer a CONSTRUCT or DESCRIBE with.
RDF_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def http_answer(query: Query, response: requests.Response) -> cat.Answer:
    kind = response.headers.get("Content-Type", "").split(";")[0].strip()
    if query.returns_graph:
        return cat.canonical_graph(response.text, RDF_FORMATS[kind])
    return cat.canonical(query, response.json())


@pytest.mark.parametrize("query", RUNNABLE, ids=ids(RUNNABLE))
def test_answer_over_http_is_the_stored_answer(
    request: pytest.FixtureRequest, served: str, query: Query
) -> None:
    response = ask_endpoint(served, query)
    assert response.status_code == 200, response.text[:500]
    check_answer(request.node.callspec.params["served"], query, http_answer(query, response))


# ---------------------------------------------------------------- federation


@pytest.mark.parametrize("query", FEDERATED, ids=ids(FEDERATED))
def test_federated_question_is_valid_sparql(query: Query) -> None:
    prepareQuery(query.text)
    endpoints = re.findall(r"\bSERVICE\s+<([^>]+)>", query.body, re.IGNORECASE)
    assert endpoints and all(endpoint in query.federation for endpoint in endpoints)


@pytest.mark.parametrize("query", FEDERATED, ids=ids(FEDERATED))
def test_federated_question_is_refused_by_default(live_server: str, query: Query) -> None:
    """No SERVICE endpoint is allowed unless configured, so the query fails fast instead of calling out."""
    assert ask_endpoint(live_server, query).status_code == 400
