"""The competency questions as data, in the convention of SIB's sparql-examples.

Query editors and tools (the SIB examples utilities, editors that read ``/.well-known/sparql-examples``)
find each question as an ``sh:SPARQLExecutable`` with its kind (``sh:SPARQLSelectExecutable``…), the
question as ``rdfs:comment``, the SPARQL text as ``sh:select``/``sh:ask``/``sh:construct`` (SHACL has no
DESCRIBE; SIB's own vocabulary says ``spex:describe``, and so do we), the endpoint as ``schema:target``, the
sources and features as ``schema:keywords``, and the project's prefixes as ``sh:declare`` of the node named
by ``sh:prefixes``. SIB names that node with a blank node; the dump holds none, so it is
``…/.well-known/sparql-examples#prefixes``. Each example's IRI is its permalink, ``/query/{name}``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from amkg.catalogue import Query
from amkg.rdf.namespaces import BASE, DCT, EXAMPLE_PREFIX, ID, PREFIXES, SCHEMA, SH

#: SIB's vocabulary for what SHACL lacks: the DESCRIBE form.
SPEX = "https://purl.expasy.org/sparql-examples/ontology#"
#: Where the examples are published (and the named graph they are in, under the dataset's base).
WELL_KNOWN = BASE + ".well-known/sparql-examples"
PREFIX_NODE = URIRef(WELL_KNOWN + "#prefixes")
#: The persistent IRI of the endpoint the examples run on.
ENDPOINT = URIRef(BASE + "sparql")

_FORMS = {
    "SELECT": (SH + "SPARQLSelectExecutable", SH + "select"),
    "ASK": (SH + "SPARQLAskExecutable", SH + "ask"),
    "CONSTRUCT": (SH + "SPARQLConstructExecutable", SH + "construct"),
    "DESCRIBE": (SPEX + "SPARQLDescribeExecutable", SPEX + "describe"),
}
#: The predicates that carry a query's text, whatever its form.
TEXT_PREDICATES = tuple(text for _, text in _FORMS.values())


def example_iri(query: Query) -> URIRef:
    return URIRef(EXAMPLE_PREFIX + query.name)


def sparql_text(query: Query) -> str:
    """The query without its ``#`` header: the header's fields are stated as data beside it."""
    lines = query.text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def examples_graph(queries: Iterable[Query]) -> Graph:
    """Every question as an executable example, and the prefixes they share."""
    g = Graph()
    for prefix, namespace in {**PREFIXES, "id": ID}.items():
        declaration = URIRef(f"{WELL_KNOWN}#prefix-{prefix}")
        g.add((PREFIX_NODE, URIRef(SH + "declare"), declaration))
        g.add((declaration, URIRef(SH + "prefix"), Literal(prefix)))
        g.add((declaration, URIRef(SH + "namespace"), Literal(namespace, datatype=XSD.anyURI)))
    for query in queries:
        me = example_iri(query)
        kind, text = _FORMS[query.form]
        g.add((me, RDF.type, URIRef(SH + "SPARQLExecutable")))
        g.add((me, RDF.type, URIRef(kind)))
        g.add((me, RDFS.label, Literal(f"Question {query.number}", lang="en")))
        g.add((me, RDFS.comment, Literal(query.question, lang="en")))
        g.add((me, URIRef(text), Literal(sparql_text(query))))
        g.add((me, URIRef(SH + "prefixes"), PREFIX_NODE))
        g.add((me, URIRef(SCHEMA + "target"), ENDPOINT))
        g.add((me, URIRef(DCT + "identifier"), Literal(query.name)))
        for keyword in (*query.features, *query.sources):
            g.add((me, URIRef(SCHEMA + "keywords"), Literal(keyword)))
    return g
