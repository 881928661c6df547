"""Every answer is exactly what its format's specification allows, and exactly what the graph says.

A cut answer stays a valid document (strict parsers, and engines calling us with SERVICE, read exactly the
rows sent); ``SELECT *`` keeps the query's column order; relative IRIs resolve against the endpoint's URL;
CSV and XML escape what their specs say, and a term XML cannot carry is a clean refusal; ASK has no CSV or
TSV form; errors that gunicorn raises before the app are plain text with CORS like every other.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace

import pyoxigraph as ox
import pytest
from amkg.app import create_app
from amkg.config import Settings
from amkg.rdf.scan import scan_query
from amkg.sparql import answers
from amkg.store import UNION
from amkg.web.context import get_store
from amkg.web.formats import by_name
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, SPARQLWrapper
from support.server import DIST, start_server, stop_server

ROW_LIMIT = 5
PUBLIC = "http://127.0.0.1:8080/"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def limited() -> FlaskClient:
    """The app with a row limit of five, as a test client."""
    app = create_app(Settings(dist=DIST, public_base=PUBLIC, row_limit=ROW_LIMIT))
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="module")
def limited_server() -> Iterator[str]:
    """A real server with a row limit of five, for the clients that call it over HTTP."""
    url, proc = start_server(["--row-limit", str(ROW_LIMIT)])
    yield url
    stop_server(proc)


def get(client: FlaskClient, query: str, fmt: str = "json", **headers: str):
    return client.get("/sparql", query_string={"query": query, "format": fmt}, headers=headers)


# ---------------------------------------------------------------- 2. a cut answer is still a valid answer


def test_a_cut_json_answer_has_only_the_members_the_spec_allows(limited: FlaskClient) -> None:
    response = get(limited, ALL)
    assert response.headers["AMKG-Results-Truncated"] == "true"
    body = json.loads(response.data)
    assert set(body) == {"head", "results"}
    assert set(body["head"]) == {"vars", "link"}
    assert body["head"]["link"] == [PUBLIC + "sparql"]
    assert len(body["results"]["bindings"]) == ROW_LIMIT
    assert len(list(ox.parse_query_results(response.data, ox.QueryResultsFormat.JSON))) == ROW_LIMIT


def test_a_cut_xml_answer_links_to_the_description_and_stays_valid(limited: FlaskClient) -> None:
    response = get(limited, ALL, "xml")
    root = ET.fromstring(response.data)
    assert [link.get("href") for link in root.iter(SRX + "link")] == [PUBLIC + "sparql"]
    assert len(root.findall(f"{SRX}results/{SRX}result")) == ROW_LIMIT
    assert len(list(ox.parse_query_results(response.data, ox.QueryResultsFormat.XML))) == ROW_LIMIT


def test_an_uncut_answer_has_no_link(limited: FlaskClient) -> None:
    body = json.loads(get(limited, "SELECT ?x { VALUES ?x { 1 2 } }").data)
    assert body["head"] == {"vars": ["x"]}


def service(url: str) -> str:
    return f"SELECT ?s ?p ?o WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"


def test_pyoxigraph_calling_us_with_service_reads_a_cut_answer(limited_server: str) -> None:
    assert len(list(ox.Store().query(service(limited_server)))) == ROW_LIMIT


def test_rdflib_calling_us_with_service_reads_exactly_the_rows_sent(limited_server: str) -> None:
    assert len(Graph().query(service(limited_server))) == ROW_LIMIT


def test_sparqlstore_and_sparqlwrapper_read_a_cut_answer(limited_server: str) -> None:
    store = Graph(store=SPARQLStore(f"{limited_server}/sparql", returnFormat="json"))
    assert len(list(store.query(ALL))) == ROW_LIMIT
    for fmt in (JSON, XML):
        client = SPARQLWrapper(f"{limited_server}/sparql", returnFormat=fmt)
        client.setQuery(ALL)
        result = client.query()
        assert result.info()["amkg-results-truncated"] == "true"
        converted = result.convert()
        if fmt == JSON:
            assert len(converted["results"]["bindings"]) == ROW_LIMIT
        else:
            assert len(converted.getElementsByTagName("result")) == ROW_LIMIT


def test_the_default_row_limit_does_not_cut_the_whole_dump(client: FlaskClient) -> None:
    statements = json.loads((DIST / "manifest.json").read_text())["counts"]["quads"]
    response = get(client, "SELECT * { GRAPH ?g { ?s ?p ?o } }", "tsv")
    assert "AMKG-Results-Truncated" not in response.headers
    assert response.data.count(b"\n") == statements + 1


# ---------------------------------------------------------------- 3. SELECT * keeps the query's order


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s ?p ?o }",
        "SELECT * { ?s ?p ?o } LIMIT 2",
        "SELECT DISTINCT * WHERE { ?s ?p ?o . FILTER(?o != <x>) } LIMIT 2",
    ],
)
def test_select_star_columns_come_in_order_of_appearance(client: FlaskClient, query: str) -> None:
    assert json.loads(get(client, query).data)["head"]["vars"] == ["s", "p", "o"]
    root = ET.fromstring(get(client, query, "xml").data)
    assert [v.get("name") for v in root.iter(SRX + "variable")] == ["s", "p", "o"]
    assert get(client, query, "csv").data.split(b"\r\n")[0] == b"s,p,o"
    assert get(client, query, "tsv").data.split(b"\n")[0] == b"?s\t?p\t?o"


def test_select_star_rows_follow_their_columns(client: FlaskClient) -> None:
    query = 'SELECT * { BIND("first" AS ?b) BIND("second" AS ?a) }'
    assert list(csv.reader(io.StringIO(get(client, query, "csv").text))) == [["b", "a"], ["first", "second"]]
    assert get(client, query, "tsv").text == '?b\t?a\n"first"\t"second"\n'


def test_select_star_order_also_when_rows_are_collected_one_by_one(app: Flask) -> None:
    """An ambiguous scan cannot be given a LIMIT: its rows are taken one by one, in the same order."""
    scan = replace(scan_query("SELECT * { ?s ?p ?o }"), ambiguous=True)
    with app.app_context():
        cut = answers.answer(
            get_store(), scan, UNION, lambda kind: by_name(kind, "json"), 3, PUBLIC + "sparql"
        )
    body = json.loads(cut.body)
    assert cut.truncated and body["head"] == {"vars": ["s", "p", "o"], "link": [PUBLIC + "sparql"]}
    assert len(body["results"]["bindings"]) == 3


# ---------------------------------------------------------------- 4. relative IRIs


def test_relative_iris_resolve_against_the_endpoint(client: FlaskClient) -> None:
    response = get(client, "CONSTRUCT { <s> <p> 1 } WHERE {}", "nt")
    assert response.status_code == 200, response.text
    graph = ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES)
    assert [(t.subject.value, t.predicate.value) for t in graph] == [(PUBLIC + "s", PUBLIC + "p")]
    rows = json.loads(get(client, "SELECT ?x { BIND(<a/b> AS ?x) }").data)["results"]["bindings"]
    assert rows == [{"x": {"type": "uri", "value": PUBLIC + "a/b"}}]


def test_a_query_base_still_wins(client: FlaskClient) -> None:
    rows = json.loads(get(client, "BASE <http://e/> SELECT ?x { BIND(<a> AS ?x) } LIMIT 1").data)
    assert rows["results"]["bindings"] == [{"x": {"type": "uri", "value": "http://e/a"}}]


# ---------------------------------------------------------------- 5. CSV and XML escaping


def test_csv_quotes_an_iri_holding_a_comma(client: FlaskClient) -> None:
    query = 'SELECT ?x ?y { BIND(IRI("http://e/a,b") AS ?x) BIND("c" AS ?y) }'
    assert list(csv.reader(io.StringIO(get(client, query, "csv").text))) == [
        ["x", "y"],
        ["http://e/a,b", "c"],
    ]


def test_csv_writes_every_term_as_the_spec_says(client: FlaskClient) -> None:
    query = 'SELECT ?l ?n ?u { BIND("a,\\"b\\"\\r\\nc" AS ?l) BIND(12 AS ?n) }'
    response = get(client, query, "csv")
    assert list(csv.reader(io.StringIO(response.data.decode(), newline=""))) == [
        ["l", "n", "u"],
        ['a,"b"\r\nc', "12", ""],
    ]
    assert response.data.endswith(b"\r\n")


def literal_values(body: bytes) -> list[str]:
    return [node.text or "" for node in ET.fromstring(body).iter(SRX + "literal")]


def test_xml_results_keep_a_carriage_return(client: FlaskClient) -> None:
    body = get(client, 'SELECT ?x { BIND("a\\rb" AS ?x) }', "xml").data
    assert literal_values(body) == ["a\rb"]
    assert [s["x"].value for s in ox.parse_query_results(body, ox.QueryResultsFormat.XML)] == ["a\rb"]


def test_rdf_xml_keeps_a_carriage_return(client: FlaskClient) -> None:
    body = get(client, 'CONSTRUCT { <http://e/s> <http://e/p> "a\\rb" } WHERE {}', "rdfxml").data
    assert [t.object.value for t in ox.parse(body, format=ox.RdfFormat.RDF_XML)] == ["a\rb"]
    assert [str(o) for o in Graph().parse(data=body, format="xml").objects()] == ["a\rb"]


@pytest.mark.parametrize("char", ["\\u0001", "\\u001F", "\\uFFFE"])
@pytest.mark.parametrize(
    ("template", "fmt"),
    [
        ('SELECT ?x {{ BIND(CONCAT("a", "{c}") AS ?x) }}', "xml"),
        ('CONSTRUCT {{ <s> <p> "{c}" }} {{}}', "rdfxml"),
    ],
)
def test_a_character_xml_cannot_carry_is_refused_cleanly(
    client: FlaskClient, char: str, template: str, fmt: str
) -> None:
    response = get(client, template.format(c=char), fmt)
    assert response.status_code == 406
    assert response.mimetype == "text/plain"
    assert "XML" in response.text and "JSON" in response.text and response.text.count("\n") == 1
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_json_carries_what_xml_cannot(client: FlaskClient) -> None:
    rows = json.loads(get(client, 'SELECT ?x { BIND(CONCAT("a", "\\u0001") AS ?x) }').data)
    assert rows["results"]["bindings"][0]["x"]["value"] == "a\x01"


# ---------------------------------------------------------------- 6. ASK has no CSV or TSV form


@pytest.mark.parametrize("fmt", ["csv", "tsv", "text/csv"])
def test_ask_in_csv_or_tsv_is_refused_with_the_formats_that_fit(client: FlaskClient, fmt: str) -> None:
    response = get(client, "ASK {}", fmt)
    assert response.status_code == 406, response.text
    assert "ASK" in response.text and "json" in response.text and "xml" in response.text


def test_ask_accepting_csv_only_is_406_and_with_a_fallback_gets_json(client: FlaskClient) -> None:
    only = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert only.status_code == 406 and "application/sparql-results+json" in only.text
    fallback = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "text/csv, */*;q=0.1"}
    )
    assert fallback.status_code == 200 and json.loads(fallback.data) == {"head": {}, "boolean": True}


# ---------------------------------------------------------------- 9. gunicorn's own errors


def raw(url: str, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send ``request`` as bytes and read the whole answer: status line, headers, body."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        for _ in range(1000):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return status, headers, body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /sparql?query=" + b"x" * 10_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", "414"),
        (b"GET /sparql HTTP/1.1\r\nHost: a\r\nX-Big: " + b"x" * 10_000 + b"\r\n\r\n", "431"),
        (b"GET /sparql HTTP/1.1\r\nHost: a\r\n" + b"X-Many: 1\r\n" * 200 + b"\r\n", "431"),
        (b"BROKEN\r\n\r\n", "400"),
    ],
)
def test_errors_before_the_app_are_plain_text_with_cors(
    live_server: str, request_bytes: bytes, status: str
) -> None:
    line, headers, body = raw(live_server, request_bytes)
    assert line.split(" ")[1] == status
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["access-control-allow-origin"] == "*"
    assert int(headers["content-length"]) == len(body)
    assert body.endswith(b"\n") and body.count(b"\n") == 1 and b"<" not in body
