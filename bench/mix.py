"""What the benchmark asks: a fixed mix from real use, then the whole ``queries/`` catalogue.

The mix covers what the pages and clients send: one entity's statements, its DESCRIBE, its incoming links,
a 3-way join, COUNT/GROUP BY, ORDER BY + LIMIT over observations, OPTIONAL with a language filter, a label
search, property paths over the technology tree (the whole closure, and firms under one branch, with
``broader+`` and with the ``broaderTransitive`` statements the build materialises), and a year-over-year
comparison. Every query names instances of the real graph, which exist at every scale (the synthetic copies
add to them, see :mod:`bench.generate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from amkg.rdf.scan import scan_query

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = """PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ENTITY = "<https://w3id.org/amkg/id/hub/michigan>"
BRANCH = "<https://w3id.org/amkg/id/technology/advanced-digital-production>"

MIX = {
    "lookup": f"SELECT ?p ?o WHERE {{ {ENTITY} ?p ?o }}",
    "describe": f"DESCRIBE {ENTITY}",
    "incoming": f"SELECT ?s ?p WHERE {{ ?s ?p {ENTITY} }}",
    "join-3": (
        "SELECT ?hub ?host ?label WHERE { ?hub a amkg:Hub ; amkg:hostedBy ?host . ?host rdfs:label ?label }"
    ),
    "group-by-class": (
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    ),
    "order-limit": (
        "SELECT ?obs ?value WHERE { ?obs a qb:Observation ; amkg:obsValue ?value } "
        "ORDER BY DESC(?value) LIMIT 10"
    ),
    "optional-lang": (
        'SELECT ?hub ?en ?de WHERE { ?hub a amkg:Hub ; rdfs:label ?en FILTER(LANG(?en) = "en") '
        'OPTIONAL { ?hub rdfs:label ?de FILTER(LANG(?de) = "de") } }'
    ),
    "label-search": (
        'SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER(CONTAINS(LCASE(STR(?label)), "robot")) }'
    ),
    "path-closure": "SELECT ?tech ?ancestor WHERE { ?tech a amkg:Technology ; skos:broader+ ?ancestor }",
    "path-closure-materialised": (
        "SELECT ?tech ?ancestor WHERE { ?tech a amkg:Technology ; skos:broaderTransitive ?ancestor }"
    ),
    "path-branch": f"SELECT DISTINCT ?firm WHERE {{ ?firm amkg:adoptsTechnology/skos:broader* {BRANCH} }}",
    "year-over-year": (
        "SELECT ?hub ?indicator ?before ?after WHERE { "
        '?a amkg:hub ?hub ; amkg:indicator ?indicator ; amkg:refPeriod "2020"^^xsd:gYear ; '
        "amkg:obsValue ?before . "
        '?b amkg:hub ?hub ; amkg:indicator ?indicator ; amkg:refPeriod "2021"^^xsd:gYear ; '
        "amkg:obsValue ?after }"
    ),
}
#: The mix queries that stand for lookups (the HTTP-bound target) in the throughput runs.
LOOKUPS = ("lookup", "describe")


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    #: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
    form: str
    catalogue: bool

    @property
    def remote(self) -> bool:
        """It calls another endpoint (``SERVICE``): not measured, the answer is not ours to time."""
        return bool(scan_query(self.text).services)

    @property
    def graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def queries(catalogue: bool = True) -> list[Query]:
    """The mix, then (``catalogue``) every competency question of ``queries/``, in file order."""
    found = []
    for name, body in MIX.items():
        text = PREFIXES + body
        found.append(Query(name, text, scan_query(text).form, False))
    if catalogue:
        for path in sorted((ROOT / "queries").glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            found.append(Query(path.stem[:2] + "-" + path.stem[3:28], text, scan_query(text).form, True))
    return found
