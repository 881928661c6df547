"""The one module that knows which engine holds the graph.

Everything else (the SPARQL protocol, the pages) talks to :class:`Store`, whose answers are pyoxigraph
objects whatever the engine: :class:`pyoxigraph.QuerySolutions`, :class:`pyoxigraph.QueryBoolean` or an
iterator of :class:`pyoxigraph.Triple`. So the serialisers, the row limit and the pages work the same over
every backend, and a backend that forwards queries to an external engine over the SPARQL protocol only has
to parse that engine's answers into those objects (``pyoxigraph.parse_query_results`` does it natively).

Backends (``Settings.store``):

- ``oxigraph`` (default): pyoxigraph's in-memory store, loaded from ``dist/amkg.nq`` before the server forks
  its workers, which then share it copy-on-write;
- ``oxigraph-disk``: pyoxigraph's RocksDB store in ``dist/oxigraph/``, for graphs that outgrow memory; built
  once from the dump, then opened read-only by each worker (RocksDB must not cross a fork);
- ``rdflib``: rdflib's own memory store and SPARQL engine, only to compare against;
- ``sparql+http://HOST:PORT/PATH``: an external engine over the SPARQL protocol (:mod:`amkg.store.remote`),
  loaded by ``amkg load`` (:mod:`amkg.store.load`); at start the engine must hold what the build counted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from amkg.config import STORES, Settings
from amkg.dist import DUMP, DistError, read_manifest
from amkg.store.model import UNION, Backend, Bound, Dataset, RemoteError, Result, Store, Term

__all__ = [
    "STORES",
    "UNION",
    "Backend",
    "Bound",
    "Dataset",
    "RemoteError",
    "Result",
    "Store",
    "Term",
    "open_remote",
    "open_store",
]

if TYPE_CHECKING:
    from amkg.store.remote import RemoteBackend

log = logging.getLogger(__name__)


def _backend(name: str, dump: Path) -> Backend:
    """The engine ``name`` over ``dump``; imported only when chosen (rdflib's engine is slow to import)."""
    if name == "oxigraph":
        from amkg.store.oxigraph import memory

        return memory(dump)
    if name == "oxigraph-disk":
        from amkg.store.oxigraph import disk

        return disk(dump)
    from amkg.store.rdflib_engine import RdflibBackend

    return RdflibBackend(dump)


def remote_backend(settings: Settings) -> RemoteBackend:
    """The external engine the settings name, over the graphs of the build in ``settings.dist``."""
    from amkg.store.remote import Endpoints, RemoteBackend, query_url

    manifest = read_manifest(settings.dist)
    if manifest is None:
        raise DistError(f"{settings.dist} holds no build: run `amkg build` first.")
    endpoints = Endpoints(
        query_url(settings.store),
        settings.store_update,
        settings.store_data,
        settings.store_user,
        settings.store_password,
        settings.store_auth,
        settings.store_connect_timeout,
        settings.query_timeout + settings.store_connect_timeout,
        settings.store_connections,
        4 * settings.max_answer_bytes,
    )
    graphs = [g["iri"] for g in manifest.get("graphs", [])]
    return RemoteBackend(endpoints, graphs, int(manifest.get("counts", {}).get("quads", 0)))


def open_remote(settings: Settings) -> Store:
    """The external engine as the store; :class:`DistError` unless it holds exactly what the build counted
    in each graph (it was loaded with ``amkg load`` from this very build), :class:`RemoteError` when it
    cannot be asked."""
    backend = remote_backend(settings)
    manifest = read_manifest(settings.dist) or {}
    expected = {g["iri"]: int(g["triples"]) for g in manifest.get("graphs", [])}
    held = backend.counts()
    wrong = [g for g, n in expected.items() if held.get(g) != n]
    if wrong:
        raise DistError(
            f"The engine at {backend.endpoints.query} holds {held.get(wrong[0], 0):,} statements in "
            f"<{wrong[0]}>, the build {expected[wrong[0]]:,}: run `amkg load --store …` with this build."
        )
    log.info("store %s: %d statements in %d graphs", backend.endpoints.query, len(backend), len(expected))
    return Store(backend)


def open_store(settings: Settings) -> Store:
    """Load the built dump into the configured backend; :class:`DistError` when it is missing or loads as
    another number of statements than the manifest records."""
    if settings.remote:
        return open_remote(settings)
    if settings.store not in STORES:
        raise ValueError(f"unknown store {settings.store!r}; choose one of {', '.join(STORES)}")
    dump = settings.dist / DUMP
    if not dump.is_file():
        raise DistError(f"{dump} does not exist: run `amkg build` first.")
    store = Store(_backend(settings.store, dump))
    # The engine may skip or merge lines that the build wrote as statements (duplicates, a damaged line
    # that still parses): what was loaded must be what the build counted.
    expected = (read_manifest(settings.dist) or {}).get("counts", {}).get("quads")
    if expected is not None and store.triple_count != expected:
        raise DistError(
            f"{dump} loaded as {store.triple_count:,} statements, its manifest says {expected:,}; "
            "run `amkg build --force` to write it again."
        )
    log.info("store %s loaded %s: %d statements", settings.store, dump, store.triple_count)
    return store
