"""The catalogue of competency questions: ``queries/NN-name.rq`` and their ``#`` headers.

Researchers judge the graph by the questions it answers, so every question is a runnable SPARQL file whose
answer is stored and tested. This module is the one place that reads the files' headers; the pages and the
query editor use it to offer the questions. Running them and comparing answers is
:mod:`amkg.catalogue.answers` (used by the tests and ``amkg queries``); ``docs/queries.md`` is rendered by
:mod:`amkg.catalogue.doc`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from amkg.config import ROOT
from amkg.rdf.scan import code_only, scan_query

QUERIES = ROOT / "queries"
FIELDS = ("Question", "Sources", "Features", "Federation", "Note")
NAME = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
CONCAT = re.compile(
    r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*SEPARATOR\s*=\s*"([^"]+)"\s*\)'
    r"\s*AS\s+\?(\w+)",
    re.IGNORECASE,
)


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
    def header(self) -> str:
        """The leading ``#`` lines, without their ``#``: what a query editor shows as the description."""
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line[1:].strip())
        return "\n".join(lines)

    @property
    def body(self) -> str:
        """The SPARQL text with comments and string literals blanked, for finding keywords safely."""
        return code_only(self.text)

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside prologue and comments."""
        form = scan_query(self.text).form
        if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            raise CatalogueError(f"{self.path.name}: no query form found")
        return form

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    @property
    def ordered(self) -> bool:
        """True when the outermost query orders its rows: an ORDER BY after the last closing brace."""
        return bool(re.search(r"\bORDER\s+BY\b", self.body[self.body.rfind("}") + 1 :], re.IGNORECASE))

    @property
    def concatenated(self) -> dict[str, str]:
        """Variables bound by GROUP_CONCAT, with their separators: SPARQL leaves the parts' order open."""
        return {name: separator for separator, name in CONCAT.findall(self.text)}

    def expected_path(self, folder: Path) -> Path:
        return folder / f"{self.name}.{'nt' if self.returns_graph else 'json'}"


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
    return Query(
        path=path,
        question=fields["Question"],
        sources=_items(fields["Sources"]),
        features=_items(fields["Features"]),
        federation=fields.get("Federation", ""),
        note=fields.get("Note", ""),
        text=text,
    )


def _items(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def catalogue(folder: Path = QUERIES) -> list[Query]:
    """All competency questions of ``folder`` (not its ``checks/``), in number order; numbers are unique."""
    queries = [parse(path) for path in sorted(folder.glob("*.rq"))]
    numbers = Counter(query.number for query in queries)
    if duplicates := sorted(number for number, count in numbers.items() if count > 1):
        raise CatalogueError(f"query numbers used twice: {duplicates}")
    return queries


def engine_differences(folder: Path = QUERIES) -> dict[str, dict[str, str]]:
    """What each external engine answers otherwise, by question name then engine (``queries/engines.tsv``:
    engine, question, difference; ``#`` lines are comments)."""
    found: dict[str, dict[str, str]] = {}
    path = folder / "engines.tsv"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not (folder / f"{parts[1]}.rq").is_file():
            raise CatalogueError(f"{path}:{number}: expected engine, question file, difference")
        found.setdefault(parts[1], {})[parts[0]] = parts[2]
    return found
