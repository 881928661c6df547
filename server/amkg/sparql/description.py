"""The graph's self-description: VoID + DCAT at ``/.well-known/void``, the Service Description at ``/sparql``.

Both are computed from the store once per store (counts, partitions, named graphs) and written in any RDF
format by content negotiation. The dataset's IRI is the persistent base (``https://w3id.org/amkg/``), whose
page is the home page; locations (endpoint, dumps) are the deployment's public URLs. The endpoint's limits,
which the W3C vocabularies have no terms for, are stated with terms of ``https://w3id.org/amkg/service#``
(defined at ``/service``, see :mod:`amkg.servicevocab`) and in words.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from amkg.dist import MANIFEST
from amkg.rdf.namespaces import AMKG, BASE, LINKSET_PREFIX, PREFIXES
from amkg.sparql.service_terms import NAMESPACE
from amkg.store import Store
from amkg.store.summary import Summary, summary
from amkg.web.context import get_dist, get_store, settings
from amkg.web.dataset import DESCRIPTION, LICENSE, TITLE
from amkg.web.formats import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    Kind,
    negotiate,
)
from amkg.web.http import choose_format, preflight
from amkg.web.public import public_base

bp = Blueprint("void", __name__)

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
DCT = PREFIXES["dct"]
XSD = PREFIXES["xsd"]
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
OUTPUT_PREFIXES = {**PREFIXES, "void": VOID, "dcat": DCAT, "sd": SD, "service": NAMESPACE}


class _Graph:
    """A small triple collector: ``add(subject, "void:triples", 42)``. Its blank nodes are numbered in the
    order they are made (``node()``), so a description reads the same on every request: its ETag and length
    hold, and a HEAD says what a GET would send."""

    def __init__(self, prefix: str) -> None:
        self.triples: list[Triple] = []
        self._prefix, self._made = prefix, 0

    def node(self) -> BlankNode:
        self._made += 1
        return BlankNode(f"{self._prefix}{self._made}")

    def add(self, subject: NamedNode | BlankNode, predicate: str, value: object) -> None:
        prefix, _, local = predicate.partition(":")
        self.triples.append(Triple(subject, NamedNode(OUTPUT_PREFIXES[prefix] + local), _term(value)))


def _term(value: object) -> NamedNode | BlankNode | Literal:
    if isinstance(value, NamedNode | BlankNode | Literal):
        return value
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "decimal"))
    return Literal(str(value), language="en")


def _is_source(iri: str) -> bool:
    return iri.startswith(BASE + "id/source/")


def void_statistics(s: Summary) -> list[tuple[str, str, int]]:
    """The dataset's VoID statistics: (VoID property, what a page calls it, value)."""
    return [
        ("triples", "distinct triples", s.triples),
        ("entities", "entities", s.entities),
        ("classes", "classes", len(s.class_partitions)),
        ("properties", "properties", len(s.properties)),
        ("distinctSubjects", "distinct subjects", s.subjects),
        ("distinctObjects", "distinct objects", s.objects),
    ]


def void_graph(store: Store) -> list[Triple]:
    """VoID and DCAT for the whole dataset, its named graphs, its dumps and its endpoint."""
    s, public = summary(store), public_base()
    g = _Graph("void")
    dataset, endpoint = NamedNode(BASE), NamedNode(public + "sparql")
    document = NamedNode(public + ".well-known/void")
    g.add(document, "rdf:type", NamedNode(VOID + "DatasetDescription"))
    g.add(document, "foaf:primaryTopic", dataset)
    g.add(dataset, "rdf:type", NamedNode(VOID + "Dataset"))
    g.add(dataset, "rdf:type", NamedNode(DCAT + "Dataset"))
    g.add(dataset, "dct:title", TITLE)
    g.add(dataset, "dct:description", DESCRIPTION)
    g.add(dataset, "dct:license", NamedNode(LICENSE))
    g.add(dataset, "foaf:homepage", NamedNode(public))
    g.add(dataset, "dcat:landingPage", NamedNode(public))
    release = get_dist().version
    if release:  # the build's version: its date and a hash of the statements
        g.add(dataset, "owl:versionInfo", Literal(release["version"]))
        g.add(dataset, "dct:issued", Literal(release["date"], datatype=NamedNode(XSD + "date")))
        g.add(dataset, "dct:hasVersion", NamedNode(public + "downloads/" + release["dump"]))
    modified = get_dist().built_at
    if modified:
        g.add(dataset, "dct:modified", Literal(modified, datatype=NamedNode(XSD + "dateTime")))
    for iri in (g.iri for g in s.graphs):
        if _is_source(iri):
            g.add(dataset, "dct:source", NamedNode(iri))
    g.add(dataset, "void:sparqlEndpoint", endpoint)
    g.add(dataset, "void:uriSpace", Literal(BASE + "id/"))
    for vocabulary in s.vocabularies:
        g.add(dataset, "void:vocabulary", NamedNode(vocabulary))
    for prop, namespace, count in s.links:  # what federation planners use to pick sources for a join
        linkset, target = g.node(), g.node()
        g.add(dataset, "void:subset", linkset)
        g.add(linkset, "rdf:type", NamedNode(VOID + "Linkset"))
        g.add(linkset, "void:linkPredicate", NamedNode(prop))
        g.add(linkset, "void:subjectsTarget", dataset)
        g.add(linkset, "void:objectsTarget", target)
        g.add(linkset, "void:triples", count)
        g.add(target, "rdf:type", NamedNode(VOID + "Dataset"))
        g.add(target, "void:uriSpace", Literal(namespace))
    _statistics(g, dataset, s)
    for iri in s.examples:
        g.add(dataset, "void:exampleResource", NamedNode(iri))
    _dumps(g, dataset, public, {size.iri: size.triples for size in s.graphs})
    g.triples += linkset_descriptions(store)
    service = g.node()
    g.add(dataset, "dcat:distribution", service)
    g.add(service, "rdf:type", NamedNode(DCAT + "Distribution"))
    g.add(service, "dcat:accessURL", endpoint)
    g.add(service, "dcat:accessService", endpoint)
    g.add(endpoint, "rdf:type", NamedNode(DCAT + "DataService"))
    g.add(endpoint, "dcat:endpointURL", endpoint)
    g.add(endpoint, "dcat:endpointDescription", endpoint)
    g.add(endpoint, "dcat:servesDataset", dataset)
    return g.triples


