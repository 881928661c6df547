"""The shapes (shapes/*.ttl) and checks (queries/checks/*-violation.rq) catch each kind of mistake, in words.

Every kind of violation — every sh:message of the shapes and every check query — has a fixture in
tests/fixtures/violations/ that makes that mistake on top of a valid source (a ``misuse-{module}`` fixture
makes many, each on its own statement, so it is validated once); the test asserts the entity reported, the
curator-facing message word for word, the shape or query that found it, and that the report names the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from amkg.build.inputs import load
from amkg.build.literals import MESSAGE as REWRITTEN
from amkg.build.validate import (
    Report,
    check_queries,
    load_shapes,
    run_checks,
    run_literal_check,
    run_shapes,
    validate,
)
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH
from support.projects import ROOT, VIOLATIONS, make_project

ID = "https://w3id.org/amkg/id/"
AMKG = "https://w3id.org/amkg/ontology#"

LABEL = (
    'Every entity needs exactly one rdfs:label, in English ("…"@en); files that describe the same entity '
    "must use the identical label, other names go in skos:altLabel."
)
NOT_CITED = (
    "Is described in this source's folder but does not cite it: "
    "add dct:source with the folder's source document."
)

#: (fixture, entity reported, exact message, shape or query that reports it)
CASES: list[tuple[str, str, str, str]] = [
    # ---- every entity
    ("label-missing", ID + "sector/unlabelled", LABEL, "shape:EntityShape"),
    ("label-not-english", ID + "sector/automobil", LABEL, "shape:EntityShape"),
    ("alt-label-untagged", ID + "sector/textiles",
     "Other names (skos:altLabel) must be English strings (\"…\"@en).", "shape:EntityShape"),
    ("description-untagged", ID + "sector/steel",
     "A description (dct:description) must be an English text (\"…\"@en) in our own "
     "words.", "shape:EntityShape"),
    ("source-missing", ID + "sector/mining",
     "Every entity needs dct:source naming the source document(s) that state it.", "shape:EntitySourceShape"),
    ("source-not-a-document", ID + "sector/chemicals",
     "dct:source must point to a source document, i.e. an IRI https://w3id.org/amkg/id/source/… described in "
     "that source's source.ttl.", "shape:EntityShape"),
    ("scheme-not-a-scheme", ID + "sector/glass",
     "skos:inScheme must point to one of the concept schemes of ontology/schemes.ttl "
     "(https://w3id.org/amkg/id/scheme/…).", "shape:EntityShape"),
    # ---- source documents
    ("source-document-incomplete", ID + "source/bare-report",
     "A source document needs its full title (dct:title \"…\"@en), exactly "
     "one.", "shape:SourceDocumentShape"),
    ("source-document-incomplete", ID + "source/bare-report",
     "A source document needs its publisher (dct:publisher) or its authors (dct:creator).",
     "shape:SourceDocumentAttributionShape"),
    ("source-document-incomplete", ID + "source/bare-report",
     "A source document needs its publication date (dct:issued), or a note (amkg:note) saying the document "
     "gives none.", "shape:SourceDocumentDateShape"),
    ("source-document-incomplete", ID + "source/bare-report",
     "A source document needs the year it reports on (amkg:referenceYear \"2021\"^^xsd:gYear), or a note "
     "(amkg:note) saying the document does not tell.", "shape:SourceDocumentYearShape"),
    ("source-document-malformed", ID + "source/odd-report",
     "A document's publisher (dct:publisher) must be an organisation described in the data.",
     "shape:SourceDocumentShape"),
    ("source-document-malformed", ID + "source/odd-report",
     "A source document has at most one publication date (dct:issued), typed xsd:gYear, xsd:gYearMonth or "
     "xsd:date.", "shape:SourceDocumentShape"),
    # ---- hubs
    ("hub-incomplete", ID + "hub/lonely",
     "A hub needs the region or country it represents (amkg:region).", "shape:HubShape"),
    ("hub-incomplete", ID + "hub/lonely",
     "A hub needs at least one host organisation (amkg:hostedBy).", "shape:HubShape"),
    ("hub-incomplete", ID + "hub/lonely",
     "A hub must be linked to the network it belongs to (amkg:memberOfNetwork), in each report that lists "
     "it.",
     "shape:HubShape"),
    ("region-not-a-place", ID + "hub/misplaced",
     "amkg:region must point to a place (a resource typed amkg:Country, amkg:Region, amkg:City or "
     "amkg:Place).",
     "shape:regionShape"),
    ("region-on-a-firm", ID + "org/test-maker",
     "Only a hub has a region (amkg:region); use amkg:locatedIn or amkg:country for other things.",
     "shape:regionShape"),
    ("hub-with-two-regions", ID + "hub/testland",
     "A hub represents one region in each report (amkg:region takes one value per source document; a "
     "renamed hub may name another in a later report).", "region-per-report-violation.rq"),
    ("year-out-of-range", ID + "hub/ancient",
     "The year a hub joined (amkg:yearJoined) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:yearJoinedShape"),
    ("cross-hub-with-one-hub", ID + "collaboration/solo",
     "A cross-hub collaboration names at least two hubs (amkg:hub), or the hub network when all its hubs "
     "take "
     "part (amkg:ledBy or amkg:partner).", "shape:CrossHubCollaborationShape"),
    ("initiative-without-actor", ID + "initiative/nobodys",
     "An initiative must say who is behind it: a hub (amkg:hub), an organisation (amkg:ledBy, amkg:partner, "
     "amkg:deliveredBy), its country or place (amkg:country, amkg:locatedIn) or the initiative it is part of "
     "(dct:isPartOf).",
     "shape:InitiativeShape"),
    ("start-year-untyped", ID + "initiative/untyped-year",
     "The start year (amkg:startYear) is one year between 1900 and 2100, typed "
     "xsd:gYear.", "shape:startYearShape"),
    # ---- statistics
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs the indicator it gives a figure for (amkg:indicator).", "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs its value (amkg:obsValue), written out in full.", "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs the unit of its value (amkg:unit).", "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs the year its figure is for (amkg:refPeriod \"2020\"^^xsd:gYear; the report's "
     "year if it gives none, with amkg:periodAssumed true).", "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs exactly one status (amkg:figureStatus amkg:measuredFigure, amkg:targetFigure, "
     "amkg:plannedFigure or amkg:expectedFigure), as its document presents the figure.",
     "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs exactly one bound (amkg:bound amkg:exactly, amkg:moreThan, amkg:atLeast, "
     "amkg:lessThan, amkg:upTo or amkg:about), as its document words the number.", "shape:ObservationShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs exactly one amkg:periodAssumed, true or false: true when its document names no "
     "year for the figure and the report's year was taken.", "shape:ObservationShape"),
    ("period-assumed-wrong-year", ID + "observation/assumed-2019",
     "A figure whose period was assumed (amkg:periodAssumed true) is dated by its report's year "
     "(amkg:refPeriod equal to the report's amkg:referenceYear); a year the document states takes "
     "amkg:periodAssumed false.", "period-assumed-year-violation.rq"),
    ("hub-with-two-join-years", ID + "hub/testland",
     "One report gives one year (amkg:yearJoined, amkg:launchYear) for each hub or initiative; a year "
     "another report gives belongs in that report's graph.", "year-per-report-violation.rq"),
    # ---- ranked lists of a hub's leading industries
    ("misuse-ranked-industries", "the structured value of " + ID + "hub/testland amkg:rankedIndustry",
     "An entry of a hub's list of leading industries needs its position in the list (amkg:rank 1, 2, 3…).",
     "shape:RankedIndustryShape"),
    ("misuse-ranked-industries", "the structured value of " + ID + "hub/testland amkg:rankedIndustry",
     "An entry of a hub's list of leading industries needs the words the report prints for it, once, in "
     "English (amkg:listedAs \"Food & Beverage\"@en).", "shape:RankedIndustryShape"),
    ("misuse-ranked-industries", "the structured value of " + ID + "hub/testland amkg:rankedIndustry",
     "An entry of a hub's list of leading industries names at least one sector (amkg:sector).",
     "shape:RankedIndustryShape"),
    ("misuse-ranked-industries", ID + "place/test-city",
     "Only a hub has a ranked list of leading industries (amkg:rankedIndustry).",
     "shape:rankedIndustryShape"),
    ("misuse-ranked-industries", ID + "place/test-city",
     "amkg:rankedIndustry must point to an entry typed amkg:RankedIndustry.", "shape:rankedIndustryShape"),
    ("misuse-ranked-industries", ID + "place/test-province",
     "Only an entry of a ranked list has a rank (amkg:rank).", "shape:rankShape"),
    ("misuse-ranked-industries", ID + "place/test-province",
     "A rank (amkg:rank) is one whole number from 1 (xsd:integer, written 1, 2, 3).", "shape:rankShape"),
    ("misuse-ranked-industries", ID + "place/test-province",
     "Only an entry of a ranked list or a technology listing says how it is listed (amkg:listedAs).",
     "shape:listedAsShape"),
    ("misuse-approvals", ID + "place/test-city",
     "Only an initiative is approved by an authority (amkg:approvedBy).", "shape:approvedByShape"),
    ("misuse-approvals", ID + "initiative/test-lab",
     "amkg:approvedBy must point to the organisation that approved it.", "shape:approvedByShape"),
    ("misuse-approvals", ID + "place/test-city",
     "Only an initiative's product is bought (amkg:boughtBy).", "shape:boughtByShape"),
    ("misuse-approvals", ID + "initiative/test-lab",
     "amkg:boughtBy must point to the country whose government buys it (a resource typed amkg:Country).",
     "shape:boughtByShape"),
    # ---- qualifiers of figures
    ("misuse-qualifiers", ID + "status/rough",
     "A figure status is one of amkg:measuredFigure, amkg:targetFigure, amkg:plannedFigure or "
     "amkg:expectedFigure; do not create new ones.", "shape:FigureStatusShape"),
    ("misuse-qualifiers", ID + "bound/roughly",
     "A bound is one of amkg:exactly, amkg:moreThan, amkg:atLeast, amkg:lessThan, amkg:upTo or amkg:about; "
     "do not create new ones.", "shape:BoundShape"),
    ("misuse-qualifiers", ID + "place/testland",
     "Only a figure has a status (amkg:figureStatus): an observation, an impact, a quantity "
     "(schema:QuantitativeValue) or an amount of money (schema:MonetaryAmount).", "shape:figureStatusShape"),
    ("misuse-qualifiers", ID + "place/testland",
     "Only a figure has a bound (amkg:bound): an observation, an impact, a quantity "
     "(schema:QuantitativeValue) or an amount of money (schema:MonetaryAmount).", "shape:boundShape"),
    ("misuse-qualifiers", ID + "place/testland",
     "Only an observation says whether its period was assumed (amkg:periodAssumed).",
     "shape:periodAssumedShape"),
    ("misuse-qualifiers", ID + "observation/mixed-up",
     "A figure has one status (amkg:figureStatus), one of the amkg:FigureStatus values such as "
     "amkg:measuredFigure.", "shape:figureStatusShape"),
    ("misuse-qualifiers", ID + "observation/mixed-up",
     "A figure has one bound (amkg:bound), one of the amkg:Bound values such as amkg:exactly or "
     "amkg:moreThan.", "shape:boundShape"),
    ("misuse-qualifiers", ID + "observation/mixed-up",
     "Whether the period was assumed (amkg:periodAssumed) is one value, true or false (xsd:boolean).",
     "shape:periodAssumedShape"),
    ("misuse-qualifiers", ID + "observation/test-share-testland-2020",
     "A conflict (amkg:conflictsWith) links two statements that have IRIs, so that each can be looked up.",
     "shape:conflictsWithShape"),
    ("value-without-qualifiers", "the structured value of " + ID + "initiative/unqualified-lab amkg:quantity",
     "A quantity or amount of money in a WEF report needs its status (amkg:figureStatus amkg:measuredFigure, "
     "amkg:targetFigure, amkg:plannedFigure or amkg:expectedFigure).", "value-qualifier-violation.rq"),
    ("value-without-qualifiers", "the structured value of " + ID + "initiative/unqualified-lab amkg:quantity",
     "A quantity or amount of money in a WEF report needs its bound (amkg:bound amkg:exactly, amkg:moreThan, "
     "amkg:atLeast, amkg:lessThan, amkg:upTo or amkg:about).", "value-qualifier-violation.rq"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs the place its figure is about (amkg:refArea), or a note (amkg:note) saying that "
     "the source names none.", "shape:ObservationAreaShape"),
    ("observation-incomplete", ID + "observation/empty",
     "An observation needs the data set it belongs to (qb:dataSet).", "shape:ObservationShape"),
    ("percent-over-100", ID + "observation/share-over-100",
     "A value in percent (amkg:unit <https://w3id.org/amkg/id/unit/percent>) must lie between 0 and 100.",
     "shape:ObservationPercentShape"),
    ("value-as-text", ID + "observation/value-as-text",
     "The observed value (amkg:obsValue) is one number typed xsd:decimal or xsd:integer, written out in full "
     "(10500000, not 10.5 million).", "shape:obsValueShape"),
    ("period-untyped", ID + "observation/period-untyped",
     "The reference period (amkg:refPeriod) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:refPeriodShape"),
    # ---- structured values
    ("money-negative", "the structured value of " + ID + "initiative/money-negative amkg:funding",
     "An amount of money cannot be negative (schema:value, schema:minValue and schema:maxValue are 0 or "
     "more).",
     "shape:MonetaryAmountShape"),
    ("money-without-value", "the structured value of " + ID + "initiative/money-without-value amkg:funding",
     "An amount of money needs its value (schema:value), or the bounds of a range (schema:minValue, "
     "schema:maxValue), written out in full.", "shape:MonetaryAmountShape"),
    ("iso-code-typed", ID + "place/testland",
     "Do not write ISO 3166 codes in graph/: amkg build takes them from pycountry.",
     "shape:iso3166CodeShape"),
    ("currency-not-iso", "the structured value of " + ID + "initiative/currency-word amkg:funding",
     "An amount of money needs its currency as one three-letter ISO 4217 code (schema:currency \"EUR\"); "
     "amounts are never converted.", "shape:MonetaryAmountShape"),
    ("value-unqualified", "the structured value of " + ID + "initiative/value-unqualified amkg:funding",
     "A structured value needs one figure status (amkg:figureStatus amkg:measuredFigure, amkg:targetFigure, "
     "amkg:plannedFigure or amkg:expectedFigure), as its document presents the figure.",
     "shape:QualifiedValueShape"),
    ("value-unqualified", "the structured value of " + ID + "initiative/value-unqualified amkg:funding",
     "A structured value needs one bound (amkg:bound amkg:exactly, amkg:moreThan, amkg:atLeast, "
     "amkg:lessThan, amkg:upTo or amkg:about): \"more than\", \"up to\" and \"about\" are data, not notes.",
     "shape:QualifiedValueShape"),
    ("quantity-without-unit", "the structured value of " + ID + "initiative/unitless amkg:quantity",
     "A quantity needs its unit (amkg:unit, e.g. <https://w3id.org/amkg/id/unit/count>).",
     "shape:QuantitativeValueShape"),
    # ---- firms, impacts, policies, programmes
    ("firm-incomplete", ID + "firm/mystery", "A firm with a case study needs its country (amkg:country).",
     "shape:StudiedFirmShape"),
    ("firm-incomplete", ID + "firm/mystery",
     "A firm with a case study needs a few English words on what it makes or does (amkg:activity "
     "\"…\"@en).", "shape:StudiedFirmShape"),
    ("firm-with-two-countries", ID + "firm/everywhere",
     "An entity belongs to one country only (amkg:country takes a single value).", "shape:countryShape"),
    ("country-not-a-country", ID + "firm/provincial",
     "amkg:country must point to a country (a resource typed amkg:Country).", "shape:countryShape"),
    ("impact-incomplete", ID + "impact/orphan",
     "An impact needs the impact sub-dimension it falls under (amkg:onSubDimension).", "shape:ImpactShape"),
    ("impact-incomplete", ID + "impact/orphan",
     "An impact must belong to exactly one case study (listed by the case study's amkg:impact).",
     "shape:ImpactShape"),
    ("impact-direction-invalid", ID + "impact/test-maker-efficiency",
     "amkg:direction is one of amkg:increase, amkg:decrease or amkg:noChange.", "shape:directionShape"),
    ("impact-baseline-over-100", ID + "impact/test-maker-efficiency",
     "A baseline or result in percent (amkg:unit <https://w3id.org/amkg/id/unit/percent>) must lie between 0 "
     "and 100.", "shape:ImpactPercentShape"),
    ("case-study-without-subject", ID + "case/vague",
     "A case study is about exactly one firm (amkg:studiesFirm) or one policy initiative "
     "(amkg:studiesPolicy).",
     "shape:CaseStudyShape"),
    ("sub-dimension-without-dimension", ID + "dimension/stray",
     "An impact sub-dimension needs the impact dimension it belongs to (skos:broader a "
     "amkg:ImpactDimension).",
     "shape:ImpactSubDimensionShape"),
    ("policy-initiative-incomplete", ID + "policy/vague-policy",
     "A policy initiative needs the country whose policy it is "
     "(amkg:country).", "shape:PolicyInitiativeShape"),
    ("policy-initiative-incomplete", ID + "policy/vague-policy",
     "A policy initiative needs its area of policy action (amkg:policyArea).", "shape:PolicyInitiativeShape"),
    ("programme-without-country", ID + "programme/stateless",
     "A programme needs the country that runs it (amkg:country).", "shape:ProgrammeShape"),
    ("strategy-without-country", ID + "strategy/stateless",
     "An industrial strategy needs the country whose strategy it is (amkg:country).",
     "shape:IndustrialStrategyShape"),
    ("comparison-incomplete", ID + "comparison/one-sided",
     "A programme comparison names at least two programmes (amkg:comparesProgramme).",
     "shape:ProgrammeComparisonShape"),
    ("comparison-incomplete", ID + "comparison/one-sided",
     "A programme comparison needs the aspect it looks at (amkg:aspect \"funding\"@en).",
     "shape:ProgrammeComparisonShape"),
    ("comparison-incomplete", ID + "comparison/one-sided",
     "A programme comparison needs a description of the difference or likeness, in our own words "
     "(dct:description).", "shape:ProgrammeComparisonShape"),
    # ---- concepts and units
    ("technology-outside-scheme", ID + "technology/loose",
     "A technology belongs to the technology scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/technologies>).",
     "shape:TechnologyShape"),
    ("technology-domain-with-broader", ID + "technology/sub-domain",
     "A technology domain is a top concept: it has no broader technology (remove skos:broader, or type it "
     "amkg:Technology).", "shape:TechnologyDomainShape"),
    ("unit-in-data", ID + "unit/furlongs",
     "Units are defined only in ontology/schemes.ttl; use one of them (https://w3id.org/amkg/id/unit/…) "
     "or ask "
     "for a new one.", "shape:UnitShape"),
    # ---- SPARQL checks
    ("iri-pattern", ID + "Sector/heavy_industry",
     "This IRI does not follow the pattern https://w3id.org/amkg/id/{kind}/{slug}: the kind must be one "
     "listed "
     "in docs/data-model.md and the slug lowercase ASCII words joined by \"-\".", "iri-pattern-violation.rq"),
    ("domain-range", ID + "org/test-maker",
     "Uses amkg:technology but is not typed with its domain (see ontology/): state the type, or use another "
     "property.",
     "domain-range-violation.rq"),
    ("domain-range", ID + "initiative/test-lab",
     "Points with amkg:hub to a resource not typed with its range (see ontology/): state the value's type, "
     "or use another property.",
     "domain-range-violation.rq"),
    ("kind-mismatch", ID + "place/widget-works",
     "The kind in this IRI (https://w3id.org/amkg/id/{kind}/…) does not match the entity's type; see the "
     "kinds "
     "in docs/data-model.md (e.g. id/hub/… is an amkg:Hub).", "kind-mismatch-violation.rq"),
    ("undeclared-term", ID + "hub/testland",
     "Uses an amkg: term that the AMKG ontology does not define (misspelt? check the spelling and "
     "capitals in "
     "ontology/, or ask for the term to be added).", "undeclared-term-violation.rq"),
    ("undeclared-class", ID + "hub/testland",
     "Uses an amkg: term that the AMKG ontology does not define (misspelt? check the spelling and "
     "capitals in ontology/, or ask for the term to be added).", "undeclared-term-violation.rq"),
    ("unknown-property", ID + "sector/printing",
     "Uses a property that is neither an AMKG property nor in the list of reused vocabulary (misspelt? see "
     "docs/data-model.md).", "unknown-property-violation.rq"),
    ("unknown-class", ID + "org/test-guild",
     "Is typed with something that is not a class of the AMKG ontology or of the reused vocabulary "
     "(misspelt, "
     "or a property used as a class?).", "unknown-class-violation.rq"),
    ("unknown-class", ID + "org/test-corporation",
     "Is typed with something that is not a class of the AMKG ontology or of the reused vocabulary "
     "(misspelt, "
     "or a property used as a class?).", "unknown-class-violation.rq"),
    ("label-differs", ID + "place/testland",
     "Has different rdfs:label strings in different sources' files; every file must use the identical label "
     "(other names go in skos:altLabel).", "label-differs-violation.rq"),
    ("source-not-cited", ID + "sector/ceramics", NOT_CITED, "source-not-cited-violation.rq"),
    ("untyped-entity", ID + "place/atlantis",
     "Has no rdf:type in any file: say what kind of thing it is (e.g. a amkg:Firm).",
     "untyped-entity-violation.rq"),
    ("dangling-reference", ID + "initiative/test-lab",
     "Points to an IRI that no file describes (a misspelt slug, or an entity that still needs its own "
     "description with type and label).", "dangling-reference-violation.rq"),
    ("ontology-term-restated", ID + "unit/percent",
     "Restates or extends something the ontology defines (a unit, concept scheme, class or property): "
     "data files "
     "only use these; ask for a change in ontology/ instead.", "ontology-term-restated-violation.rq"),
    ("missing-source-document", ID + "source/silent-report",
     "This source's folder does not describe its own document: its source.ttl must type this IRI as "
     "amkg:SourceDocument.", "missing-source-document-violation.rq"),
    ("end-before-start", ID + "initiative/backwards",
     "Ends before it starts: amkg:endYear is earlier than amkg:startYear.", "end-before-start-violation.rq"),
    ("range-upside-down", "the structured value of " + ID + "initiative/upside-down amkg:quantity",
     "The upper bound of the range (schema:maxValue) is below its lower bound (schema:minValue).",
     "range-bounds-violation.rq"),
    # ---- many misuses per fixture, one module at a time (each fixture is validated once: a fast suite)
    # ---- misuse-core
    ("misuse-core", ID + "source/test-report",
     "A document's creator (dct:creator) must be a person (foaf:Person) or an organisation described "
     "in the data.",
     "shape:SourceDocumentShape"),
    ("misuse-core", ID + "source/test-report",
     "A document's contributor (dct:contributor) must be a person (foaf:Person) or an organisation "
     "described in the data.",
     "shape:SourceDocumentShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "The end year (amkg:endYear) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:endYearShape"),
    ("misuse-core", ID + "initiative/test-badly-measured",
     "amkg:funding must point to an amount [ a schema:MonetaryAmount ; schema:value … ; "
     "schema:currency \"EUR\" ].",
     "shape:fundingShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "dct:isPartOf must point to the bigger initiative or programme this one belongs to.",
     "shape:isPartOfShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "amkg:locatedIn must point to a place (a resource typed amkg:Country, amkg:Region, amkg:City or "
     "amkg:Place).",
     "shape:locatedInShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "What a figure measures (amkg:measure) must be English words (\"companies supported\"@en).",
     "shape:measureShape"),
    ("misuse-core", ID + "sector/test-almanacs",
     "A note (amkg:note) must be an English text (\"…\"@en).",
     "shape:noteShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "A period in words (amkg:period) must be an English text (\"within two years\"@en).",
     "shape:periodShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "amkg:quantity must point to a structured value [ a schema:QuantitativeValue ; schema:value … ; "
     "amkg:unit … ].",
     "shape:quantityShape"),
    ("misuse-core", ID + "sector/test-almanacs",
     "Only a source document has a reference year (amkg:referenceYear).",
     "shape:referenceYearShape"),
    ("misuse-core", ID + "source/test-report",
     "The reference year (amkg:referenceYear) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:referenceYearShape"),
    ("misuse-core", ID + "sector/test-almanacs",
     "Only a source document cites works (amkg:cites).",
     "shape:citesShape"),
    ("misuse-core", ID + "source/test-report",
     "amkg:cites must point to a publication: an IRI typed dct:BibliographicResource.",
     "shape:citesShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "amkg:sector must point to a sector (a resource typed amkg:Sector).",
     "shape:sectorShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "A source section (amkg:sourceSection) is a plain string naming the section, table or page, e.g. "
     "\"Table 4\".",
     "shape:sourceSectionShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "A start date (schema:startDate) is one date typed xsd:date, e.g. \"2021-03-01\"^^xsd:date, or the "
     "month where the source gives no day, typed xsd:gYearMonth (\"2020-10\"^^xsd:gYearMonth).",
     "shape:startDateShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "An end date (schema:endDate) is one day typed xsd:date (\"2021-03-01\"^^xsd:date), or one month "
     "typed xsd:gYearMonth where the document names only the month.",
     "shape:startDateShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "amkg:technology must point to a technology (a resource typed amkg:Technology).",
     "shape:technologyShape"),
    ("misuse-core", ID + "initiative/test-misfiled",
     "A theme (amkg:theme) must be a few English words (\"…\"@en).",
     "shape:themeShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "A figure has one unit only (amkg:unit takes a single value).",
     "shape:unitShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "amkg:unit must point to one of the units of ontology/schemes.ttl (https://w3id.org/amkg/id/unit/…).",
     "shape:unitShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "schema:value is one number typed xsd:decimal or xsd:integer, written out in full (10500000, not "
     "10.5 million).",
     "shape:valueShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "schema:minValue is one number typed xsd:decimal or xsd:integer, written out in full.",
     "shape:valueShape"),
    ("misuse-core", "the structured value of " + ID + "initiative/test-badly-measured amkg:quantity",
     "schema:maxValue is one number typed xsd:decimal or xsd:integer, written out in full.",
     "shape:valueShape"),
    # ---- misuse-network
    ("misuse-network", ID + "place/testland",
     "Only an organisation convenes a hub network (amkg:convenes).",
     "shape:convenesShape"),
    ("misuse-network", ID + "place/testland",
     "amkg:convenes must point to a hub network.",
     "shape:convenesShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a hub runs or reports initiatives and observations (amkg:hubOf).",
     "shape:hubOfShape"),
    ("misuse-network", ID + "org/test-maker",
     "amkg:hubOf must point to an initiative or a statistical observation.",
     "shape:hubOfShape"),
    ("misuse-network", ID + "network/test-unconvened",
     "A hub network needs the organisation that convenes it (amkg:convenedBy).",
     "shape:HubNetworkShape"),
    ("misuse-network", ID + "initiative/test-lonely-partnership",
     "A partnership names the organisations that take part in it (amkg:ledBy or amkg:partner).",
     "shape:PartnershipShape"),
    ("misuse-network", ID + "priority/test-hub-pillar",
     "A pillar belongs to the hub network as a whole, not to a single hub (amkg:priorityOf a "
     "amkg:HubNetwork).",
     "shape:PillarShape"),
    ("misuse-network", ID + "priority/test-orphan",
     "A priority needs the year it applies to (amkg:forYear \"2021\"^^xsd:gYear).",
     "shape:PriorityShape"),
    ("misuse-network", ID + "priority/test-orphan",
     "A priority must belong to a hub or to the network (amkg:priorityOf, or the hub's amkg:priority).",
     "shape:PriorityShape"),
    ("misuse-network", ID + "hub/testland",
     "Only a hub network is convened (amkg:convenedBy).",
     "shape:convenedByShape"),
    ("misuse-network", ID + "network/test-network",
     "amkg:convenedBy must point to an organisation.",
     "shape:convenedByShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a priority or pillar has a year it applies to (amkg:forYear).",
     "shape:forYearShape"),
    ("misuse-network", ID + "priority/test-hub-pillar",
     "The year of a priority (amkg:forYear) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:forYearShape"),
    ("misuse-network", ID + "network/test-network",
     "amkg:hasMemberHub must point to a hub.",
     "shape:hasMemberHubShape"),
    ("misuse-network", ID + "org/test-forum",
     "Only a hub network has member hubs (amkg:hasMemberHub).",
     "shape:hasMemberHubShape"),
    ("misuse-network", ID + "hub/testland",
     "amkg:hostedBy must point to an organisation.",
     "shape:hostedByShape"),
    ("misuse-network", ID + "initiative/test-lonely-partnership",
     "Only a hub is hosted by an organisation (amkg:hostedBy); use amkg:ledBy for initiatives.",
     "shape:hostedByShape"),
    ("misuse-network", ID + "org/test-forum",
     "amkg:hosts must point to a hub.",
     "shape:hostsShape"),
    ("misuse-network", ID + "place/test-city",
     "Only an organisation hosts a hub (amkg:hosts).",
     "shape:hostsShape"),
    ("misuse-network", ID + "initiative/test-lab",
     "amkg:hub must point to a hub (a resource typed amkg:Hub).",
     "shape:hubShape"),
    ("misuse-network", ID + "network/test-network",
     "The launch year (amkg:launchYear) is one year between 1900 and 2100, typed xsd:gYear.",
     "shape:launchYearShape"),
    ("misuse-network", ID + "hub/testland",
     "amkg:memberOfNetwork must point to a hub network (a resource typed amkg:HubNetwork).",
     "shape:memberOfNetworkShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a hub is a member of a hub network (amkg:memberOfNetwork).",
     "shape:memberOfNetworkShape"),
    ("misuse-network", ID + "priority/test-hub-pillar",
     "amkg:priorityOf must point to a hub or a hub network.",
     "shape:priorityOfShape"),
    ("misuse-network", ID + "sector/test-looms",
     "Only a priority belongs to a hub or network (amkg:priorityOf).",
     "shape:priorityOfShape"),
    ("misuse-network", ID + "hub/testland",
     "amkg:priority must point to a priority (a resource typed amkg:Priority or amkg:Pillar).",
     "shape:priorityShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a hub or a hub network has priorities (amkg:priority).",
     "shape:priorityShape"),
    ("misuse-network", ID + "hub/testland",
     "amkg:topIndustry must point to a sector (a resource typed amkg:Sector).",
     "shape:topIndustryShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a hub has top industries (amkg:topIndustry); use amkg:sector for other things.",
     "shape:topIndustryShape"),
    ("misuse-network", ID + "org/test-maker",
     "Only a hub has a year joined (amkg:yearJoined).",
     "shape:yearJoinedShape"),
    # ---- misuse-organisations
    ("misuse-organisations", ID + "place/test-province",
     "Only an organisation is a partner in something (amkg:partnerIn).",
     "shape:partnerInShape"),
    ("misuse-organisations", ID + "place/test-province",
     "amkg:partnerIn must point to an initiative or a firm.",
     "shape:partnerInShape"),
    ("misuse-organisations", ID + "place/test-city",
     "Only an organisation develops technologies (amkg:develops).",
     "shape:developsShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "amkg:develops must point to a technology (a resource typed amkg:Technology).",
     "shape:developsShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "A monitored parameter (amkg:monitoredParameter) must be English words (\"pressure\"@en).",
     "shape:monitoredParameterShape"),
    ("misuse-organisations", ID + "place/test-city",
     "Only an organisation (usually a firm) has monitored parameters (amkg:monitoredParameter).",
     "shape:monitoredParameterShape"),
    ("misuse-organisations", ID + "initiative/test-lab",
     "Only an organisation has a budget (amkg:budget); an initiative's money is its amkg:funding.",
     "shape:budgetShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "amkg:budget must point to an amount [ a schema:MonetaryAmount ; schema:value … ; schema:currency "
     "\"TWD\" ].",
     "shape:budgetShape"),
    ("misuse-organisations", ID + "place/test-enclave",
     "A country cannot lie inside a sub-national region or a city (check amkg:locatedIn).",
     "shape:CountryShape"),
    ("misuse-organisations", ID + "person/test-author",
     "A person's name as written (foaf:name) is one plain string.",
     "shape:PersonShape"),
    ("misuse-organisations", ID + "place/test-district",
     "A region cannot lie inside a city (check amkg:locatedIn).",
     "shape:RegionShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "An activity (amkg:activity) must be English words (\"makes tyres\"@en).",
     "shape:activityShape"),
    ("misuse-organisations", ID + "place/testland",
     "Only an organisation (usually a firm) has an activity (amkg:activity).",
     "shape:activityShape"),
    ("misuse-organisations", ID + "place/test-city",
     "Only an organisation leads something (amkg:leads).",
     "shape:leadsShape"),
    ("misuse-organisations", ID + "initiative/test-lab",
     "amkg:ledBy must point to an organisation.",
     "shape:ledByShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "amkg:partnerOf must point to an organisation.",
     "shape:partnerOfShape"),
    ("misuse-organisations", ID + "place/testland",
     "Only an organisation can be a partner of another (amkg:partnerOf).",
     "shape:partnerOfShape"),
    ("misuse-organisations", ID + "initiative/test-lab",
     "amkg:partner must point to an organisation.",
     "shape:partnerShape"),
    ("misuse-organisations", ID + "org/test-forum",
     "org:subOrganizationOf must point to an organisation.",
     "shape:subOrganizationOfShape"),
    ("misuse-organisations", ID + "place/test-city",
     "Only an organisation can be part of another organisation (org:subOrganizationOf).",
     "shape:subOrganizationOfShape"),
    # ---- misuse-impacts
    ("misuse-impacts", ID + "place/testland",
     "Only a case study studies a firm or a policy (amkg:studies).",
     "shape:studiesShape"),
    ("misuse-impacts", ID + "place/testland",
     "amkg:studies must point to a firm or a policy initiative.",
     "shape:studiesShape"),
    ("misuse-impacts", ID + "place/testland",
     "Only a firm or a policy initiative is studied in a case study (amkg:studiedIn).",
     "shape:studiedInShape"),
    ("misuse-impacts", ID + "place/testland",
     "amkg:studiedIn must point to a case study.",
     "shape:studiedInShape"),
    ("misuse-impacts", AMKG + "sideways",
     "A direction is one of amkg:increase, amkg:decrease or amkg:noChange; do not create new ones.",
     "shape:DirectionShape"),
    ("misuse-impacts", ID + "dimension/test-competitiveness",
     "An impact dimension belongs to the impact scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/impact-dimensions>).",
     "shape:ImpactDimensionShape"),
    ("misuse-impacts", ID + "dimension/test-productivity",
     "An impact sub-dimension belongs to the impact scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/impact-dimensions>).",
     "shape:ImpactSubDimensionShape"),
    ("misuse-impacts", ID + "place/testland",
     "Only a technology is adopted by firms (amkg:adoptedBy).",
     "shape:adoptedByShape"),
    ("misuse-impacts", ID + "technology/test-robotics",
     "amkg:adoptedBy must point to a firm.",
     "shape:adoptedByShape"),
    ("misuse-impacts", ID + "initiative/test-lab",
     "Only a firm adopts technologies (amkg:adoptsTechnology); use amkg:technology for other things.",
     "shape:adoptsTechnologyShape"),
    ("misuse-impacts", ID + "org/test-maker",
     "amkg:adoptsTechnology must point to a technology (a resource typed amkg:Technology).",
     "shape:adoptsTechnologyShape"),
    ("misuse-impacts", ID + "impact/test-maker-output",
     "The baseline (amkg:baseline) is one number typed xsd:decimal or xsd:integer.",
     "shape:baselineShape"),
    ("misuse-impacts", ID + "impact/test-maker-output",
     "The result (amkg:result) is one number typed xsd:decimal or xsd:integer.",
     "shape:baselineShape"),
    ("misuse-impacts", ID + "org/test-maker",
     "Only an impact has a baseline or result (amkg:baseline, amkg:result).",
     "shape:baselineShape"),
    ("misuse-impacts", ID + "org/test-maker",
     "Only an impact has a direction (amkg:direction).",
     "shape:directionShape"),
    ("misuse-impacts", ID + "impact/test-maker-output",
     "amkg:impactOf must point to a case study.",
     "shape:impactOfShape"),
    ("misuse-impacts", ID + "place/testland",
     "Only an impact belongs to a case study (amkg:impactOf).",
     "shape:impactOfShape"),
    ("misuse-impacts", ID + "case/test-maker",
     "amkg:impact must point to an impact (a resource typed amkg:Impact).",
     "shape:impactShape"),
    ("misuse-impacts", ID + "org/test-forum",
     "Only a case study reports impacts (amkg:impact).",
     "shape:impactShape"),
    ("misuse-impacts", ID + "impact/test-maker-output",
     "An impact falls under one sub-dimension only (amkg:onSubDimension takes a single value).",
     "shape:onSubDimensionShape"),
    ("misuse-impacts", ID + "impact/test-maker-output",
     "amkg:onSubDimension must point to an impact sub-dimension (a resource typed "
     "amkg:ImpactSubDimension).",
     "shape:onSubDimensionShape"),
    ("misuse-impacts", ID + "org/test-maker",
     "Only an impact falls under an impact sub-dimension (amkg:onSubDimension).",
     "shape:onSubDimensionShape"),
    ("misuse-impacts", ID + "case/test-maker",
     "amkg:studiesFirm must point to a firm (a resource typed amkg:Firm).",
     "shape:studiesFirmShape"),
    ("misuse-impacts", ID + "initiative/test-lab",
     "Only a case study studies a firm (amkg:studiesFirm).",
     "shape:studiesFirmShape"),
    ("misuse-impacts", ID + "case/test-policy",
     "amkg:studiesPolicy must point to a policy initiative (a resource typed amkg:PolicyInitiative).",
     "shape:studiesPolicyShape"),
    ("misuse-impacts", ID + "initiative/test-lab",
     "Only a case study studies a policy (amkg:studiesPolicy).",
     "shape:studiesPolicyShape"),
    # ---- misuse-policy
    ("misuse-policy", ID + "place/testland",
     "Only a firm is involved in initiatives (amkg:involvedIn).",
     "shape:involvedInShape"),
    ("misuse-policy", ID + "place/testland",
     "amkg:involvedIn must point to an initiative.",
     "shape:involvedInShape"),
    ("misuse-policy", ID + "challenge/test-lack-of-staff",
     "A firm-level challenge belongs to the policy scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/policy>).",
     "shape:FirmChallengeShape"),
    ("misuse-policy", ID + "policy-area/test-skills",
     "A policy area belongs to the policy scheme (skos:inScheme <https://w3id.org/amkg/id/scheme/policy>).",
     "shape:PolicyAreaShape"),
    ("misuse-policy", ID + "policy-issue/test-training",
     "A policy issue belongs to the policy scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/policy>).",
     "shape:PolicyIssueShape"),
    ("misuse-policy", ID + "policy-issue/test-training",
     "A policy issue needs the policy area it belongs to (skos:broader a amkg:PolicyArea).",
     "shape:PolicyIssueShape"),
    ("misuse-policy", ID + "initiative/test-lab",
     "Only a policy area, policy issue or policy initiative addresses a firm-level challenge "
     "(amkg:addressesChallenge).",
     "shape:addressesChallengeShape"),
    ("misuse-policy", ID + "policy/test-policy",
     "amkg:addressesChallenge must point to a firm-level challenge (a resource typed amkg:FirmChallenge).",
     "shape:addressesChallengeShape"),
    ("misuse-policy", ID + "policy/test-policy",
     "amkg:involvesFirm must point to a firm (a resource typed amkg:Firm).",
     "shape:involvesFirmShape"),
    ("misuse-policy", ID + "initiative/test-lab",
     "Only a policy initiative has a policy area (amkg:policyArea).",
     "shape:policyAreaShape"),
    ("misuse-policy", ID + "policy/test-policy",
     "amkg:policyArea must point to a policy area (a resource typed amkg:PolicyArea).",
     "shape:policyAreaShape"),
    ("misuse-policy", ID + "initiative/test-lab",
     "Only a policy initiative has a policy issue (amkg:policyIssue).",
     "shape:policyIssueShape"),
    ("misuse-policy", ID + "policy/test-policy",
     "amkg:policyIssue must point to a policy issue (a resource typed amkg:PolicyIssue).",
     "shape:policyIssueShape"),
    # ---- misuse-programmes
    ("misuse-programmes", ID + "place/testland",
     "Only a programme or other initiative, or an industrial strategy, is compared in a programme comparison "
     "(amkg:comparedIn).",
     "shape:comparedInShape"),
    ("misuse-programmes", ID + "place/testland",
     "amkg:comparedIn must point to a programme comparison.",
     "shape:comparedInShape"),
    ("misuse-programmes", AMKG + "partialCoverage",
     "Coverage is amkg:nationalCoverage or amkg:regionalCoverage; do not create new values.",
     "shape:CoverageShape"),
    ("misuse-programmes", ID + "initiative/test-loose-strand",
     "A programme strand must belong to a programme (amkg:strandOf, or the programme's amkg:strand).",
     "shape:ProgrammeStrandShape"),
    ("misuse-programmes", ID + "comparison/test-comparison",
     "An aspect (amkg:aspect) must be English words (\"funding\"@en).",
     "shape:aspectShape"),
    ("misuse-programmes", ID + "initiative/test-lab",
     "Only a programme comparison has an aspect (amkg:aspect).",
     "shape:aspectShape"),
    ("misuse-programmes", ID + "comparison/test-comparison",
     "amkg:comparesProgramme must point to a programme or other initiative, or to an industrial strategy.",
     "shape:comparesProgrammeShape"),
    ("misuse-programmes", ID + "initiative/test-lab",
     "Only a programme comparison compares programmes (amkg:comparesProgramme).",
     "shape:comparesProgrammeShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "amkg:coverage is one value, amkg:nationalCoverage or amkg:regionalCoverage.",
     "shape:coverageShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "amkg:deliveredBy must point to an organisation.",
     "shape:deliveredByShape"),
    ("misuse-programmes", ID + "initiative/test-misplaced-strand",
     "amkg:strandOf points to the one programme (a resource typed amkg:Programme) the strand belongs to.",
     "shape:strandOfShape"),
    ("misuse-programmes", ID + "initiative/test-lab",
     "Only a programme has strands (amkg:strand).",
     "shape:strandShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "amkg:strand must point to a programme strand (a resource typed amkg:ProgrammeStrand).",
     "shape:strandShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "Only an industrial strategy has strategic sectors (amkg:strategicSector).",
     "shape:strategicSectorShape"),
    ("misuse-programmes", ID + "strategy/test-strategy",
     "amkg:strategicSector must point to a sector (a resource typed amkg:Sector).",
     "shape:strategicSectorShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "A target (amkg:target) must be an English text (\"…\"@en).",
     "shape:targetShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "Only an industrial strategy has technology listings (amkg:listing).",
     "shape:listingShape"),
    ("misuse-programmes", ID + "strategy/test-strategy",
     "amkg:listing must point to [ a amkg:TechnologyListing ; amkg:listedTechnology … ; amkg:listedUnder … ; "
     "amkg:listedAs \"…\"@en ].",
     "shape:listingShape"),
    ("misuse-programmes", "the structured value of " + ID + "strategy/test-strategy amkg:listing",
     "A technology listing names one technology (amkg:listedTechnology), a resource typed amkg:Technology.",
     "shape:TechnologyListingShape"),
    ("misuse-programmes", "the structured value of " + ID + "strategy/test-strategy amkg:listing",
     "A technology listing stands under one column heading (amkg:listedUnder), a resource typed "
     "amkg:TechnologyDomain.",
     "shape:TechnologyListingShape"),
    ("misuse-programmes", "the structured value of " + ID + "strategy/test-strategy amkg:listing",
     "A technology listing keeps the table's own words for it (amkg:listedAs \"Sensors\"@en).",
     "shape:TechnologyListingShape"),
    ("misuse-programmes", ID + "strategy/test-strategy",
     "Only a technology listing has a listed technology or heading (amkg:listedTechnology, "
     "amkg:listedUnder); a strategy points to its listings with amkg:listing.",
     "shape:listedTechnologyShape"),
    ("misuse-programmes", ID + "strategy/test-strategy",
     "Only an initiative or programme implements a strategy (amkg:implementsStrategy).",
     "shape:implementsStrategyShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "amkg:implementsStrategy must point to an industrial strategy (a resource typed "
     "amkg:IndustrialStrategy).",
     "shape:implementsStrategyShape"),
    ("misuse-programmes", ID + "programme/test-programme",
     "Only an industrial strategy targets technologies (amkg:targetsTechnology); use amkg:technology "
     "for other things.",
     "shape:targetsTechnologyShape"),
    ("misuse-programmes", ID + "strategy/test-strategy",
     "amkg:targetsTechnology must point to a technology (a resource typed amkg:Technology).",
     "shape:targetsTechnologyShape"),
    # ---- misuse-statistics
    ("misuse-statistics", ID + "dataset/test-unstructured",
     "A data set must use the AMKG statistics structure (qb:structure amkg:statisticsStructure).",
     "shape:DataSetShape"),
    ("misuse-statistics", ID + "indicator/test-exports",
     "An indicator belongs to the indicator scheme (skos:inScheme "
     "<https://w3id.org/amkg/id/scheme/indicators>).",
     "shape:IndicatorShape"),
    ("misuse-statistics", "the structured value of " + ID + "initiative/test-overcounted amkg:quantity",
     "A quantity in percent (amkg:unit <https://w3id.org/amkg/id/unit/percent>) must lie between 0 and"
     " 100.",
     "shape:QuantitativeValuePercentShape"),
    ("misuse-statistics", "the structured value of " + ID + "initiative/test-uncounted amkg:quantity",
     "A quantity needs its value (schema:value), or the bounds of a range (schema:minValue, "
     "schema:maxValue), written out in full.",
     "shape:QuantitativeValueShape"),
    ("misuse-statistics", ID + "initiative/test-lab",
     "Only an observation belongs to a data set (qb:dataSet).",
     "shape:dataSetShape"),
    ("misuse-statistics", ID + "observation/test-share-testland-2020",
     "An observation belongs to one data set (qb:dataSet), a resource typed qb:DataSet.",
     "shape:dataSetShape"),
    ("misuse-statistics", ID + "initiative/test-lab",
     "Only an observation has an indicator (amkg:indicator).",
     "shape:indicatorShape"),
    ("misuse-statistics", ID + "observation/test-share-testland-2020",
     "An observation has one indicator (amkg:indicator), a resource typed amkg:Indicator.",
     "shape:indicatorShape"),
    ("misuse-statistics", ID + "initiative/test-lab",
     "Only an observation has an observed value (amkg:obsValue); use schema:value in structured values.",
     "shape:obsValueShape"),
    ("misuse-statistics", ID + "initiative/test-lab",
     "Only an observation has a reference area (amkg:refArea).",
     "shape:refAreaShape"),
    ("misuse-statistics", ID + "observation/test-share-testland-2020",
     "An observation is about one place (amkg:refArea), a resource typed amkg:Country, amkg:Region, "
     "amkg:City or amkg:Place.",
     "shape:refAreaShape"),
    ("misuse-statistics", ID + "initiative/test-lab",
     "Only an observation has a reference period (amkg:refPeriod).",
     "shape:refPeriodShape"),
    # ---- literals as the store keeps them
    ("literal-not-canonical", ID + "initiative/literal-not-canonical", REWRITTEN, "canonical-literals"),
    # ---- misuse-concepts
    ("misuse-concepts", ID + "scheme/test-scheme",
     "Concept schemes are defined only in ontology/schemes.ttl; put a concept in one with "
     "skos:inScheme, or ask for a new scheme.",
     "shape:ConceptSchemeShape"),
    ("misuse-concepts", ID + "sector/test-robot-making",
     "A sector's broader concept (skos:broader) must itself be a sector.",
     "shape:SectorShape"),
    ("misuse-concepts", ID + "sector/test-unfiled",
     "A sector belongs to the sector scheme (skos:inScheme <https://w3id.org/amkg/id/scheme/sectors>).",
     "shape:SectorShape"),
    ("misuse-concepts", ID + "technology/test-cobots",
     "A technology's broader concept (skos:broader) must itself be a technology or technology domain.",
     "shape:TechnologyShape"),
    ("misuse-concepts", ID + "unit/test-bushels",
     "A unit belongs to the unit scheme (skos:inScheme <https://w3id.org/amkg/id/scheme/units>).",
     "shape:UnitShape"),
    ("misuse-concepts", ID + "sector/test-unfiled",
     "Only a technology can be marked as an ADP technology (amkg:isADPTechnology).",
     "shape:isADPTechnologyShape"),
    ("misuse-concepts", ID + "technology/test-cobots",
     "amkg:isADPTechnology is one value, true or false (xsd:boolean).",
     "shape:isADPTechnologyShape"),
    ("misuse-concepts", ID + "sector/test-unfiled",
     "Only a technology is mainly deployed in a sector (amkg:mainlyDeployedIn).",
     "shape:mainlyDeployedInShape"),
    ("misuse-concepts", ID + "technology/test-cobots",
     "amkg:mainlyDeployedIn must point to a sector (a resource typed amkg:Sector).",
     "shape:mainlyDeployedInShape"),
]  # fmt: skip


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes")


@pytest.fixture(scope="session")
def report_for(tmp_path_factory: pytest.TempPathFactory, shapes: Graph) -> Callable[[str], Report]:
    """Validate the valid source plus one violation fixture (once per fixture, however many tests ask)."""
    reports: dict[str, Report] = {}

    def report(case: str) -> Report:
        if case not in reports:
            project = make_project(tmp_path_factory.mktemp(case), VIOLATIONS / case)
            inputs = load(project)
            found = run_shapes(inputs, shapes) + run_checks(inputs, project / "queries" / "checks")
            found += run_literal_check(inputs)
            reports[case] = Report(tuple(sorted(set(found))))
        return reports[case]

    return report


@pytest.mark.parametrize(("case", "focus", "message", "check"), CASES, ids=[f"{c[0]}:{c[3]}" for c in CASES])
def test_each_kind_of_violation_is_reported_in_words(
    report_for: Callable[[str], Report], case: str, focus: str, message: str, check: str
) -> None:
    report = report_for(case)
    found = [v for v in report.violations if v.focus == focus and v.message == message]
    assert found, f"{case}: expected {message!r} on {focus}; got:\n{report.text()}"
    assert found[0].check == check
    fixture_files = {
        f"graph/{p.relative_to(VIOLATIONS / case).as_posix()}" for p in (VIOLATIONS / case).rglob("*.ttl")
    }
    assert fixture_files & set(found[0].files), f"the report should name the fixture's file: {found[0].files}"


def test_every_fixture_is_asserted_and_every_check_has_one() -> None:
    fixtures = {p.name for p in VIOLATIONS.iterdir() if p.is_dir()}
    assert fixtures == {c[0] for c in CASES}
    # The OOPS! checks read the ontology graph only; tests/build/test_oops.py has their failing ontology.
    queries = {p.name for p in check_queries(ROOT / "queries" / "checks") if not p.name.startswith("oops-")}
    assert queries <= {c[3] for c in CASES}, "every check query needs a failing fixture"


def test_every_message_of_the_shapes_is_in_english(shapes: Graph) -> None:
    untagged = {str(m) for m in shapes.objects(None, SH.message) if getattr(m, "language", None) != "en"}
    assert not untagged, "sh:message without @en:\n" + "\n".join(sorted(untagged))


def test_the_shapes_graph_has_a_header_versioned_with_the_ontology(shapes: Graph) -> None:
    header = URIRef("https://w3id.org/amkg/shapes")
    assert (header, RDF.type, OWL.Ontology) in shapes
    for prop in (DCTERMS.title, DCTERMS.description):
        assert [v.language for v in shapes.objects(header, prop) if isinstance(v, Literal)] == ["en"], prop
    assert shapes.value(header, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    version = _ontology().value(URIRef("https://w3id.org/amkg/ontology"), OWL.versionInfo)
    assert shapes.value(header, OWL.versionInfo) == version
    assert shapes.value(header, OWL.versionIRI) == URIRef(f"{header}/{version}")


def test_every_message_of_the_shapes_is_asserted_by_a_fixture(shapes: Graph) -> None:
    """Each kind of violation the shapes can report has a fixture that makes it happen: a message no fixture
    triggers is a rule nobody has seen fail, and it may never fire."""
    unasserted = {str(m) for m in shapes.objects(None, SH.message)} - {c[2] for c in CASES}
    assert not unasserted, "no fixture triggers:\n" + "\n".join(sorted(unasserted))


def test_the_valid_fixture_passes_everything(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    report = validate(load(project), project / "shapes", project / "queries" / "checks")
    assert report.conforms, report.text()


def test_the_report_groups_problems_by_entity_and_names_files(report_for: Callable[[str], Report]) -> None:
    text = report_for("hub-incomplete").text()
    assert text.startswith("Validation failed: 3 problem(s) in 1 entity(ies).")
    assert "https://w3id.org/amkg/id/hub/lonely\n  in: graph/test-report/case.ttl\n" in text
    assert "path: amkg:hostedBy  [shape:HubShape]" in text
    assert "Problems by kind:" in text


@pytest.mark.parametrize(
    ("case", "path", "value"),
    [("undeclared-term", "amkg:hostedby", "amkg:hostedby"), ("undeclared-class", "rdf:type", "amkg:Hubb")],
)
def test_a_misspelt_term_is_traced_to_the_one_file_that_holds_it(
    report_for: Callable[[str], Report], case: str, path: str, value: str
) -> None:
    """hub/testland is described in data.ttl and the fixture's case.ttl; only case.ttl holds the mistake."""
    [found] = [v for v in report_for(case).violations if v.check == "undeclared-term-violation.rq"]
    assert (found.path, found.value) == (path, value)
    assert set(found.files) == {"graph/test-report/data.ttl", "graph/test-report/case.ttl"}
    assert found.stated_in == ("graph/test-report/case.ttl",)
    assert "stated in: graph/test-report/case.ttl  [undeclared-term-violation.rq]" in report_for(case).text()


