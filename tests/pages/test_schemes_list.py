"""The home page lists every concept scheme the graph holds, under the scheme's own label."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from support.html import parse


def test_the_home_page_lists_every_concept_scheme_of_the_store(client: FlaskClient, app: Flask) -> None:
    store = app.extensions["amkg.store"]
    schemes = {
        r["s"].value: r["l"].value
        for r in store.select(
            "SELECT ?s ?l { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    }
    assert len(schemes) == 7
    doc = parse(client.get("/").text)
    listed = {a.attrs["href"]: a.text for a in doc.find_id("schemes").iter("a")}
    assert listed == {
        iri.replace("https://w3id.org/amkg/", "http://127.0.0.1:8080/"): label
        for iri, label in schemes.items()
    }
