"""Every figure of every document says what kind of figure it is and how exact (issue 11, item 3).

SHACL already refuses a structured value without one amkg:figureStatus and one amkg:bound; these tests
ask the built data the questions a researcher would: are there values without them, are "more than" or
"about" still hidden in notes, and does every amkg:conflictsWith pair stay inside the one document that
states both figures.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import ask, source_graph, source_slugs

#: Notes that said nothing but a qualifier, before qualifiers became data.
QUALIFIER_WORDS = ("more than", "over", "around", "about", "approximately", "nearly", "up to", "expected")


@pytest.mark.parametrize("slug", source_slugs())
def test_every_structured_value_has_a_status_and_a_bound(store: ox.Store, slug: str) -> None:
    assert not ask(
        store,
        f"ASK {{ GRAPH <{source_graph(slug)}> {{ ?v a ?type . VALUES ?type {{ schema:QuantitativeValue "
        "schema:MonetaryAmount } FILTER NOT EXISTS { ?v amkg:figureStatus ?s ; amkg:bound ?b } } }",
    )


@pytest.mark.parametrize("slug", source_slugs())
def test_no_note_only_restates_a_qualifier(store: ox.Store, slug: str) -> None:
    words = ", ".join(f'"{w}"@en' for w in QUALIFIER_WORDS)
    assert not ask(
        store,
        f"ASK {{ GRAPH <{source_graph(slug)}> {{ ?v amkg:note ?n ; amkg:figureStatus ?s . "
        f"FILTER(?n IN ({words})) }} }}",
    )


def test_conflicting_figures_are_stated_by_one_document(store: ox.Store) -> None:
    """amkg:conflictsWith marks a document disagreeing with itself, so both ends are in its graph."""
    assert ask(store, "ASK { ?a amkg:conflictsWith ?b }")
    assert not ask(
        store,
        "ASK { GRAPH ?g { ?a amkg:conflictsWith ?b } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/amkg/id/source/')) "
        "FILTER NOT EXISTS { GRAPH ?g { ?b ?p ?o } } }",
    )


def test_conflicts_are_symmetric_once_reasoned(store: ox.Store) -> None:
    assert not ask(store, "ASK { ?a amkg:conflictsWith ?b FILTER NOT EXISTS { ?b amkg:conflictsWith ?a } }")
