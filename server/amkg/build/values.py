"""Give every structured value of graph/ (money, quantities: blank nodes in Turtle) an IRI of its own.

A blank node is a different node in every parse: the store's union and its named graphs, a dump and the
store loaded from it, two builds — none would share it, so "which document states this amount?" had no
answer, and no one could link to a value. The build names each value after its owner instead:
``{owner}#{property}-{hash}``, the hash over the value's own statements (sorted; nested values by their own
hash), so an unchanged value keeps its IRI on every rebuild and a changed one gets a new one. Two identical
values of one owner and property stay two (``…-{hash}``, ``…-{hash}-2``); a nested value is named inside
its owner value (``{owner}#funding-{hash}.quantity-{hash}``); a value no IRI points to gets a Skolem IRI
(RDF 1.1 §3.5). This runs after validation and reasoning, whose reports name a value by its owner.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from amkg.build.inputs import ONTOLOGY_GRAPH, Inputs
from amkg.rdf.namespaces import GENID

#: Hex digits of the content hash in a value's IRI: unique enough among one owner's values.
_HASH = 12


def name_values(inputs: Inputs) -> Inputs:
    """The same inputs with every blank node of the data files replaced by its value IRI.

    The ontology keeps its blank nodes: OWL's mapping to RDF reads lists and anonymous axioms only as blank
    nodes, and no page or client refers to them.
    """
    files = [f if f.graph == ONTOLOGY_GRAPH else replace(f, triples=_named(f.triples)) for f in inputs.files]
    return Inputs(files)


def _named(graph: Graph) -> Graph:
    iris = _Namer(graph).iris()
    if not iris:
        return graph
    out = Graph()
    for s, p, o in graph:
        out.add(
            (iris.get(s, s) if isinstance(s, BNode) else s, p, iris.get(o, o) if isinstance(o, BNode) else o)
        )
    return out


class _Namer:
    """Names the blank nodes of one file's graph (blank nodes never cross files)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.blanks = {n for t in graph for n in (t[0], t[2]) if isinstance(n, BNode)}
        self._digests: dict[BNode, str] = {}
        self._names: dict[BNode, URIRef] = {}
        self._taken: dict[URIRef, int] = defaultdict(int)

    def iris(self) -> dict[BNode, URIRef]:
        # Visit in content order, so that which of two identical values gets ``-2`` never depends on labels.
        for node in sorted(self.blanks, key=self.digest):
            self.name(node, set())
        return self._names

    def digest(self, node: BNode, visiting: frozenset[BNode] = frozenset()) -> str:
        """A hash of the value's statements, sorted, nested values by their own digest."""
        if node in self._digests:
            return self._digests[node]
        lines = []
        for _, p, o in self.graph.triples((node, None, None)):
            if isinstance(o, BNode):
                # A cycle of blank nodes cannot be hashed by content: its back-reference counts as a mark.
                inner = "cycle" if o in visiting or o == node else self.digest(o, visiting | {node})
                lines.append(f"{p.n3()} _:{inner}")
            else:
                lines.append(f"{p.n3()} {o.n3()}")
        found = hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:_HASH]
        if not visiting:
            self._digests[node] = found
        return found

    def name(self, node: BNode, visiting: set[BNode]) -> URIRef:
        if node in self._names:
            return self._names[node]
        visiting.add(node)
        owner = self._owner(node, visiting)
        if owner is None:
            base = URIRef(GENID + self.digest(node))
        else:
            subject, predicate = owner
            local = str(predicate).replace("#", "/").rstrip("/").rsplit("/", 1)[-1]
            separator = "." if "#" in subject else "#"
            base = URIRef(f"{subject}{separator}{local}-{self.digest(node)}")
        self._taken[base] += 1
        count = self._taken[base]
        self._names[node] = base if count == 1 else URIRef(f"{base}-{count}")
        return self._names[node]

    def _owner(self, node: BNode, visiting: set[BNode]) -> tuple[URIRef, Node] | None:
        """The (IRI, property) pointing at ``node``: an IRI subject first, else a blank one once named."""
        pointers = sorted(
            self.graph.subject_predicates(node), key=lambda sp: (isinstance(sp[0], BNode), str(sp[0]), sp[1])
        )
        for subject, predicate in pointers:
            if isinstance(subject, URIRef):
                return subject, predicate
            if isinstance(subject, BNode) and subject not in visiting:
                return self.name(subject, visiting), predicate
        return None
