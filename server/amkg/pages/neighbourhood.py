"""An entity's statements read straight from the store's index, not through SPARQL.

A page needs what the entity says, what points at it, and the statements of the blank nodes on either side
(structured values; resources that point at it through one). ``Store.quads_for`` returns every quad with a
term as subject or object, in every graph, about fifty times faster than the equivalent SPARQL query, so
the few lookups below replace the page's two largest queries. Blank nodes never cross graphs, so a blank
node's statements are taken from the graph it was found in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import BlankNode, NamedNode, Quad

from amkg.store import Store

#: Upper bound on statements pointing at one entity that a page reads.
MAX_INCOMING = 5000


@dataclass
class Neighbourhood:
    """Quads around one IRI."""

    outgoing: list[Quad] = field(default_factory=list)  # the entity as subject
    inner: list[Quad] = field(default_factory=list)  # statements of blank nodes the entity points to
    incoming: list[Quad] = field(default_factory=list)  # the entity as object (subject an IRI)
    via_blank: list[tuple[Quad, Quad]] = field(default_factory=list)  # (owner → blank, blank → entity)

    def __bool__(self) -> bool:
        return bool(self.outgoing or self.incoming or self.via_blank)


def neighbourhood(store: Store, iri: str) -> Neighbourhood:
    """The statements of and about ``iri``; raises ``ValueError`` if ``iri`` is not an IRI."""
    node = NamedNode(iri)
    found = Neighbourhood()
    for quad in store.quads_for(node):
        if quad.subject == node:
            found.outgoing.append(quad)
            if isinstance(quad.object, BlankNode):
                found.inner += [
                    q
                    for q in store.quads_for(quad.object)
                    if q.subject == quad.object and q.graph_name == quad.graph_name
                ]
        elif isinstance(quad.subject, BlankNode):
            found.via_blank += [
                (owner, quad)
                for owner in store.quads_for(quad.subject)
                if owner.object == quad.subject
                and owner.graph_name == quad.graph_name
                and not isinstance(owner.subject, BlankNode)
            ]
        elif len(found.incoming) < MAX_INCOMING:
            found.incoming.append(quad)
    return found
