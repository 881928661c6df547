"""RDF documents about one entity, in every format, and the content negotiation that picks one.

An entity's document holds its own statements (with those of its structured values), the statements that
point at it, and the labels of everything it mentions, so a client can show it without further requests.
The TriG and N-Quads variants keep each statement in its named graph, i.e. say which source states it;
Turtle, N-Triples, RDF/XML and JSON-LD merge the graphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from amkg import formats
from amkg.cache import per_store
from amkg.formats import parse_accept
from amkg.iris import PREFIXES, sparql_iri
from amkg.neighbourhood import neighbourhood
from amkg.vocabulary import RDFS_LABEL, ontology_graph


def _serialisation(engine: RdfFormat) -> formats.Format:
    return next(f for f in formats.GRAPH_FORMATS if f.engine == engine)


@dataclass(frozen=True)
class Format:
    """A document format: its file suffix and name, and the endpoint's serialisation it is written in.

    Media types, charset and prefix handling come from :mod:`amkg.formats`, so a document and a
    CONSTRUCT answer in the same format are labelled and written alike.
    """

    ext: str
    name: str
    serialisation: formats.Format | None = None  # None: the HTML page

    @property
    def media_type(self) -> str:
        return self.serialisation.media_type if self.serialisation else "text/html"

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"

    @property
    def rdf(self) -> RdfFormat | None:
        return self.serialisation.engine if self.serialisation else None

    @property
    def quads(self) -> bool:
        """TriG and N-Quads keep each statement in the graph of the document that states it."""
        return self.rdf in (RdfFormat.TRIG, RdfFormat.N_QUADS)

    @property
    def takes_prefixes(self) -> bool:
        return self.serialisation is not None and self.serialisation.takes_prefixes


FORMATS: dict[str, Format] = {
    f.ext: f
    for f in (
        Format("html", "HTML page"),
        Format("ttl", "Turtle", _serialisation(RdfFormat.TURTLE)),
        Format("jsonld", "JSON-LD", _serialisation(RdfFormat.JSON_LD)),
        Format("rdf", "RDF/XML", _serialisation(RdfFormat.RDF_XML)),
        Format("nt", "N-Triples", _serialisation(RdfFormat.N_TRIPLES)),
        Format("trig", "TriG (with source graphs)", _serialisation(RdfFormat.TRIG)),
        Format("nq", "N-Quads (with source graphs)", _serialisation(RdfFormat.N_QUADS)),
    )
}
RDF_FORMATS = [f for f in FORMATS.values() if f.rdf is not None]

#: Media types a client may ask for, in the server's order of preference for ``*/*``.
OFFERS: list[tuple[str, str]] = [
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("text/n3", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("application/xml", "rdf"),
    ("application/n-triples", "nt"),
    ("application/trig", "trig"),
    ("application/n-quads", "nq"),
]


def negotiate(header: str) -> str:
    """The suffix of the best format for an ``Accept`` header; HTML when the client states no preference."""
    accept = parse_accept(header)
    if not accept:
        return "html"
    best = accept.best_match([media for media, _ in OFFERS])
    return dict(OFFERS)[best] if best else "html"


def link_header(url_without_suffix: str, current: str = "") -> str:
    """``Link`` header listing the other formats of the document (``rel=alternate``)."""
    links = [
        f'<{url_without_suffix}.{f.ext}>; rel="alternate"; type="{f.media_type}"; title="{f.name}"'
        for f in FORMATS.values()
        if f.ext != current
    ]
    return ", ".join(links)


def entity_quads(store: object, iri: str) -> list[Quad]:
    """The entity's document as quads: outgoing, structured values, incoming, and labels of all of them."""
    near = neighbourhood(store, iri)
    quads = [*near.outgoing, *near.inner, *near.incoming, *(q for pair in near.via_blank for q in pair)]
    mentioned = {
        t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, NamedNode)
    }
    mentioned.discard(iri)
    if mentioned:
        values = " ".join(sparql_iri(i) for i in sorted(mentioned))
        label_rows = store.select(
            f"SELECT ?x ?l ?g WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x <{RDFS_LABEL}> ?l }} }}"
        )
        quads.extend(Quad(r["x"], NamedNode(RDFS_LABEL), r["l"], r["g"]) for r in label_rows)
    return quads


def serialise(quads: list[Quad], fmt: Format, first: str = "") -> bytes:
    """Quads in ``fmt``; triple formats merge the graphs (dropping duplicate statements).

    Statements are sorted by graph, then with ``first``'s own statements ahead of the rest, so a reader
    finds the entity at the top; only the prefixes the document uses are declared.
    """

    def order(q: Quad | Triple) -> tuple:
        graph = str(q.graph_name) if isinstance(q, Quad) else ""
        return (graph, q.subject.value != first, str(q.subject), str(q.predicate), str(q.object))

    if fmt.quads:
        data: list = sorted(set(quads), key=order)
    else:
        data = sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=order)
    prefixes = None
    if fmt.takes_prefixes:
        used = {t.value for q in data for t in (q.predicate, q.object) if isinstance(t, NamedNode)}
        prefixes = {
            p: ns for p, ns in PREFIXES.items() if p != "id" and any(iri.startswith(ns) for iri in used)
        }
    return serialize(data, format=fmt.rdf, prefixes=prefixes)


@per_store
def _ontology_quads(store: object) -> list[Quad]:
    graph = NamedNode(ontology_graph())
    triples = store.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ontology_graph()}> {{ ?s ?p ?o }} }}"
    )
    return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]


@per_store
def _ontology_documents(store: object) -> dict[str, bytes]:
    return {}


def ontology_document(store: object, fmt: Format) -> bytes:
    """The ontology graph in ``fmt``, serialised once per store."""
    documents = _ontology_documents(store)
    if fmt.ext not in documents:
        documents[fmt.ext] = serialise(_ontology_quads(store), fmt)
    return documents[fmt.ext]
