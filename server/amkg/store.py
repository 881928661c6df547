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
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import rdflib.plugins.sparql
from flask import current_app
from pyparsing import ParseException
from rdflib import Dataset as RdflibDataset
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from amkg.config import Settings
from amkg.oxconv import from_ox, to_ox
from amkg.results import boolean, solutions

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

    def query(self, text: str, dataset: Dataset) -> Result: ...

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

    def query(self, text: str, dataset: Dataset = UNION) -> Result:
        """Run any query as the endpoint does (the caller has checked it is allowed)."""
        self.queries += 1
        return self.backend.query(text, dataset)

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


# ---------------------------------------------------------------- pyoxigraph


class OxigraphBackend:
    """pyoxigraph, in memory or on disk; ``opener`` gives each process its own handle.

    The store's default graph holds the union of the named graphs, materialised when loading: pyoxigraph's
    own union option is a multiset (a triple stated by two documents would come out twice), but SPARQL's
    default graph is an RDF graph, a set. ``statements`` counts the named graphs' statements only.
    """

    def __init__(self, opener: ox.Store | Callable[[], ox.Store], statements: int) -> None:
        self._opener = opener
        self._pid = -1
        self._store: ox.Store | None = None
        self.statements = statements

    @property
    def store(self) -> ox.Store:
        if isinstance(self._opener, ox.Store):
            return self._opener
        if self._pid != os.getpid():  # first use in this process (a fresh worker): open our own handle
            self._store, self._pid = self._opener(), os.getpid()
        return self._store

    def query(self, text: str, dataset: Dataset) -> Result:
        if dataset.from_protocol:
            return self.store.query(
                text,
                default_graph=[ox.NamedNode(g) for g in dataset.default or ()],
                named_graphs=[ox.NamedNode(g) for g in dataset.named or ()],
            )
        return self.store.query(text)

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]:
        for quad in self.store.quads_for_pattern(subject, None, obj, None):
            if not isinstance(quad.graph_name, ox.DefaultGraph):  # the union's copy states nothing new
                yield quad

    def graph_names(self) -> list[str]:
        return [g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]

    def __len__(self) -> int:
        return self.statements


def _load(store: ox.Store, dump: Path) -> int:
    """Load the dump, then its union into the default graph; returns the number of statements loaded."""
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    statements = len(store)
    union = ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in union)
    return statements


def _memory(dump: Path) -> OxigraphBackend:
    store = ox.Store()
    return OxigraphBackend(store, _load(store, dump))


def _disk(dump: Path) -> OxigraphBackend:
    """Build ``dist/oxigraph/`` from the dump unless it holds this very dump already; open it per process."""
    folder = dump.parent / "oxigraph"
    stamp = f"{dump.stat().st_size} {dump.stat().st_mtime_ns}"
    marker = folder / "LOADED_FROM"
    loaded = marker.read_text().split() if marker.is_file() else []
    if loaded[:2] != stamp.split():
        shutil.rmtree(folder, ignore_errors=True)
        writer = ox.Store(str(folder))
        statements = _load(writer, dump)
        writer.flush()
        del writer  # closes RocksDB before any worker opens it read-only
        marker.write_text(f"{stamp} {statements}")
        loaded = marker.read_text().split()
    return OxigraphBackend(lambda: ox.Store.read_only(str(folder)), int(loaded[2]))


# ---------------------------------------------------------------- rdflib (for comparison)


class RdflibBackend:
    """rdflib's memory store and SPARQL engine; answers converted to pyoxigraph objects."""

    def __init__(self, dump: Path) -> None:
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM must never fetch anything from the network
        self.dataset = RdflibDataset(default_union=True)
        self.dataset.parse(str(dump), format="nquads")

    def _graphs_for(self, dataset: Dataset) -> RdflibDataset:
        """rdflib takes no protocol dataset: copy the requested graphs into a dataset of their own."""
        view = RdflibDataset()
        default = view.graph(DATASET_DEFAULT_GRAPH_ID)
        for g in dataset.default or ():
            default += self.dataset.graph(URIRef(g))
        for g in dataset.named or ():
            named = view.graph(URIRef(g))
            named += self.dataset.graph(URIRef(g))
        return view

    def query(self, text: str, dataset: Dataset) -> Result:
        target = self._graphs_for(dataset) if dataset.from_protocol else self.dataset
        try:
            result = target.query(text)
        except ParseException as exc:
            raise SyntaxError(f"error at {exc.lineno}:{exc.col}: {exc.msg}") from exc
        if result.type == "ASK":
            return boolean(bool(result.askAnswer))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or ()]
            rows = ([None if row[i] is None else to_ox(row[i]) for i in range(len(names))] for row in result)
            return solutions(names, rows)
        return iter([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.graph])

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]:
        pattern = (None if subject is None else from_ox(subject), None, None if obj is None else from_ox(obj))
        for s, p, o, g in self.dataset.quads(pattern):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))

    def graph_names(self) -> list[str]:
        return [str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)]

    def __len__(self) -> int:
        return len(self.dataset)


# ---------------------------------------------------------------- choosing and finding the store

_BACKENDS = {"oxigraph": _memory, "oxigraph-disk": _disk, "rdflib": RdflibBackend}


def open_store(settings: Settings) -> Store:
    """Load the built dump into the configured backend."""
    if settings.store not in _BACKENDS:
        raise ValueError(f"unknown store {settings.store!r}; choose one of {', '.join(_BACKENDS)}")
    dump = settings.dist / DUMP
    if not dump.is_file():
        raise FileNotFoundError(f"{dump} does not exist: run `amkg build` first")
    store = Store(_BACKENDS[settings.store](dump))
    log.info("store %s loaded %s: %d statements", settings.store, dump, store.triple_count)
    return store


def get_store() -> Store:
    """The current app's store."""
    return current_app.extensions["amkg.store"]

