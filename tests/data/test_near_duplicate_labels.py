"""One real thing, one IRI: no two resources of one class carry labels that say the same thing.

Two labels are near-duplicates when they are equal once case, punctuation, "&"/"and", plural/singular, word
order, articles and a generic head noun ("products", "industry", "sector", "services", "care", "goods",
"manufacturing", "activities") are set aside: "Metals" and "Metal products", "Medical" and "Medical care",
"Food & beverages" and "beverage and food". Pairs the data already relates (skos:broader either way,
skos:related or a SKOS mapping) are not flagged: the data says how they differ.

What the rule cannot see: synonyms in other words ("petroleum" and "crude oil") and closed compounds
("health" and "healthcare"), which no rule short of a thesaurus tells from true distinctions ("car" and
"cargo"); a broader label that is a different concept ("Gas" and "Oil and gas"). Those stay with curators.

Pairs reviewed and kept apart are in ``near-duplicate-labels-kept-apart.tsv``, each with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest
from support.facts import select

ID = "https://w3id.org/amkg/id/"
KEPT_APART = Path(__file__).with_name("near-duplicate-labels-kept-apart.tsv")

#: Words that name what kind of industry or activity a label is, not which one.
GENERIC = frozenset({"product", "industry", "sector", "service", "care", "good", "manufacturing", "activity"})
ARTICLES = frozenset({"the", "a", "an", "of"})


def singular(word: str) -> str:
    """English plural to singular, for the regular plurals labels use (industries, processes, metals)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(ss|x|ch|sh)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not re.search(r"(ss|us|is)$", word):
        return word[:-1]
    return word


def key(label: str) -> tuple[str, ...]:
    """What a label says, order-free: its singular words, without articles and generic head nouns."""
    text = unicodedata.normalize("NFKC", label).lower().replace("&", " and ")
    words = [singular(w) for w in re.findall(r"[^\W_]+", text) if w not in ARTICLES]
    core = [w for w in words if w not in GENERIC]
    return tuple(sorted(core or words))


Pair = tuple[str, str]


def near_duplicates(labelled: list[tuple[str, str, str]], related: set[Pair]) -> set[Pair]:
    """Pairs of IRIs (sorted) of one class whose labels share a key, from (resource, class, label) rows."""
    groups: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for resource, cls, label in labelled:
        groups[(cls, key(label))].add(resource)
    return {
        (a, b)
        for members in groups.values()
        for a, b in combinations(sorted(members), 2)
        if (a, b) not in related and (b, a) not in related
    }


def kept_apart() -> dict[tuple[str, str], str]:
    pairs = {}
    for line in KEPT_APART.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b, reason = line.split("\t")
            assert a < b and reason.strip(), f"{KEPT_APART.name}: {line!r} needs sorted IRIs and a reason"
            pairs[(a, b)] = reason
    return pairs


@pytest.fixture(scope="module")
def flagged(store: ox.Store) -> set[tuple[str, str]]:
    rows = select(
        store,
        """SELECT DISTINCT ?x ?c ?l WHERE { GRAPH ?g { ?x a ?c ; rdfs:label ?l }
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/amkg/id/source/")) }""",
    )
    related = {
        (r["a"], r["b"])
        for r in select(
            store,
            """SELECT DISTINCT ?a ?b WHERE { ?a skos:broader+|skos:related|skos:exactMatch|skos:closeMatch
            |skos:broadMatch|skos:narrowMatch|skos:relatedMatch ?b }""",
        )
    }
    found = near_duplicates([(r["x"], r["c"], r["l"]) for r in rows], related)
    return {(a.removeprefix(ID), b.removeprefix(ID)) for a, b in found}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Metals", "Metal products", True),
        ("Medical", "Medical care", True),
        ("Food & beverages", "beverage and food", True),
        ("Oil, gas", "gas and oil", False),  # "and" is a word: a list is not a pair
        ("Energy and renewables", "Renewable energy", False),
        ("Transport", "Transport equipment", False),
        ("Health", "Healthcare", False),  # a closed compound: the documented limit
    ],
)
def test_the_rule(a: str, b: str, same: bool) -> None:
    assert (key(a) == key(b)) is same


def test_related_pairs_are_not_flagged() -> None:
    rows = [("x", "C", "Metals"), ("y", "C", "Metal products"), ("z", "D", "Metals")]
    assert near_duplicates(rows, set()) == {("x", "y")}
    assert near_duplicates(rows, {("y", "x")}) == set()


def test_no_two_resources_of_a_class_have_near_duplicate_labels(flagged: set[tuple[str, str]]) -> None:
    reviewed = kept_apart()
    unreviewed = flagged - set(reviewed)
    assert not unreviewed, (
        "near-duplicate labels within a class — merge them, relate them (skos:broader, skos:closeMatch) or, "
        f"if the documents tell them apart, add them with the reason to {KEPT_APART.name}:\n"
        + "\n".join(f"  {a}  {b}" for a, b in sorted(unreviewed))
    )
    stale = set(reviewed) - flagged
    assert not stale, f"no longer flagged; remove from {KEPT_APART.name}: {sorted(stale)}"
