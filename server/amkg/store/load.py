"""``amkg load --store sparql+http://…``: the validated build into an external engine, and nothing else.

Every named graph of ``dist/`` is sent with the Graph Store Protocol's PUT, which replaces that graph and
only it; the union of them goes to :data:`~amkg.store.remote.UNION_GRAPH` the same way. Graphs under
AMKG's base that the build no longer has (a source removed since the last load) are dropped; graphs of
anyone else are never touched. Then the engine is asked how many statements each graph holds, and those
counts must be the manifest's: an engine that merged, rewrote or skipped statements fails the load, naming
the graph. Statements go as N-Triples (which every Turtle parser reads) from the dump itself, so each graph
is exactly what the embedded store serves.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from amkg.dist import DUMP, DistError, read_manifest
from amkg.rdf.namespaces import BASE
from amkg.store.model import RemoteError
from amkg.store.remote import UNION_GRAPH, RemoteBackend


class LoadError(Exception):
    """The engine refused the data or holds other counts than the build; the message says which graph."""


@dataclass(frozen=True)
class Loaded:
    graphs: dict[str, int]
    dropped: list[str]
    seconds: float


def load(backend: RemoteBackend, folder: Path) -> Loaded:
    """Replace AMKG's graphs in the engine with those of the build in ``folder`` and check their counts."""
    manifest = read_manifest(folder)
    if manifest is None or not (folder / DUMP).is_file():
        raise DistError(f"{folder} holds no complete build: run `amkg build` first.")
    expected = {g["iri"]: int(g["triples"]) for g in manifest.get("graphs", [])}
    if not backend.endpoints.data:
        raise LoadError("Loading needs the engine's Graph Store URL: --store-data URL (AMKG_STORE_DATA).")
    started = time.monotonic()
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(folder / DUMP), format=ox.RdfFormat.N_QUADS):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    union = list(dict.fromkeys(t for g in expected for t in graphs[g]))
    expected[UNION_GRAPH] = len(union)
    try:
        for iri in expected:
            _put(backend, iri, union if iri == UNION_GRAPH else graphs[iri])
        dropped = [g for g in _ours(backend) if g not in expected]
        for iri in dropped:
            _drop(backend, iri)
        held = backend.counts()
    except RemoteError as exc:
        raise LoadError(exc.message) from exc
    except ValueError as exc:
        raise LoadError(f"The engine refused AMKG's data: {exc}") from exc
    wrong = [
        f"{g}: {held.get(g, 0):,} (the build has {n:,})" for g, n in expected.items() if held.get(g) != n
    ]
    if wrong:
        raise LoadError(
            "The engine holds other numbers of statements than the build:\n  " + "\n  ".join(wrong)
        )
    return Loaded(held, dropped, time.monotonic() - started)


def _put(backend: RemoteBackend, graph: str, triples: list[ox.Triple]) -> None:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    backend.request(
        "PUT",
        backend.endpoints.data,
        params={"graph": graph},
        data=body,
        headers={"Content-Type": "text/turtle; charset=utf-8"},
    )


def _ours(backend: RemoteBackend) -> list[str]:
    """Named graphs the engine holds under AMKG's base (whatever loaded them)."""
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}'
    response = backend.request(
        "POST",
        backend.endpoints.query,
        data={"query": query},
        headers={"Accept": "application/sparql-results+xml"},
    )
    solutions = ox.parse_query_results(response.content, ox.QueryResultsFormat.XML)
    assert isinstance(solutions, ox.QuerySolutions)
    return [row["g"].value for row in solutions if isinstance(row["g"], ox.NamedNode)]


def _drop(backend: RemoteBackend, graph: str) -> None:
    """Drop one graph: SPARQL Update when its URL is given, else the Graph Store's DELETE."""
    if backend.endpoints.update:
        backend.request(
            "POST",
            backend.endpoints.update,
            data={"update": f"DROP SILENT GRAPH {ox.NamedNode(graph)}"},
        )
    else:
        backend.request("DELETE", backend.endpoints.data, params={"graph": graph})
