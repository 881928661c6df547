"""The overview pages' content: counts by class and by source, class listings, example questions, dumps.

Counts are per store (cached); a class page is one query; example questions are the competency questions
of ``queries/`` (read by ``amkg.catalogue``); downloads are whatever ``amkg build`` left in ``dist/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from amkg.catalogue import CatalogueError, Query, catalogue
from amkg.pages.search import fold
from amkg.pages.vocabulary import Vocabulary, vocabulary
from amkg.rdf.names import curie, sparql_entity
from amkg.rdf.namespaces import AMKG, QB, RDF_TYPE, RDFS_LABEL
from amkg.store import Store
from amkg.store.memo import per_store
from amkg.store.summary import summary
from amkg.web.public import to_public

CLASS_PAGE_SIZE = 50
#: The classes the home page offers as ways in, hubs first: what the sources are mostly about.
MAIN_CLASSES = (
    AMKG.Hub,
    AMKG.Firm,
    AMKG.CaseStudy,
    AMKG.Impact,
    AMKG.Initiative,
    AMKG.Programme,
    AMKG.IndustrialStrategy,
    AMKG.PolicyInitiative,
    AMKG.Indicator,
    QB + "Observation",
    AMKG.Technology,
    AMKG.SourceDocument,
)


@dataclass(frozen=True)
class ClassCount:
    iri: str
    label: str
    name: str  # CURIE used in the class page URL
    count: int
    definition: str

    @property
    def plural(self) -> str:
        """``case studies``, ``hubs``: the label for a list of them (our labels are regular nouns)."""
        label = self.label
        if label.endswith("y") and label[-2:-1] not in "aeiou":
            return label[:-1] + "ies"
        return label if label.endswith("s") else label + "s"


@per_store
def class_counts(store: Store) -> list[ClassCount]:
    """Resources per class as the sources state them (not counting what the reasoner added)."""
    vocab = vocabulary(store)
    counts = [
        ClassCount(c.iri, vocab.label(c.iri), name, c.stated, vocab.definitions.get(c.iri, ""))
        for c in summary(store).classes
        if c.stated and (name := curie(c.iri))
    ]
    return sorted(counts, key=lambda c: fold(c.label))


def main_classes(store: Store) -> list[ClassCount]:
    """The home page's entry points, in :data:`MAIN_CLASSES` order, those the graph has."""
    counts = {c.iri: c for c in class_counts(store)}
    return [counts[c] for c in MAIN_CLASSES if c in counts]


@dataclass
class Member:
    iri: str
    label: str
    type_label: str

    @property
    def href(self) -> str:
        return to_public(self.iri)


def class_members(store: Store, cls: str, vocab: Vocabulary) -> list[Member]:
    """Instances of ``cls`` and of its subclasses, sorted by label (accents and case ignored)."""
    classes = " ".join(f"<{c}>" for c in sorted(vocab.descendants(cls)))
    rows = store.select(f"""
        SELECT ?s ?t ?l WHERE {{
          VALUES ?t {{ {classes} }}
          GRAPH ?g {{ ?s <{RDF_TYPE}> ?t }} FILTER({sparql_entity("s")})
          OPTIONAL {{ GRAPH ?lg {{ ?s <{RDFS_LABEL}> ?l }} }}
        }}""")
    members: dict[str, Member] = {}
    for row in sorted(rows, key=lambda r: (r["t"].value != cls, r["t"].value)):
        iri = row["s"].value
        if iri not in members:
            label = row["l"].value if row.get("l") else iri.rsplit("/", 1)[-1]
            type_label = "" if row["t"].value == cls else vocab.label(row["t"].value)
            members[iri] = Member(iri, label, type_label)
    return sorted(members.values(), key=lambda m: (fold(m.label), m.iri))


def example_questions(folder: Path) -> list[Query]:
    """The competency questions, to offer on the home page; none if the catalogue cannot be read."""
    try:
        return catalogue(folder)
    except (CatalogueError, OSError):
        return []
