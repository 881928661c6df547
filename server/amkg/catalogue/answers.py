"""Competency questions' answers: run as the endpoint runs them, in canonical form, stored and compared.

A query runs the way the endpoint runs it (default graph = union of the named graphs), and its answer is
put in a canonical form, so that an answer from the store, from HTTP and from the stored file compare equal
whatever serialiser produced them. The stored answers live in ``tests/expected/``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from amkg.catalogue import CatalogueError, Query
from amkg.config import ROOT, Settings
from amkg.rdf.namespaces import NUMERIC, RDF, XSD
from amkg.rdf.terms import written
from amkg.store import Dataset, Store, open_store
from amkg.store.values import with_values

EXPECTED = ROOT / "tests" / "expected"
RDF_LANG_STRING = RDF + "langString"

#: One RDF term as SPARQL JSON results write it: {"type": ..., "value": ..., "datatype"/"xml:lang": ...}.
Term = dict[str, str]
#: A SELECT or ASK answer as a SPARQL JSON results document; a CONSTRUCT or DESCRIBE answer as N-Triples.
Answer = dict | list[str]


def load_store(dist: Path) -> Store:
    """The built ``dist/`` loaded into the configured engine, exactly as the server loads it."""
    return open_store(Settings.from_env(dist=dist))


def run(store: Store, query: Query, dataset: Dataset | None = None) -> Answer:
    """The query's answer, in canonical form (see ``canonical``).

    By default it runs on the dataset the endpoint gives a query: the union of all graphs as default graph,
    unless the query names its own with FROM, which SPARQL gives precedence.
    """
    result = store.query(query.text, dataset or Dataset())
    if isinstance(result, ox.QueryBoolean):
        return {"head": {}, "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        return canonical(query, json.loads(written(result.serialize(format=ox.QueryResultsFormat.JSON))))
    if query.form == "DESCRIBE":
        result = with_values(store, result, dataset or Dataset())
    return canonical_graph("".join(f"{triple} .\n" for triple in result), "nt")


def canonical(query: Query, results: dict) -> dict:
    """SPARQL JSON results with terms normalised, GROUP_CONCAT parts sorted and, unless ordered, rows sorted.

    Engines may concatenate a group's values in any order (Oxigraph's follows its indexes, which shift as
    data is added), so the parts of a GROUP_CONCAT are put in alphabetical order before answers compare.
    """
    if "boolean" in results:
        return {"head": {}, "boolean": bool(results["boolean"])}
    names = list(results["head"]["vars"])
    concatenated = query.concatenated
    rows = [
        {name: _term(row[name], concatenated.get(name)) for name in names if name in row}
        for row in results["results"]["bindings"]
    ]
    if not query.ordered:
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    return {"head": {"vars": names}, "results": {"bindings": rows}}


def _term(term: Term, separator: str | None = None) -> Term:
    """Plain literals written without ``xsd:string``, legacy ``typed-literal`` as ``literal``."""
    kind = "literal" if term["type"] in ("literal", "typed-literal") else term["type"]
    if kind == "bnode":
        raise CatalogueError("answers must not contain blank nodes: their labels differ from store to store")
    value = term["value"]
    if separator and kind == "literal":
        value = separator.join(sorted(value.split(separator)))
    out = {"type": kind, "value": value}
    if "xml:lang" in term:
        out["xml:lang"] = term["xml:lang"].lower()
    elif term.get("datatype") and term["datatype"] != XSD + "string":
        out["datatype"] = term["datatype"]
    return out


def canonical_graph(data: str, format: str) -> list[str]:
    """A graph as sorted, de-duplicated N-Triples lines, blank nodes relabelled canonically."""
    graph = to_canonical_graph(Graph().parse(data=data, format=format))
    return sorted({line for line in graph.serialize(format="nt").splitlines() if line.strip()})


def rows(answer: dict) -> list[tuple]:
    """Comparable rows: each binding as sorted (variable, type, value, datatype, language) tuples."""
    return [
        tuple(sorted((name, *_comparable(term)) for name, term in row.items()))
        for row in answer["results"]["bindings"]
    ]


def _comparable(term: Term) -> tuple[str, str, str, str]:
    """Numbers compare by value (``1.50`` = ``1.5``), everything else by its exact lexical form."""
    value, datatype = term["value"], term.get("datatype", "")
    if datatype in NUMERIC:
        with suppress(InvalidOperation):
            value = str(Decimal(value).normalize())
        datatype = "numeric"
    return term["type"], value, datatype, term.get("xml:lang", "")


def same(query: Query, expected: Answer, actual: Answer) -> bool:
    """Equal as sequences when the query orders its rows, as multisets otherwise; graphs as sets."""
    if isinstance(expected, list) or isinstance(actual, list):
        return expected == actual
    if "boolean" in expected or "boolean" in actual:
        return expected.get("boolean") == actual.get("boolean")
    if expected["head"]["vars"] != actual["head"]["vars"]:
        return False
    if query.ordered:
        return rows(expected) == rows(actual)
    return Counter(rows(expected)) == Counter(rows(actual))


def is_empty(answer: Answer) -> bool:
    """No rows, no triples, or a false ASK: a competency question must have an answer."""
    if isinstance(answer, list):
        return not answer
    if "boolean" in answer:
        return not answer["boolean"]
    return not answer["results"]["bindings"]


# ---------------------------------------------------------------- stored answers


def read_expected(query: Query, folder: Path = EXPECTED) -> Answer:
    path = query.expected_path(folder)
    text = path.read_text(encoding="utf-8")
    return text.splitlines() if query.returns_graph else json.loads(text)


def write_expected(query: Query, answer: Answer, folder: Path = EXPECTED) -> Path:
    """Store an answer: N-Triples lines, or SPARQL JSON indented for readable diffs."""
    path = query.expected_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(answer, list):
        text = "".join(line + "\n" for line in answer)
    else:
        text = json.dumps(answer, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def update_expected(store: Store, queries: Iterable[Query], folder: Path = EXPECTED) -> list[Path]:
    """Re-run every runnable query and store its answer. Check each changed file against the sources!"""
    return [write_expected(query, run(store, query), folder) for query in queries if not query.federation]
