"""Structured values (money, quantities) on pages: parts of their owner, found by their IRI's fragment.

Their IRIs are ``{owner}#{property}-{hash}``: a client resolving one fetches the owner's page and lands on
the value; the owner's documents carry the value's statements in the graph of the document that states them.
"""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox
from amkg.rdf.namespaces import AMKG, RDF_TYPE, SCHEMA
from flask.testing import FlaskClient
from support.html import parse

FIRM = "https://w3id.org/amkg/id/firm/mahindra-and-mahindra"
UNIDO = ox.NamedNode("https://w3id.org/amkg/id/source/unido-2019")
PUBLIC = "http://127.0.0.1:8080/"


def firm_values(client: FlaskClient) -> tuple[set[ox.Quad], list[str]]:
    """The firm's N-Quads document and the IRIs of its quantities."""
    response = client.get("/id/firm/mahindra-and-mahindra.nq")
    assert response.status_code == 200
    quads = set(ox.parse(response.get_data(), format=ox.RdfFormat.N_QUADS))
    quantities = sorted(q.object.value for q in quads if q.predicate.value == AMKG.quantity)
    return quads, quantities


def test_the_owner_document_says_which_source_states_each_value(client: FlaskClient) -> None:
    quads, quantities = firm_values(client)
    assert quantities and all(q.startswith(FIRM + "#quantity-") for q in quantities)
    for iri in quantities:
        value = ox.NamedNode(iri)
        typed = ox.Quad(value, ox.NamedNode(RDF_TYPE), ox.NamedNode(SCHEMA + "QuantitativeValue"), UNIDO)
        assert typed in quads
        assert [q for q in quads if q.subject == value and q.predicate.value == SCHEMA + "value"]
        # stated by UNIDO's graph only (and repeated in the document's default graph, for plain patterns)
        assert {q.graph_name for q in quads if q.subject == value} == {UNIDO, ox.DefaultGraph()}


def test_the_owner_page_shows_each_value_inline_at_its_fragment(client: FlaskClient) -> None:
    _, quantities = firm_values(client)
    page = parse(client.get("/id/firm/mahindra-and-mahindra.html").get_data(as_text=True))
    for value in quantities:
        shown = page.find_id(value.partition("#")[2])
        assert shown is not None and "structured" in shown.attrs["class"], value
        assert any(c.isdigit() for c in shown.text), "the figure is shown"
    assert not [href for href, _ in page.links() if "#quantity-" in href], "a value is no link of its own"


def test_a_value_iri_asked_with_its_hash_encoded_leads_to_its_owner(client: FlaskClient) -> None:
    _, quantities = firm_values(client)
    path, _, fragment = quantities[0].removeprefix("https://w3id.org/amkg/").partition("#")
    response = client.get(f"/{path}{quote('#')}{fragment}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{PUBLIC}{path}#{fragment}"
    document = client.get(f"/{path}{quote('#')}{fragment}.ttl")
    assert document.status_code == 303
    assert document.headers["Location"] == f"{PUBLIC}{path}.ttl#{fragment}"


def test_values_are_no_class_members_nor_counted_as_entities(client: FlaskClient) -> None:
    home = client.get("/classes").get_data(as_text=True)
    assert "QuantitativeValue" not in home and "MonetaryAmount" not in home
