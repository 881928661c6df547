"""No prose literal copies its document: no run of ten words, and no description mostly made of its clauses.

The sources are public documents: their facts and figures belong in the graph, their sentences do not (see
``docs/data-model.md``: "own words … never copied sentences"). This check covers all five documents and every
free-text property — descriptions, definitions, notes, targets, themes, measures, activities, periods,
aspects — of every subject in the document's named graph, blank nodes (money, quantities) included.

Names are exempt because a name can only be quoted: ``rdfs:label``, ``skos:altLabel``, ``dct:title`` and
``foaf:name`` are not checked, and any such name (of three words or more) found inside a prose literal is cut
out before comparing, so a long programme title quoted in a description does not count as copying.
``amkg:sourceSection`` names a section of the document and ``schema:currency`` is an ISO code, so neither is
prose. ``tests/test_facts_wef.py`` keeps its own WEF-only check; this one is the general rule.

Ten-word runs miss a sentence copied with a word changed here and there or a clause moved (issue 11, item 8:
"partnerships, including collaborations with" → "partnerships … among them collaborations with"), so a
second measure aligns each literal with the passage of its document it is closest to (``difflib``'s matching
blocks, in order) and counts the words that lie in *shared clauses*: aligned runs of at least
:data:`CLAUSE` words, where a run may bridge one changed, dropped or added word. A literal with at least
:data:`COPIED_WORDS` such words making up :data:`COPIED_SHARE` of it is a copy. Here names are not cut out but
stand as one placeholder word in both texts, so that a clause listing names is seen whole; numbers are one
word whatever their value, and footnote marks glued to a word ("Ohio6") are dropped.

Calibration on the data of 3 December 2026: the seven descriptions issue 11 names as copied score 42 % to
100 % (``initiative/hyper-personalisation-line-programme`` 93 %, ``initiative/ohio-amhub-partnerships``
52 %, ``initiative/jobsohio-advanced-manufacturing-support`` 42 %); descriptions written afresh score under
30 %, and the shortest phrases (measures, themes) rarely reach twelve copied words.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from support.facts import ROOT, select, source_graph, values

SEEDS = ROOT.parent / "shared" / "seeds"

#: The plain-text extraction of each source document (mapping from ``seeds/README.md``).
DOCUMENTS = {
    "wef-amhub-2020": "000_ce9edaa773a96312.txt",
    "wef-amhub-2021": "001_b9607a9072bbfc32.txt",
    "unido-2019": "002_b9bbef0a2b8e5d7e.txt",
    "ifm-2020": "003_ce311e644f21b6e5.txt",
    "oecd-andreoni-chang": "004_012dc63ec6ea7c5f.txt",
}

#: Shortest run of shared consecutive words that counts as copying.
RUN = 10

#: Shortest aligned run that counts as a shared clause, and how much of a literal such runs may make up.
CLAUSE = 6
COPIED_WORDS = 12
COPIED_SHARE = 0.4
#: One word standing for a name in both texts (see the module's docstring).
NAME = "§"

#: Free-text properties whose values must be in our own words.
PROSE = (
    "dct:description",
    "skos:definition",
    "amkg:note",
    "amkg:target",
    "amkg:theme",
    "amkg:measure",
    "amkg:activity",
    "amkg:period",
    "amkg:aspect",
)

#: Naming properties: exempt themselves, and their values are cut out of prose before comparing.
NAMES = ("rdfs:label", "skos:altLabel", "dct:title", "foaf:name")

#: A name shorter than this is an ordinary phrase ("Industry 4.0"), not one worth cutting out of prose.
MIN_NAME_WORDS = 3


def words(text: str) -> list[str]:
    """Lower-case word tokens, so punctuation, ligatures and line-end hyphens of the PDF cannot hide a copy.

    NFKC turns the extraction's ligatures (ﬁ) into letters; a hyphen at the end of a line joins the word it
    split; apostrophes and dashes separate words on both sides alike.
    """
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.findall(r"[^\W_]+", text.lower())


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """Every run of ``RUN`` consecutive tokens."""
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


@cache
def document_shingles(slug: str) -> frozenset[tuple[str, ...]]:
    """The document's runs, computed once per document for all its literals."""
    path = SEEDS / DOCUMENTS[slug]
    return frozenset(shingles(words(Path(path).read_text(encoding="utf-8"))))


@pytest.fixture(scope="session")
def names(store: ox.Store) -> list[str]:
    """Every multi-word name in the graph as a token string, longest first so a long name is cut whole."""
    found = values(store, f"SELECT DISTINCT ?n WHERE {{ ?x {'|'.join(NAMES)} ?n }}")
    tokenised = {" ".join(words(name)) for name in found}
    return sorted((n for n in tokenised if len(n.split()) >= MIN_NAME_WORDS), key=len, reverse=True)


def copied_run(text: str, names: list[str], runs: frozenset[tuple[str, ...]]) -> str | None:
    """The first run of ``text`` (names cut out) found in the document, or None if it is in own words."""
    prose = f" {' '.join(words(text))} "
    for name in names:
        prose = prose.replace(f" {name} ", " | ")
    for part in prose.split("|"):
        for run in shingles(part.split()):
            if run in runs:
                return " ".join(run)
    return None


def test_every_document_has_its_text() -> None:
    """One text per source folder: a missing mapping would silently leave a document unchecked."""
    folders = {path.name for path in (ROOT / "graph").iterdir() if path.is_dir()}
    assert folders == set(DOCUMENTS)
    missing = [name for name in DOCUMENTS.values() if not (SEEDS / name).exists()]
    if missing:
        pytest.skip(f"source texts not present in this checkout: {missing}")


