"""The terms the Service Description states the endpoint's limits with, dereferenceable at ``/service``.

No W3C vocabulary says how long a query may run, how many rows an answer holds or which endpoints SERVICE
may call, so :mod:`amkg.void` states them with terms of ``https://w3id.org/amkg/service#``. Like every IRI
under the base, those terms must resolve: a client following ``service:resultRowLimit`` gets its
definition, as RDF (Turtle, JSON-LD… by ``Accept``) or as a short page for people.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from pyoxigraph import Literal, NamedNode, Triple, serialize

from amkg.rdf.namespaces import BASE, PREFIXES
from amkg.web.formats import DOCUMENTS, Kind, negotiate
from amkg.web.public import to_public

bp = Blueprint("service_vocab", __name__)

NAMESPACE = BASE + "service#"
DOCUMENT = NAMESPACE.rstrip("#")
SD = "http://www.w3.org/ns/sparql-service-description#"
XSD = PREFIXES["xsd"]
OWL = PREFIXES["owl"]
RDFS = PREFIXES["rdfs"]
#: name → (label, definition, OWL kind, range)
TERMS: dict[str, tuple[str, str, str, str]] = {
    "queryTimeout": (
        "query timeout",
        "Seconds a query may run; past them it is stopped and answered with 503.",
        "DatatypeProperty",
        XSD + "decimal",
    ),
    "resultRowLimit": (
        "result row limit",
        "The most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer holds; more are cut, and the cut "
        "is signalled by the AMKG-Results-Truncated header (and, in SPARQL JSON and XML, a link in the head "
        "to the endpoint, whose description states the limit).",
        "DatatypeProperty",
        XSD + "integer",
    ),
    "answerByteLimit": (
        "answer byte limit",
        "The most bytes an answer may take; a query whose answer is larger is answered with 413.",
        "DatatypeProperty",
        XSD + "integer",
    ),
    "clientQueryLimit": (
        "client query limit",
        "The most queries one client (IP address) may run at once; more get 429 and Retry-After.",
        "DatatypeProperty",
        XSD + "integer",
    ),
    "queryNestingLimit": (
        "query nesting limit",
        "The deepest nesting of braces, parentheses and brackets a query may have; deeper ones get 400.",
        "DatatypeProperty",
        XSD + "integer",
    ),
    "queryTokenLimit": (
        "query token limit",
        "The most tokens (names, values, operators) a query may have; longer ones get 413.",
        "DatatypeProperty",
        XSD + "integer",
    ),
    "readOnly": (
        "read-only",
        "Whether the service refuses SPARQL Update in every form.",
        "DatatypeProperty",
        XSD + "boolean",
    ),
    "allowedService": (
        "allowed service",
        "An endpoint that SERVICE clauses may call; any other is refused, and so is any endpoint on a "
        "loopback or private address.",
        "ObjectProperty",
        SD + "Service",
    ),
}


def vocabulary() -> list[Triple]:
    """The vocabulary as RDF: an ontology with one property per term, each with label, definition, range."""
    document = NamedNode(DOCUMENT)
    rdf_type = NamedNode(PREFIXES["rdf"] + "type")
    triples = [
        Triple(document, rdf_type, NamedNode(OWL + "Ontology")),
        Triple(document, NamedNode(PREFIXES["dct"] + "title"), Literal("AMKG service terms", language="en")),
    ]
    for name, (label, definition, kind, value_range) in TERMS.items():
        term = NamedNode(NAMESPACE + name)
        triples += [
            Triple(term, rdf_type, NamedNode(OWL + kind)),
            Triple(term, NamedNode(RDFS + "label"), Literal(label, language="en")),
            Triple(term, NamedNode(RDFS + "comment"), Literal(definition, language="en")),
            Triple(term, NamedNode(RDFS + "domain"), NamedNode(SD + "Service")),
            Triple(term, NamedNode(RDFS + "range"), NamedNode(value_range)),
            Triple(term, NamedNode(RDFS + "isDefinedBy"), document),
        ]
    return triples


@bp.get("/service")
def service_terms() -> Response:
    """The namespace document (hash IRIs need no 303): a page for browsers, else RDF by ``Accept``."""
    ext = negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext
    if ext == "html":
        page = render_template("service.html", terms=TERMS, namespace=NAMESPACE, url=to_public(DOCUMENT))
        return Response(page, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
    fmt = DOCUMENTS[ext]
    prefixes = {"service": NAMESPACE, "sd": SD, "owl": OWL, "rdfs": RDFS, "xsd": XSD, "dct": PREFIXES["dct"]}
    body = serialize(vocabulary(), format=fmt.rdf, prefixes=prefixes if fmt.takes_prefixes else None)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})
