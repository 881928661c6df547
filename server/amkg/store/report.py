"""``amkg stats``: what the built graph holds, counted by class and by named graph, from dist/amkg.nq, and
how many figures carry each qualifier value.

Reads the published dump into the store the server uses, and counts it with the server's own
:mod:`amkg.store.summary`, so it shows exactly what the server serves, in the same figures. The qualifier
counts (status, bound, assumed period) show at a glance how many figures are targets, lower bounds or dated
by their report's year, and how many still lack a qualifier.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from amkg.config import Settings
from amkg.dist import graph_name, read_manifest
from amkg.rdf.namespaces import AMKG, BASE, INFERRED_GRAPH, ONTOLOGY_GRAPH, QB, SCHEMA, short
from amkg.rdf.terms import from_ox
from amkg.store import Bound, Store, open_store
from amkg.store.summary import summary


@dataclass(frozen=True)
class ClassCount:
    iri: str
    name: str
    stated: int  # instances typed so in a source's files
    total: int  # including types inferred through subclasses, domains and ranges


@dataclass(frozen=True)
class GraphCount:
    iri: str
    name: str
    triples: int
    subjects: int
    files: int


@dataclass(frozen=True)
class QualifierCount:
    qualifier: str  # amkg:figureStatus, amkg:bound or amkg:periodAssumed
    value: str  # e.g. amkg:moreThan, or "none" for the figures that lack this qualifier
    figures: int  # distinct observations and structured values


@dataclass(frozen=True)
class LinksetCount:
    name: str
    target: str
    predicate: str
    links: int
    package: str


@dataclass(frozen=True)
class Stats:
    quads: int
    graphs: list[GraphCount]
    classes: list[ClassCount]
    qualifiers: list[QualifierCount]
    linksets: list[LinksetCount]
    #: Countries missing any of their links (ISO codes, EU authority, GeoNames), from the build.
    unlinked: list[str]

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def table(self) -> str:
        """Two aligned plain-text tables: named graphs, then classes."""
        lines = [f"{self.quads} statements in {len(self.graphs)} named graphs", ""]
        lines.append(f"{'graph':<26} {'triples':>8} {'subjects':>9} {'files':>6}")
        for g in self.graphs:
            lines.append(f"{g.name:<26} {g.triples:>8} {g.subjects:>9} {g.files:>6}")
        width = max((len(c.name) for c in self.classes), default=5)
        lines += ["", f"{'class':<{width}} {'stated':>7} {'with inferred':>14}"]
        lines += [f"{c.name:<{width}} {c.stated:>7} {c.total:>14}" for c in self.classes]
        lines += ["", f"{'qualifier':<20} {'value':<22} {'figures':>7}"]
        lines += [f"{q.qualifier:<20} {q.value:<22} {q.figures:>7}" for q in self.qualifiers]
        lines += ["", f"{'linkset':<20} {'links':>6}  {'predicate':<18} {'from':<22} target"]
        lines += [
            f"{s.name:<20} {s.links:>6}  {short(URIRef(s.predicate)):<18} {s.package:<22} {s.target}"
            for s in self.linksets
        ]
        lines.append(f"countries without all their links: {', '.join(self.unlinked) or 'none'}")
        return "\n".join(lines)


#: The qualifiers, each with the kinds of figure that take it: a structured value has no period of its own.
_QUALIFIED = {
    AMKG.figureStatus: (QB + "Observation", SCHEMA + "QuantitativeValue", SCHEMA + "MonetaryAmount"),
    AMKG.bound: (QB + "Observation", SCHEMA + "QuantitativeValue", SCHEMA + "MonetaryAmount"),
    AMKG.periodAssumed: (QB + "Observation",),
}


def _value_name(value: Bound) -> str:
    """``amkg:moreThan`` for a listed value, ``true``/``false`` for the flag."""
    return value.value if isinstance(value, ox.Literal) else short(from_ox(value))


def _qualifier_counts(store: Store) -> list[QualifierCount]:
    """Per qualifier, the figures carrying each value, then those carrying none ("none", left out if 0)."""
    counts = []
    for qualifier, kinds in _QUALIFIED.items():
        figures = f"?f a ?kind FILTER(?kind IN ({', '.join(f'<{k}>' for k in kinds)}))"
        rows = store.select(
            f"SELECT ?v (COUNT(DISTINCT ?f) AS ?n) WHERE {{ {figures} ?f <{qualifier}> ?v }} GROUP BY ?v"
        )
        found = sorted((_value_name(row["v"]), int(row["n"].value)) for row in rows)
        [none] = store.select(
            f"SELECT (COUNT(DISTINCT ?f) AS ?n)"
            f" WHERE {{ {figures} FILTER NOT EXISTS {{ ?f <{qualifier}> ?v }} }}"
        )
        missing = int(none["n"].value)
        name = short(URIRef(qualifier))
        counts += [QualifierCount(name, value, n) for value, n in found]
        counts += [QualifierCount(name, "none", missing)] if missing else []
    return counts


def collect(dist: Path) -> Stats:
    """Count the contents of ``dist/amkg.nq`` as the server loads it (FileNotFoundError without a build)."""
    store = open_store(Settings(dist=dist))
    counts = summary(store)
    manifest = read_manifest(dist) or {}
    files = manifest.get("graphs", [])
    sources = {g["iri"]: len(g.get("sources", [])) for g in files}
    order = {ONTOLOGY_GRAPH: 0, INFERRED_GRAPH: 2}  # ontology, sources, inferred, then linksets and examples
    graphs = sorted(
        (
            GraphCount(g.iri, graph_name(g.iri), g.triples, g.subjects, sources.get(g.iri, 0))
            for g in counts.graphs
        ),
        key=lambda g: (order.get(g.iri, 3 if g.iri.startswith(BASE + "graph/") else 1), g.name),
    )
    classes = sorted(
        (ClassCount(c.iri, short(URIRef(c.iri)), c.stated, c.total) for c in counts.classes),
        key=lambda c: (-c.total, c.iri),
    )
    linksets = [
        LinksetCount(s["name"], s["target"], s["predicate"], s["links"], f"{s['package']} {s['version']}")
        for s in manifest.get("linksets", [])
    ]
    unlinked = list(manifest.get("unlinked", {}).get("countries", []))
    return Stats(counts.statements, graphs, classes, _qualifier_counts(store), linksets, unlinked)
