"""Search by label and alternative label, ignoring accents and case ("sao paulo" finds "São Paulo").

SPARQL has no accent folding, and the labels are few, so they are read once per store into an index of
folded strings; a search is then a scan in Python. Words match on word boundaries only ("AI" finds
"AI-driven design", never "Sustainability"), ranked: the exact label, then labels starting with the query,
then labels holding every word whole, then labels with every word starting a word. Each hit carries the
label it matched, cut into marked and unmarked pieces, so the page shows why it matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from amkg.pages.vocabulary import Vocabulary, vocabulary
from amkg.rdf.namespaces import AMKG, INFERRED_GRAPH, RDF_TYPE, RDFS_LABEL, SKOS_ALT
from amkg.store import Store
from amkg.store.memo import per_store
from amkg.web.public import to_public

MAX_RESULTS = 200


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form both labels and queries are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass
class Entry:
    """One labelled resource in the index."""

    iri: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    folded: str = ""
    folded_alts: list[str] = field(default_factory=list)

    @property
    def href(self) -> str:
        return to_public(self.iri)


@dataclass
class Hit:
    entry: Entry
    score: int
    matched_alt: str = ""
    #: The label (or other name) that matched, cut into (text, matched) pieces.
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    type_iri: str = ""


@dataclass
class ResultGroup:
    type_iri: str
    label: str
    hits: list[Hit]


def most_specific(types: set[str], vocab: Vocabulary) -> str:
    """The type no other of the resource's types specialises, preferring AMKG's own classes."""
    if not types:
        return ""
    specific = [t for t in types if not any(o != t and o in vocab.descendants(t) for o in types)]
    ours = sorted(t for t in specific if t.startswith(AMKG.namespace))
    return (ours or sorted(specific) or sorted(types))[0]


@per_store
def index(store: Store) -> list[Entry]:
    """Every resource with a label or alternative label, with its asserted types."""
    rows = store.select(f"""
        SELECT ?s ?p ?l WHERE {{
          VALUES ?p {{ <{RDFS_LABEL}> <{SKOS_ALT}> }}
          GRAPH ?g {{ ?s ?p ?l }} FILTER(isIRI(?s))
        }}""")
    type_rows = store.select(f"""
        SELECT DISTINCT ?s ?t WHERE {{ GRAPH ?g {{ ?s <{RDF_TYPE}> ?t }}
          FILTER(isIRI(?s) && isIRI(?t) && ?g != <{INFERRED_GRAPH}>) }}""")
    entries: dict[str, Entry] = {}
    for row in sorted(rows, key=lambda r: (r["s"].value, r["p"].value, r["l"].value)):
        entry = entries.setdefault(row["s"].value, Entry(iri=row["s"].value, label=""))
        text = row["l"].value
        if row["p"].value == RDFS_LABEL and not entry.label:
            entry.label = text
        elif text not in entry.alt_labels and text != entry.label:
            entry.alt_labels.append(text)
    for row in type_rows:
        if row["s"].value in entries:
            entries[row["s"].value].types.add(row["t"].value)
    for entry in entries.values():
        if not entry.label:
            entry.label = entry.alt_labels.pop(0)
        entry.folded = fold(entry.label)
        entry.folded_alts = [fold(a) for a in entry.alt_labels]
    return list(entries.values())


def _starts(words: list[str], haystack: str) -> list[re.Match[str]] | None:
    """Where each query word starts a word of ``haystack``; ``None`` when one does not."""
    found = []
    for word in words:
        match = re.search(r"(?<!\w)" + re.escape(word), haystack)
        if match is None:
            return None
        found.append(match)
    return found


def _score(needle: str, words: list[str], haystack: str) -> tuple[int, list[re.Match[str]]] | None:
    """0 exact, 1 prefix, 2 every word whole, 3 every word starts a word; ``None`` when a word does not."""
    matches = _starts(words, haystack)
    if matches is None:
        return None
    if haystack == needle:
        return 0, matches
    if haystack.startswith(needle):
        return 1, matches
    if all(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", haystack) for w in words):
        return 2, matches
    return 3, matches


def _pieces(text: str, folded: str, matches: list[re.Match[str]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) pairs. Folding keeps one character per character for the labels
    we hold (accents dropped, case folded); where it does not (``ß`` → ``ss``), the label is shown whole."""
    if len(folded) != len(text):
        return [(text, False)]
    marked = [False] * len(text)
    for match in matches:
        for i in range(match.start(), match.end()):
            marked[i] = True
    pieces: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if pieces and pieces[-1][1] == flag:
            pieces[-1] = (pieces[-1][0] + char, flag)
        else:
            pieces.append((char, flag))
    return pieces


def hits(store: Store, query: str) -> list[Hit]:
    """Every resource whose label or other name holds the query's words, best first."""
    needle = fold(query)
    words = needle.split()
    if not words:
        return []
    vocab = vocabulary(store)
    found: list[Hit] = []
    for entry in index(store):
        best = _score(needle, words, entry.folded)
        hit = None
        if best is not None:
            hit = Hit(entry, best[0] * 2, snippet=_pieces(entry.label, entry.folded, best[1]))
        for alt, folded in zip(entry.alt_labels, entry.folded_alts, strict=True):
            score = _score(needle, words, folded)
            if score is not None and (hit is None or score[0] * 2 + 1 < hit.score):
                hit = Hit(entry, score[0] * 2 + 1, matched_alt=alt, snippet=_pieces(alt, folded, score[1]))
        if hit is not None:
            hit.type_iri = most_specific(entry.types, vocab)
            found.append(hit)
    found.sort(key=lambda h: (h.score, fold(h.entry.label)))
    return found


def search(
    store: Store, query: str, cls: str = ""
) -> tuple[list[ResultGroup], int, list[tuple[str, str, int]]]:
    """Results grouped by class (groups ordered by their best hit), the total number of hits, and the
    classes hits fall in (IRI, label, count) to filter by; ``cls`` keeps only the hits of that class."""
    vocab = vocabulary(store)
    found = hits(store, query)
    classes: dict[str, int] = defaultdict(int)
    for hit in found:
        classes[hit.type_iri] += 1
    facets = sorted(
        ((t, vocab.label(t) if t else "other", n) for t, n in classes.items()), key=lambda f: f[1]
    )
    if cls:
        found = [h for h in found if h.type_iri == cls]
    groups: dict[str, list[Hit]] = defaultdict(list)
    for hit in found[:MAX_RESULTS]:
        groups[hit.type_iri].append(hit)
    result = [
        ResultGroup(type_iri=t, label=vocab.label(t) if t else "other", hits=h) for t, h in groups.items()
    ]
    return sorted(result, key=lambda g: (g.hits[0].score, g.label)), len(found), facets
