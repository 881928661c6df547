"""The SPARQL 1.1 Protocol's query operation at /sparql, against the app in-process (``web``), and against
the real server where only gunicorn shows the behaviour (chunked bodies, fresh values across the pool).

Covers the three ways to send a query, the protocol dataset, content negotiation, CORS, and the W3C
protocol test suite's negative cases (each must be a 4xx, never a 5xx, and never show a trace or a path).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from flask import Flask
from support.web import Answer, Web

MICHIGAN = "https://w3id.org/amkg/id/hub/michigan"
WEF_2020 = "https://w3id.org/amkg/id/source/wef-amhub-2020"
WEF_2021 = "https://w3id.org/amkg/id/source/wef-amhub-2021"
LABEL = f"SELECT ?label WHERE {{ <{MICHIGAN}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
JSON_RESULTS = "application/sparql-results+json"


@pytest.fixture(scope="module")
def app(app_over_each_store: Flask) -> Flask:
    """Every test of this module runs over each store: the embedded one and each external engine."""
    return app_over_each_store


def labels(response: Answer | requests.Response) -> set[str]:
    return {row["label"]["value"] for row in response.json()["results"]["bindings"]}


def column(response: Answer, name: str) -> list[str]:
    return [row[name]["value"] for row in response.json()["results"]["bindings"] if name in row]


def sparql(web: Web, **kwargs: Any) -> Answer:
    return web.request(kwargs.pop("method", "GET"), f"{web.base}/sparql", **kwargs)


def live(base: str, **kwargs: Any) -> requests.Response:
    """The same request to the real server, for what only gunicorn shows (chunked bodies, the query pool)."""
    return requests.request(kwargs.pop("method", "GET"), f"{base}/sparql", timeout=30, **kwargs)


def assert_clean_error(response: Answer, status: int) -> None:
    """A plain-text error of the expected status that shows no trace and no server path."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["Content-Type"].startswith("text/plain")
    body = response.text
    assert "Traceback" not in body and 'File "' not in body and "/work/" not in body and ".py" not in body
    assert response.headers["Access-Control-Allow-Origin"] == "*"


# ---------------------------------------------------------------- the three ways to send a query


def test_get_with_query_parameter(web: Web) -> None:
    response = sparql(web, params={"query": LABEL})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{JSON_RESULTS}; charset=utf-8"
    assert labels(response) == {"Michigan AMHUB"}


def test_post_form_encoded(web: Web) -> None:
    response = sparql(web, method="POST", data={"query": LABEL})
    assert response.status_code == 200
    assert labels(response) == {"Michigan AMHUB"}


def test_post_direct_query_body_with_charset(web: Web) -> None:
    headers = {"Content-Type": "application/sparql-query; charset=UTF-8"}
    response = sparql(web, method="POST", data=LABEL.encode(), headers=headers)
    assert response.status_code == 200
    assert labels(response) == {"Michigan AMHUB"}


def test_non_ascii_query_text_round_trips(web: Web) -> None:
    query = 'SELECT ?x WHERE { BIND("São Paulo — 東京 ✓" AS ?x) }'
    for response in (
        sparql(web, params={"query": query}),
        sparql(
            web,
            method="POST",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        ),
    ):
        assert column(response, "x") == ["São Paulo — 東京 ✓"]


# ---------------------------------------------------------------- the RDF dataset


def test_default_graph_is_the_union_of_the_named_graphs(web: Web) -> None:
    union = sparql(web, params={"query": "ASK { ?s ?p ?o }"}).json()
    assert union["boolean"] is True
    graphs = column(sparql(web, params={"query": GRAPHS}), "g")
    assert WEF_2020 in graphs and WEF_2021 in graphs


def test_default_graph_uri_restricts_the_default_graph(web: Web) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(column(sparql(web, params={"query": query}), "n")[0])
    one = int(column(sparql(web, params={"query": query, "default-graph-uri": WEF_2020}), "n")[0])
    both = int(
        column(sparql(web, params={"query": query, "default-graph-uri": [WEF_2020, WEF_2021]}), "n")[0]
    )
    assert 0 < one < both < whole


