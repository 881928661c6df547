"""The query scanner that decides, before anything runs, what a query is and which endpoints it calls.

Its answers are checked against pyoxigraph itself where it matters: a rewritten LIMIT must leave a query
that the engine parses and answers as before, and every SERVICE the engine would call must be found.
"""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from amkg.rdf.scan import scan_query as scan

STORE = ox.Store()
STORE.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(i)) for i in range(20))


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("prefix ex: <urn:ex:> base <urn:b> describe ex:x", "DESCRIBE"),
        ("# comment with SELECT\nASK {}", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("PREFIX : <urn:> INSERT DATA { :a :b :c }", "UPDATE"),
        ("with <urn:g> delete { ?s ?p ?o } where { ?s ?p ?o }", "UPDATE"),
        ("LOAD <http://example.org/x>", "UPDATE"),
        ("nonsense", ""),
    ],
)
def test_form(query: str, form: str) -> None:
    assert scan(query).form == form


@pytest.mark.parametrize(
    ("query", "endpoints"),
    [
        ("SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }", ["<http://a/sparql>"]),
        ("SELECT * { service silent <http://a/> { } OPTIONAL { SERVICE ?x { } } }", ["<http://a/>", "?x"]),
        ("PREFIX e: <http://a/> SELECT * { SERVICE e:sp\\-x { } }", ["e:sp\\-x"]),
        (
            "SELECT * { ?s e:a\\#b ?o . SERVICE <http://hidden-behind-escaped-hash/> {} }",
            ["<http://hidden-behind-escaped-hash/>"],
        ),
        ("SELECT * { ?s ?p 'SERVICE <http://in-a-string/>' } # SERVICE <http://in-a-comment/>", []),
        ('SELECT * { ?s ?p """a "" SERVICE <x> """ }', []),
        ("SELECT * { ?s a schema:Service }", []),
    ],
)
def test_service_endpoints_are_found_in_code_only(query: str, endpoints: list[str]) -> None:
    assert [token.text for token in scan(query).services] == endpoints


def test_a_less_than_that_could_hide_code_makes_the_scan_ambiguous() -> None:
    tricky = "SELECT * { ?s ?p ?o FILTER(?o<'a>') SERVICE <http://x/> {} FILTER('b') }"
    assert scan(tricky).ambiguous and scan(tricky).mentions_service()
    for plain in (
        "SELECT * { ?s <urn:p#x> ?o FILTER(?o < 3) }",
        "SELECT * { VALUES (?a ?b) { (<urn:x#1> <urn:y#2>) } }",
        "SELECT * { FILTER(?p = <urn:a#b> || ?p IN (<urn:c#d>, <urn:e#f>)) }",
    ):
        assert not scan(plain).ambiguous, plain


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 100",
        "SELECT ?s WHERE { ?s ?p ?o } OFFSET 15",
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 500 OFFSET 2",
        "SELECT ?s { { SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 10 } } VALUES ?s { <urn:s1> <urn:s2> }",
        "SELECT ?s WHERE { ?s ?p ?o } # a trailing comment",
    ],
)
def test_limit_is_lowered_where_the_engine_can_use_it(query: str) -> None:
    limited = scan(query).with_limit(6)
    assert limited is not None
    expected = [row["s"] for row in STORE.query(query)][:6]
    assert [row["s"] for row in STORE.query(limited)] == expected


def test_a_small_enough_limit_is_left_alone() -> None:
    assert scan("SELECT * { ?s ?p ?o } LIMIT 5").with_limit(6) is None
    assert scan("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 500 } } LIMIT 3").with_limit(6) is None


def test_scanning_is_linear_even_for_hostile_input() -> None:
    for text in ("'''" + "a''" * 300_000, '"' + "\\\\" * 300_000, "<" + "a" * 1_000_000, "(" * 500_000):
        started = time.monotonic()
        scan(text)
        assert time.monotonic() - started < 5
