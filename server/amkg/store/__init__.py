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
- ``rdflib``: rdflib's own memory store and SPARQL engine, only to compare against.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from amkg.config import STORES, Settings

log = logging.getLogger(__name__)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Result = ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]
DUMP = "amkg.nq"


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a query runs against.

    ``default``/``named`` come from the protocol's ``default-graph-uri``/``named-graph-uri`` and replace
    everything else when either is given. Otherwise it is the service's dataset: every named graph, and as
    default graph their union (a set: a triple two documents state is in it once), unless the query names
    its own dataset with FROM, which SPARQL gives precedence.
    """

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None

    @property
    def from_protocol(self) -> bool:
        return self.default is not None or self.named is not None


UNION = Dataset()


class Backend(Protocol):
    """What an engine must offer; everything above it is shared."""

    def query(self, text: str, dataset: Dataset, base_iri: str | None = None) -> Result: ...

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]: ...

    def graph_names(self) -> list[str]: ...

    def __len__(self) -> int: ...


class Store:
    """The graph being served: SPARQL for the endpoint, convenience queries for the pages."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        #: SPARQL queries this process has run so far; the pages report their share per request
        #: (``Server-Timing``), which is how the tests hold each page to a handful of queries.
        self.queries = 0

    def query(self, text: str, dataset: Dataset = UNION, base_iri: str | None = None) -> Result:
        """Run any query as the endpoint does (the caller has checked it is allowed); relative IRIs in it
        resolve against ``base_iri`` (the endpoint's own URL), unless it declares a BASE of its own."""
        self.queries += 1
        return self.backend.query(text, dataset, base_iri)

    def select(self, query: str) -> list[dict[str, Term]]:
        """A trusted SELECT's rows, each a dict of its bound variables (no row limit)."""
        solutions = self.query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        names = [(v, v.value) for v in solutions.variables]
        return [{name: row[var] for var, name in names if row[var] is not None} for row in solutions]

    def ask(self, query: str) -> bool:
        """A trusted ASK query's answer."""
        return bool(self.query(query))

    def construct(self, query: str) -> list[ox.Triple]:
        """A trusted CONSTRUCT or DESCRIBE query's triples (no limit)."""
        result = self.query(query)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            raise TypeError("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(result)

    def quads_for(self, term: Term) -> list[ox.Quad]:
        """Every statement, in any graph, with ``term`` as its subject or its object (an index read, not a
        query: not counted in :attr:`queries`)."""
        as_subject = [] if isinstance(term, ox.Literal) else list(self.backend.quads(term, None))
        return [*as_subject, *self.backend.quads(None, term)]

    @property
    def triple_count(self) -> int:
        """Statements in all graphs (a triple stated in two graphs counts twice)."""
        return len(self.backend)

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(self.backend.graph_names())


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


def open_store(settings: Settings) -> Store:
    """Load the built dump into the configured backend."""
    if settings.store not in STORES:
        raise ValueError(f"unknown store {settings.store!r}; choose one of {', '.join(STORES)}")
    dump = settings.dist / DUMP
    if not dump.is_file():
        raise FileNotFoundError(f"{dump} does not exist: run `amkg build` first")
    store = Store(_backend(settings.store, dump))
    log.info("store %s loaded %s: %d statements", settings.store, dump, store.triple_count)
    return store