def _ontology() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path)
    return graph


def test_every_ontology_class_has_a_shape_named_after_it(shapes: Graph) -> None:
    classes = {c for c in _ontology().subjects(RDF.type, OWL.Class) if str(c).startswith(AMKG)}
    for cls in classes:
        shape = URIRef(f"https://w3id.org/amkg/shapes#{cls.removeprefix(AMKG)}Shape")
        assert (shape, SH.targetClass, cls) in shapes, f"no {shape} targeting {cls}"


def test_every_class_the_data_uses_is_a_shape_target(shapes: Graph) -> None:
    """Every AMKG class and every class the data uses (reused ones too: qb:Observation, foaf:Person,
    schema:MonetaryAmount…) is targeted by a shape, itself or through a superclass, as SHACL's sh:targetClass
    reaches subclasses: no entity escapes validation."""
    ontology = _ontology()
    used = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(AMKG)}
    for path in (ROOT / "graph").glob("*/*.ttl"):
        used |= set(Graph().parse(path).objects(None, RDF.type))
    targets = set(shapes.objects(None, SH.targetClass))
    untargeted = {c for c in used if not targets & set(ontology.transitive_objects(c, RDFS.subClassOf))}
    assert untargeted == set()


def test_the_shapes_name_only_terms_the_ontology_declares(shapes: Graph) -> None:
    """A shape that targets or requires a misspelt term (amkg:Hubb, amkg:hostedby) checks nothing and never
    fails, so every class, property and value the shapes name must be one the ontology declares."""
    named = set()
    for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH["class"], SH.path, SH.inversePath,
              SH.hasValue):  # fmt: skip
        named |= set(shapes.objects(None, p))
    for p in (SH.alternativePath, SH["in"]):
        named |= {item for items in shapes.objects(None, p) for item in shapes.items(items)}
    declared = set(_ontology().subjects()) | {RDFS.label, RDFS.isDefinedBy}
    assert {term for term in named if isinstance(term, URIRef)} - declared == set()


