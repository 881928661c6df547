"""The source documents: a statement's provenance is the named graph it sits in, whose IRI is the document.

Pages show provenance on every value, so the few documents are read once per store and each gets a short
badge ("WEF 2020") made from its publisher's short name and the year it speaks of (``amkg:referenceYear``).
"""

from __future__ import annotations

from dataclasses import dataclass

from amkg.rdf.namespaces import (
    AMKG,
    DCT,
    INFERRED_GRAPH,
    LINKSET_PREFIX,
    ONTOLOGY_GRAPH,
    PROV,
    RDFS_LABEL,
    SCHEMA,
    SKOS_ALT,
)
from amkg.store import Store
from amkg.store.memo import per_store
from amkg.web.public import to_public


@dataclass(frozen=True)
class Source:
    """A document (or the ontology, or the reasoner) that a statement comes from."""

    iri: str
    label: str
    short: str
    year: str = ""
    title: str = ""
    kind: str = "document"  # document | ontology | inferred | linkset

    @property
    def badge(self) -> str:
        return f"{self.short} {self.year}".strip()

    @property
    def href(self) -> str:
        return to_public(self.iri)

    @property
    def sort_key(self) -> tuple[int, str, str]:
        rank = {"document": 0, "ontology": 1, "inferred": 2, "linkset": 3}[self.kind]
        return (rank, self.year, self.badge)


def _short(slug: str, publisher_names: list[str]) -> str:
    """A badge-sized name: the publisher's acronym (UNIDO), else the slug's first word as the publisher
    spells it (IfM), else that word in capitals (WEF, OECD)."""
    acronyms = [
        n for n in publisher_names if " " not in n and len(n) <= 8 and sum(c.isupper() for c in n) >= 2
    ]
    if acronyms:
        return min(acronyms, key=len)
    token = slug.split("-")[0]
    for name in publisher_names:
        first = name.split()[0]
        if first.lower() == token:
            return first
    return token.upper()


@per_store
def sources(store: Store) -> dict[str, Source]:
    """All source documents by IRI, plus the ontology and inferred graphs (which are sources too)."""
    rows = store.select(f"""
        SELECT ?doc ?label ?title ?year ?issued ?pubname WHERE {{
          GRAPH ?g {{ ?doc a <{AMKG.SourceDocument}> }}
          OPTIONAL {{ GRAPH ?g1 {{ ?doc <{RDFS_LABEL}> ?label }} }}
          OPTIONAL {{ GRAPH ?g2 {{ ?doc <{DCT}title> ?title }} }}
          OPTIONAL {{ GRAPH ?g3 {{ ?doc <{AMKG.referenceYear}> ?year }} }}
          OPTIONAL {{ GRAPH ?g4 {{ ?doc <{DCT}issued> ?issued }} }}
          OPTIONAL {{ GRAPH ?g5 {{ ?doc <{DCT}publisher> ?pub .
                                   ?pub <{SKOS_ALT}>|<{RDFS_LABEL}> ?pubname }} }}
        }}""")
    found: dict[str, dict] = {}
    for row in rows:
        doc = row["doc"].value
        entry = found.setdefault(doc, {"names": set()})
        for key in ("label", "title", "year", "issued"):
            if row.get(key) is not None:
                entry.setdefault(key, row[key].value)
        if row.get("pubname") is not None:
            entry["names"].add(row["pubname"].value)
    result: dict[str, Source] = {}
    for doc, entry in found.items():
        slug = doc.rstrip("/").rsplit("/", 1)[-1]
        year = entry.get("year") or entry.get("issued", "")[:4]
        result[doc] = Source(
            iri=doc,
            label=entry.get("label") or entry.get("title") or slug,
            short=_short(slug, sorted(entry["names"])),
            year=year,
            title=entry.get("title", ""),
        )
    result[ONTOLOGY_GRAPH] = Source(
        iri=ONTOLOGY_GRAPH, label="AMKG ontology", short="ontology", kind="ontology"
    )
    result.update(_linksets(store))
    result[INFERRED_GRAPH] = Source(
        iri=INFERRED_GRAPH,
        label="Inferred by the reasoner from the ontology and the sources",
        short="inferred",
        kind="inferred",
    )
    return result


def _linksets(store: Store) -> dict[str, Source]:
    """The linkset graphs, each badged with the package it was computed from and that package's version."""
    rows = store.select(f"""
        SELECT ?g ?label ?name ?version WHERE {{
          GRAPH ?g {{ ?g <{RDFS_LABEL}> ?label ; <{PROV}wasDerivedFrom> ?package .
                      ?package <{SCHEMA}name> ?name ; <{SCHEMA}softwareVersion> ?version }}
          FILTER(STRSTARTS(STR(?g), "{LINKSET_PREFIX}"))
        }}""")
    return {
        r["g"].value: Source(
            iri=r["g"].value,
            label=f"{r['label'].value}, computed by amkg build from {r['name'].value} {r['version'].value}",
            short=r["name"].value,
            year=r["version"].value,
            kind="linkset",
        )
        for r in rows
    }


def source_for(graph: str, known: dict[str, Source]) -> Source:
    """The source of a graph, also for graphs nobody described (shown by their short name)."""
    if graph in known:
        return known[graph]
    slug = graph.rstrip("/").rsplit("/", 1)[-1]
    return Source(iri=graph, label=slug, short=slug)