def _statistics(g: _Graph, node: NamedNode | BlankNode, s: Summary) -> None:
    """VoID's statistics of the union: in VoID, and on the service description's default graph, where
    federation engines (Comunica) read them to estimate the cardinality of each pattern."""
    for name, _, value in void_statistics(s):
        g.add(node, f"void:{name}", value)
    for cls, count in s.class_partitions:
        part = g.node()
        g.add(node, "void:classPartition", part)
        g.add(part, "void:class", NamedNode(cls))
        g.add(part, "void:entities", count)
    for prop, count in s.properties:
        part = g.node()
        g.add(node, "void:propertyPartition", part)
        g.add(part, "void:property", NamedNode(prop))
        g.add(part, "void:triples", count)


#: The predicates of the links themselves; every other statement of a linkset graph describes the linkset.
_LINKS = (
    PREFIXES["owl"] + "sameAs",
    PREFIXES["skos"] + "exactMatch",
    PREFIXES["skos"] + "closeMatch",
    AMKG.iso3166Alpha2,
    AMKG.iso3166Alpha3,
    AMKG.iso3166Numeric,
)


def linkset_descriptions(store: Store) -> list[Triple]:
    """The ``void:Linkset`` descriptions the build wrote into each linkset graph (targets, link predicate,
    count, how derived, package and version), copied as they are."""
    links = ", ".join(f"<{p}>" for p in _LINKS)
    rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f'FILTER(STRSTARTS(STR(?g), "{LINKSET_PREFIX}") && ?p NOT IN ({links})) }}'
    )
    return [Triple(r["s"], r["p"], r["o"]) for r in rows]  # type: ignore[arg-type]


def _dumps(g: _Graph, dataset: NamedNode, public: str, graphs: dict[str, int]) -> None:
    """The named graphs as subsets with their sizes; the build's dumps: whole-graph files on the dataset, one
    Turtle file per graph on its subset."""
    files = {d.name: d for d in get_dist().downloads if d.name != MANIFEST}
    subsets = {}
    for iri, size in sorted(graphs.items()):
        subset = subsets[iri.rstrip("/").rsplit("/", 1)[-1]] = g.node()
        g.add(dataset, "void:subset", subset)
        g.add(subset, "rdf:type", NamedNode(VOID + "Dataset"))
        g.add(subset, "sd:name", NamedNode(iri))
        g.add(subset, "void:triples", size)
        g.add(subset, "dct:title", f"The named graph <{iri}>")
        if _is_source(iri):
            g.add(subset, "dct:source", NamedNode(iri))
    for name, download in files.items():
        url = NamedNode(public + "downloads/" + name)
        stem = name.removeprefix("graphs/").rsplit(".", 1)[0]
        target = subsets.get(stem) if name.startswith("graphs/") else dataset
        if target is None:
            continue
        g.add(target, "void:dataDump", url)
        distribution = g.node()
        g.add(target, "dcat:distribution", distribution)
        g.add(distribution, "rdf:type", NamedNode(DCAT + "Distribution"))
        g.add(distribution, "dcat:downloadURL", url)
        g.add(distribution, "dcat:mediaType", NamedNode(MEDIA_TYPES + download.media_type))
        g.add(distribution, "dcat:byteSize", download.size)


