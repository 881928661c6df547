"""``amkg stats``: what the built graph holds, counted by class and by named graph, from dist/amkg.nq.

Reads the published dump into the store the server uses, and counts it with the server's own
:mod:`amkg.store.summary`, so it shows exactly what the server serves, in the same figures.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import URIRef

from amkg.config import Settings
from amkg.dist import graph_name, read_manifest
from amkg.rdf.namespaces import BASE, INFERRED_GRAPH, ONTOLOGY_GRAPH, short
from amkg.store import open_store
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
        lines += ["", f"{'linkset':<20} {'links':>6}  {'predicate':<18} {'from':<22} target"]
        lines += [
            f"{s.name:<20} {s.links:>6}  {short(URIRef(s.predicate)):<18} {s.package:<22} {s.target}"
            for s in self.linksets
        ]
        lines.append(f"countries without all their links: {', '.join(self.unlinked) or 'none'}")
        return "\n".join(lines)


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
    return Stats(counts.statements, graphs, classes, linksets, unlinked)
