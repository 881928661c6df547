"""A query's answer as response bytes: the row limit, the signalled cut, pyoxigraph's native serialisers.

The row limit is applied where it saves work: a SELECT without a small enough LIMIT of its own is run with
its outermost LIMIT set to one more than the row limit, so the engine stops early, and the extra row tells
whether anything was cut. pyoxigraph cannot build solutions from Python rows, but it parses and writes TSV
natively, and in TSV one row is one line, so counting and cutting rows is a byte operation: the answer is
written as TSV, cut if needed, and parsed back into the format asked for. Graph answers are cut while they
stream into the serialiser. A cut is never silent: :attr:`Answer.truncated` becomes a response header,
and SPARQL JSON answers also carry a note.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from amkg.rdf.namespaces import PREFIXES
from amkg.rdf.scan import Scan
from amkg.store import Dataset, Result, Store
from amkg.store.solutions import solutions
from amkg.web.formats import Format, Kind

_TSV = ox.QueryResultsFormat.TSV
_JSON = ox.QueryResultsFormat.JSON
FORM_KINDS = {"SELECT": Kind.RESULTS, "ASK": Kind.RESULTS, "CONSTRUCT": Kind.GRAPH, "DESCRIBE": Kind.GRAPH}


@dataclass(frozen=True)
class Answer:
    body: bytes
    format: Format
    #: True when rows or triples beyond the row limit were left out.
    truncated: bool = False


Chooser = Callable[[Kind], Format]


def answer(store: Store, scan: Scan, dataset: Dataset, choose: Chooser, limit: int) -> Answer:
    """Run a checked query and serialise its answer, at most ``limit`` rows or triples of it."""
    if scan.form == "SELECT" and not scan.ambiguous:
        limited = scan.with_limit(limit + 1)
        if limited is None:  # its own LIMIT keeps it within the row limit
            return _native(store.query(scan.text, dataset), choose, limit)
        try:
            result = store.query(limited, dataset)
        except SyntaxError:
            result = store.query(scan.text, dataset)  # raises again, with the positions the client wrote
        else:
            if isinstance(result, ox.QuerySolutions):
                return _cut_solutions(result, choose(Kind.RESULTS), limit)
    else:
        result = store.query(scan.text, dataset)
    if isinstance(result, ox.QuerySolutions):
        return _collect_solutions(result, choose(Kind.RESULTS), limit)
    if isinstance(result, ox.QueryBoolean):
        return _native(result, choose, limit)
    return _triples(result, choose(Kind.GRAPH), limit)


def _native(result: Result, choose: Chooser, limit: int) -> Answer:
    """Solutions known to be within the limit, or a boolean: pyoxigraph writes them in one go."""
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        fmt = choose(Kind.RESULTS)
        return Answer(result.serialize(format=fmt.engine), fmt)
    return _triples(result, choose(Kind.GRAPH), limit)


def _cut_solutions(result: ox.QuerySolutions, fmt: Format, limit: int) -> Answer:
    """At most ``limit + 1`` rows from the engine: written as TSV, counted and cut as lines."""
    tsv = result.serialize(format=_TSV)
    truncated = tsv.count(b"\n") - 1 > limit
    if truncated:
        tsv = b"\n".join(tsv.split(b"\n", limit + 1)[: limit + 1]) + b"\n"
    if fmt.engine == _TSV:
        return Answer(tsv, fmt, truncated)
    body = ox.parse_query_results(tsv, _TSV).serialize(format=fmt.engine)
    return Answer(_noted(body, fmt, limit) if truncated else body, fmt, truncated)


def _collect_solutions(result: ox.QuerySolutions, fmt: Format, limit: int) -> Answer:
    """When the engine could not be told the limit: take rows one by one, at most ``limit + 1``."""
    names = [v.value for v in result.variables]
    variables = result.variables
    rows = [[row[v] for v in variables] for row in islice(result, limit + 1)]
    truncated = len(rows) > limit
    body = solutions(names, rows[:limit]).serialize(format=fmt.engine)
    return Answer(_noted(body, fmt, limit) if truncated else body, fmt, truncated)


def _triples(result: Iterable[ox.Triple], fmt: Format, limit: int) -> Answer:
    """Triples stream into the serialiser, at most ``limit``; one more left over means a cut."""
    triples = iter(result)
    prefixes = PREFIXES if fmt.takes_prefixes else None
    body = ox.serialize(islice(triples, limit), format=fmt.engine, prefixes=prefixes)
    return Answer(body, fmt, next(triples, None) is not None)


def _noted(body: bytes, fmt: Format, limit: int) -> bytes:
    """SPARQL JSON gets a note beside ``head`` and ``results`` saying that rows were cut, and where."""
    if fmt.engine != _JSON:
        return body
    note = json.dumps(f"Only the first {limit} rows are shown (the row limit); page with LIMIT and OFFSET.")
    end = body.rindex(b"}")
    return body[:end] + b',"truncated":true,"note":' + note.encode() + body[end:]
