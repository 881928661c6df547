"""``amkg stats``: what the built graph holds, counted by class and by named graph, from dist/amkg.nq.

Reads the published file rather than the sources, so it shows exactly what the server serves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from amkg.dist import DUMP, graph_name, read_manifest
from amkg.rdf.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, short

_BY_CLASS = f"""
SELECT ?class (COUNT(DISTINCT ?stated) AS ?n) (COUNT(DISTINCT ?s) AS ?all) WHERE {{
  GRAPH ?g {{ ?s a ?class }}
  FILTER(?g != <{ONTOLOGY_GRAPH}>)
  OPTIONAL {{
    GRAPH ?h {{ ?s a ?class }}
    FILTER(?h NOT IN (<{ONTOLOGY_GRAPH}>, <{INFERRED_GRAPH}>))
    BIND(?s AS ?stated)
  }}
}} GROUP BY ?class ORDER BY DESC(?all) ?class
"""

_BY_GRAPH = """
SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE {
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?g
"""


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
class Stats:
    quads: int
    graphs: list[GraphCount]
    classes: list[ClassCount]

    def as_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def table(self) -> str:
        """Two aligned plain-text tables: named graphs, then classes."""
        lines = [f"{self.quads} statements in {len(self.graphs)} named graphs", ""]
        lines.append(f"{'graph':<24} {'triples':>8} {'subjects':>9} {'files':>6}")
        for g in self.graphs:
            lines.append(f"{g.name:<24} {g.triples:>8} {g.subjects:>9} {g.files:>6}")
        width = max((len(c.name) for c in self.classes), default=5)
        lines += ["", f"{'class':<{width}} {'stated':>7} {'with inferred':>14}"]
        lines += [f"{c.name:<{width}} {c.stated:>7} {c.total:>14}" for c in self.classes]
        return "\n".join(lines)


def collect(dist: Path) -> Stats:
    """Count the contents of ``dist/amkg.nq`` (FileNotFoundError if there is no build yet)."""
    nquads = dist / DUMP
    if not nquads.is_file():
        raise FileNotFoundError(f"{nquads} does not exist: run `amkg build` first")
    store = ox.Store()
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    files = _files_per_graph(dist)
    order = {str(ONTOLOGY_GRAPH): 0, str(INFERRED_GRAPH): 2}  # ontology first, inferred last
    graphs = sorted(
        (
            GraphCount(
                iri=row["g"].value,
                name=graph_name(row["g"].value),
                triples=int(row["triples"].value),
                subjects=int(row["subjects"].value),
                files=files.get(row["g"].value, 0),
            )
            for row in _solutions(store, _BY_GRAPH)
        ),
        key=lambda g: (order.get(g.iri, 1), g.name),
    )
    classes = [
        ClassCount(
            iri=row["class"].value,
            name=short(URIRef(row["class"].value)),
            stated=int(row["n"].value),
            total=int(row["all"].value),
        )
        for row in _solutions(store, _BY_CLASS)
    ]
    return Stats(len(store), graphs, classes)


def _solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _files_per_graph(dist: Path) -> dict[str, int]:
    manifest = read_manifest(dist) or {}
    return {g["iri"]: len(g.get("sources", [])) for g in manifest.get("graphs", [])}
