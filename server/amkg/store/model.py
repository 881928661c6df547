"""What every engine answers in: pyoxigraph's terms and results, the query's dataset, and the :class:`Store`
that the endpoint and the pages talk to."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: What a trusted SELECT binds: our data has no RDF-star statements, so never a triple.
Bound = ox.NamedNode | ox.BlankNode | ox.Literal
Result = ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]


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


class RemoteError(Exception):
    """An external engine failed, or could not be reached in time; ``status`` is what the client gets
    (502, 504, or 413 for an answer too large to read), the message names the engine and what it said."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
        #: Values computed once from this store (see :mod:`amkg.store.memo`); the lock guards first computes.
        self.memo: dict[str, object] = {}
        self.memo_lock = threading.RLock()
        #: SPARQL queries this process has run so far; the pages report their share per request
        #: (``Server-Timing``), which is how the tests hold each page to a handful of queries.
        self.queries = 0

    def query(self, text: str, dataset: Dataset = UNION, base_iri: str | None = None) -> Result:
        """Run any query as the endpoint does (the caller has checked it is allowed); relative IRIs in it
        resolve against ``base_iri`` (the endpoint's own URL), unless it declares a BASE of its own."""
        self.queries += 1
        return self.backend.query(text, dataset, base_iri)

    def select(self, query: str) -> list[dict[str, Bound]]:
        """A trusted SELECT's rows, each a dict of its bound variables (no row limit)."""
        solutions = self.query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("select() needs a SELECT query")
        names = [(v, v.value) for v in solutions.variables]
        rows = []
        for solution in solutions:
            row: dict[str, Bound] = {}
            for var, name in names:
                term = solution[var]
                if isinstance(term, ox.Triple):
                    raise TypeError("select() is for queries that bind no quoted triples")
                if term is not None:
                    row[name] = term
            rows.append(row)
        return rows

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
