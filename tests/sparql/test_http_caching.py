"""HTTP caching of /sparql answers, as real clients use it against ``amkg serve``: entity tags and 304,
Cache-Control, content codings (gzip, brotli) that decode to the same answer, Vary, kept-alive connections."""

from __future__ import annotations

import gzip
import http.client
import json
from urllib.parse import quote, urlsplit

import brotli
import pytest
import requests

JSON = "application/sparql-results+json"
SMALL = "SELECT ?label WHERE { <https://w3id.org/amkg/id/hub/michigan> rdfs:label ?label }"
SMALL = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + SMALL
LARGE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 2000"


def get(base: str, query: str, **headers: str) -> http.client.HTTPResponse:
    """A GET on a fresh connection, read raw: no client decodes the body or adds headers of its own."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    conn.request("GET", "/sparql?query=" + quote(query), headers={"Accept": JSON, **headers})
    answer = conn.getresponse()
    answer.body = answer.read()  # type: ignore[attr-defined]
    conn.close()
    return answer


def test_if_none_match_gives_304_without_a_body(live_server: str) -> None:
    first = requests.get(
        f"{live_server}/sparql", params={"query": SMALL}, headers={"Accept": JSON}, timeout=30
    )
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag.startswith('"')
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = requests.get(
        f"{live_server}/sparql",
        params={"query": SMALL},
        headers={"Accept": JSON, "If-None-Match": tag},
        timeout=30,
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == tag
    # The tag belongs to the URL as sent: the same one, tags listed and weak, also gives 304.
    tag = get(live_server, SMALL).getheader("ETag")
    assert get(live_server, SMALL, **{"If-None-Match": f'"other", W/{tag}'}).status == 304


def test_another_format_or_query_is_another_answer(live_server: str) -> None:
    first = get(live_server, SMALL)
    tag = first.getheader("ETag")
    assert tag
    xml = get(live_server, SMALL, Accept="application/sparql-results+xml", **{"If-None-Match": tag})
    assert xml.status == 200 and xml.getheader("ETag") not in (None, tag)
    other = get(live_server, SMALL + " LIMIT 1", **{"If-None-Match": tag})
    assert other.status == 200 and other.getheader("ETag") != tag
    forged = get(live_server, SMALL, **{"If-None-Match": '"0123456789abcdef0123456789abcdef"'})
    assert forged.status == 200


@pytest.mark.parametrize(
    ("accept_encoding", "encoding", "decode"),
    [("gzip", "gzip", gzip.decompress), ("gzip, deflate, br", "br", brotli.decompress)],
)
def test_compressed_answer_decodes_to_the_same_answer(
    live_server: str, accept_encoding: str, encoding: str, decode: object
) -> None:
    plain = get(live_server, LARGE, **{"Accept-Encoding": "identity"})
    packed = get(live_server, LARGE, **{"Accept-Encoding": accept_encoding})
    assert plain.status == packed.status == 200
    assert plain.getheader("Content-Encoding") is None
    assert packed.getheader("Content-Encoding") == encoding
    assert callable(decode)
    body = decode(packed.body)  # type: ignore[attr-defined]
    assert body == plain.body  # type: ignore[attr-defined]
    assert len(json.loads(body)["results"]["bindings"]) == 2000
    assert len(packed.body) < len(plain.body) / 4  # type: ignore[attr-defined]
    for answer in (plain, packed):
        vary = {v.strip() for v in answer.getheader("Vary", "").split(",")}
        assert {"Accept", "Accept-Encoding"} <= vary
    assert packed.getheader("ETag") != plain.getheader("ETag")  # each encoding has a tag of its own
    revalidated = get(
        live_server, LARGE, **{"Accept-Encoding": accept_encoding, "If-None-Match": packed.getheader("ETag")}
    )
    assert revalidated.status == 304 and revalidated.getheader("ETag") == packed.getheader("ETag")


def test_refused_or_small_encodings_are_not_used(live_server: str) -> None:
    refused = get(live_server, LARGE, **{"Accept-Encoding": "gzip;q=0, br;q=0"})
    assert refused.getheader("Content-Encoding") is None
    small = get(live_server, SMALL, **{"Accept-Encoding": "gzip"})
    assert small.getheader("Content-Encoding") is None
    assert json.loads(small.body)["results"]["bindings"]  # type: ignore[attr-defined]


def test_requests_decodes_gzip_transparently(live_server: str) -> None:
    answer = requests.get(
        f"{live_server}/sparql", params={"query": LARGE}, headers={"Accept": JSON}, timeout=30
    )
    assert answer.headers["Content-Encoding"] in ("gzip", "br")
    assert len(answer.json()["results"]["bindings"]) == 2000


def test_volatile_and_posted_answers_carry_no_tag(live_server: str) -> None:
    volatile = get(live_server, "SELECT (NOW() AS ?now) WHERE {}")
    assert volatile.status == 200
    assert volatile.getheader("ETag") is None
    assert volatile.getheader("Cache-Control") == "no-store"
    posted = requests.post(
        f"{live_server}/sparql", data={"query": SMALL}, headers={"Accept": JSON}, timeout=30
    )
    assert posted.status_code == 200 and "ETag" not in posted.headers


def test_connection_is_kept_alive(live_server: str) -> None:
    parts = urlsplit(live_server)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        conn.request("GET", "/sparql?query=" + quote(SMALL), headers={"Accept": JSON})
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        conn.request("GET", "/sparql?query=" + quote(SMALL + " "), headers={"Accept": JSON})
        second = conn.getresponse()
        second.read()
        assert first.status == second.status == 200
        assert first.getheader("Connection", "").lower() != "close"
        assert sock is not None and conn.sock is sock  # the same socket served both
    finally:
        conn.close()