def service_description_graph(store: Store) -> list[Triple]:
    """The SPARQL 1.1 Service Description of ``/sparql``: language, formats, features, dataset, limits."""
    s, public, config = summary(store), public_base(), settings()
    g = _Graph("sd")
    endpoint = NamedNode(public + "sparql")
    g.add(endpoint, "rdf:type", NamedNode(SD + "Service"))
    g.add(endpoint, "sd:endpoint", endpoint)
    g.add(endpoint, "dct:title", "AMKG SPARQL endpoint")
    g.add(endpoint, "sd:supportedLanguage", NamedNode(SD + "SPARQL11Query"))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add(endpoint, "sd:resultFormat", NamedNode(fmt.iri))
    g.add(endpoint, "sd:feature", NamedNode(SD + "UnionDefaultGraph"))
    if config.service_allowlist:
        g.add(endpoint, "sd:feature", NamedNode(SD + "BasicFederatedQuery"))
    g.add(endpoint, "sd:defaultEntailmentRegime", NamedNode("http://www.w3.org/ns/entailment/Simple"))
    g.add(
        endpoint,
        "rdfs:comment",
        (
            f"Read-only. Queries stop after {config.query_timeout:g} s (503); answers hold at most "
            f"{config.row_limit} rows or triples, and a cut is signalled by the AMKG-Results-Truncated "
            "header (and in SPARQL JSON and XML by a head link to this endpoint). Relative IRIs in a query "
            "resolve against the endpoint's URL. "
            "SERVICE calls only the allowed endpoints, never private or loopback addresses."
        ),
    )
    g.add(endpoint, "service:queryTimeout", float(config.query_timeout))
    g.add(endpoint, "service:resultRowLimit", config.row_limit)
    g.add(endpoint, "service:answerByteLimit", config.max_answer_bytes)
    g.add(endpoint, "service:clientQueryLimit", config.client_queries)
    g.add(endpoint, "service:queryNestingLimit", config.max_nesting)
    g.add(endpoint, "service:queryTokenLimit", config.max_query_tokens)
    g.add(endpoint, "service:readOnly", True)
    for iri in config.service_allowlist:
        g.add(endpoint, "service:allowedService", NamedNode(iri))
    dataset, default = g.node(), g.node()
    g.add(endpoint, "sd:defaultDataset", dataset)
    g.add(dataset, "rdf:type", NamedNode(SD + "Dataset"))
    g.add(dataset, "rdfs:seeAlso", NamedNode(public + ".well-known/void"))
    g.add(dataset, "sd:defaultGraph", default)
    g.add(default, "rdf:type", NamedNode(SD + "Graph"))
    g.add(default, "dct:description", "The union of all named graphs.")
    _statistics(g, default, s)
    for iri, count in ((size.iri, size.triples) for size in s.graphs):
        named, graph = g.node(), g.node()
        g.add(dataset, "sd:namedGraph", named)
        g.add(named, "rdf:type", NamedNode(SD + "NamedGraph"))
        g.add(named, "sd:name", NamedNode(iri))
        g.add(named, "sd:graph", graph)
        g.add(graph, "rdf:type", NamedNode(SD + "Graph"))
        g.add(graph, "void:triples", count)
    return g.triples


def write(triples: list[Triple], fmt: Format) -> bytes:
    body = serialize(triples, format=fmt.rdf, prefixes=OUTPUT_PREFIXES if fmt.takes_prefixes else None)
    assert body is not None  # no output file given: the bytes are returned
    return body


def service_description(store: Store, fmt: Format) -> bytes:
    return write(service_description_graph(store), fmt)


@bp.route("/.well-known/void", methods=["GET", "OPTIONS"])
def void() -> Response:
    """The VoID description, in the RDF format the client asks for (Turtle by default)."""
    if request.method == "OPTIONS":
        return preflight()
    names = request.args.getlist("format")
    accept = request.headers.get("Accept", "")
    # A page only for a client that names HTML and prefers it (browsers); ``*/*`` alone still gets Turtle.
    if not names and "text/html" in accept and negotiate(Kind.DOCUMENT, accept).ext == "html":
        return void_page()
    fmt = choose_format(Kind.GRAPH, names)
    body = write(void_graph(get_store()), fmt)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def void_page() -> Response:
    """The VoID description for a browser, which names ``text/html`` in ``Accept`` (RDF clients do not):
    the same figures as a page, with links to the description in each RDF format."""
    s = summary(get_store())
    stats = [("statements in the named graphs", s.statements)]
    stats += [(label, value) for _, label, value in void_statistics(s)]
    body = render_template(
        "void.html",
        dataset=BASE,
        title=TITLE,
        description=DESCRIPTION,
        license=LICENSE,
        stats=stats,
        graphs=s.graphs,
        classes=s.class_partitions,
        properties=s.properties,
        formats=GRAPH_FORMATS,
    )
    return Response(body, mimetype="text/html", headers={"Vary": "Accept"})
