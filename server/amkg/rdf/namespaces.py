"""AMKG's IRIs, defined once: the persistent base, the graph IRIs, the prefixes and the ontology's terms.

Everything that writes or reads an AMKG IRI (the build, the store, the endpoint, the pages, the templates by
way of the view models) takes it from here. Ontology terms are reached through :data:`AMKG`, a closed
namespace: ``AMKG.Hub`` is ``"https://w3id.org/amkg/ontology#Hub"``, and a term ``ontology/`` does not
define raises ``AttributeError`` instead of silently minting a new IRI (a test keeps :data:`TERMS` equal to
the ontology). Terms are plain ``str``, not rdflib ``URIRef`` s, because the serving code compares them with
strings read from the engine, and ``URIRef("x") == "x"`` is false.

Instance IRIs (``https://w3id.org/amkg/id/…``) are deliberately left whole in the build's outputs: that is
how the data files write them, so a curator can search the files for exactly what a report or a dump shows;
``id:`` is only for compact names on pages (:data:`CURIE_PREFIXES`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

#: The persistent base of every AMKG IRI; the server maps it to wherever it runs (``web.public``).
BASE = "https://w3id.org/amkg/"
#: Instances, by kind and slug: ``{ID}hub/michigan``.
ID = BASE + "id/"
#: Source documents; each one's IRI is also the named graph of its statements.
SOURCE_PREFIX = ID + "source/"
#: RDF 1.1 Skolem IRIs (§3.5), for the rare blank node of graph/ that has no owner to be named after.
GENID = BASE + ".well-known/genid/"
#: The ontology (its namespace is this IRI and ``#``).
ONTOLOGY = BASE + "ontology"
#: Named graphs that are no source document's: the ontology, and what the reasoner concluded.
ONTOLOGY_GRAPH = BASE + "graph/ontology"
INFERRED_GRAPH = BASE + "graph/inferred"
#: The few terms of our own that the service description uses (``/service``).
SERVICE = BASE + "service#"
#: Linksets to other datasets, one named graph each (``{LINKSET_PREFIX}geonames-cities``), computed by the
#: build from maintained packages (``build/linksets.py``), never typed.
LINKSET_PREFIX = BASE + "graph/linkset-"
#: The competency questions as SPARQL examples (SIB's sparql-examples convention), in a graph of their own.
EXAMPLES_GRAPH = BASE + "graph/examples"
#: Where each question's example resource lives (``{EXAMPLE_PREFIX}01-hubs-and-hosts-by-year``).
EXAMPLE_PREFIX = BASE + "query/"
#: The other datasets AMKG links to: GeoNames features and the EU Publications Office's country authority.
GEONAMES = "https://sws.geonames.org/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country"

PREFIXES: dict[str, str] = {
    "amkg": "https://w3id.org/amkg/ontology#",
    "shape": "https://w3id.org/amkg/shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "vann": "http://purl.org/vocab/vann/",
}

#: Prefixes for compact names (CURIEs) on pages and in class URLs: the vocabularies', plus ``id:``.
CURIE_PREFIXES: dict[str, str] = {**PREFIXES, "id": ID}

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]
XSD = PREFIXES["xsd"]
DCT = PREFIXES["dct"]
SKOS = PREFIXES["skos"]
ORG = PREFIXES["org"]
QB = PREFIXES["qb"]
SCHEMA = PREFIXES["schema"]
FOAF = PREFIXES["foaf"]
PROV = PREFIXES["prov"]
VOID = "http://rdfs.org/ns/void#"
SH = "http://www.w3.org/ns/shacl#"
DCAT = "http://www.w3.org/ns/dcat#"
SD = "http://www.w3.org/ns/sparql-service-description#"

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
SKOS_ALT = SKOS + "altLabel"
SKOS_DEFINITION = SKOS + "definition"
DCT_SOURCE = DCT + "source"
DCT_DESCRIPTION = DCT + "description"

#: XSD datatypes whose values are numbers (for sorting, formatting and comparing answers).
NUMERIC = frozenset(
    XSD + name
    for name in (
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


class Terms:
    """A closed namespace: ``terms.Name`` is the IRI of a defined term, anything else raises."""

    def __init__(self, namespace: str, names: Iterable[str]) -> None:
        self.namespace = namespace
        self.names = frozenset(names)

    def __getattr__(self, name: str) -> str:
        if name in self.names:
            return self.namespace + name
        raise AttributeError(f"amkg:{name} is not defined in ontology/")

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def __contains__(self, iri: object) -> bool:
        local = iri[len(self.namespace) :] if isinstance(iri, str) and iri.startswith(self.namespace) else ""
        return local in self.names


#: Every term ``ontology/`` defines in the ``amkg:`` namespace: classes, properties, individuals.
TERMS = (
    # classes
    "Association",
    "Bound",
    "CaseStudy",
    "City",
    "Country",
    "Coverage",
    "CrossHubCollaboration",
    "DevelopmentBank",
    "Direction",
    "Event",
    "Facility",
    "FigureStatus",
    "Firm",
    "FirmChallenge",
    "Fund",
    "GovernmentBody",
    "Hub",
    "HubNetwork",
    "Impact",
    "ImpactDimension",
    "ImpactSubDimension",
    "Indicator",
    "IndustrialStrategy",
    "Initiative",
    "InternationalOrganisation",
    "Partnership",
    "Pillar",
    "Place",
    "Platform",
    "PolicyArea",
    "PolicyInitiative",
    "PolicyIssue",
    "Priority",
    "Programme",
    "ProgrammeComparison",
    "ProgrammeStrand",
    "RankedIndustry",
    "Region",
    "ResearchOrganisation",
    "Sector",
    "SourceDocument",
    "Technology",
    "TechnologyDomain",
    "TechnologyListing",
    "Unit",
    "University",
    # properties
    "activity",
    "addressesChallenge",
    "adoptedBy",
    "adoptsTechnology",
    "approvedBy",
    "aspect",
    "baseline",
    "boughtBy",
    "bound",
    "budget",
    "cites",
    "comparedIn",
    "comparesProgramme",
    "conflictsWith",
    "convenedBy",
    "convenes",
    "country",
    "coverage",
    "deliveredBy",
    "develops",
    "direction",
    "endYear",
    "figureStatus",
    "forYear",
    "funding",
    "hasMemberHub",
    "hostedBy",
    "hosts",
    "hub",
    "hubOf",
    "impact",
    "impactOf",
    "implementsStrategy",
    "indicator",
    "involvedIn",
    "involvesFirm",
    "isADPTechnology",
    "launchYear",
    "leads",
    "ledBy",
    "listedAs",
    "listedTechnology",
    "listedUnder",
    "listing",
    "locatedIn",
    "mainlyDeployedIn",
    "measure",
    "memberOfNetwork",
    "monitoredParameter",
    "note",
    "obsValue",
    "onSubDimension",
    "partner",
    "partnerIn",
    "partnerOf",
    "period",
    "periodAssumed",
    "policyArea",
    "policyIssue",
    "priority",
    "priorityOf",
    "quantity",
    "rank",
    "rankedIndustry",
    "refArea",
    "referenceYear",
    "refPeriod",
    "region",
    "result",
    "sector",
    "sourceSection",
    "startYear",
    "statisticsStructure",
    "strand",
    "strandOf",
    "strategicSector",
    "studiedIn",
    "studies",
    "studiesFirm",
    "studiesPolicy",
    "target",
    "targetsTechnology",
    "technology",
    "theme",
    "topIndustry",
    "unit",
    "yearJoined",
    "iso3166Alpha2",
    "iso3166Alpha3",
    "iso3166Numeric",
    # individuals
    "about",
    "atLeast",
    "decrease",
    "exactly",
    "expectedFigure",
    "increase",
    "lessThan",
    "measuredFigure",
    "moreThan",
    "nationalCoverage",
    "noChange",
    "plannedFigure",
    "regionalCoverage",
    "targetFigure",
    "upTo",
)
AMKG = Terms(PREFIXES["amkg"], TERMS)


def short(term: Node) -> str:
    """A term as a curator writes it: ``amkg:region``, ``<https://w3id.org/amkg/id/hub/x>``, ``"2021"@en``."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            local = term[len(namespace) :]
            if term.startswith(namespace) and local and "/" not in local:
                return f"{prefix}:{local}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)
