"""The competency questions as data (SIB's sparql-examples convention) and their permalink pages."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from amkg.catalogue import Query, catalogue
from amkg.catalogue.answers import read_expected
from amkg.rdf.namespaces import EXAMPLES_GRAPH, PREFIXES
from rdflib import RDF, RDFS, Dataset, Graph, Namespace, URIRef
from support.server import DIST
from support.web import Web

SH = Namespace("http://www.w3.org/ns/shacl#")
SPEX = Namespace("https://purl.expasy.org/sparql-examples/ontology#")
SCHEMA = Namespace("https://schema.org/")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORMS = {"SELECT": SH.select, "ASK": SH.ask, "CONSTRUCT": SH.construct, "DESCRIBE": SPEX.describe}
QUERIES = catalogue()


@pytest.fixture(scope="module")
def examples(web_module: Web) -> Graph:
    answer = web_module.get(
        f"{web_module.base}/.well-known/sparql-examples", headers={"Accept": "text/turtle"}
    )
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/turtle")
    return Graph().parse(data=answer.content, format="turtle")


@pytest.fixture(scope="module")
def web_module(app: object) -> Web:
    return Web(app.test_client())


def test_every_question_is_an_executable_example_in_sibs_convention(examples: Graph) -> None:
    declared = {
        str(examples.value(d, SH.prefix)): str(examples.value(d, SH.namespace))
        for node in examples.objects(None, SH.prefixes)
        for d in examples.objects(node, SH.declare)
    }
    assert {p: declared[p] for p in PREFIXES} == PREFIXES
    for query in QUERIES:
        example = URIRef(f"https://w3id.org/amkg/query/{query.name}")
        assert (example, RDF.type, SH.SPARQLExecutable) in examples, query.name
        text = examples.value(example, FORMS[query.form])
        assert text is not None and str(text).strip() in query.text, query.name
        assert str(examples.value(example, RDFS.comment)) == query.question
        assert examples.value(example, RDFS.comment).language == "en"  # type: ignore[union-attr]
        keywords = {str(k) for k in examples.objects(example, SCHEMA.keywords)}
        assert set(query.features) <= keywords, query.name
        assert (example, SCHEMA.target, URIRef("https://w3id.org/amkg/sparql")) in examples


def test_the_examples_have_their_own_named_graph_in_the_dump() -> None:
    dump = Dataset().parse(DIST / "amkg.nq", format="nquads")
    graph = dump.graph(URIRef(EXAMPLES_GRAPH))
    assert len(set(graph.subjects(RDF.type, SH.SPARQLExecutable))) == len(QUERIES)


def test_the_examples_are_negotiated_as_json_ld_and_listed_for_browsers(web: Web) -> None:
    url = f"{web.base}/.well-known/sparql-examples"
    jsonld = web.get(url, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["Content-Type"] == "application/ld+json; charset=utf-8"
    assert len(Graph().parse(data=jsonld.content, format="json-ld")) > len(QUERIES) * 5
    page = web.get(url, headers={"Accept": BROWSER})
    assert page.headers["Content-Type"].startswith("text/html") and "Accept" in page.headers["Vary"]
    assert page.text.count('href="http://127.0.0.1:8080/query/') == len(QUERIES)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_each_permalink_shows_question_sparql_answer_and_the_editor(web_module: Web, query: Query) -> None:
    q = query
    page = web_module.get(f"{web_module.base}/query/{q.name}", headers={"Accept": BROWSER})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert q.question in text
    editor = re.search(r'href="([^"]+)">Open in the editor', page.text)
    assert editor is not None
    sent = parse_qs(urlsplit(html.unescape(editor.group(1))).query)["query"][0]
    assert sent.strip() in q.text
    if "SERVICE" in q.text:
        assert "calls another SPARQL endpoint" in text
        return
    expected = read_expected(q)
    if q.form == "ASK":
        assert f"<strong>{'yes' if expected['boolean'] else 'no'}</strong>" in page.text  # type: ignore[index]
    elif q.returns_graph:
        assert f"{len(expected)} statement" in text
    else:
        rows = len(expected["results"]["bindings"])  # type: ignore[index]
        assert f"{rows} row" in text


def test_a_permalink_is_rdf_for_rdf_clients_and_unknown_names_are_404(web: Web) -> None:
    name = QUERIES[0].name
    turtle = web.get(f"{web.base}/query/{name}", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.content, format="turtle")
    assert (URIRef(f"https://w3id.org/amkg/query/{name}"), RDF.type, SH.SPARQLSelectExecutable) in graph
    assert web.get(f"{web.base}/query/99-no-such-question", headers={"Accept": BROWSER}).status_code == 404
    assert (
        web.get(f"{web.base}/query/99-no-such-question", headers={"Accept": "text/turtle"}).status_code == 404
    )
