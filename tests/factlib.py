"""Loading the knowledge graph for the per-document fact tests (``test_facts_*.py``).

The fact tests check the data itself, not the HTTP layer, so they query a pyoxigraph store directly —
but one loaded exactly as the server loads it: the built ``dist/amkg.nq`` when it is there and not older
than the sources, otherwise each ``graph/{slug}/*.ttl`` into the named graph of its source document
(``https://w3id.org/amkg/id/source/{slug}``) and the ontology into its own graph. Every query runs with the
union default graph, as the endpoint does, so a fact may be asked either across sources or inside one
document's ``GRAPH``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
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
