"""The AMKG vocabulary as an rdflib namespace.

Generated from ``ontology/`` and checked against it by a test, so that a misspelt term raises
instead of silently minting a new IRI.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

BASE = "https://w3id.org/amkg/"
ID = Namespace(BASE + "id/")
ONTOLOGY = URIRef(BASE + "ontology")


class AMKG(DefinedNamespace):
    """Terms of the AMKG ontology (``https://w3id.org/amkg/ontology#``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/amkg/ontology#")

    # classes
    Association: URIRef  # association
    CaseStudy: URIRef  # case study
    City: URIRef  # city
    Country: URIRef  # country
    Coverage: URIRef  # coverage
    CrossHubCollaboration: URIRef  # cross-hub collaboration
    DevelopmentBank: URIRef  # development bank
    Direction: URIRef  # direction
    Event: URIRef  # event
    Facility: URIRef  # facility
    Firm: URIRef  # firm
    FirmChallenge: URIRef  # firm-level challenge
    Fund: URIRef  # fund
    GovernmentBody: URIRef  # government body
    Hub: URIRef  # hub
    HubNetwork: URIRef  # hub network
    Impact: URIRef  # impact
    ImpactDimension: URIRef  # impact dimension
    ImpactSubDimension: URIRef  # impact sub-dimension
    Indicator: URIRef  # indicator
    IndustrialStrategy: URIRef  # industrial strategy
    Initiative: URIRef  # initiative
    InternationalOrganisation: URIRef  # international organisation
    Partnership: URIRef  # partnership
    Pillar: URIRef  # pillar
    Place: URIRef  # place
    Platform: URIRef  # platform
    PolicyArea: URIRef  # policy area
    PolicyInitiative: URIRef  # policy initiative
    PolicyIssue: URIRef  # policy issue
    Priority: URIRef  # priority
    Programme: URIRef  # programme
    ProgrammeComparison: URIRef  # programme comparison
    ProgrammeStrand: URIRef  # programme strand
    Region: URIRef  # region
    ResearchOrganisation: URIRef  # research organisation
    Sector: URIRef  # sector
    SourceDocument: URIRef  # source document
    Technology: URIRef  # technology
    TechnologyDomain: URIRef  # technology domain
    Unit: URIRef  # unit
    University: URIRef  # university

    # properties
    activity: URIRef  # activity
    addressesChallenge: URIRef  # addresses challenge
    adoptedBy: URIRef  # adopted by
    adoptsTechnology: URIRef  # adopts technology
    aspect: URIRef  # aspect
    baseline: URIRef  # baseline
    comparesProgramme: URIRef  # compares programme
    convenedBy: URIRef  # convened by
    country: URIRef  # country
    coverage: URIRef  # coverage
    deliveredBy: URIRef  # delivered by
    direction: URIRef  # direction
    endYear: URIRef  # end year
    forYear: URIRef  # for year
    funding: URIRef  # funding
    hasMemberHub: URIRef  # has member hub
    hostedBy: URIRef  # hosted by
    hosts: URIRef  # hosts
    hub: URIRef  # hub
    impact: URIRef  # impact
    impactOf: URIRef  # impact of
    indicator: URIRef  # indicator
    involvesFirm: URIRef  # involves firm
    isADPTechnology: URIRef  # is ADP technology
    launchYear: URIRef  # launch year
    leads: URIRef  # leads
    ledBy: URIRef  # led by
    locatedIn: URIRef  # located in
    measure: URIRef  # measure
    memberOfNetwork: URIRef  # member of network
    note: URIRef  # note
    obsValue: URIRef  # observed value
    onSubDimension: URIRef  # on sub-dimension
    partner: URIRef  # partner
    partnerOf: URIRef  # partner of
    period: URIRef  # period
    policyArea: URIRef  # policy area
    policyIssue: URIRef  # policy issue
    priority: URIRef  # priority
    priorityOf: URIRef  # priority of
    quantity: URIRef  # quantity
    refArea: URIRef  # reference area
    referenceYear: URIRef  # reference year
    refPeriod: URIRef  # reference period
    region: URIRef  # region
    result: URIRef  # result
    sector: URIRef  # sector
    sourceSection: URIRef  # source section
    startYear: URIRef  # start year
    statisticsStructure: URIRef  # structure of AMKG statistics
    strand: URIRef  # strand
    strandOf: URIRef  # strand of
    strategicSector: URIRef  # strategic sector
    studiesFirm: URIRef  # studies firm
    studiesPolicy: URIRef  # studies policy
    target: URIRef  # target
    targetsTechnology: URIRef  # targets technology
    technology: URIRef  # technology
    theme: URIRef  # theme
    topIndustry: URIRef  # top industry
    unit: URIRef  # unit
    yearJoined: URIRef  # year joined

    # individuals
    decrease: URIRef  # decrease
    increase: URIRef  # increase
    nationalCoverage: URIRef  # national
    noChange: URIRef  # no change
    regionalCoverage: URIRef  # regional
