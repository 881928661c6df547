"""No prose literal copies a run of ten or more consecutive words from the document it comes from.

The sources are public documents: their facts and figures belong in the graph, their sentences do not (see
``docs/data-model.md``: "own words … never copied sentences"). This check covers all five documents and every
free-text property — descriptions, definitions, notes, targets, themes, measures, activities, periods,
aspects — of every subject in the document's named graph, blank nodes (money, quantities) included.

Names are exempt because a name can only be quoted: ``rdfs:label``, ``skos:altLabel``, ``dct:title`` and
``foaf:name`` are not checked, and any such name (of three words or more) found inside a prose literal is cut
out before comparing, so a long programme title quoted in a description does not count as copying.
``amkg:sourceSection`` names a section of the document and ``schema:currency`` is an ISO code, so neither is
prose. ``tests/test_facts_wef.py`` keeps its own WEF-only check; this one is the general rule.
"""

from __future__ import annotations

import re
import unicodedata
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
