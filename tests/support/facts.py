"""Loading and asking the knowledge graph for the per-document fact tests (``test_facts_*.py``).

The fact tests check the data itself, not the HTTP layer, so they query a pyoxigraph store directly —
but one loaded exactly as the server loads it: the built ``dist/amkg.nq`` when it is there and not older
than the sources, otherwise each ``graph/{slug}/*.ttl`` into the named graph of its source document
(``https://w3id.org/amkg/id/source/{slug}``) and the ontology into its own graph. Every query runs with the
union default graph, as the endpoint does, so a fact may be asked either across sources or inside one
document's ``GRAPH``. The helpers below build those per-document questions (``ask_in``, ``select_in``,
``closed_list``) and their parametrised tables (``cases``), so every document's tests ask them alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
GRAPH_DIR = ROOT / "graph"
ONTOLOGY_DIR = ROOT / "ontology"
BUILT = ROOT / "dist" / "amkg.nq"
ID = "https://w3id.org/amkg/id/"
SOURCE = ID + "source/"
ONTOLOGY_GRAPH = "https://w3id.org/amkg/graph/ontology"

#: Prefixes every fact query may use without declaring them.
PREFIXES = f"""
PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX id: <{ID}>
PREFIX hub: <{ID}hub/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def source_graph(slug: str) -> str:
    """IRI of the named graph (= the source document) that ``graph/{slug}/`` is loaded into."""
    return SOURCE + slug


def entity(kind: str, slug: str) -> str:
    """``<…/id/{kind}/{slug}>`` ready to splice into a query (SPARQL prefixed names cannot hold a ``/``)."""
    return f"<{ID}{kind}/{slug}>"


def instance_prefixes(**kinds: str) -> str:
    """``PREFIX {name}: <…/id/{kind}/>`` for each ``name=kind``, to add to the standard prefixes.

    A document's tests name many instances of a few kinds; short prefixes (``prog:made-smarter``) keep its
    fact tables readable where ``entity()`` would spell every IRI out.
    """
    return "".join(f"PREFIX {name}: <{ID}{kind}/>\n" for name, kind in kinds.items())


def ask_in(graph: str, pattern: str, prefixes: str = "") -> str:
    """An ASK that holds only if ``pattern`` matches inside ``graph``, so a fact counts only where its
    source document states it (the union default graph would accept it from any document)."""
    return f"{prefixes}ASK {{ GRAPH <{graph}> {{ {pattern} }} }}"


def select_in(graph: str, pattern: str, prefixes: str = "") -> str:
    """A SELECT of every distinct ``?t`` that ``pattern`` binds inside ``graph``, for closed lists."""
    return f"{prefixes}SELECT DISTINCT ?t WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}"


def source_slugs() -> list[str]:
    """The source documents, one per folder of ``graph/``."""
    return sorted(path.name for path in GRAPH_DIR.iterdir() if path.is_dir())


def _sources() -> list[Path]:
    return sorted(GRAPH_DIR.glob("*/*.ttl")) + sorted(ONTOLOGY_DIR.glob("*.ttl"))


def _built_is_fresh() -> bool:
    """A stale build would test yesterday's data, so it is used only if no source is newer than it."""
    if not BUILT.exists():
        return False
    built = BUILT.stat().st_mtime
    return all(path.stat().st_mtime <= built for path in _sources())


@cache
def load_store() -> ox.Store:
    """The whole graph in one in-memory store (built once per test session and shared by all modules)."""
    store = ox.Store()
    if _built_is_fresh():
        store.bulk_load(path=str(BUILT), format=ox.RdfFormat.N_QUADS)
        return store
    for path in sorted(GRAPH_DIR.glob("*/*.ttl")):
        graph = ox.NamedNode(source_graph(path.parent.name))
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def ask(store: ox.Store, query: str) -> bool:
    """Answer of a SPARQL ASK (standard prefixes added), over the union default graph."""
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SPARQL SELECT as ``{variable: lexical value}`` (unbound variables left out)."""
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]


def values(store: ox.Store, query: str) -> set[str]:
    """The set of values of a one-variable SELECT, for comparing against an expected set."""
    return {next(iter(row.values())) for row in select(store, query) if row}


def closed_list(store: ox.Store, graph: str, pattern: str, prefixes: str = "") -> set[str]:
    """The ``?t`` of ``pattern`` inside ``graph``, instances as ``kind/slug`` (literals as they are), to be
    compared exactly: an extra member would be something the document does not say."""
    return {value.removeprefix(ID) for value in values(store, select_in(graph, pattern, prefixes))}


def names(kind: str, slugs: str) -> set[str]:
    """Expected members of a closed list as ``kind/slug``, written as one space-separated string."""
    return {f"{kind}/{slug}" for slug in slugs.split()}


def cases(rows: Iterable[tuple[str, *tuple[object, ...]]]) -> list[object]:
    """``pytest.param``s from ``(test id, value, …)`` rows, so a fact table reads as id-then-fact and a
    failure names the fact rather than its position."""
    return [pytest.param(*args, id=fid) for fid, *args in rows]
