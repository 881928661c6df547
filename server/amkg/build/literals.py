"""Every literal of graph/ must be written as the store keeps it, so a client receives what the file says.

pyoxigraph stores literals in their datatype's canonical form: ``"1.0"^^xsd:decimal`` comes out as ``"1"``,
``"007"^^xsd:integer`` as ``"7"``, ``xsd:int`` as ``xsd:integer``, ``@en-GB`` as ``@en-gb``. rdflib
rewrites some of these itself while parsing, so each file is read again by pyoxigraph, as written, and each
literal is compared with what a store gives back for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef

from amkg.build.inputs import ONTOLOGY_GRAPH, Inputs
from amkg.rdf.namespaces import XSD, short
from amkg.rdf.terms import from_ox, triple

CHECK = "canonical-literals"
MESSAGE = (
    "A literal the store would rewrite to its datatype's canonical form: write it as the store keeps it "
    "(value: as written → as served), so that what is served is what the file says."
)
_SUBJECT = "urn:amkg:literal:"
_PREDICATE = ox.NamedNode("urn:amkg:as-stored")


@dataclass(frozen=True)
class Rewrite:
    """A literal of a file that the store would not keep as written."""

    file: str
    focus: str  # the entity, or its structured value described by owner and property
    path: str
    written: str
    served: str


def rewritten_literals(inputs: Inputs) -> list[Rewrite]:
    """Each literal of a data file that the store would not keep as written."""
    found = []
    for f in inputs.files:
        if f.graph == ONTOLOGY_GRAPH or f.location is None:
            continue
        # Lexical forms and datatypes as written (rdflib tidies some of them already)...
        parsed = list(ox.parse(path=f.location, format=ox.RdfFormat.TURTLE))
        served = _as_stored({t.object for t in parsed if isinstance(t.object, ox.Literal)})
        for t in parsed:
            if t.object in served and served[t.object] != t.object:
                found.append(_rewrite(f.path, t, _shown(t.object), served[t.object], parsed))
        # ...and language tags as written (pyoxigraph's parser lower-cases them; rdflib keeps them).
        read = [triple(s, p, o) for s, p, o in f.triples]
        for t, (_, _, o) in zip(read, f.triples, strict=True):
            if not isinstance(t.object, ox.Literal):
                continue
            if isinstance(o, Literal) and o.language and o.language != t.object.language:
                found.append(_rewrite(f.path, t, f'"{o}"@{o.language}', t.object, read))
    return found


def _rewrite(
    file: str, triple: ox.Triple, written: str, served: ox.Literal, context: list[ox.Triple]
) -> Rewrite:
    focus = _name(triple.subject, context)
    return Rewrite(file, focus, short(from_ox(triple.predicate)), written, _shown(served))


def _shown(literal: ox.Literal) -> str:
    """A literal as a curator writes it: ``"1.0"^^xsd:decimal``, ``"text"@en-gb``."""
    if literal.language:
        return f'"{literal.value}"@{literal.language}'
    if literal.datatype.value == XSD + "string":
        return f'"{literal.value}"'
    return f'"{literal.value}"^^{short(URIRef(literal.datatype.value))}'


def _as_stored(literals: set[ox.Literal]) -> dict[ox.Literal, ox.Literal]:
    """Each literal as a store gives it back."""
    written = sorted(literals, key=str)
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"{_SUBJECT}{i}"), _PREDICATE, lit) for i, lit in enumerate(written))
    return {written[int(q.subject.value.removeprefix(_SUBJECT))]: q.object for q in store}


def _name(subject: ox.NamedNode | ox.BlankNode | ox.Triple, triples: list[ox.Triple]) -> str:
    """The entity, or for a structured value (a blank node in the file) its owner and property."""
    if isinstance(subject, ox.NamedNode):
        return subject.value
    if isinstance(subject, ox.Triple):
        return str(subject)
    for t in triples:
        if t.object == subject:
            return f"the structured value of {_name(t.subject, triples)} {short(from_ox(t.predicate))}"
    return "a blank node"
