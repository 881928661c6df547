"""The catalogue of competency questions: ``queries/NN-name.rq``, their checked answers, ``docs/queries.md``.

Researchers judge the graph by the questions it answers, so every question is a runnable SPARQL file whose
answer is stored in ``tests/expected/`` and tested. This module is the one place that reads the files' ``#``
headers, runs a query the way the endpoint does (default graph = union of the named graphs) and puts answers
in a canonical form, so that an answer from the store, from HTTP and from the stored file compare equal
whatever serialiser produced them. ``amkg.querydoc`` renders the stored answers as ``docs/queries.md``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from amkg.config import ROOT, Settings
from amkg.store import Dataset, Store, open_store

QUERIES = ROOT / "queries"
EXPECTED = ROOT / "tests" / "expected"
DOC = ROOT / "docs" / "queries.md"
DIST = ROOT / "dist"

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
NUMERIC = {XSD + name for name in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                   "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                   "nonPositiveInteger", "unsignedInt", "unsignedLong")}
FIELDS = ("Question", "Sources", "Features", "Federation", "Note")
NAME = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
CONCAT = re.compile(r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*SEPARATOR\s*=\s*"([^"]+)"\s*\)'
                    r"\s*AS\s+\?(\w+)", re.IGNORECASE)

#: One RDF term as SPARQL JSON results write it: {"type": ..., "value": ..., "datatype"/"xml:lang": ...}.
Term = dict[str, str]
#: A SELECT or ASK answer as a SPARQL JSON results document; a CONSTRUCT or DESCRIBE answer as N-Triples.
Answer = dict | list[str]


class CatalogueError(ValueError):
    """A query file breaks the catalogue's conventions (name, header fields)."""


@dataclass(frozen=True)
class Query:
    """One competency question: its header fields and SPARQL text."""

    path: Path
    question: str
    sources: tuple[str, ...]
    features: tuple[str, ...]
    federation: str
    note: str
    text: str

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def number(self) -> int:
        return int(self.name[:2])

    @property
    def body(self) -> str:
        """The SPARQL text with comments and string literals blanked, for finding keywords safely."""
        return _code(self.text)

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside prologue and comments."""
        match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", self.body, re.IGNORECASE)
        if not match:
            raise CatalogueError(f"{self.path.name}: no query form found")
        return match.group(1).upper()

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    @property
    def ordered(self) -> bool:
        """True when the outermost query orders its rows: an ORDER BY after the last closing brace."""
        return bool(re.search(r"\bORDER\s+BY\b", self.body[self.body.rfind("}") + 1:], re.IGNORECASE))

    @property
    def concatenated(self) -> dict[str, str]:
        """Variables bound by GROUP_CONCAT, with their separators: SPARQL leaves the parts' order open."""
        return {name: separator for separator, name in CONCAT.findall(self.text)}

    def expected_path(self, folder: Path = EXPECTED) -> Path:
        return folder / f"{self.name}.{'nt' if self.returns_graph else 'json'}"


def _code(text: str) -> str:
    """SPARQL text with ``#`` comments and quoted strings replaced by spaces (IRIs kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "<":  # an IRI (or a less-than sign): keep it, it never holds quotes or '#' comments
            j = text.find(">", i)
            j = i if j == -1 or "\n" in text[i:j] or " " in text[i:j] else j
            out.append(text[i:j + 1])
            i = j + 1
        elif c == "#":
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
            out.append(c + " " * (j - i - 2) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse(path: Path) -> Query:
    """Read a query file; its leading ``# Field: value`` lines are the header (see ``FIELDS``)."""
    if not NAME.match(path.stem):
        raise CatalogueError(f"{path.name}: name must be NN-short-name.rq (lower case, hyphens)")
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if not sep or key not in FIELDS:
            raise CatalogueError(f"{path.name}: header line {line!r} is not '# Field: value' ({FIELDS})")
        if key in fields:
            raise CatalogueError(f"{path.name}: header field {key} given twice")
        fields[key] = value.strip()
    if not text.startswith("# Question:"):
        raise CatalogueError(f"{path.name}: the first line must be '# Question: …'")
    for key in ("Question", "Sources", "Features"):
        if not fields.get(key):
            raise CatalogueError(f"{path.name}: header field {key} is missing or empty")
    return Query(path=path, question=fields["Question"], sources=_items(fields["Sources"]),
                 features=_items(fields["Features"]), federation=fields.get("Federation", ""),
                 note=fields.get("Note", ""), text=text)


def _items(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def catalogue(folder: Path = QUERIES) -> list[Query]:
    """All competency questions of ``folder`` (not its ``checks/``), in number order; numbers are unique."""
    queries = [parse(path) for path in sorted(folder.glob("*.rq"))]
    numbers = Counter(query.number for query in queries)
    if duplicates := sorted(number for number, count in numbers.items() if count > 1):
        raise CatalogueError(f"query numbers used twice: {duplicates}")
    return queries


# ---------------------------------------------------------------- running and canonical answers

def load_store(dist: Path = DIST) -> Store:
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
        return canonical(query, json.loads(result.serialize(format=ox.QueryResultsFormat.JSON)))
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
    rows = [{name: _term(row[name], concatenated.get(name)) for name in names if name in row}
            for row in results["results"]["bindings"]]
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
    return [tuple(sorted((name, *_comparable(term)) for name, term in row.items()))
            for row in answer["results"]["bindings"]]


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


def main(argv: Sequence[str] | None = None) -> int:
    """``amkg queries``: regenerate the stored answers and/or ``docs/queries.md``."""
    from amkg.querydoc import render

    parser = argparse.ArgumentParser(prog="amkg queries", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=DIST, help="built dist/ folder to run against")
    parser.add_argument("--update-expected", action="store_true", help="re-run queries into tests/expected/")
    parser.add_argument("--doc", type=Path, help="write the catalogue page here (e.g. docs/queries.md)")
    args = parser.parse_args(argv)
    queries = catalogue()
    if args.update_expected:
        for path in update_expected(load_store(args.dist), queries):
            print(f"wrote {path.relative_to(ROOT)}")
    if args.doc:
        args.doc.write_text(render(queries), encoding="utf-8")
        print(f"wrote {args.doc}")
    if not (args.update_expected or args.doc):
        for query in queries:
            print(f"{query.name}: {query.question}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
