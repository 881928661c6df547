"""DESCRIBE brings a resource's structured values with it, as it brought their blank nodes before they had
IRIs: a money amount or a quantity comes with its figure, unit and currency."""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
from amkg.rdf.names import is_value_iri
from flask import Flask
from flask.testing import FlaskClient

FIRM = "https://w3id.org/amkg/id/firm/mahindra-and-mahindra"


def describe(client: FlaskClient, iri: str) -> set[ox.Triple]:
    response = client.get(
        "/sparql?query=" + quote(f"DESCRIBE <{iri}>"), headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200, response.text
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES)
    }


def test_describe_includes_every_statement_of_the_values_it_reaches(client: FlaskClient, app: Flask) -> None:
    triples = describe(client, FIRM)
    values = {
        t.object for t in triples if isinstance(t.object, ox.NamedNode) and is_value_iri(t.object.value)
    }
    assert values, "the firm has structured values"
    store = app.extensions["amkg.store"]
    for value in values:
        stated = {
            ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for(value) if q.subject == value
        }
        assert stated and stated <= triples, value


def test_describe_of_a_value_iri_alone_gives_its_statements(client: FlaskClient) -> None:
    value = next(
        t.object
        for t in describe(client, FIRM)
        if isinstance(t.object, ox.NamedNode) and "#" in t.object.value
    )
    assert {t.subject for t in describe(client, value.value)} >= {value}