@pytest.mark.parametrize("slug", sorted(DOCUMENTS))
def test_prose_does_not_copy_its_document(store: ox.Store, names: list[str], slug: str) -> None:
    """No free-text literal in a document's graph shares ten consecutive words with that document."""
    if not (SEEDS / DOCUMENTS[slug]).exists():
        pytest.skip(f"source text of {slug} not present in this checkout")
    runs = document_shingles(slug)
    rows = select(
        store,
        f"""SELECT ?s ?p ?text WHERE {{ GRAPH <{source_graph(slug)}> {{ ?s ?p ?text
        FILTER(?p IN ({", ".join(PROSE)}) && isLITERAL(?text)) }} }}""",
    )
    copied = [
        f"{row['s']} {row['p'].rsplit('/', 1)[-1]}: “{run}”"
        for row in rows
        if (run := copied_run(row["text"], names, runs))
    ]
    assert copied == [], f"{len(copied)} literal(s) copy the document:\n" + "\n".join(sorted(copied))


# ---------------------------------------------------------------- shared clauses


def clause_words(text: str) -> list[str]:
    """:func:`words`, with numbers as one word and footnote marks glued to words dropped ("ohio6")."""
    return ["0" if w.isdigit() else re.sub(r"(?<=[^\W\d_])\d+$", "", w) for w in words(text)]


def named(tokens: list[str], names: list[str]) -> list[str]:
    """The tokens with each name (longest first) replaced by :data:`NAME`."""
    text = f" {' '.join(tokens)} "
    for name in names:
        text = text.replace(f" {name} ", f" {NAME} ")
    return text.split()


class Document:
    """A source text prepared for alignment: its tokens, and where each three-token run occurs."""

    def __init__(self, text: str, names: list[str]) -> None:
        tokens = clause_words(text)
        joined = f" {' '.join(tokens)} "
        self.names = [n for n in names if f" {n} " in joined]
        self.tokens = named(tokens, self.names)
        self.where: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(self.tokens) - 2):
            self.where[tuple(self.tokens[i : i + 3])].append(i)

    def passage(self, tokens: list[str]) -> list[str]:
        """The stretch of the document (three times the literal's length) holding most of its 3-token runs."""
        hits = sorted(p for i in range(len(tokens) - 2) for p in self.where.get(tuple(tokens[i : i + 3]), ()))
        if not hits:
            return []
        span = 2 * len(tokens)
        best = max(range(len(hits)), key=lambda k: bisect.bisect_right(hits, hits[k] + span) - k)
        return self.tokens[max(0, hits[best] - len(tokens)) : hits[best] + span]


def copied_words(text: str, document: Document) -> tuple[int, int]:
    """(words in shared clauses, words) of a literal, names not counted as words."""
    tokens = named(clause_words(text), document.names)
    passage = document.passage(tokens)
    runs: list[list[int]] = []  # [start, end) in the literal, end in the passage
    blocks = difflib.SequenceMatcher(None, tokens, passage, autojunk=False).get_matching_blocks()
    for block in (b for b in blocks if b.size):
        if runs and block.a - runs[-1][1] <= 1 and 0 <= block.b - runs[-1][2] <= 2:
            runs[-1][1:] = [block.a + block.size, block.b + block.size]
        else:
            runs.append([block.a, block.a + block.size, block.b + block.size])
    real = [sum(t != NAME for t in tokens[start:end]) for start, end, _ in runs]
    return sum(n for n in real if n >= CLAUSE), sum(t != NAME for t in tokens)


@cache
def document(slug: str, names: tuple[str, ...]) -> Document:
    return Document((SEEDS / DOCUMENTS[slug]).read_text(encoding="utf-8"), list(names))


def test_shared_clauses_are_measured_across_a_changed_word_and_a_name() -> None:
    source = (
        "The hub is also driving national, state, regional and local organization partnerships with "
        "Acme Widget Works."
    )
    doc = Document(source, ["acme widget works"])
    copy = "National, state, regional and local partnerships with Acme Widget Works the hub is driving."
    assert copied_words(copy, doc) == (7, 11)
    fresh = (
        "Acme Widget Works is one of several partners in the hub's programme across all levels of government."
    )
    assert copied_words(fresh, doc) == (0, 15)


@pytest.mark.parametrize("slug", sorted(DOCUMENTS))
def test_prose_is_not_made_of_its_documents_clauses(store: ox.Store, names: list[str], slug: str) -> None:
    """No free-text literal has twelve words or more, and 40 % of its words or more, in shared clauses."""
    if not (SEEDS / DOCUMENTS[slug]).exists():
        pytest.skip(f"source text of {slug} not present in this checkout")
    source = document(slug, tuple(names))
    rows = select(
        store,
        f"""SELECT ?s ?p ?text WHERE {{ GRAPH <{source_graph(slug)}> {{ ?s ?p ?text
        FILTER(?p IN ({", ".join(PROSE)}) && isLITERAL(?text)) }} }}""",
    )
    copied = []
    for row in rows:
        shared, total = copied_words(row["text"], source)
        if shared >= COPIED_WORDS and shared >= COPIED_SHARE * total:
            copied.append(
                f"{shared / total:4.0%} ({shared}/{total} words)  {row['s']} {row['p'].rsplit('/', 1)[-1]}"
            )
    assert copied == [], f"{len(copied)} literal(s) are mostly clauses of the document:\n" + "\n".join(
        sorted(copied, reverse=True)
    )
