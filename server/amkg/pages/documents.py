"""RDF documents about one entity, in every RDF format of :mod:`amkg.web.formats`.

An entity's document holds its own statements (with those of its structured values), the statements that
point at it, and the labels of everything it mentions, so a client can show it without further requests.
The TriG and N-Quads variants keep each statement in its named graph, i.e. say which source states it, and
hold it in their default graph as well: a client that follows links and prefers quads (Comunica) matches
plain triple patterns against the default graph only, and would otherwise find nothing. Turtle, N-Triples,
RDF/XML and JSON-LD merge the graphs. RDF/XML is checked by :func:`amkg.web.formats.xml_safe`.
"""

from __future__ import annotations

from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple, serialize

from amkg.pages.neighbourhood import neighbourhood
from amkg.rdf.names import sparql_iri
from amkg.rdf.namespaces import CURIE_PREFIXES, ONTOLOGY_GRAPH, RDFS_LABEL
from amkg.rdf.terms import written
from amkg.store import Store
from amkg.store.memo import per_store
from amkg.web.formats import Format, xml_safe


def entity_quads(store: Store, iri: str) -> list[Quad]:
    """The entity's document as quads: outgoing, structured values, incoming, and labels of all of them."""
    near = neighbourhood(store, iri)
    quads = [*near.outgoing, *near.inner, *near.incoming, *(q for pair in near.via_value for q in pair)]
    mentioned = {
        t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, NamedNode)
    }
    mentioned.discard(iri)
    if mentioned:
        values = " ".join(sparql_iri(i) for i in sorted(mentioned))
        label_rows = store.select(
            f"SELECT ?x ?l ?g WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x <{RDFS_LABEL}> ?l }} }}"
        )
        quads.extend(
            Quad(r["x"], NamedNode(RDFS_LABEL), r["l"], r["g"])
            for r in label_rows
            if isinstance(r["x"], NamedNode) and isinstance(r["g"], NamedNode)
        )
    return quads


def serialise(quads: list[Quad], fmt: Format, first: str = "") -> bytes:
    """Quads in ``fmt``; triple formats merge the graphs (dropping duplicate statements), quad formats
    also state the merge in their default graph; :class:`amkg.web.formats.Unwritable` for a term RDF/XML
    cannot carry.

    Statements are sorted by graph (the default graph first), then with ``first``'s own statements ahead of
    the rest, so a reader finds the entity at the top; only the prefixes the document uses are declared.
    """

    def order(q: Quad | Triple) -> tuple:
        graph = (
            str(q.graph_name) if isinstance(q, Quad) and not isinstance(q.graph_name, DefaultGraph) else ""
        )
        subject = str(q.subject) if isinstance(q.subject, Triple) else q.subject.value
        return (graph, subject != first, str(q.subject), str(q.predicate), str(q.object))

    triples = {Triple(q.subject, q.predicate, q.object) for q in quads}
    if fmt.quads:
        merged = {Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples}
        data: list = sorted(merged | set(quads), key=order)
    else:
        data = sorted(triples, key=order)
    prefixes = None
    if fmt.takes_prefixes:
        used = {t.value for q in data for t in (q.predicate, q.object) if isinstance(t, NamedNode)}
        prefixes = {
            p: ns for p, ns in CURIE_PREFIXES.items() if p != "id" and any(iri.startswith(ns) for iri in used)
        }
    body = written(serialize(data, format=fmt.rdf, prefixes=prefixes))
    return xml_safe(body, fmt) if fmt.xml else body


@per_store
def _ontology_quads(store: Store) -> list[Quad]:
    graph = NamedNode(ONTOLOGY_GRAPH)
    triples = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]


@per_store
def _ontology_documents(store: Store) -> dict[str, bytes]:
    return {}


def ontology_document(store: Store, fmt: Format) -> bytes:
    """The ontology graph in ``fmt``, serialised once per store."""
    documents = _ontology_documents(store)
    if fmt.ext not in documents:
        documents[fmt.ext] = serialise(_ontology_quads(store), fmt)
    return documents[fmt.ext]
