"""What the store holds, counted once per store: statements per named graph, instances per class, and the
VoID statistics of the default graph.

The home page, ``/classes``, VoID, the service description and ``amkg stats`` all report these figures, so
they are counted here, once, and read from one place: the same number never differs between two pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox

from amkg.rdf.names import sparql_entity
from amkg.rdf.namespaces import AMKG, BASE, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, RDF_TYPE
from amkg.store.memo import per_store
from amkg.store.model import Store

#: Statements and distinct subjects per named graph.
_BY_GRAPH = (
    "SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
)
#: Per class: entities (not structured values) typed so in a source's own files, and with what the reasoner
#: added.
_BY_CLASS = f"""
SELECT ?c (COUNT(DISTINCT ?stated) AS ?n) (COUNT(DISTINCT ?s) AS ?all) WHERE {{
  GRAPH ?g {{ ?s <{RDF_TYPE}> ?c }}
  FILTER(?g != <{ONTOLOGY_GRAPH}> && isIRI(?c) && {sparql_entity("s")})
  OPTIONAL {{
    GRAPH ?h {{ ?s <{RDF_TYPE}> ?c }}
    FILTER(?h NOT IN (<{ONTOLOGY_GRAPH}>, <{INFERRED_GRAPH}>))
    BIND(?s AS ?stated)
  }}
}} GROUP BY ?c
"""
_DISTINCT = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
#: Links out: statements of AMKG's entities whose object is an IRI of another dataset (grouped by property
#: and the object's namespace in Python: Virtuoso 7.2 fails on a REPLACE in the query).
_LINKS = f"""
SELECT ?p ?o WHERE {{
  {_DISTINCT}
  FILTER(isIRI(?o) && STRSTARTS(STR(?s), "{ID}") && !STRSTARTS(STR(?o), "{BASE}") && ?p != <{RDF_TYPE}>)
}}
"""

#: The one definition of the graph's entities, which the home page, VoID (``void:entities``) and
#: ``amkg build`` all report: IRIs in AMKG's own space, structured values left out, that a source
#: document's statements describe (what only the ontology or the reasoner says does not make one).
ENTITIES_QUERY = f"""
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?g NOT IN (<{ONTOLOGY_GRAPH}>, <{INFERRED_GRAPH}>))
  FILTER({sparql_entity("s")} && STRSTARTS(STR(?s), "{ID}"))
}}"""


@dataclass(frozen=True, order=True)
class GraphSize:
    iri: str
    triples: int
    subjects: int


@dataclass(frozen=True, order=True)
class ClassSize:
    iri: str
    #: Instances typed so in a source's own files.
    stated: int
    #: Including the types the reasoner inferred (through subclasses, domains and ranges).
    total: int


@dataclass(frozen=True)
class Summary:
    """The counts of one store."""

    #: Statements in all named graphs (a triple two documents state counts twice).
    statements: int
    #: Distinct triples of the default graph (the union), and its distinct subjects and objects.
    triples: int
    subjects: int
    objects: int
    #: Entities, as :data:`ENTITIES_QUERY` defines them.
    entities: int
    graphs: tuple[GraphSize, ...]
    classes: tuple[ClassSize, ...]
    #: (property, distinct triples using it in the union).
    properties: tuple[tuple[str, int], ...]
    #: (class, distinct instances in the union: the ontology and the inferences included), for VoID.
    class_partitions: tuple[tuple[str, int], ...]
    #: A few hubs, as VoID example resources.
    examples: tuple[str, ...]
    #: (property, namespace, distinct triples): links from AMKG's entities to IRIs of another dataset
    #: (outside AMKG's base; types are not links), for VoID linksets.
    links: tuple[tuple[str, str, int], ...] = ()

    @property
    def vocabularies(self) -> tuple[str, ...]:
        """Namespaces of the properties and classes used (VoID's ``void:vocabulary``)."""
        terms = [iri for iri, _ in (*self.properties, *self.class_partitions)]
        return tuple(sorted({re.sub(r"[^/#]*$", "", iri) for iri in terms}))


def _number(row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal], name: str) -> int:
    return int(row[name].value) if name in row else 0


@per_store
def summary(store: Store) -> Summary:
    """Counted once per store (a handful of aggregate queries, at the first request that needs them)."""
    totals = store.select(
        f"SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s) (COUNT(DISTINCT ?o) AS ?o) WHERE {_DISTINCT}"
    )[0]
    entities = store.select(ENTITIES_QUERY)[0]
    graphs = tuple(
        sorted(GraphSize(r["g"].value, _number(r, "n"), _number(r, "s")) for r in store.select(_BY_GRAPH))
    )
    classes = tuple(
        sorted(ClassSize(r["c"].value, _number(r, "n"), _number(r, "all")) for r in store.select(_BY_CLASS))
    )
    properties = tuple(
        sorted(
            (r["p"].value, _number(r, "n"))
            for r in store.select(f"SELECT ?p (COUNT(*) AS ?n) WHERE {_DISTINCT} GROUP BY ?p")
        )
    )
    partitions = store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"
    )
    hubs = store.select(f"SELECT DISTINCT ?s WHERE {{ ?s a <{AMKG.Hub}> }} ORDER BY ?s LIMIT 3")
    return Summary(
        statements=store.triple_count,
        triples=_number(totals, "t"),
        subjects=_number(totals, "s"),
        objects=_number(totals, "o"),
        entities=_number(entities, "n"),
        graphs=graphs,
        classes=classes,
        properties=properties,
        class_partitions=tuple(sorted((r["c"].value, _number(r, "n")) for r in partitions)),
        examples=tuple(r["s"].value for r in hubs),
        links=_links(store),
    )


def _links(store: Store) -> tuple[tuple[str, str, int], ...]:
    """(property, namespace of the objects, links) for VoID's linksets."""
    counts = Counter((r["p"].value, re.sub(r"[^/#]*$", "", r["o"].value)) for r in store.select(_LINKS))
    return tuple(sorted((p, ns, n) for (p, ns), n in counts.items()))