def test_every_ontology_property_has_a_shape_for_its_use(shapes: Graph) -> None:
    ontology = _ontology()
    properties = {
        p
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in ontology.subjects(RDF.type, kind)
        if str(p).startswith(AMKG)
    }
    targeted = set(shapes.objects(None, SH.targetSubjectsOf))
    assert properties - targeted == set()


def test_every_constraint_has_a_message_for_curators(shapes: Graph) -> None:
    """Any shape that can fail says why in words; only documentation-only property shapes have no message."""
    constraints = {
        SH["class"], SH.datatype, SH.minCount, SH.maxCount, SH.pattern, SH.node, SH["or"], SH["not"],
        SH["in"], SH.hasValue, SH.minInclusive, SH.maxInclusive, SH.languageIn, SH.nodeKind, SH["and"],
        SH.xone, SH.qualifiedValueShape, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength,
        SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals, SH.closed, SH.sparql,
    }  # fmt: skip
    for shape in set(shapes.subjects(SH.targetClass)) | set(shapes.subjects(SH.targetSubjectsOf)):
        if any(shapes.value(shape, c) is not None for c in constraints):
            assert shapes.value(shape, SH.message) is not None, f"{shape} has a node-level rule but no "
            "message"
        for prop in shapes.objects(shape, SH.property):
            if any(shapes.value(prop, c) is not None for c in constraints):
                assert shapes.value(prop, SH.message) is not None, f"a property shape of {shape} has no "
                "message"


