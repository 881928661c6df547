"""Materialise the inferences worth serving, so plain SPARQL (no reasoner behind the endpoint) finds them.

What is added, from the ontology's own axioms: inverse and symmetric property values (a hub's host ``hosts``
the hub), super-property values (``amkg:deliveredBy`` is also ``amkg:partner``), the closure of transitive
properties (``amkg:locatedIn``), ``skos:broaderTransitive`` for every chain of ``skos:broader``, and the
types that follow from ``rdfs:subClassOf``, ``rdfs:domain`` and ``rdfs:range``. Only statements about the
instances are added, never about classes or properties, and only what no file states already.

These are rules any OWL reasoner agrees with; computing them here over Python sets takes a fraction of a
second, where asking HermiT to realise every individual takes several.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# Classes no one wants to see as a type: every individual is an owl:Thing.
_UNINFORMATIVE = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual})
# Built-in vocabulary whose triples describe the ontology, not the data.
_SCHEMA_NAMESPACES = (str(RDF), str(RDFS), str(OWL))


def _closure(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Reflexive-free transitive closure of a small graph given as adjacency sets."""
    closed: dict[Node, set[Node]] = {}
    for start in edges:
        seen: set[Node] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
        closed[start] = seen
    return closed


class _Schema:
    """The axioms of the ontology the rules use, read once."""

    def __init__(self, graph: Graph) -> None:
        sub_classes: dict[Node, set[Node]] = defaultdict(set)
        for c, d in graph.subject_objects(RDFS.subClassOf):
            if isinstance(d, URIRef):
                sub_classes[c].add(d)
        self.superclasses = _closure(sub_classes)
        sub_properties: dict[Node, set[Node]] = defaultdict(set)
        for p, q in graph.subject_objects(RDFS.subPropertyOf):
            sub_properties[p].add(q)
        sub_properties[SKOS.broader].add(SKOS.broaderTransitive)  # as SKOS itself states
        self.superproperties = _closure(sub_properties)
        self.inverses: dict[Node, set[Node]] = defaultdict(set)
        for p, q in graph.subject_objects(OWL.inverseOf):
            self.inverses[p].add(q)
            self.inverses[q].add(p)
        self.symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
        self.transitive = set(graph.subjects(RDF.type, OWL.TransitiveProperty)) | {SKOS.broaderTransitive}
        self.domains = {p: set(graph.objects(p, RDFS.domain)) for p in set(graph.subjects(RDFS.domain))}
        self.ranges: dict[Node, set[Node]] = defaultdict(set)
        for p, r in graph.subject_objects(RDFS.range):
            if isinstance(r, URIRef) and not r.startswith(str(XSD)) and r != RDF.langString:  # datatypes
                self.ranges[p].add(r)

    def with_superclasses(self, classes: Iterable[Node]) -> set[Node]:
        found: set[Node] = set()
        for c in classes:
            found.add(c)
            found |= self.superclasses.get(c, set())
        return {c for c in found if isinstance(c, URIRef) and c not in _UNINFORMATIVE}


def _instance_facts(graph: Graph) -> set[Triple]:
    """The statements about instances: not about classes, properties or the ontology, nor RDF lists."""
    vocabulary = {s for s, o in graph.subject_objects(RDF.type) if str(o).startswith(_SCHEMA_NAMESPACES)}
    vocabulary -= set(graph.subjects(RDF.type, OWL.NamedIndividual))  # units and other named individuals
    facts = set()
    for s, p, o in graph:
        if s in vocabulary or (p != RDF.type and str(p).startswith(_SCHEMA_NAMESPACES)):
            continue
        if p == RDF.type and str(o).startswith(_SCHEMA_NAMESPACES):
            continue
        facts.add((s, p, o))
    return facts


def _property_values(facts: set[Triple], schema: _Schema) -> set[Triple]:
    """Close the property assertions under sub-properties, inverses, symmetry and transitivity."""
    closed = set(facts)
    frontier = set(facts)
    while frontier:
        new: set[Triple] = set()
        for s, p, o in frontier:
            for q in schema.superproperties.get(p, ()):
                new.add((s, q, o))
            for q in schema.inverses.get(p, ()):
                new.add((o, q, s))
            if p in schema.symmetric:
                new.add((o, p, s))
        by_property: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        for s, p, o in closed | new:
            if p in schema.transitive:
                by_property[p][s].add(o)
        for p, edges in by_property.items():
            for s, reachable in _closure(edges).items():
                new.update((s, p, o) for o in reachable if o != s)
        frontier = new - closed
        closed |= frontier
    return closed


def _types(facts: set[Triple], schema: _Schema) -> set[Triple]:
    """rdf:type statements implied by asserted types, domains and ranges, with all their superclasses."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for s, p, o in facts:
        if p == RDF.type:
            direct[s].add(o)
            continue
        for c in schema.domains.get(p, ()):
            direct[s].add(c)
        if not isinstance(o, Literal):
            for c in schema.ranges.get(p, ()):
                direct[o].add(c)
    return {(n, RDF.type, c) for n, classes in direct.items() for c in schema.with_superclasses(classes)}


def materialise(union: Graph) -> Graph:
    """The inferred statements about instances that ``union`` (ontology and data) does not state itself."""
    schema = _Schema(union)
    facts = _instance_facts(union)
    types_asserted = {t for t in facts if t[1] == RDF.type}
    values = _property_values(facts - types_asserted, schema)
    inferred = Graph()
    for triple in (values | _types(values | types_asserted, schema)) - set(union):
        inferred.add(triple)
    return inferred
