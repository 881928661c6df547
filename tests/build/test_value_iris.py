"""Structured values (money, quantities) get IRIs of their own at build time, derived from what they say.

A blank node means something else in every file that reads it: the store's default graph would hold other
blank nodes than its named graphs, and "which document states this amount?" would have no answer. So the
build names every value of graph/ after its owner and its content, the same on every rebuild, and the dump
holds no blank node outside the ontology (whose OWL lists and axioms OWL tools read only as blank nodes).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from amkg.build import build
from amkg.build.inputs import Inputs, SourceFile
from amkg.build.values import name_values
from amkg.config import Settings
from amkg.rdf.names import is_value_iri, value_owner
from amkg.rdf.namespaces import AMKG, GENID, ONTOLOGY_GRAPH
from amkg.store.oxigraph import memory
from rdflib import BNode, Graph, URIRef
from support.projects import ROOT

HUB = "https://w3id.org/amkg/id/hub/test"
GRAPH = URIRef("https://w3id.org/amkg/id/source/test-report")
PREFIXES = """
@prefix amkg: <https://w3id.org/amkg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix unit: <https://w3id.org/amkg/id/unit/> .
"""


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[ox.Store, ox.Store]:
    """The repository built twice, into two folders, each dump loaded as the server loads it."""
    stores = []
    for name in ("first", "second"):
        dist = tmp_path_factory.mktemp(name) / "dist"
        build(Settings(root=ROOT, dist=dist), force=True)
        stores.append(memory(dist / "amkg.nq").store)
    return stores[0], stores[1]


Builds = tuple[ox.Store, ox.Store]


def named(text: str) -> Graph:
    """The triples of one Turtle file after the build has named its values."""
    graph = Graph().parse(data=PREFIXES + text, format="turtle")
    return name_values(Inputs([SourceFile("graph/test-report/data.ttl", GRAPH, graph)])).files[0].triples


def count(store: ox.Store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def _blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


# ---------------------------------------------------------------- the real graph


def test_the_dump_holds_no_blank_node_outside_the_ontology(two_builds: Builds) -> None:
    store, _ = two_builds
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    named_graphs = [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert [q for q in named_graphs if _blank(q) and q.graph_name != ontology] == []
    assert any(_blank(q) for q in named_graphs), "the ontology keeps its OWL lists and axioms as blank nodes"


def test_every_statement_of_the_union_is_stated_by_a_named_graph(two_builds: Builds) -> None:
    store, _ = two_builds
    assert not store.query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


def test_the_document_stating_each_quantity_is_found(two_builds: Builds) -> None:
    """Across the union, each quantity's figure is found in the documents that state that quantity."""
    store, _ = two_builds
    value = "<https://schema.org/value>"
    union = f"SELECT (COUNT(*) AS ?n) {{ ?x <{AMKG.quantity}> ?q . GRAPH ?g {{ ?q {value} ?v }} }}"
    stated = f"SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?x <{AMKG.quantity}> ?q . ?q {value} ?v }} }}"
    assert count(store, union) == count(store, stated) == 150
    unstated = f"ASK {{ ?x <{AMKG.quantity}> ?q FILTER NOT EXISTS {{ GRAPH ?g {{ ?q a ?type }} }} }}"
    assert not store.query(unstated)


def test_each_value_is_named_after_its_owner(two_builds: Builds) -> None:
    store, _ = two_builds
    for predicate in (AMKG.quantity, AMKG.funding):
        quads = list(store.quads_for_pattern(None, ox.NamedNode(predicate), None, None))
        assert quads
        for quad in quads:
            assert is_value_iri(quad.object.value), quad
            assert value_owner(quad.object.value) == quad.subject.value


def test_a_rebuild_names_every_value_alike(two_builds: Builds) -> None:
    union = ox.DefaultGraph()
    first, second = ({q for q in store if not _blank(q) and q.graph_name != union} for store in two_builds)
    assert first == second
    values = {q.object for q in first if isinstance(q.object, ox.NamedNode) and is_value_iri(q.object.value)}
    assert len(values) > 100


# ---------------------------------------------------------------- how a value is named


def test_a_value_is_named_by_owner_property_and_content_whatever_its_label() -> None:
    text = f"<{HUB}> amkg:quantity [ a schema:QuantitativeValue ; schema:value 40 ; amkg:unit unit:count ] ."
    first, second = named(text), named(text.replace("[", "[ ").replace(" ]", " ; ]"))
    (value,) = set(first.objects(URIRef(HUB), URIRef(AMKG.quantity)))
    assert str(value).startswith(HUB + "#quantity-")
    assert set(first) == set(second)
    assert not [t for t in first if any(isinstance(n, BNode) for n in t)]
    other = named(text.replace("40", "41"))
    assert set(other.objects(URIRef(HUB), URIRef(AMKG.quantity))) != {value}


def test_two_identical_values_of_one_owner_stay_two() -> None:
    value = "[ a schema:QuantitativeValue ; schema:value 40 ; amkg:unit unit:count ]"
    graph = named(f"<{HUB}> amkg:quantity {value}, {value} .")
    values = sorted(str(v) for v in graph.objects(URIRef(HUB), URIRef(AMKG.quantity)))
    assert len(values) == 2 and values[1] == values[0] + "-2"
    assert len(graph) == 2 + 2 * 3


def test_a_nested_value_is_named_inside_its_owner_value() -> None:
    graph = named(
        f"<{HUB}> amkg:funding [ a schema:MonetaryAmount ; schema:value 5 ; "
        'schema:currency "EUR" ; amkg:quantity [ schema:value 2 ; amkg:unit unit:years ] ] .'
    )
    (outer,) = graph.objects(URIRef(HUB), URIRef(AMKG.funding))
    (inner,) = graph.objects(outer, URIRef(AMKG.quantity))
    assert str(inner).startswith(str(outer) + ".quantity-")
    assert value_owner(str(inner)) == HUB
    changed = named(
        f"<{HUB}> amkg:funding [ a schema:MonetaryAmount ; schema:value 5 ; "
        'schema:currency "EUR" ; amkg:quantity [ schema:value 3 ; amkg:unit unit:years ] ] .'
    )
    assert set(changed.objects(URIRef(HUB), URIRef(AMKG.funding))) != {outer}, "nested values count"


def test_a_value_nobody_points_to_gets_a_skolem_iri() -> None:
    graph = named("[ a schema:QuantitativeValue ; schema:value 40 ] .")
    (subject,) = set(graph.subjects())
    assert str(subject).startswith(GENID) and is_value_iri(str(subject))
    assert value_owner(str(subject)) is None


# ---------------------------------------------------------------- the store's union


def test_the_union_shares_the_named_graphs_blank_nodes(tmp_path: Path) -> None:
    """Even a dump with blank nodes: the default graph is built from the loaded quads, not a second parse."""
    dump = tmp_path / "amkg.nq"
    dump.write_text(
        f'<{HUB}> <{AMKG.quantity}> _:q <{GRAPH}> .\n_:q <https://schema.org/value> "40" <{GRAPH}> .\n',
        encoding="utf-8",
    )
    store = memory(dump).store
    assert not store.query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    assert len(store) == 4
