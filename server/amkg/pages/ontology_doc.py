"""The ontology as a page: its header, then every class, property and individual with its definition.

Built from the cached ontology graph (no extra query), so ``/ontology`` costs nothing after the first view.
Each term gets an anchor named after its local name, which is where its hash IRI points.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from amkg.pages.vocabulary import Vocabulary, vocabulary
from amkg.rdf.names import curie
from amkg.rdf.namespaces import AMKG, ONTOLOGY, OWL, RDF_TYPE, RDFS
from amkg.store import Bound, Store
from amkg.store.memo import per_store
from amkg.web.public import to_public

CHARACTERISTICS = {
    OWL + "FunctionalProperty": "functional",
    OWL + "InverseFunctionalProperty": "inverse functional",
    OWL + "TransitiveProperty": "transitive",
    OWL + "SymmetricProperty": "symmetric",
}


@dataclass(frozen=True)
class Link:
    iri: str
    label: str
    href: str


@dataclass
class Term:
    iri: str
    anchor: str
    label: str
    definition: str
    kind: str  # class | object | datatype | individual
    parents: list[Link] = field(default_factory=list)
    children: list[Link] = field(default_factory=list)
    domain: list[Link] = field(default_factory=list)
    range: list[Link] = field(default_factory=list)
    inverse: Link | None = None
    characteristics: list[str] = field(default_factory=list)
    types: list[Link] = field(default_factory=list)
    class_page: str = ""  # CURIE of the class page listing instances


@dataclass
class OntologyDoc:
    header: dict[str, list[str]]
    classes: list[Term]
    object_properties: list[Term]
    datatype_properties: list[Term]
    individuals: list[Term]


def _link(iri: str, vocab: Vocabulary) -> Link:
    return Link(iri, vocab.label(iri), to_public(iri))


@per_store
def ontology_doc(store: Store) -> OntologyDoc:
    """Every term the ontology defines in its own namespace, sorted by label, with its axioms."""
    vocab = vocabulary(store)
    by_subject: dict[str, dict[str, list[Bound]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in vocab.triples:
        if isinstance(s, NamedNode):
            by_subject[s.value][p].append(o)

    def iris(subject: str, prop: str) -> list[Link]:
        return sorted(
            (_link(o.value, vocab) for o in by_subject[subject].get(prop, []) if isinstance(o, NamedNode)),
            key=lambda link: link.label,
        )

    header: dict[str, list[str]] = {}
    for prop, values in by_subject[ONTOLOGY].items():
        header[curie(prop) or prop] = sorted(o.value for o in values if isinstance(o, Literal | NamedNode))
    terms: dict[str, list[Term]] = defaultdict(list)
    for subject, props in by_subject.items():
        if not subject.startswith(AMKG.namespace):
            continue
        types = {o.value for o in props.get(RDF_TYPE, [])}
        if OWL + "Class" in types:
            kind = "class"
        elif OWL + "ObjectProperty" in types:
            kind = "object"
        elif OWL + "DatatypeProperty" in types:
            kind = "datatype"
        elif subject in vocab.labels:
            kind = "individual"
        else:
            continue
        inverse = vocab.inverses.get(subject)
        terms[kind].append(
            Term(
                iri=subject,
                anchor=subject[len(AMKG.namespace) :],
                label=vocab.label(subject),
                definition=vocab.definitions.get(subject, ""),
                kind=kind,
                parents=iris(subject, RDFS + "subClassOf") + iris(subject, RDFS + "subPropertyOf"),
                children=sorted(
                    (_link(c, vocab) for c in vocab.subclasses.get(subject, ())), key=lambda k: k.label
                ),
                domain=iris(subject, RDFS + "domain"),
                range=iris(subject, RDFS + "range"),
                inverse=_link(inverse, vocab) if inverse else None,
                characteristics=sorted(CHARACTERISTICS[t] for t in types if t in CHARACTERISTICS),
                types=[_link(t, vocab) for t in sorted(types) if t.startswith(AMKG.namespace)],
                class_page=(curie(subject) or "") if kind == "class" else "",
            )
        )
    for kind in terms:
        terms[kind].sort(key=lambda t: t.label.lower())
    return OntologyDoc(
        header=header,
        classes=terms["class"],
        object_properties=terms["object"],
        datatype_properties=terms["datatype"],
        individuals=terms["individual"],
    )
