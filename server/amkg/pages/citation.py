"""A source document's page: how to cite it, which of its sections the statements come from, and what its
named graph holds.

The citation uses what the graph states about the document (title, publisher, date of issue, and a public
URL only where one is stated: ``foaf:page``, ``schema:url`` or ``dct:identifier`` as an http(s) IRI);
nothing is filled in from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from amkg.pages.values import link_target
from amkg.rdf.names import sparql_entity, sparql_iri
from amkg.rdf.namespaces import AMKG, DCT, PREFIXES, RDF_TYPE, RDFS_LABEL, SCHEMA, SKOS_ALT
from amkg.store import Store
from amkg.store.summary import summary

#: Where a document's own public address may be stated.
URL_PROPERTIES = (PREFIXES["foaf"] + "page", SCHEMA + "url", DCT + "identifier")


@dataclass
class Citation:
    """A document's citation, the sections its statements cite, and its graph's statistics."""

    title: str = ""
    publishers: list[tuple[str, str | None]] = field(default_factory=list)
    issued: str = ""
    reference_year: str = ""
    url: str = ""
    #: (section, statements citing it), in the document's order as far as names sort so.
    sections: list[tuple[str, int]] = field(default_factory=list)
    statements: int = 0
    subjects: int = 0
    #: (class IRI, distinct entities of that class the graph types; structured values left out).
    classes: list[tuple[str, int]] = field(default_factory=list)


def citation(store: Store, iri: str) -> Citation:
    """Everything the source page adds to an entity page, in three queries over the document's graph."""
    node = sparql_iri(iri)
    cited = Citation()
    rows = store.select(f"""
        SELECT ?p ?o ?name WHERE {{
          GRAPH {node} {{ {node} ?p ?o }}
          OPTIONAL {{ GRAPH ?g {{ ?o <{SKOS_ALT}>|<{RDFS_LABEL}> ?name }} FILTER(?p = <{DCT}publisher>) }}
        }}""")
    names: dict[str, list[str]] = {}
    for row in rows:
        prop, obj = row["p"].value, row["o"]
        if prop == DCT + "title":
            cited.title = obj.value
        elif prop == DCT + "issued":
            cited.issued = obj.value
        elif prop == AMKG.referenceYear:
            cited.reference_year = obj.value
        elif prop == DCT + "publisher" and isinstance(obj, NamedNode):
            if row.get("name") is not None:
                names.setdefault(obj.value, []).append(row["name"].value)
        elif prop in URL_PROPERTIES and obj.value.startswith(("http://", "https://")):
            cited.url = cited.url or obj.value
    # A publisher's longest name reads best in a citation (World Economic Forum, not WEF).
    cited.publishers = sorted((max(n, key=len), link_target(p)) for p, n in names.items())
    cited.sections = [
        (r["s"].value, int(r["n"].value))
        for r in store.select(f"""
            SELECT ?s (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH {node} {{ ?x <{AMKG.sourceSection}> ?s }} }}
            GROUP BY ?s ORDER BY ?s""")
    ]
    cited.classes = [
        (r["c"].value, int(r["n"].value))
        for r in store.select(f"""
            SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              GRAPH {node} {{ ?x <{RDF_TYPE}> ?c }} FILTER({sparql_entity("x")})
            }} GROUP BY ?c ORDER BY DESC(?n) ?c""")
    ]
    size = next((g for g in summary(store).graphs if g.iri == iri), None)
    if size is not None:
        cited.statements, cited.subjects = size.triples, size.subjects
    return cited
