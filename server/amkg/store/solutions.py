"""Query answers made in Python as pyoxigraph's native result objects, for engines that are not pyoxigraph.

pyoxigraph cannot build solutions from Python rows, but it parses SPARQL TSV natively, and TSV writes every
term exactly as N-Triples does: so rows become TSV, then native solutions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from amkg.store.model import Term

_TSV = ox.QueryResultsFormat.TSV
_JSON = ox.QueryResultsFormat.JSON


def solutions(names: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> ox.QuerySolutions:
    """Rows made in Python (``None`` = unbound) as native solutions, by way of TSV."""
    lines = ["\t".join("?" + name for name in names)]
    lines += ["\t".join("" if term is None else _tsv(term) for term in row) for row in rows]
    parsed = ox.parse_query_results(("\n".join(lines) + "\n").encode(), _TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def boolean(value: bool) -> ox.QueryBoolean:
    parsed = ox.parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if value else b"false"), _JSON)
    assert isinstance(parsed, ox.QueryBoolean)
    return parsed


def _tsv(term: Term) -> str:
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv(term.subject)} {_tsv(term.predicate)} {_tsv(term.object)} )>>"
    return str(term)
