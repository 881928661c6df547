"""Concept schemes as trees: technologies under their domains, sub-dimensions under dimensions, issues under
policy areas. One query reads a scheme's concepts with their ``skos:broader`` links; the tree is built here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from amkg.rdf.names import slug, sparql_iri
from amkg.rdf.namespaces import AMKG, RDF_TYPE, RDFS_LABEL, SKOS
from amkg.store import Store
from amkg.store.memo import per_store
from amkg.web.public import to_public


def scheme_query(scheme: str) -> str:
    """Concepts in ``scheme`` (``skos:inScheme``, ``skos:topConceptOf`` or the scheme's
    ``skos:hasTopConcept``), their broader concepts and types, and ``?top`` for its stated top concepts."""
    node = sparql_iri(scheme)
    top = f"<{SKOS}topConceptOf>"
    has_top = f"GRAPH ?h {{ {node} <{SKOS}hasTopConcept> ?c }}"
    return f"""
        SELECT DISTINCT ?c ?b ?t ?top WHERE {{
          {{ GRAPH ?g {{ ?c <{SKOS}inScheme>|{top} {node} }} }} UNION {{ {has_top} }}
          OPTIONAL {{ GRAPH ?g2 {{ ?c <{SKOS}broader> ?b }} }}
          OPTIONAL {{ GRAPH ?g3 {{ ?c <{RDF_TYPE}> ?t }} }}
          OPTIONAL {{ {{ GRAPH ?g4 {{ ?c {top} {node} }} }} UNION {{ {has_top.replace("?h", "?g5")} }}
                     BIND(true AS ?top) }}
        }}"""


@dataclass
class TreeNode:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    #: Every broader concept's label, when there are two or more (the concept shows under each).
    parents: list[str] = field(default_factory=list)
    #: A top concept the scheme states (``skos:hasTopConcept``/``skos:topConceptOf``).
    top: bool = False
    #: Shown opened: on the path to a concept the filter found.
    open: bool = False
    #: Its label holds the filter's words.
    match: bool = False

    @property
    def href(self) -> str:
        return to_public(self.iri)

    @property
    def size(self) -> int:
        return 1 + sum(child.size for child in self.children)


def build_tree(rows: Iterable[dict], labels: dict[str, str]) -> list[TreeNode]:
    """Roots are concepts with no broader concept in the same scheme; children sorted by label.

    A concept with several broader concepts appears under each; cycles are cut where they close.
    """
    members: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    tops: set[str] = set()
    for row in rows:
        concept = row["c"].value
        members.setdefault(concept, set())
        if row.get("top") is not None:
            tops.add(concept)
        if row.get("t") is not None:
            members[concept].add(row["t"].value)
        if row.get("b") is not None:
            broader[concept].add(row["b"].value)
    narrower: dict[str, list[str]] = defaultdict(list)
    for concept in members:
        for parent in broader[concept] & members.keys():
            narrower[parent].append(concept)

    def label(iri: str) -> str:
        return labels.get(iri) or iri.rsplit("/", 1)[-1].replace("-", " ")

    def node(iri: str, path: frozenset[str]) -> TreeNode:
        kids = [node(k, path | {k}) for k in narrower.get(iri, []) if k not in path]
        parents = broader[iri] & members.keys()
        return TreeNode(
            iri=iri,
            label=label(iri),
            types=sorted(members[iri]),
            children=sorted(kids, key=lambda n: n.label.lower()),
            parents=sorted(label(p) for p in parents) if len(parents) > 1 else [],
            top=iri in tops,
        )

    # The top concepts as the data states them, first; then any concept without a broader one in the scheme.
    roots = sorted(tops) + [c for c in members if c not in tops and not (broader[c] & members.keys())]
    return sorted((node(r, frozenset({r})) for r in roots), key=lambda n: (not n.top, n.label.lower()))


def filtered(nodes: list[TreeNode], words: list[str], fold: Callable[[str], str]) -> list[TreeNode]:
    """The branches holding a concept whose label starts words with every one of ``words`` (folded), opened
    down to it; a matching concept keeps its whole branch below."""
    kept = []
    for n in nodes:
        label = fold(n.label).replace("-", " ").split()
        hit = all(any(t.startswith(w) for t in label) for w in words)
        below = n.children if hit else filtered(n.children, words, fold)
        if hit or below:
            kept.append(
                TreeNode(n.iri, n.label, n.types, below, n.parents, n.top, open=bool(below), match=hit)
            )
    return kept


def sections(roots: list[TreeNode], type_label: Callable[[str], str]) -> list[tuple[str, list[TreeNode]]]:
    """Roots grouped by their type when a scheme mixes kinds (policy areas next to firm challenges)."""
    groups: dict[str, list[TreeNode]] = defaultdict(list)
    for root in roots:
        kinds = [t for t in root.types if t.startswith(AMKG.namespace)] or root.types
        groups[type_label(kinds[0]) if kinds else ""].append(root)
    if len(groups) < 2:
        return [("", roots)]
    return sorted(groups.items(), key=lambda kv: (-sum(n.size for n in kv[1]), kv[0]))


@dataclass(frozen=True)
class Scheme:
    iri: str
    label: str


@per_store
def concept_schemes(store: Store) -> list[Scheme]:
    """Every concept scheme the graph holds, by label (the home page lists them; none is hard-coded)."""
    pattern = f"?s <{RDF_TYPE}> <{SKOS}ConceptScheme> OPTIONAL {{ ?s <{RDFS_LABEL}> ?l }}"
    rows = store.select(f"SELECT DISTINCT ?s ?l WHERE {{ {pattern} }}")
    schemes = {r["s"].value: r["l"].value if "l" in r else slug(r["s"].value) for r in rows}
    return sorted((Scheme(iri, label) for iri, label in schemes.items()), key=lambda s: s.label.casefold())
