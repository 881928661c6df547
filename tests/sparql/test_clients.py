"""Real SPARQL clients against the endpoint: SPARQLWrapper in every format, rdflib's SPARQLStore, and
federated queries from other engines (rdflib and pyoxigraph) that call us with SERVICE."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
LABEL = "Michigan AMHUB"
SELECT = f"SELECT ?label WHERE {{ <{MICHIGAN}> <{RDFS.label}> ?label }}"
ASK = f"ASK {{ <{MICHIGAN}> <{RDFS.label}> ?label }}"
DESCRIBE = f"DESCRIBE <{MICHIGAN}>"
PATTERN = f"<{MICHIGAN}> <{RDFS.label}> ?label"
CONSTRUCT = f"CONSTRUCT {{ {PATTERN} }} WHERE {{ {PATTERN} }}"


def wrapper(base: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(live_server: str, method: str) -> None:
    data = wrapper(live_server, SELECT, JSON, method).queryAndConvert()
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == [LABEL]


def test_sparqlwrapper_select_xml(live_server: str) -> None:
    document = wrapper(live_server, SELECT, XML).queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == [LABEL]


def test_sparqlwrapper_select_csv(live_server: str) -> None:
    text = wrapper(live_server, SELECT, CSV).queryAndConvert().decode()
    assert list(csv.reader(io.StringIO(text))) == [["label"], [LABEL]]


def test_sparqlwrapper_select_tsv(live_server: str) -> None:
    text = wrapper(live_server, SELECT, TSV).queryAndConvert().decode()
    assert text.splitlines() == ["?label", f'"{LABEL}"@en']


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(live_server: str, fmt: str) -> None:
    result = wrapper(live_server, ASK, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, JSONLD])
@pytest.mark.parametrize("query", [DESCRIBE, CONSTRUCT])
def test_sparqlwrapper_graphs_in_every_format(live_server: str, fmt: str, query: str) -> None:
    graph = wrapper(live_server, query, fmt).queryAndConvert()
    if not isinstance(graph, Graph):  # SPARQLWrapper hands Turtle and N3 over as bytes
        graph = Graph().parse(data=graph, format="turtle" if fmt == TURTLE else "n3")
    assert (URIRef(MICHIGAN), RDFS.label, Literal(LABEL, lang="en")) in graph


def test_rdflib_sparqlstore(live_server: str) -> None:
    graph = Graph(store=SPARQLStore(f"{live_server}/sparql", returnFormat="json"))
    rows = list(graph.query(SELECT))
    assert [str(row[0]) for row in rows] == [LABEL]
    assert (URIRef(MICHIGAN), RDFS.label, Literal(LABEL, lang="en")) in graph
    assert graph.value(URIRef(MICHIGAN), RDFS.label) == Literal(LABEL, lang="en")


def test_federated_query_from_rdflib(live_server: str) -> None:
    local = Graph()
    local.add((URIRef("urn:mine"), RDFS.seeAlso, URIRef(MICHIGAN)))
    query = f"""SELECT ?label WHERE {{
        <urn:mine> <{RDFS.seeAlso}> ?hub .
        SERVICE <{live_server}/sparql> {{ ?hub <{RDFS.label}> ?label }}
    }}"""
    assert [str(row[0]) for row in local.query(query)] == [LABEL]


def test_federated_query_from_pyoxigraph(live_server: str) -> None:
    local = ox.Store()
    local.add(ox.Quad(ox.NamedNode("urn:mine"), ox.NamedNode(str(RDFS.seeAlso)), ox.NamedNode(MICHIGAN)))
    query = f"""SELECT ?label WHERE {{
        <urn:mine> <{RDFS.seeAlso}> ?hub .
        SERVICE <{live_server}/sparql> {{ ?hub <{RDFS.label}> ?label }}
    }}"""
    assert [row["label"].value for row in local.query(query)] == [LABEL]
