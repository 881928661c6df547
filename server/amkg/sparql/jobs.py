"""One checked query as a job that can cross a process boundary, and its evaluation wherever it runs.

The endpoint reads, scans, checks and negotiates in the web worker; what is left — evaluating the query and
serialising its answer — is a :class:`Job` (plain data: it is pickled to a query process of the
:mod:`~amkg.sparql.pool`) and :func:`evaluate` turns it into a :class:`Reply`, also plain data. The same
function runs in-process when there is no pool (the test client, ``flask run``), so both paths answer alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from amkg.rdf.namespaces import CURIE_PREFIXES
from amkg.rdf.scan import Scan, scan_query, undeclared_prefixes
from amkg.sparql import answers
from amkg.sparql.answers import Answer
from amkg.sparql.relay import Pin, Relay
from amkg.store import Dataset, RemoteError, Store
from amkg.web.formats import FORMATS, Format, Kind
from amkg.web.http import HttpError

log = logging.getLogger(__name__)

#: A negotiated format as plain data: (its place in :data:`FORMATS` for its kind, 0, "") or, when the
#: request accepts no format of that kind, (None, status, message) of the refusal it gets if the query
#: turns out to be of that kind.
Choice = tuple[int | None, int, str]


@dataclass(frozen=True)
class Job:
    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    #: What the request accepts for solutions and for graphs (both, for queries whose form the scan could
    #: not tell).
    results: Choice
    graph: Choice
    boolean: Choice
    row_limit: int
    max_answer_bytes: int
    #: The endpoint's public URL: relative IRIs resolve against it, and a cut answer links to it.
    endpoint: str
    #: Each SERVICE call's checked addresses, in the query's order (:mod:`amkg.sparql.relay`).
    services: tuple[Pin, ...] = ()
    #: Seconds each SERVICE call may take.
    service_timeout: float = 10.0


@dataclass(frozen=True)
class Reply:
    """An answer (``status`` 200) or a refusal with its one-line message."""

    status: int
    message: str = ""
    body: bytes = b""
    kind: str = ""
    index: int = 0
    truncated: bool = False

    def answer(self) -> Answer:
        """The answer, or the refusal raised as :class:`HttpError`."""
        if self.status != 200:
            raise HttpError(self.status, self.message)
        return Answer(self.body, FORMATS[Kind(self.kind)][self.index], self.truncated)


def choice(kind: Kind, fmt: Format | HttpError) -> Choice:
    if isinstance(fmt, HttpError):
        return (None, fmt.status, fmt.message)
    return (FORMATS[kind].index(fmt), 0, "")


def evaluate(store: Store, job: Job) -> Reply:
    """Run the job's query and serialise its answer; every failure the query can cause becomes a Reply."""
    scan = scan_query(job.query)
    dataset = Dataset(job.default_graphs, job.named_graphs)

    def choose(kind: Kind) -> Format:
        index, status, message = {Kind.RESULTS: job.results, Kind.BOOLEAN: job.boolean}.get(kind, job.graph)
        if index is None:
            raise HttpError(status, message)
        return FORMATS[kind][index]

    if job.services:
        with Relay(job.services, job.service_timeout, job.max_answer_bytes) as relay:
            return _evaluate(store, job, scan_query(relay.rewrite(scan)), dataset, choose, relay)
    return _evaluate(store, job, scan, dataset, choose, None)


def _evaluate(
    store: Store,
    job: Job,
    scan: Scan,
    dataset: Dataset,
    choose: Callable[[Kind], Format],
    relay: Relay | None,
) -> Reply:
    try:
        answer = answers.answer(store, scan, dataset, choose, job.row_limit, job.endpoint)
    except (HttpError, RemoteError) as exc:  # RemoteError: an external engine failed (502) or was late (504)
        return Reply(exc.status, exc.message)
    except SyntaxError as exc:
        return Reply(400, syntax_error(job.query, exc))
    except (ValueError, RuntimeError) as exc:
        return Reply(400, f"The query cannot be evaluated: {exc}")
    except OSError as exc:
        if relay is None:
            raise
        return Reply(*relay.explain(str(exc)))
    if len(answer.body) > job.max_answer_bytes:
        return Reply(413, too_large(len(answer.body), job.max_answer_bytes))
    kind = next(k for k in (Kind.RESULTS, Kind.BOOLEAN, Kind.GRAPH) if answer.format in FORMATS[k])
    return Reply(200, "", answer.body, kind.value, FORMATS[kind].index(answer.format), answer.truncated)


def too_large(size: int, limit: int) -> str:
    return (
        f"The answer would be {size:,} bytes, more than the endpoint's limit of {limit:,} bytes per answer "
        "(the request was fine; its answer is too large). Select fewer or shorter values, or page with "
        "LIMIT and OFFSET."
    )


def syntax_error(query: str, error: SyntaxError) -> str:
    """The parser's message on one line, with its line:column, naming any prefix the query forgot to
    declare (and the declaration to add for the project's own), which the parser's message does not."""
    message = " ".join(str(error).split())
    missing = undeclared_prefixes(query)
    if not missing:
        return f"Syntax error in the query: {message}"
    undeclared = f"undeclared prefix {', '.join(missing)}"
    add = [f"PREFIX {p} <{CURIE_PREFIXES[p[:-1]]}>" for p in missing if p[:-1] in CURIE_PREFIXES]
    if add:
        undeclared += f" (add {' '.join(add)})"
    if "Prefix not found" in message:
        return f"Syntax error in the query: {message.split(': expected', 1)[0]}: {undeclared}."
    return f"Syntax error in the query: {message}; also, {undeclared}."
