"""Search by label and alternative label, ignoring accents and case ("sao paulo" finds "São Paulo").

SPARQL has no accent folding, and the labels are few, so they are read once per store into an index of
folded strings; a search is then a scan in Python that ranks exact matches above prefixes above substrings
and groups the results by class.
"""

from __future__ import annotations

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


def _score(needle: str, words: list[str], haystack: str) -> int | None:
    """0 exact, 1 prefix, 2 every word starts a word, 3 every word appears; ``None`` when not all appear."""
    if haystack == needle:
        return 0
    if haystack.startswith(needle):
        return 1
    if not all(w in haystack for w in words):
        return None
    tokens = haystack.replace("-", " ").split()
    if all(any(t.startswith(w) for t in tokens) for w in words):
        return 2
    return 3


def search(store: Store, query: str) -> tuple[list[ResultGroup], int]:
    """Results grouped by class (groups ordered by their best hit) and the total number of hits."""
    needle = fold(query)
    words = needle.split()
    if not words:
        return [], 0
    vocab = vocabulary(store)
    hits: list[Hit] = []
    for entry in index(store):
        best = _score(needle, words, entry.folded)
        hit = Hit(entry, best * 2) if best is not None else None
        for alt, folded in zip(entry.alt_labels, entry.folded_alts, strict=True):
            score = _score(needle, words, folded)
            if score is not None and (hit is None or score * 2 + 1 < hit.score):
                hit = Hit(entry, score * 2 + 1, matched_alt=alt)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (h.score, fold(h.entry.label)))
    total = len(hits)
    groups: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits[:MAX_RESULTS]:
        groups[most_specific(hit.entry.types, vocab)].append(hit)
    result = [
        ResultGroup(type_iri=t, label=vocab.label(t) if t else "other", hits=h) for t, h in groups.items()
    ]
    return sorted(result, key=lambda g: (g.hits[0].score, g.label)), total