def test_named_graph_uri_limits_the_named_graphs_and_empties_the_default(web: Web) -> None:
    response = sparql(web, params={"query": GRAPHS, "named-graph-uri": WEF_2021})
    assert column(response, "g") == [WEF_2021]
    ask = sparql(web, params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": WEF_2021}).json()
    assert ask["boolean"] is False, "with only named-graph-uri the default graph is empty"


def test_from_clause_replaces_the_union(web: Web) -> None:
    query = f"SELECT DISTINCT ?g FROM NAMED <{WEF_2020}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    from_named = sparql(web, params={"query": query})
    assert column(from_named, "g") == [WEF_2020]
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    only = int(column(sparql(web, params={"query": count.format(f"FROM <{WEF_2020}>")}), "n")[0])
    whole = int(column(sparql(web, params={"query": count.format("")}), "n")[0])
    assert 0 < only < whole


def test_protocol_dataset_overrides_from(web: Web) -> None:
    query = f"SELECT DISTINCT ?g FROM NAMED <{WEF_2020}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    response = sparql(web, params={"query": query, "named-graph-uri": WEF_2021})
    assert column(response, "g") == [WEF_2021]


def test_post_form_takes_dataset_parameters_from_body_and_url(web: Web) -> None:
    body = sparql(web, method="POST", data={"query": GRAPHS, "named-graph-uri": WEF_2020})
    assert column(body, "g") == [WEF_2020]
    direct = sparql(
        web,
        method="POST",
        params={"named-graph-uri": WEF_2021},
        data=GRAPHS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert column(direct, "g") == [WEF_2021]


# ---------------------------------------------------------------- content negotiation


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("garbage", "application/sparql-results+json"),
        (";;;,,", "application/sparql-results+json"),
        ("*/*;q=nonsense", "application/sparql-results+json"),
        # Parameters other than q do not stop a range from matching (a charset, as some clients send).
        ("application/sparql-results+xml; charset=utf-8", "application/sparql-results+xml"),
        ("text/csv;charset=UTF-8;q=0.9, application/sparql-results+json;q=0.1", "text/csv"),
    ],
)
def test_select_results_by_accept(web: Web, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = sparql(web, params={"query": LABEL}, headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{expected}; charset=utf-8"
    assert response.headers["Vary"] == "Accept, Accept-Encoding"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/trig", "application/trig"),
        ("application/n-quads", "application/n-quads"),
        ("text/n3", "text/n3"),
        ("text/plain", "application/n-triples"),
        ("application/n-quads;q=0.2, application/trig;q=0.5", "application/trig"),
        ("application/n-triples; charset=utf-8", "application/n-triples"),
        (  # matched as JSON-LD, and compacted as the profile asks (tests/web/test_jsonld.py)
            'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
            'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
        ),
    ],
)
def test_graph_results_by_accept(web: Web, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = sparql(web, params={"query": f"DESCRIBE <{MICHIGAN}>"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{expected}; charset=utf-8"
    assert MICHIGAN in response.text or "hub/michigan" in response.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_format_parameter_overrides_accept(web: Web, name: str, expected: str) -> None:
    response = sparql(web, params={"query": LABEL, "format": name}, headers={"Accept": "text/csv"})
    assert response.headers["Content-Type"] == f"{expected}; charset=utf-8"


def test_unacceptable_accept_is_406_listing_the_formats(web: Web) -> None:
    response = sparql(web, params={"query": LABEL}, headers={"Accept": "image/png"})
    assert_clean_error(response, 406)
    assert "application/sparql-results+json" in response.text
    graph = sparql(web, params={"query": f"DESCRIBE <{MICHIGAN}>"}, headers={"Accept": "text/csv"})
    assert_clean_error(graph, 406)
    assert "text/turtle" in graph.text


def test_unknown_format_parameter_is_400(web: Web) -> None:
    response = sparql(web, params={"query": LABEL, "format": "excel"})
    assert_clean_error(response, 400)
    assert "Unknown format 'excel'" in response.text and "json" in response.text


def test_a_results_format_for_a_graph_says_which_formats_fit(web: Web) -> None:
    """csv exists, just not for graphs: the message says so instead of calling it unknown."""
    response = sparql(web, params={"query": f"DESCRIBE <{MICHIGAN}>", "format": "csv"})
    assert_clean_error(response, 400)
    assert "'csv' is for SELECT results" in response.text and "turtle" in response.text


def test_browser_navigation_gets_the_query_page_with_the_query(web: Web) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = sparql(web, params={"query": LABEL}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert 'id="yasgui"' in response.text


# ---------------------------------------------------------------- CORS


def test_cors_on_answers_and_errors(web: Web) -> None:
    ok = sparql(web, params={"query": LABEL}, headers={"Origin": "https://example.org"})
    assert ok.headers["Access-Control-Allow-Origin"] == "*"
    assert "AMKG-Results-Truncated" in ok.headers["Access-Control-Expose-Headers"]
    bad = sparql(web, params={"query": "SELECT"}, headers={"Origin": "https://example.org"})
    assert bad.status_code == 400 and bad.headers["Access-Control-Allow-Origin"] == "*"


def methods(header: str) -> set[str]:
    return {m.strip() for m in header.split(",")}


def test_cors_preflight(web: Web) -> None:
    """Whatever headers a client means to send are allowed (a custom one or Authorization included)."""
    headers = {
        "Origin": "https://example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-requested-with, authorization",
    }
    response = web.request("OPTIONS", f"{web.base}/sparql", headers=headers, timeout=10)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert methods(response.headers["Access-Control-Allow-Methods"]) == {"GET", "HEAD", "POST", "OPTIONS"}
    allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "x-requested-with", "authorization"} <= allowed
    assert "Content-Type" not in response.headers, "a 204 has no content, so no type"
    void = web.request("OPTIONS", f"{web.base}/.well-known/void", headers=headers, timeout=10)
    assert void.status_code == 204 and methods(void.headers["Allow"]) == {"GET", "HEAD", "OPTIONS"}


def test_head_is_get_without_the_body(web: Web) -> None:
    """On an answer and on the service description (whose blank nodes are numbered, so it reads the same on
    every request)."""
    for params, accept in (({"query": LABEL}, "text/csv"), ({}, "text/turtle")):
        got = sparql(web, params=params, headers={"Accept": accept})
        head = sparql(web, method="HEAD", params=params, headers={"Accept": accept})
        assert head.status_code == got.status_code == 200
        assert head.content == b""
        assert head.headers["Content-Type"] == got.headers["Content-Type"]
        assert int(head.headers["Content-Length"]) == len(got.content)


# ---------------------------------------------------------------- W3C protocol tests: negative cases


def test_bad_query_method(web: Web) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        response = sparql(web, method=method, params={"query": LABEL})
        assert_clean_error(response, 405)
        assert methods(response.headers["Allow"]) == {"GET", "HEAD", "POST", "OPTIONS"}
        assert f"{method} is not allowed" in response.text
    void = web.request("POST", f"{web.base}/.well-known/void", timeout=10)
    assert_clean_error(void, 405)
    assert methods(void.headers["Allow"]) == {"GET", "HEAD", "OPTIONS"}


def test_bad_multiple_queries(web: Web) -> None:
    assert_clean_error(sparql(web, params={"query": [LABEL, LABEL]}), 400)
    direct = sparql(
        web,
        method="POST",
        params={"query": LABEL},
        data=LABEL.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert_clean_error(direct, 400)


def test_bad_query_wrong_media_type(web: Web) -> None:
    response = sparql(web, method="POST", data=LABEL.encode(), headers={"Content-Type": "text/plain"})
    assert_clean_error(response, 415)


def test_bad_query_missing_form_type(web: Web) -> None:
    body = urlencode({"query": LABEL}).encode()
    response = sparql(web, method="POST", data=body, headers={"Content-Type": ""})
    assert_clean_error(response, 415)


def test_bad_query_missing_direct_type(web: Web) -> None:
    response = sparql(web, method="POST", data=LABEL.encode(), headers={"Content-Type": ""})
    assert_clean_error(response, 415)


def test_bad_query_non_utf8(web: Web) -> None:
    utf16 = sparql(
        web,
        method="POST",
        data=LABEL.encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert_clean_error(utf16, 415)
    latin1 = sparql(
        web,
        method="POST",
        data='SELECT ("é" AS ?x) {}'.encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert_clean_error(latin1, 400)
    url = web.get(f"{web.base}/sparql?query=SELECT%20(%22%E9%22%20AS%20%3Fx)%20%7B%7D", timeout=10)
    assert_clean_error(url, 400)


def test_bad_query_syntax_reports_the_parser_message_and_position(web: Web) -> None:
    response = sparql(web, params={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }"})
    assert_clean_error(response, 400)
    assert "error at 3:" in response.text and "expected" in response.text  # line:column, on line 3
    unterminated = sparql(web, params={"query": "SELECT * WHERE { ?s ?p ?o"})
    assert_clean_error(unterminated, 400)
    assert unterminated.text.count("\n") == 1, "one line, though the parser's message has several"


def test_a_forgotten_prefix_is_named_on_one_line(web: Web) -> None:
    """The parser alone would answer with lines of Unicode character ranges (or an unrelated keyword)."""
    response = sparql(web, params={"query": "SELECT * WHERE { ?hub a amkg:Hub ; ex:x ?o }"})
    assert_clean_error(response, 400)
    assert response.text.count("\n") == 1, response.text
    assert "error at 1:" in response.text and "undeclared prefix amkg:, ex:" in response.text
    assert "PREFIX amkg: <https://w3id.org/amkg/ontology#>" in response.text


def test_bad_update_get(web: Web) -> None:
    response = sparql(web, params={"update": "CLEAR ALL"})
    assert 400 <= response.status_code < 500
    assert_clean_error(response, response.status_code)


def test_missing_query(web: Web) -> None:
    assert_clean_error(sparql(web, method="POST", data={"default-graph-uri": WEF_2020}), 400)
    assert_clean_error(sparql(web, params={"default-graph-uri": WEF_2020}), 400)


def test_graph_uri_must_be_an_iri(web: Web) -> None:
    assert_clean_error(sparql(web, params={"query": LABEL, "default-graph-uri": "not an iri"}), 400)


def test_oversized_body_is_413(web: Web) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 2_000_000
    response = sparql(
        web, method="POST", data=big.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert_clean_error(response, 413)
    assert "1,000,000 bytes" in response.text


def test_oversized_chunked_body_is_413_too(live_server: str) -> None:
    """Without a Content-Length the body must not be cut at the limit and run (it once was)."""

    def chunks(size: int) -> Iterator[bytes]:
        yield b"SELECT * WHERE { ?s ?p ?o } LIMIT 1 #"
        for _ in range(size // 65536):
            yield b"x" * 65536

    direct = {"Content-Type": "application/sparql-query"}
    assert_clean_error(live(live_server, method="POST", data=chunks(2_000_000), headers=direct), 413)
    assert live(live_server, method="POST", data=chunks(500_000), headers=direct).status_code == 200


#: Where an engine refuses what SPARQL answers: Virtuoso fails a whole query on a division by zero, which
#: SPARQL makes an unbound value; AMKG then answers 502 naming the engine, never a made-up row.
ENGINE_FAILS = {("virtuoso", "SELECT (1/0 AS ?x) {}")}


def test_answers_never_500_for_hostile_input(web: Web, request: pytest.FixtureRequest) -> None:
    store = request.node.callspec.params.get("app_over_each_store", "embedded")
    hostile = [
        "",
        "\x00",
        "SELECT ?x WHERE { BIND(<\x00> AS ?x) }",
        "SELECT * { ?s ?p 'unterminated }",
        "}" * 1000,
        "SELECT (1/0 AS ?x) {}",
        "SELECT * {} LIMIT -1",
        "ASK { FILTER(?x<'a>') }",
        "SELECT * {} OFFSET " + "9" * 5000,
        f"DESCRIBE <https://w3id.org/amkg/id/{'a' * 100_000}>",
    ]
    for query in hostile:
        response = sparql(web, method="POST", data={"query": query})
        if (store, query) in ENGINE_FAILS:
            assert response.status_code == 502 and "The SPARQL engine at" in response.text
            continue
        assert response.status_code < 500, (query, response.text)
        assert "Traceback" not in response.text and "sys." not in response.text


def test_a_limit_too_long_for_python_is_still_a_limit(web: Web) -> None:
    query = "SELECT ?x WHERE { VALUES ?x { 1 2 } } LIMIT " + "9" * 5000
    response = sparql(web, params={"query": query})
    assert response.status_code == 200, response.text
    assert column(response, "x") == ["1", "2"]


@pytest.mark.parametrize(
    "url",
    [
        "/sparql?query=ASK%7B%7D%ZZ",
        "/sparql?query=%",
        "/sparql?query=ASK%00%7B%7D",
        "/sparql?%FF=1",
        "/sparql?query=%E9",
        "/sparql?format=%00&query=ASK%7B%7D",
        "/sparql?default-graph-uri=%00&query=ASK%7B%7D",
    ],
)
def test_odd_urls_get_a_clean_4xx(web: Web, url: str) -> None:
    response = web.get(web.base + url, timeout=10)
    assert 400 <= response.status_code < 500, response.text
    assert_clean_error(response, response.status_code)


def test_a_huge_accept_header_is_answered(web: Web) -> None:
    accept = ", ".join(f"application/x-{i};q=0.{i % 9 + 1}" for i in range(300))
    assert_clean_error(sparql(web, params={"query": LABEL}, headers={"Accept": accept}), 406)
    with_default = sparql(web, params={"query": LABEL}, headers={"Accept": accept + ", */*;q=0.01"})
    assert with_default.headers["Content-Type"] == f"{JSON_RESULTS}; charset=utf-8"


def test_json_results_are_valid_json_with_head_and_bindings(web: Web) -> None:
    data = json.loads(sparql(web, params={"query": LABEL}).content)
    assert data["head"]["vars"] == ["label"] and "bindings" in data["results"]


# ---------------------------------------------------------------- the answer cache


def test_repeated_requests_get_the_same_answer_in_the_asked_format(web: Web) -> None:
    params = {"query": f"DESCRIBE <{MICHIGAN}>"}
    first, again = sparql(web, params=params), sparql(web, params=params)
    assert again.content == first.content and again.headers["Content-Type"] == first.headers["Content-Type"]
    other = sparql(web, params=params, headers={"Accept": "application/n-quads"})
    assert other.headers["Content-Type"].startswith("application/n-quads")


def test_answers_with_fresh_values_are_never_reused(live_server: str) -> None:
    query = "SELECT (STRUUID() AS ?id) (NOW() AS ?now) WHERE {}"
    # more requests than query processes: forked processes must not draw the same "random" values
    answers = [column(live(live_server, params={"query": query}), "id")[0] for _ in range(12)]
    assert len(set(answers)) == len(answers)
