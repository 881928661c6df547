"""What pages know about terms: labels, definitions, inverses, class trees and how properties are grouped.

The ontology graph is read once per store (one query) and kept; terms AMKG reuses from other vocabularies
(SKOS, DCTERMS, ORG, Data Cube…) are not described in the store, so their labels are given here. Property
groups put a page's statements in the order a curator reads them: what it is, where, who, what, when,
figures, sources.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from amkg.rdf.names import short_name
from amkg.rdf.namespaces import (
    AMKG,
    DCT,
    DCT_DESCRIPTION,
    DCT_SOURCE,
    FOAF,
    ONTOLOGY_GRAPH,
    ORG,
    OWL,
    PROV,
    QB,
    RDF_TYPE,
    RDFS,
    RDFS_LABEL,
    SCHEMA,
    SKOS,
    SKOS_ALT,
    SKOS_DEFINITION,
)
from amkg.store import Bound, Store
from amkg.store.memo import per_store

#: Labels of reused terms the store does not describe.
BUILTIN_LABELS: dict[str, str] = {
    RDF_TYPE: "type",
    RDFS_LABEL: "label",
    RDFS + "comment": "comment",
    RDFS + "seeAlso": "see also",
    RDFS + "subClassOf": "subclass of",
    RDFS + "subPropertyOf": "subproperty of",
    RDFS + "domain": "domain",
    RDFS + "range": "range",
    RDFS + "isDefinedBy": "defined by",
    OWL + "sameAs": "same as",
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
    OWL + "NamedIndividual": "named individual",
    OWL + "Ontology": "ontology",
    SKOS_ALT: "also known as",
    SKOS + "prefLabel": "preferred label",
    SKOS_DEFINITION: "definition",
    SKOS + "scopeNote": "scope note",
    SKOS + "notation": "notation",
    SKOS + "broader": "broader",
    SKOS + "narrower": "narrower",
    SKOS + "related": "related",
    SKOS + "inScheme": "in scheme",
    SKOS + "topConceptOf": "top concept of",
    SKOS + "hasTopConcept": "top concept",
    SKOS + "exactMatch": "exact match",
    SKOS + "closeMatch": "close match",
    SKOS + "Concept": "concept",
    SKOS + "ConceptScheme": "concept scheme",
    DCT + "title": "title",
    DCT_DESCRIPTION: "description",
    DCT_SOURCE: "source",
    DCT + "publisher": "publisher",
    DCT + "creator": "creator",
    DCT + "issued": "issued",
    DCT + "license": "licence",
    DCT + "isPartOf": "part of",
    DCT + "hasPart": "has part",
    DCT + "relation": "related to",
    DCT + "BibliographicResource": "bibliographic resource",
    DCT + "Location": "location",
    ORG + "subOrganizationOf": "part of organisation",
    ORG + "hasSubOrganization": "sub-organisation",
    ORG + "memberOf": "member of",
    ORG + "Organization": "organisation",
    ORG + "FormalOrganization": "formal organisation",
    ORG + "OrganizationalCollaboration": "organisational collaboration",
    FOAF + "name": "name",
    FOAF + "homepage": "homepage",
    FOAF + "Person": "person",
    QB + "dataSet": "data set",
    QB + "structure": "structure",
    QB + "Observation": "observation",
    QB + "DataSet": "data set",
    QB + "DataStructureDefinition": "data structure definition",
    SCHEMA + "value": "value",
    SCHEMA + "currency": "currency",
    SCHEMA + "startDate": "start date",
    SCHEMA + "endDate": "end date",
    SCHEMA + "url": "web page",
    SCHEMA + "MonetaryAmount": "monetary amount",
    SCHEMA + "QuantitativeValue": "quantitative value",
    PROV + "Entity": "entity",
    PROV + "Activity": "activity",
    PROV + "wasDerivedFrom": "derived from",
    PROV + "wasAssociatedWith": "associated with",
}

#: How a statement reads from its object's side when the ontology names no inverse property.
INCOMING_LABELS: dict[str, str] = {
    RDF_TYPE: "instances",
    DCT_SOURCE: "described in this document",
    DCT + "isPartOf": "has part",
    DCT + "hasPart": "part of",
    DCT + "relation": "related to",
    DCT + "publisher": "published",
    DCT + "creator": "created",
    SKOS + "broader": "narrower",
    SKOS + "narrower": "broader",
    SKOS + "inScheme": "concepts in this scheme",
    SKOS + "topConceptOf": "top concepts",
    SKOS + "related": "related",
    ORG + "subOrganizationOf": "sub-organisations",
    ORG + "memberOf": "members",
    QB + "dataSet": "observations in this data set",
    AMKG.hub: "hub of",
    AMKG.involvesFirm: "firm involved in",
    AMKG.studiesFirm: "studied in",
    AMKG.studiesPolicy: "studied in",
    AMKG.ledBy: "leads",
    AMKG.hostedBy: "hosts",
    AMKG.memberOfNetwork: "member hubs",
    AMKG.partner: "partner in",
    AMKG.partnerOf: "partner of",
    AMKG.comparesProgramme: "compared in",
    AMKG.country: "country of",
    AMKG.region: "region of",
    AMKG.refArea: "reference area of",
    AMKG.technology: "technology of",
    AMKG.sector: "sector of",
    AMKG.topIndustry: "top industry of",
    AMKG.strategicSector: "strategic sector of",
    AMKG.targetsTechnology: "targeted by",
    AMKG.unit: "unit of",
    AMKG.indicator: "indicator of",
    AMKG.policyArea: "policy area of",
    AMKG.policyIssue: "policy issue of",
    AMKG.addressesChallenge: "addressed by",
    AMKG.onSubDimension: "impacts on this",
    AMKG.direction: "impacts in this direction",
    AMKG.coverage: "programmes with this coverage",
    AMKG.deliveredBy: "delivers",
    AMKG.convenedBy: "convenes",
    AMKG.locatedIn: "contains",
}

#: Property groups in page order; a property not listed falls under "Other statements".
GROUPS: list[tuple[str, list[str]]] = [
    (
        "Classification",
        [
            SKOS + "inScheme",
            SKOS + "topConceptOf",
            SKOS + "broader",
            SKOS + "narrower",
            SKOS + "related",
            SKOS + "exactMatch",
            SKOS + "closeMatch",
            AMKG.isADPTechnology,
            SKOS + "notation",
        ],
    ),
    ("Where", [AMKG.region, AMKG.country, AMKG.locatedIn, AMKG.refArea]),
    (
        "Who",
        [
            AMKG.hostedBy,
            AMKG.hosts,
            AMKG.ledBy,
            AMKG.leads,
            AMKG.deliveredBy,
            AMKG.partner,
            AMKG.partnerOf,
            AMKG.convenedBy,
            AMKG.memberOfNetwork,
            AMKG.hasMemberHub,
            ORG + "memberOf",
            ORG + "subOrganizationOf",
            AMKG.hub,
            AMKG.involvesFirm,
            AMKG.studiesFirm,
            AMKG.studiesPolicy,
            DCT + "publisher",
            DCT + "creator",
            FOAF + "name",
        ],
    ),
    (
        "What",
        [
            AMKG.activity,
            AMKG.theme,
            AMKG.target,
            AMKG.aspect,
            AMKG.priority,
            AMKG.priorityOf,
            AMKG.strand,
            AMKG.strandOf,
            DCT + "isPartOf",
            DCT + "hasPart",
            AMKG.comparesProgramme,
            AMKG.impact,
            AMKG.impactOf,
            AMKG.onSubDimension,
            AMKG.direction,
            AMKG.measure,
            AMKG.coverage,
        ],
    ),
    (
        "Technologies and sectors",
        [
            AMKG.technology,
            AMKG.adoptsTechnology,
            AMKG.adoptedBy,
            AMKG.targetsTechnology,
            AMKG.sector,
            AMKG.topIndustry,
            AMKG.strategicSector,
        ],
    ),
    ("Policy", [AMKG.policyArea, AMKG.policyIssue, AMKG.addressesChallenge]),
    (
        "When",
        [
            AMKG.yearJoined,
            AMKG.launchYear,
            AMKG.startYear,
            AMKG.endYear,
            AMKG.forYear,
            SCHEMA + "startDate",
            SCHEMA + "endDate",
            AMKG.period,
            DCT + "issued",
            AMKG.referenceYear,
            AMKG.refPeriod,
        ],
    ),
    (
        "Figures",
        [
            AMKG.indicator,
            AMKG.obsValue,
            SCHEMA + "value",
            AMKG.unit,
            AMKG.baseline,
            AMKG.result,
            AMKG.funding,
            AMKG.quantity,
            AMKG.note,
            QB + "dataSet",
            QB + "structure",
        ],
    ),
    (
        "Documents",
        [DCT + "title", DCT + "license", FOAF + "homepage", SCHEMA + "url", RDFS + "seeAlso", OWL + "sameAs"],
    ),
]
GROUP_OF: dict[str, tuple[int, str]] = {
    prop: (rank, title) for rank, (title, props) in enumerate(GROUPS) for prop in props
}
#: Shown in the page head or the provenance section rather than in the statement groups.
HEADER_PROPERTIES = {
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    DCT_DESCRIPTION,
    SKOS_DEFINITION,
    DCT_SOURCE,
    AMKG.sourceSection,
    SKOS + "prefLabel",
}
ORDER_IN_GROUP: dict[str, int] = {prop: i for _, props in GROUPS for i, prop in enumerate(props)}


@dataclass
class Vocabulary:
    """Everything the ontology graph says that pages need, indexed by IRI."""

    triples: list[tuple[Bound, str, Bound]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[str, str] = field(default_factory=dict)
    superclasses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    subclasses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def label(self, iri: str) -> str:
        """The term's label, or a short readable name when nobody gave it one."""
        return self.labels.get(iri) or BUILTIN_LABELS.get(iri) or short_name(iri)

    def has_label(self, iri: str) -> bool:
        return iri in self.labels or iri in BUILTIN_LABELS

    def incoming_label(self, prop: str) -> str:
        """How ``?s prop this`` reads from this side: the inverse property's label when there is one."""
        inverse = self.inverses.get(prop)
        if inverse and self.has_label(inverse):
            return self.label(inverse)
        return INCOMING_LABELS.get(prop) or f"is “{self.label(prop)}” of"

    def descendants(self, cls: str) -> set[str]:
        """``cls`` and all its subclasses, however deep."""
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen


@per_store
def vocabulary(store: Store) -> Vocabulary:
    """Read the ontology graph once and index it."""
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    vocab = Vocabulary()
    for row in rows:
        s, p, o = row["s"], row["p"].value, row["o"]
        vocab.triples.append((s, p, o))
        if not isinstance(s, NamedNode):
            continue
        subject = s.value
        if p == RDFS_LABEL:
            vocab.labels.setdefault(subject, o.value)
        elif p == SKOS_DEFINITION:
            vocab.definitions.setdefault(subject, o.value)
        elif p == RDF_TYPE:
            vocab.types[subject].add(o.value)
        elif p == OWL + "inverseOf" and isinstance(o, NamedNode):
            vocab.inverses[subject] = o.value
            vocab.inverses.setdefault(o.value, subject)
        elif p == RDFS + "subClassOf" and isinstance(o, NamedNode):
            vocab.superclasses[subject].add(o.value)
            vocab.subclasses[o.value].add(subject)
    return vocab
