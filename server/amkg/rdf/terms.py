"""Moving terms between rdflib (parsing, SHACL, reasoning input) and pyoxigraph (SPARQL checks, output).

rdflib is what pyshacl and owlready2's converters need; pyoxigraph runs SPARQL and writes N-Quads, TriG and
JSON-LD an order of magnitude faster. Both meet here, term by term, never through strings.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an oxigraph term")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib spells RDF 1.1 simple literals without a datatype
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def written(data: bytes | None) -> bytes:
    """What a pyoxigraph serialiser returned: bytes, since it was given no file to write to."""
    if data is None:
        raise TypeError("the serialiser wrote to a file instead of returning bytes")
    return data


def triple(s: Node, p: Node, o: Node) -> ox.Triple:
    """An rdflib statement as a pyoxigraph triple; ``TypeError`` for a literal subject or odd predicate."""
    subject, predicate = to_ox(s), to_ox(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not a statement: {s!r} {p!r} {o!r}")
    return ox.Triple(subject, predicate, to_ox(o))


def quad(s: Node, p: Node, o: Node, g: Node) -> ox.Quad:
    """An rdflib statement in graph ``g`` as a pyoxigraph quad (see :func:`triple`)."""
    statement, graph = triple(s, p, o), to_ox(g)
    if isinstance(graph, ox.Literal):
        raise TypeError(f"not a graph name: {g!r}")
    return ox.Quad(statement.subject, statement.predicate, statement.object, graph)


def store_of(quads: Iterable[tuple[Node, Node, Node, URIRef]]) -> ox.Store:
    """An in-memory pyoxigraph store holding the given (s, p, o, graph) quads."""
    store = ox.Store()
    store.bulk_extend(quad(s, p, o, g) for s, p, o, g in quads)
    return store
