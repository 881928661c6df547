"""schema.org JSON-LD for an entity page, so search engines understand what a page is about.

Only what schema.org has words for: the type, name, other names, description, the page and the IRI, and
the place or organisation it belongs to. The templates emit it with ``tojson``, which escapes ``<``, ``>``
and ``&``, so no literal can close the script element.
"""

from __future__ import annotations

from amkg.pages.model import Description
from amkg.rdf.namespaces import AMKG, FOAF, QB, SKOS
from amkg.web.public import to_public

SCHEMA_TYPES: dict[str, str] = {
    AMKG.Hub: "Organization",
    AMKG.HubNetwork: "Organization",
    AMKG.Firm: "Corporation",
    AMKG.GovernmentBody: "GovernmentOrganization",
    AMKG.Association: "NGO",
    AMKG.University: "CollegeOrUniversity",
    AMKG.ResearchOrganisation: "ResearchOrganization",
    AMKG.Fund: "Organization",
    AMKG.DevelopmentBank: "BankOrCreditUnion",
    AMKG.InternationalOrganisation: "Organization",
    AMKG.Country: "Country",
    AMKG.Region: "AdministrativeArea",
    AMKG.City: "City",
    AMKG.Place: "Place",
    AMKG.Event: "Event",
    AMKG.SourceDocument: "Report",
    AMKG.CaseStudy: "CreativeWork",
    AMKG.Initiative: "Project",
    AMKG.Programme: "GovernmentService",
    AMKG.PolicyInitiative: "Project",
    AMKG.Technology: "DefinedTerm",
    AMKG.TechnologyDomain: "DefinedTerm",
    AMKG.Sector: "DefinedTerm",
    AMKG.Indicator: "DefinedTerm",
    FOAF + "Person": "Person",
    QB + "Observation": "Observation",
    QB + "DataSet": "Dataset",
    SKOS + "ConceptScheme": "DefinedTermSet",
    SKOS + "Concept": "DefinedTerm",
}
PART_OF = {
    AMKG.country: "containedInPlace",
    AMKG.region: "areaServed",
    AMKG.locatedIn: "containedInPlace",
    AMKG.hostedBy: "parentOrganization",
}
#: schema.org keeps ``containedInPlace`` for places; anything else is somewhere by ``location``.
PLACE_TYPES = {"Country", "AdministrativeArea", "City", "Place"}


def schema_jsonld(description: Description, page_url: str) -> dict:
    """The entity as a schema.org JSON-LD object."""
    types = sorted({SCHEMA_TYPES[t] for t in description.type_iris if t in SCHEMA_TYPES}) or ["Thing"]
    data: dict = {
        "@context": "https://schema.org",
        "@type": types if len(types) > 1 else types[0],
        "@id": description.iri,
        "name": description.label,
        "url": page_url,
        "identifier": description.iri,
        "mainEntityOfPage": page_url,
    }
    if description.alt_labels:
        data["alternateName"] = [v.text for v in description.alt_labels]
    text = description.descriptions or description.definitions
    if text:
        data["description"] = text[-1].text
    for group in description.groups:
        for row in group.rows:
            key = PART_OF.get(row.iri)
            if key == "containedInPlace" and not PLACE_TYPES.intersection(types):
                key = "location"
            if key and row.values and row.values[0].kind == "iri":
                value = row.values[0]
                data[key] = {"@id": value.key, "name": value.text, "url": to_public(value.key)}
    sources = [p.source for p in description.provenance if p.source.kind == "document"]
    if sources:
        data["isBasedOn"] = [{"@id": s.iri, "name": s.label} for s in sources]
    return data
