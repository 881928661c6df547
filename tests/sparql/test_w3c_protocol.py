"""The query side of the W3C SPARQL 1.1 Protocol test suite, one test per manifest entry, on our data.

https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl — the suite's data files
(data1.rdf, data2.rdf…) become our source graphs (the WEF reports of 2020 and 2021, the ontology graph);
each test asks what the manifest's test asks of its data. Entries already tested against the live server in
``test_protocol.py`` are not repeated here:

- bad_query_method → ``test_bad_query_method``; bad_multiple_queries → ``test_bad_multiple_queries``;
- bad_query_wrong_media_type, bad_query_missing_form_type, bad_query_missing_direct_type,
  bad_query_non_utf8 → the tests of those names; bad_query_syntax →
  ``test_bad_query_syntax_reports_the_parser_message_and_position``;
- bad_update_get → ``test_bad_update_get``.

The endpoint is read-only, so the suite's update tests (update_post_form, update_post_direct,
update_dataset_*, update_base_uri…) and its bad_update_* tests are all refused with 403 and a message
saying so; the protocol lets a service refuse an operation it does not offer.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
WEF_2020 = "https://w3id.org/amkg/id/source/wef-amhub-2020"
WEF_2021 = "https://w3id.org/amkg/id/source/wef-amhub-2021"
ONTOLOGY = "https://w3id.org/amkg/graph/ontology"
AMKG = "https://w3id.org/amkg/ontology#"
DESCRIPTION = "http://purl.org/dc/terms/description"
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
#: Two different descriptions of Michigan: each report states one, so only their merge has both.
TWO_DESCRIPTIONS = f"ASK {{ <{MICHIGAN}> <{DESCRIPTION}> ?a, ?b FILTER(?a != ?b) }}"
GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{MICHIGAN}> ?p ?o }} }} ORDER BY ?g"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def app(app_over_each_store: Flask) -> Flask:
    """Every test of this module runs over each store: the embedded one and each external engine."""
    return app_over_each_store


def boolean(response: TestResponse) -> bool:
    assert response.status_code == 200, response.text
    return json.loads(response.data)["boolean"]


def graphs(response: TestResponse) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["g"]["value"] for row in json.loads(response.data)["results"]["bindings"]]


def test_query_get(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.mimetype in RESULT_TYPES and boolean(response) is True


def test_query_post_form(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"query": "ASK {}"}, content_type=FORM)
    assert response.mimetype in RESULT_TYPES and boolean(response) is True


def test_query_post_direct(client: FlaskClient) -> None:
    response = client.post("/sparql", data=b"ASK {}", content_type="application/sparql-query")
    assert response.mimetype in RESULT_TYPES and boolean(response) is True


def test_query_dataset_default_graph(client: FlaskClient) -> None:
    query = f"ASK {{ <{MICHIGAN}> ?p ?o }}"
    assert boolean(client.get("/sparql", query_string={"query": query, "default-graph-uri": WEF_2020}))
    assert not boolean(
        client.get("/sparql", query_string={"query": TWO_DESCRIPTIONS, "default-graph-uri": WEF_2020})
    )


def test_query_dataset_default_graphs_get(client: FlaskClient) -> None:
    params = {"query": TWO_DESCRIPTIONS, "default-graph-uri": [WEF_2020, WEF_2021]}
    assert boolean(client.get("/sparql", query_string=params)) is True


def test_query_dataset_default_graphs_post(client: FlaskClient) -> None:
    data = {"query": TWO_DESCRIPTIONS, "default-graph-uri": [WEF_2020, WEF_2021]}
    assert boolean(client.post("/sparql", data=data, content_type=FORM)) is True


def test_query_dataset_named_graphs_post(client: FlaskClient) -> None:
    data = {"query": GRAPHS, "named-graph-uri": [WEF_2021, WEF_2020]}
    assert graphs(client.post("/sparql", data=data, content_type=FORM)) == [WEF_2020, WEF_2021]


def test_query_dataset_named_graphs_get(client: FlaskClient) -> None:
    params = {"query": GRAPHS, "named-graph-uri": [WEF_2020, WEF_2021]}
    assert graphs(client.get("/sparql", query_string=params)) == [WEF_2020, WEF_2021]
    empty_default = {"query": "ASK { ?s ?p ?o }", "named-graph-uri": WEF_2020}
    assert boolean(client.get("/sparql", query_string=empty_default)) is False


def test_query_dataset_full(client: FlaskClient) -> None:
    query = f"""SELECT DISTINCT ?g WHERE {{
        <{AMKG}Hub> a <http://www.w3.org/2002/07/owl#Class> .
        GRAPH ?g {{ <{MICHIGAN}> a <{AMKG}Hub> }}
    }} ORDER BY ?g"""
    params = {"query": query, "default-graph-uri": ONTOLOGY, "named-graph-uri": [WEF_2020, WEF_2021]}
    assert graphs(client.get("/sparql", query_string=params)) == [WEF_2020, WEF_2021]
    without_ontology = {**params, "default-graph-uri": WEF_2020}
    assert graphs(client.get("/sparql", query_string=without_ontology)) == []


def test_query_multiple_dataset(client: FlaskClient) -> None:
    """The protocol's dataset wins over the query's FROM / FROM NAMED."""
    query = f"SELECT DISTINCT ?g FROM NAMED <{WEF_2021}> WHERE {{ GRAPH ?g {{ <{MICHIGAN}> ?p ?o }} }}"
    assert graphs(client.get("/sparql", query_string={"query": query})) == [WEF_2021]
    assert graphs(client.get("/sparql", query_string={"query": query, "named-graph-uri": WEF_2020})) == [
        WEF_2020
    ]


ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/csv;q=0.5, */*;q=0.1"
RDF_ACCEPT = "application/rdf+xml, text/turtle;q=0.9, application/n-triples;q=0.8, */*;q=0.1"


def test_query_content_type_select(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", query_string={"query": "SELECT (1 AS ?x) {}"}, headers={"Accept": ACCEPT}
    )
    assert response.status_code == 200 and response.mimetype == "application/sparql-results+json"
    xml = client.get(
        "/sparql", query_string={"query": "SELECT (1 AS ?x) {}"}, headers={"Accept": ACCEPT[32:]}
    )
    assert xml.mimetype == "application/sparql-results+xml"
    assert [row["x"] for row in ox.parse_query_results(xml.data, ox.QueryResultsFormat.XML)] == [
        ox.Literal(1)
    ]


def test_query_content_type_ask(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": ACCEPT})
    assert response.mimetype == "application/sparql-results+json" and boolean(response) is True


def rdf_response(client: FlaskClient, query: str) -> list[ox.Triple]:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": RDF_ACCEPT})
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/rdf+xml"
    return list(ox.parse(response.data, format=ox.RdfFormat.RDF_XML))


def test_query_content_type_describe(client: FlaskClient) -> None:
    triples = rdf_response(client, f"DESCRIBE <{MICHIGAN}>")
    assert ox.NamedNode(MICHIGAN) in {t.subject for t in triples}


def test_query_content_type_construct(client: FlaskClient) -> None:
    """The suite's own query, with relative IRIs: they resolve against the endpoint's URL."""
    triples = rdf_response(client, "CONSTRUCT { <s> <p> 1 } WHERE {}")
    assert [(t.subject.value, t.predicate.value) for t in triples] == [
        ("http://127.0.0.1:8080/s", "http://127.0.0.1:8080/p")
    ]


@pytest.mark.parametrize(
    "request_args",
    [
        {"method": "POST", "data": {"update": "CLEAR NAMED"}, "content_type": FORM},
        {"method": "POST", "data": b"CLEAR NAMED", "content_type": "application/sparql-update"},
        {"method": "POST", "data": {"query": "INSERT DATA { <s> <p> 1 }"}, "content_type": FORM},
        {
            "method": "POST",
            "data": {"update": "CLEAR ALL", "using-graph-uri": WEF_2020},
            "content_type": FORM,
        },
        {"method": "GET", "query_string": {"update": "CLEAR NAMED"}},
    ],
)
def test_updates_are_refused_read_only(client: FlaskClient, request_args: dict) -> None:
    response = client.open("/sparql", **request_args)
    assert response.status_code == 403
    assert response.mimetype == "text/plain" and "read-only" in response.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