def test_the_real_graph_passes_shapes_and_checks() -> None:
    """The data in graph/ passes, with the count of each kind of problem when it does not."""
    report = validate(load(ROOT), ROOT / "shapes", ROOT / "queries" / "checks")
    summary = "\n".join(f"{n:4d}  {m}" for m, n in report.by_message().most_common())
    assert report.conforms, f"{len(report.violations)} problems in graph/:\n{summary}"


def test_a_literal_the_store_would_rewrite_is_shown_as_written_and_as_served(
    report_for: Callable[[str], Report],
) -> None:
    found = sorted(
        (v.focus.removeprefix(ID), v.path, v.value, v.stated_in)
        for v in report_for("literal-not-canonical").violations
        if v.check == "canonical-literals"
    )
    case = ("graph/test-report/case.ttl",)
    assert found == [
        ("initiative/literal-not-canonical", "dct:description",
         '"An initiative whose figures are written in odd forms."@en-GB → '
         '"An initiative whose figures are written in odd forms."@en-gb', case),
        ("the structured value of " + ID + "initiative/literal-not-canonical amkg:funding", "schema:value",
         '"2500000.50"^^xsd:decimal → "2500000.5"^^xsd:decimal', case),
        ("the structured value of " + ID + "initiative/literal-not-canonical amkg:quantity", "schema:value",
         '"040"^^xsd:integer → "40"^^xsd:integer', case),
    ]  # fmt: skip
