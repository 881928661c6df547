"""A query's answer as response bytes: the row limit, the signalled cut, the column order, strict formats.

The row limit is applied where it saves work: a SELECT without a small enough LIMIT of its own is run with
its outermost LIMIT set to one more than the row limit, so the engine stops early, and the extra row tells
whether anything was cut. pyoxigraph cannot build solutions from Python rows, but it parses and writes TSV
natively, and in TSV one row is one line and one term is one field, so counting and cutting rows, and
putting ``SELECT *``'s columns in the query's order, are byte operations: the answer is written as TSV, cut
and reordered if needed, and parsed back into the format asked for. Graph answers are cut while they stream
into the serialiser. A cut is never silent: :attr:`Answer.truncated` becomes a response header, and the two
formats whose specifications allow a link in their head (SPARQL JSON and XML) link to the endpoint, whose
description states the limit. Nothing outside a format's specification is ever added: strict parsers,
and engines calling us with SERVICE, must read exactly the rows sent.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, islice
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from amkg.rdf.namespaces import PREFIXES
from amkg.rdf.scan import Scan, iter_tokens
from amkg.rdf.terms import written
from amkg.store import Dataset, Result, Store
from amkg.store.solutions import solutions
from amkg.store.values import with_values
from amkg.web.formats import Format, Kind, Unwritable, xml_safe
from amkg.web.http import HttpError

_TSV = ox.QueryResultsFormat.TSV
_JSON = ox.QueryResultsFormat.JSON
_XML = ox.QueryResultsFormat.XML
_CSV = ox.QueryResultsFormat.CSV
FORM_KINDS = {"SELECT": Kind.RESULTS, "ASK": Kind.BOOLEAN, "CONSTRUCT": Kind.GRAPH, "DESCRIBE": Kind.GRAPH}


@dataclass(frozen=True)
class Answer:
    body: bytes
    format: Format
    #: True when rows or triples beyond the row limit were left out.
    truncated: bool = False


Chooser = Callable[[Kind], Format]


def answer(store: Store, scan: Scan, dataset: Dataset, choose: Chooser, limit: int, endpoint: str) -> Answer:
    """Run a checked query and serialise its answer, at most ``limit`` rows or triples of it.

    ``endpoint`` is the endpoint's public URL: relative IRIs in the query resolve against it (as a
    document's relative links resolve against the document's URL), and a cut answer links to it.
    """
    columns = _star_columns(scan)

    def run(text: str) -> Result:
        return store.query(text, dataset, base_iri=endpoint)

    try:
        if scan.form == "SELECT" and not scan.ambiguous:
            limited = scan.with_limit(limit + 1)
            if limited is None:  # its own LIMIT keeps it within the row limit
                result = run(scan.text)
                if isinstance(result, ox.QuerySolutions):
                    return _select(result, choose(Kind.RESULTS), limit, columns, endpoint, cut=False)
            else:
                try:
                    result = run(limited)
                except SyntaxError:
                    result = run(scan.text)  # raises again, with the positions the client wrote
                if isinstance(result, ox.QuerySolutions):
                    return _select(result, choose(Kind.RESULTS), limit, columns, endpoint, cut=True)
        else:
            result = run(scan.text)
        if isinstance(result, ox.QuerySolutions):
            return _collect_solutions(result, choose(Kind.RESULTS), limit, columns, endpoint)
        if isinstance(result, ox.QueryBoolean):
            fmt = choose(Kind.BOOLEAN)
            return Answer(written(result.serialize(format=fmt.results)), fmt)
        if scan.form == "DESCRIBE":
            result = with_values(store, result, dataset)
        return _triples(result, choose(Kind.GRAPH), limit)
    except Unwritable as exc:
        raise HttpError(406, str(exc)) from exc


def _star_columns(scan: Scan) -> list[str] | None:
    """For ``SELECT *``, the variables in order of first appearance in the query, as W3C's tests, Jena and
    Rasqal order its columns (pyoxigraph orders them alphabetically); ``None`` for any other projection."""
    if scan.form != "SELECT":
        return None
    rest = iter_tokens(scan.text[scan.prologue_end :])  # lexed only as far as needed: most are not *
    toks = list(islice(rest, 3))
    at = 2 if len(toks) > 2 and toks[1].keyword in ("DISTINCT", "REDUCED") else 1
    if len(toks) <= at or toks[at].text != "*":
        return None
    return list(dict.fromkeys(tok.text[1:] for tok in chain(toks[at:], rest) if tok.kind == "var"))


def _order(names: list[str], columns: list[str] | None) -> list[int] | None:
    """Indexes that put the engine's columns in ``columns``' order; ``None`` when they already are."""
    if columns is None:
        return None
    rank = {name: n for n, name in enumerate(columns)}
    order = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))
    return None if order == list(range(len(names))) else order


def _select(
    result: ox.QuerySolutions, fmt: Format, limit: int, columns: list[str] | None, link: str, cut: bool
) -> Answer:
    """Solutions by way of TSV when they may need cutting (at most ``limit + 1`` rows) or reordering."""
    order = _order([v.value for v in result.variables], columns)
    if not cut and order is None:
        return Answer(_write(result, fmt, False, link), fmt)
    tsv = written(result.serialize(format=_TSV))
    truncated = cut and tsv.count(b"\n") - 1 > limit
    if truncated:
        tsv = b"\n".join(tsv.split(b"\n", limit + 1)[: limit + 1]) + b"\n"
    if order is not None:
        lines = (line.split(b"\t") for line in tsv.split(b"\n")[:-1])
        tsv = b"".join(b"\t".join(fields[i] for i in order) + b"\n" for fields in lines)
    if fmt.engine == _TSV:
        return Answer(tsv, fmt, truncated)
    parsed = ox.parse_query_results(tsv, _TSV)
    assert isinstance(parsed, ox.QuerySolutions)  # TSV holds solutions
    return Answer(_write(parsed, fmt, truncated, link), fmt, truncated)


def _collect_solutions(
    result: ox.QuerySolutions, fmt: Format, limit: int, columns: list[str] | None, link: str
) -> Answer:
    """When the engine could not be told the limit: take rows one by one, at most ``limit + 1``."""
    variables = result.variables
    order = _order([v.value for v in variables], columns) or range(len(variables))
    rows = [[row[i] for i in order] for row in islice(result, limit + 1)]
    truncated = len(rows) > limit
    answer = solutions([variables[i].value for i in order], rows[:limit])
    return Answer(_write(answer, fmt, truncated, link), fmt, truncated)


def _write(result: ox.QuerySolutions, fmt: Format, truncated: bool, link: str) -> bytes:
    """Solutions in ``fmt``, exactly as its specification says; a cut JSON or XML answer links to ``link``."""
    if fmt.engine == _CSV:
        return _csv(result)
    body = written(result.serialize(format=fmt.results))
    if fmt.engine == _XML:
        body = xml_safe(body, fmt)
        if truncated:
            end = body.index(b"</head>")
            body = body[:end] + f"<link href={quoteattr(link)}/>".encode() + body[end:]
    elif fmt.engine == _JSON and truncated:
        end = body.index(b',"results":')  # head holds only variable names, which cannot hold this
        head = json.loads(body[len(b'{"head":') : end])
        head["link"] = [link]
        body = b'{"head":' + json.dumps(head, separators=(",", ":")).encode() + body[end:]
    return body


def _csv(result: ox.QuerySolutions) -> bytes:
    """SPARQL 1.1 CSV: IRIs and literals by their plain value, blank nodes as ``_:id``, every field quoted
    where RFC 4180 needs it. pyoxigraph leaves an IRI with a comma (or a quoted triple term) unquoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([v.value for v in result.variables])
    writer.writerows([_csv_field(term) for term in row] for row in result)
    return out.getvalue().encode()


def _csv_field(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    assert isinstance(term, ox.NamedNode | ox.Literal)
    return term.value


def _triples(result: Iterable[ox.Triple], fmt: Format, limit: int) -> Answer:
    """Triples stream into the serialiser, at most ``limit``; one more left over means a cut."""
    triples = iter(result)
    prefixes = PREFIXES if fmt.takes_prefixes else None
    body = written(ox.serialize(islice(triples, limit), format=fmt.rdf, prefixes=prefixes))
    truncated = next(triples, None) is not None
    return Answer(xml_safe(body, fmt) if fmt.xml else body, fmt, truncated)
