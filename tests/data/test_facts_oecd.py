"""Facts of Andreoni and Chang's slides on industrial policy in six OECD countries (source seed 004).

For Australia, France, Germany, Japan, the Netherlands and the UK the slides tabulate the emerging
technologies each strategy targets, in columns by domain (digital, biotech, nanotech, additive manufacturing),
and its strategic sectors; they also give the average robot density. A column is not a hierarchy: the slides
file graphene under biotech and electric planes under nanotech without saying either is a kind of the other.
So each table entry is a listing (``amkg:listing`` with ``amkg:listedUnder`` its column's domain), the tests
compare every column's entries exactly, and ``skos:broader`` from a technology to a domain is kept only where
the slides' text or a technology's own name states it (``STATED_BROADER``). Technology fusion is then a
technology listed under several headings (energy storage, advanced and functional materials).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import ID, ask, ask_in, cases, instance_prefixes, select_in, source_graph, values

OECD = source_graph("oecd-andreoni-chang")

#: Short prefixes for the kinds of instance the slides are about (added to factlib's standard ones).
LOCAL_PREFIXES = instance_prefixes(
    strat="strategy",
    tech="technology",
    sector="sector",
    place="place",
    unit="unit",
    ind="indicator",
)

COUNTRIES = ["australia", "france", "germany", "japan", "netherlands", "united-kingdom"]

#: The slides' table, column by column: (country, domain of the column, technologies listed in it).
COLUMNS: list[tuple[str, str, str]] = [
    (
        "australia",
        "digital",
        "big-data-analytics cloud-computing internet-of-things quantum-computing cybersecurity",
    ),
    ("australia", "biotechnology", "biotechnology"),
    ("australia", "nanotechnology", "quantum"),
    (
        "france",
        "digital",
        "big-data-analytics cloud-computing internet-of-things "
        "embedded-software-and-systems energy-storage digital-healthcare industrial-plant-of-the-future "
        "augmented-reality advanced-robotics supercomputers cybersecurity driverless-vehicles",
    ),
    (
        "france",
        "biotechnology",
        "plant-based-proteins plant-based-chemistry nanobiotechnology bioinformatics "
        "medical-biotechnology green-materials-chemicals-and-biofuels metals-recycling",
    ),
    ("france", "nanotechnology", "nanoelectronics energy-storage electric-planes"),
    ("france", "additive-manufacturing", "additive-manufacturing"),
    (
        "germany",
        "digital",
        "advanced-manufacturing-systems big-data-analytics cloud-computing "
        "internet-of-things digital-networking ict-for-electric-mobility cybersecurity",
    ),
    ("germany", "biotechnology", "bioeconomy advanced-and-functional-materials"),
    ("germany", "nanotechnology", "microelectronics energy-storage"),
    ("germany", "additive-manufacturing", "additive-manufacturing"),
    (
        "japan",
        "digital",
        "autonomics big-data-analytics cloud-computing internet-of-things "
        "sensors human-interfaces advanced-robotics ecological-it-equipment",
    ),
    ("japan", "biotechnology", "innovative-pharmaceuticals"),
    ("japan", "nanotechnology", "nanotechnology"),
    ("netherlands", "digital", "big-data-analytics cloud-computing internet-of-things smart-industry"),
    ("netherlands", "biotechnology", "advanced-and-functional-materials regenerative-medicine"),
    ("netherlands", "nanotechnology", "nanotechnology advanced-and-functional-materials quantum"),
    (
        "united-kingdom",
        "digital",
        "big-data-analytics knowledge-based-automation internet-of-things "
        "sensors energy-efficient-computing satellites-and-space-applications "
        "robotics-and-autonomous-systems energy-storage",
    ),
    (
        "united-kingdom",
        "biotechnology",
        "biotechnology advanced-and-functional-materials synthetic-biology "
        "graphene regenerative-medicine agri-science",
    ),
    (
        "united-kingdom",
        "nanotechnology",
        "nanotechnology advanced-and-functional-materials quantum energy-storage",
    ),
    ("united-kingdom", "additive-manufacturing", "additive-manufacturing"),
]

#: The slides' last column: each country's strategic sectors.
SECTORS: dict[str, str] = {
    "australia": "gas mining-services medical-devices pharmaceuticals food-processing agriculture",
    "france": "healthcare personalised-medicine medical-devices silver-economy smart-textiles smart-grids "
    "thermal-renovation-of-buildings renewable-energy environmentally-friendly-ships "
    "universal-cars heavy-lift-airships high-speed-trains",
    "germany": "mechanical-engineering energy-and-renewables bioeconomy sustainable-agriculture healthcare "
    "intelligent-mobility electric-cars buildings-and-city-of-the-future",
    "japan": "agriculture-forestry-and-fisheries healthcare robotics energy-beyond-nuclear smart-mobility "
    "creative-industries",
    "netherlands": "personalised-medicine life-sciences agro-food horticulture logistics water "
    "creative-industries smart-cities",
    "united-kingdom": "aerospace automotive life-sciences international-education business-services "
    "information-economy creative-industries construction agriculture-technology "
    "oil-and-gas nuclear offshore-wind",
}


def in_oecd(pattern: str) -> str:
    """An ASK that holds only if ``pattern`` matches inside the slides' own named graph."""
    return ask_in(OECD, pattern, LOCAL_PREFIXES)


def slugs(store: ox.Store, pattern: str, kind: str) -> set[str]:
    """Slugs (the IRI after ``id/{kind}/``) of the ``?t`` that match ``pattern`` in the slides' graph."""
    return {v.removeprefix(f"{ID}{kind}/") for v in values(store, select_in(OECD, pattern, LOCAL_PREFIXES))}


@pytest.mark.parametrize("country", COUNTRIES)
def test_strategy_belongs_to_its_country(store: ox.Store, country: str) -> None:
    assert ask(store, in_oecd(f"strat:{country} a amkg:IndustrialStrategy ; amkg:country place:{country} ."))


@pytest.mark.parametrize(
    ("country", "domain", "listed"),
    [pytest.param(c, d, t, id=f"{c}-{d}") for c, d, t in COLUMNS],
)
def test_column_lists_exactly_its_entries(store: ox.Store, country: str, domain: str, listed: str) -> None:
    """A column's entries are the country's listings under that column's domain, no more and no fewer."""
    under = slugs(
        store,
        f"strat:{country} amkg:listing ?l . ?l amkg:listedUnder tech:{domain} ; amkg:listedTechnology ?t .",
        "technology",
    )
    assert under == set(listed.split())


@pytest.mark.parametrize("country", COUNTRIES)
def test_targeted_technologies_are_exactly_the_table_row(store: ox.Store, country: str) -> None:
    """Nothing beyond the row: the union of a country's columns is all it targets."""
    row = {tech for c, _, listed in COLUMNS if c == country for tech in listed.split()}
    assert slugs(store, f"strat:{country} amkg:targetsTechnology ?t .", "technology") == row


@pytest.mark.parametrize("country", COUNTRIES)
def test_strategic_sectors_are_exactly_the_table_row(store: ox.Store, country: str) -> None:
    listed = set(SECTORS[country].split())
    assert slugs(store, f"strat:{country} amkg:strategicSector ?t .", "sector") == listed


ASKS: list[tuple[str, str]] = [
    (
        "average-robot-density-69-per-10000-in-2015",
        "?obs a qb:Observation ; amkg:indicator ind:robot-density ; amkg:obsValue ?v ; "
        'amkg:unit unit:robots-per-10000-employees ; amkg:refPeriod "2015"^^xsd:gYear . FILTER(?v = 69)',
    ),
    (
        "robot-density-in-the-slides-dataset",
        "?obs amkg:indicator ind:robot-density ; qb:dataSet ?ds . ?ds a qb:DataSet .",
    ),
    (
        "quantum-computing-fuses-digital-and-quantum",
        "tech:quantum-computing skos:broader tech:quantum . "
        "strat:australia amkg:listing [ amkg:listedTechnology tech:quantum-computing ; "
        "amkg:listedUnder tech:digital ] .",
    ),
    (
        "energy-storage-listed-under-digital-and-nano-by-france",
        "strat:france amkg:listing [ amkg:listedTechnology tech:energy-storage ; "
        "amkg:listedUnder tech:digital ] , [ amkg:listedTechnology tech:energy-storage ; "
        "amkg:listedUnder tech:nanotechnology ] .",
    ),
    (
        "domains-are-technology-domains",
        "tech:digital a amkg:TechnologyDomain . tech:biotechnology a amkg:TechnologyDomain . "
        "tech:nanotechnology a amkg:TechnologyDomain . tech:quantum a amkg:TechnologyDomain ; "
        'rdfs:label "Quantum technologies"@en . tech:additive-manufacturing a amkg:TechnologyDomain .',
    ),
    (
        "creative-industries-are-business-services",
        "sector:creative-industries skos:broader sector:business-services .",
    ),
    (
        "uk-logistics-education-as-business-services",
        "sector:logistics skos:broader sector:business-services . "
        "sector:international-education skos:broader sector:business-services .",
    ),
    (
        "robot-density-year-taken-from-the-next-chart",
        "<https://w3id.org/amkg/id/observation/oecd-andreoni-chang-average-robot-density-2015> "
        'amkg:periodAssumed true ; amkg:refPeriod "2015"^^xsd:gYear .',
    ),
    (
        "electronics-from-the-robot-slide",
        'sector:electronics amkg:sourceSection "A Production Revolution? (industrial robots)" .',
    ),
    (
        "every-strategy-targets-digital-technologies",
        "FILTER NOT EXISTS { ?s a amkg:IndustrialStrategy . "
        "FILTER NOT EXISTS { ?s amkg:listing/amkg:listedUnder tech:digital } }",
    ),
    # the quantum slide: quantum computers seed new paradigms in ML and AI; its pictures' credits
    (
        "quantum-computing-related-to-ml-and-ai",
        "tech:quantum-computing skos:related tech:machine-learning , tech:artificial-intelligence .",
    ),
    (
        "superconducting-qubits-and-ion-quantum-computing",
        "tech:superconducting-qubits skos:related tech:quantum-computing . "
        "tech:ion-quantum-computing skos:broader tech:quantum-computing .",
    ),
    (
        "dicarlo-at-qutech-in-delft",
        "<https://w3id.org/amkg/id/person/l-dicarlo> org:memberOf ?o . "
        '?o rdfs:label "QuTech"@en ; amkg:locatedIn place:delft . place:delft a amkg:City .',
    ),
    (
        "blatt-at-iqoqi-in-innsbruck",
        "<https://w3id.org/amkg/id/person/r-blatt> org:memberOf ?o . "
        '?o rdfs:label "IQOQI"@en ; amkg:locatedIn place:innsbruck . place:innsbruck a amkg:City .',
    ),
    # TRLs slowing scale-up: the EU's multi-KETs pilot lines
    (
        "multi-kets-pilot-lines-in-the-eu",
        '?i a amkg:Initiative ; rdfs:label "Multi-KETs pilot lines"@en ; '
        "amkg:locatedIn place:european-union .",
    ),
    # business services relate to the manufacturing sectors and the information economy
    (
        "business-services-related-sectors",
        "sector:business-services skos:related sector:high-value-manufacturing , "
        "sector:information-economy .",
    ),
    # "Industrial robots have been mainly deployed in automotive (and electronics..)"
    (
        "robots-mainly-deployed-in-automotive-and-electronics",
        "tech:industrial-robots amkg:mainlyDeployedIn sector:automotive , sector:electronics .",
    ),
    # "(Kodama, 1994; patents convergence analyses)" and "(Gregory Tasse, 2010, 6)"
    (
        "slides-cite-kodama-1994",
        f"<{OECD}> amkg:cites ?w . ?w a dct:BibliographicResource ; "
        'dct:issued "1994"^^xsd:gYear ; dct:creator [ rdfs:label "Kodama"@en ] .',
    ),
    (
        "slides-cite-tasse-2010",
        f"<{OECD}> amkg:cites ?w . ?w a dct:BibliographicResource ; "
        'dct:issued "2010"^^xsd:gYear ; dct:creator [ rdfs:label "Gregory Tasse"@en ] .',
    ),
    # "Low temperature dilution refrigerator (~5mK)"
    (
        "dilution-refrigerator-about-5-millikelvin",
        "tech:superconducting-qubits amkg:quantity ?q . ?q schema:value ?v ; amkg:bound amkg:about ; "
        "amkg:unit unit:millikelvin . FILTER(?v = 5)",
    ),
    # the ISO and the IFR define the industrial robot
    (
        "iso-and-ifr-named",
        '?iso a amkg:InternationalOrganisation ; skos:altLabel "ISO"@en . '
        '?ifr a amkg:Association ; skos:altLabel "IFR"@en .',
    ),
    # technology fusion is what is revolutionary; quantum technologies are its example
    (
        "technology-fusion-and-its-quantum-example",
        '?f a skos:Concept ; rdfs:label "Technology fusion"@en ; skos:related tech:quantum , ?fir . '
        '?fir skos:altLabel "Industry 4.0"@en .',
    ),
    # Industry 4.0 (or FIR) and the emerging digital technologies it refers to
    (
        "fourth-industrial-revolution-and-its-digital-technologies",
        '?fir a skos:Concept ; skos:altLabel "Industry 4.0"@en , "FIR"@en ; skos:notation "4" ; '
        "skos:related tech:internet-of-things , tech:big-data-analytics , tech:cyber-physical-systems .",
    ),
]

#: "The contrast is made with the 3 previous industrial revolutions": order, label, era.
REVOLUTIONS: list[tuple[str, str, str]] = [
    ("1", "First industrial revolution", "from the 1780s"),
    ("2", "Second industrial revolution", "from the 1870s"),
    ("3", "Third industrial revolution", "from 1960"),
]


@pytest.mark.parametrize(("order", "label", "era"), REVOLUTIONS)
def test_earlier_revolution_has_its_era(store: ox.Store, order: str, label: str, era: str) -> None:
    """Each earlier revolution is ordered, dated as the slides date it, and contrasted with Industry 4.0."""
    assert ask(
        store,
        in_oecd(
            f'?r a skos:Concept ; rdfs:label "{label}"@en ; skos:notation "{order}" ; '
            f'amkg:period "{era}"@en . '
            '?fir skos:altLabel "Industry 4.0"@en ; skos:related ?r .'
        ),
    )


@pytest.mark.parametrize("pattern", cases(ASKS))
def test_fact_holds_in_oecd_graph(store: ox.Store, pattern: str) -> None:
    assert ask(store, in_oecd(pattern)), pattern


SETS: list[tuple[str, str, str, str]] = [
    ("six-countries-compared", "?t a amkg:IndustrialStrategy .", "strategy", " ".join(COUNTRIES)),
    (
        "additive-manufacturing-in-france-germany-uk",
        "?t amkg:targetsTechnology tech:additive-manufacturing .",
        "strategy",
        "france germany united-kingdom",
    ),
    (
        "supercomputers-and-quantum-computing-in-australia-and-france",
        "{ ?t amkg:targetsTechnology tech:supercomputers } "
        "UNION { ?t amkg:targetsTechnology tech:quantum-computing }",
        "strategy",
        "australia france",
    ),
    (
        "creative-industries-in-japan-netherlands-uk",
        "?t amkg:strategicSector sector:creative-industries .",
        "strategy",
        "japan netherlands united-kingdom",
    ),
    (
        "oil-gas-and-nuclear-targets",
        "{ ?t amkg:strategicSector sector:oil-and-gas } "
        "UNION { ?t amkg:strategicSector sector:nuclear } UNION { ?t amkg:strategicSector sector:gas }",
        "strategy",
        "australia united-kingdom",
    ),
    (
        "high-value-manufacturing-sectors",
        "?t skos:broader sector:high-value-manufacturing .",
        "sector",
        "aerospace automotive mechanical-engineering robotics medical-devices personalised-medicine "
        "life-sciences pharmaceuticals",
    ),
    (
        "traditional-sectors",
        "?t skos:broader sector:traditional-sectors .",
        "sector",
        "agriculture agro-food construction",
    ),
    (
        "quantum-technology-fusion-example",
        "?t skos:broader tech:quantum .",
        "technology",
        "quantum-computing quantum-simulation quantum-sensing quantum-secure-communication",
    ),
]


@pytest.mark.parametrize(("pattern", "kind", "expected"), cases(SETS))
def test_closed_list_in_oecd_graph(store: ox.Store, pattern: str, kind: str, expected: str) -> None:
    assert slugs(store, pattern, kind) == set(expected.split())


# ---------------------------------------------------------------- issue 11: headings, one IRI per sector

#: The heading each country's table cell stands under, where it differs between countries or from the
#: technology's other placings (technology fusion): (country, technology, heading, the table's words).
LISTINGS: list[tuple[str, str, str, str]] = [
    ("france", "energy-storage", "digital", "Energy storage"),
    ("france", "energy-storage", "nanotechnology", "Energy storage"),
    ("germany", "energy-storage", "nanotechnology", "Energy storage"),
    ("united-kingdom", "energy-storage", "digital", "Energy storage"),
    ("germany", "advanced-and-functional-materials", "biotechnology", "Advanced & functional materials"),
    ("netherlands", "advanced-and-functional-materials", "nanotechnology", "Advanced & functional materials"),
    ("australia", "quantum", "nanotechnology", "Quantum tech"),
    ("united-kingdom", "sensors", "digital", "Sensors"),
    ("japan", "sensors", "digital", "Sensors and human interface"),
    ("germany", "advanced-manufacturing-systems", "digital", "Advanced manufacturing systems (Industry 4.0)"),
]


@pytest.mark.parametrize(
    ("country", "tech", "heading", "words"),
    [pytest.param(*row, id=f"{row[0]}-{row[1]}-{row[2]}") for row in LISTINGS],
)
def test_each_listing_keeps_its_column_heading(
    store: ox.Store, country: str, tech: str, heading: str, words: str
) -> None:
    assert ask(
        store,
        in_oecd(
            f"strat:{country} amkg:listing ?l . ?l a amkg:TechnologyListing ; "
            f"amkg:listedTechnology tech:{tech} ; "
            f'amkg:listedUnder tech:{heading} ; amkg:listedAs "{words}"@en .'
        ),
    )


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_targeted_technology_has_a_listing_and_no_more(store: ox.Store, country: str) -> None:
    """The listings and the flat amkg:targetsTechnology say the same row of the table."""
    listed = slugs(store, f"strat:{country} amkg:listing/amkg:listedTechnology ?t .", "technology")
    assert listed == slugs(store, f"strat:{country} amkg:targetsTechnology ?t .", "technology")


def test_the_slides_have_eighty_listings(store: ox.Store) -> None:
    rows = values(store, f"SELECT (COUNT(?l) AS ?n) WHERE {{ GRAPH <{OECD}> {{ ?s amkg:listing ?l }} }}")
    assert rows == {"80"}


#: Every skos:broader from a technology that the slides' graph states, each with the words that state it. A
#: table column alone is no such statement (graphene under biotech, electric planes under nanotech), nor is
#: "pushed the digital frontier in computing, leading to ... supercomputers and quantum computing".
INDUSTRY_4_0 = "Industry 4.0: emerging digital technologies (IoT, Big Data, cyber-physical systems)"
STATED_BROADER: dict[str, str] = {
    "big-data-analytics digital": INDUSTRY_4_0,
    "internet-of-things digital": "the same, and the heading Digital tech (ICT, IoT, M2M)",
    "cyber-physical-systems digital": INDUSTRY_4_0,
    "information-and-communication-technologies digital": "the heading Digital tech (ICT, IoT, M2M)",
    "machine-to-machine-communication digital": "the heading Digital tech (ICT, IoT, M2M)",
    "quantum-computing quantum": "quantum technologies: quantum computers",
    "quantum-simulation quantum": "quantum technologies will give rise to simulation techniques",
    "quantum-sensing quantum": "quantum technologies: clocks and sensors with unprecedented sensitivity",
    "quantum-secure-communication quantum": "quantum technologies: applications including secure networks",
    "digital-healthcare digital": "its name: Digital Healthcare",
    "digital-networking digital": "its name: Digital networking",
    "ict-for-electric-mobility digital": "its name (ICT, which the digital heading names)",
    "medical-biotechnology biotechnology": "its name: Medical biotech",
    "nanobiotechnology biotechnology": "its name: Nano-biotech",
    "nanobiotechnology nanotechnology": "its name: Nano-biotech",
    "nanoelectronics nanotechnology": "its name: Nano-electronics",
    "ion-quantum-computing quantum-computing": "the picture of a chip trap for ion quantum computing",
}


def test_technology_hierarchy_is_only_what_the_slides_state(store: ox.Store) -> None:
    pairs = (
        "?n skos:broader ?b . ?n a amkg:Technology . "
        'BIND (CONCAT(STRAFTER(STR(?n), "/technology/"), " ", STRAFTER(STR(?b), "/technology/")) AS ?t)'
    )
    assert values(store, select_in(OECD, pairs, LOCAL_PREFIXES)) == set(STATED_BROADER)


OECD_ABSENT: list[tuple[str, str]] = [
    # the slides never say "industrial" sensors
    (
        "no-industrial-sensors-in-the-slides",
        "?s amkg:targetsTechnology|amkg:listing/amkg:listedTechnology tech:industrial-sensors .",
    ),
    # "Industry 4.0" names Germany's strategy, not a technology
    (
        "industry-4-0-not-a-technology-name",
        'tech:advanced-manufacturing-systems skos:altLabel "Industry 4.0"@en .',
    ),
    # the slides say "Augmented reality" only; the wider concept is the UNIDO paper's
    (
        "no-augmented-and-virtual-reality-in-the-slides",
        "{ tech:augmented-and-virtual-reality ?p ?o } UNION { ?s ?p tech:augmented-and-virtual-reality }",
    ),
    # the slides put machine learning beside AI and robots in their own slide, under no parent
    (
        "machine-learning-no-parent-in-the-slides",
        "tech:machine-learning skos:broader tech:artificial-intelligence .",
    ),
    (
        "industrial-robots-no-parent-in-the-slides",
        "tech:industrial-robots skos:broader tech:advanced-robotics .",
    ),
    # a column of the table files a technology under a heading; it does not make it a kind of that domain
    ("graphene-not-a-biotechnology", "tech:graphene skos:broader ?d ."),
    ("metals-recycling-not-a-biotechnology", "tech:metals-recycling skos:broader ?d ."),
    ("agri-science-not-a-biotechnology", "tech:agri-science skos:broader ?d ."),
    ("electric-planes-not-a-nanotechnology", "tech:electric-planes skos:broader ?d ."),
    ("energy-storage-no-domain", "tech:energy-storage skos:broader ?d ."),
    ("advanced-functional-materials-no-domain", "tech:advanced-and-functional-materials skos:broader ?d ."),
    # "smart textile" is the slides' word; a textiles sector is not
    (
        "no-textiles-sector-in-the-slides",
        "{ sector:smart-textiles skos:broader ?b } UNION { sector:textiles ?p ?o }",
    ),
    # the picture credits name the cities, not their country
    (
        "credited-cities-no-country",
        "{ place:delft amkg:country ?c } UNION { place:innsbruck amkg:country ?c }",
    ),
    # the title page names the universities, not their country
    ("authors-organisations-no-country", "?o a ?k ; amkg:country ?c . FILTER(CONTAINS(STR(?o), '/org/'))"),
]


@pytest.mark.parametrize("pattern", cases(OECD_ABSENT))
def test_unstated_statement_is_absent_from_the_slides(store: ox.Store, pattern: str) -> None:
    assert not ask(store, in_oecd(pattern)), pattern


#: The summaries' statements about several countries at once: (comparison, countries, technologies, sectors).
SHARED: list[tuple[str, str, str, str]] = [
    (
        "digital-targets-of-germany-france-uk",
        "germany france united-kingdom",
        "ecological-it-equipment digital-healthcare ict-for-electric-mobility driverless-vehicles "
        "satellites-and-space-applications cybersecurity",
        "",
    ),
    (
        "digital-for-advanced-manufacturing",
        "germany france japan united-kingdom",
        "advanced-manufacturing-systems",
        "",
    ),
    ("additive-manufacturing-emphasis", "france united-kingdom", "additive-manufacturing", ""),
    (
        "energy-investment-leaders",
        "france germany japan",
        "energy-storage",
        "offshore-wind renewable-energy thermal-renovation-of-buildings smart-grids",
    ),
    ("traditional-sectors-everywhere", " ".join(COUNTRIES), "", "traditional-sectors smart-textiles"),
    (
        "key-sub-systems",
        " ".join(COUNTRIES),
        "machine-to-machine-communication embedded-software-and-systems sensors human-interfaces "
        "augmented-reality",
        "",
    ),
]


@pytest.mark.parametrize(
    ("slug", "countries", "techs", "sectors"), [pytest.param(*r, id=r[0]) for r in SHARED]
)
def test_summary_about_several_countries_is_one_comparison(
    store: ox.Store, slug: str, countries: str, techs: str, sectors: str
) -> None:
    """Each such statement names exactly its countries, technologies and sectors, and nothing else."""
    node = f"<{ID}comparison/oecd-andreoni-chang-{slug}>"
    assert ask(store, in_oecd(f"{node} a amkg:ProgrammeComparison ; amkg:aspect ?a ."))
    assert slugs(store, f"{node} amkg:comparesProgramme ?t .", "strategy") == set(countries.split())
    assert slugs(store, f"{node} amkg:technology ?t .", "technology") == set(techs.split())
    assert slugs(store, f"{node} amkg:sector ?t .", "sector") == set(sectors.split())


def test_health_healthcare_and_medical_care_are_one_sector(store: ox.Store) -> None:
    """Germany's health, France's healthcare and Japan's medical care: one IRI, each country's word kept."""
    countries = slugs(store, "?t amkg:strategicSector sector:healthcare .", "strategy")
    assert countries == {"france", "germany", "japan"}
    merged = [f"{ID}sector/health", f"{ID}sector/medical-care"]
    assert not ask(
        store,
        "ASK { VALUES ?gone { "
        + " ".join(f"<{m}>" for m in merged)
        + " } { ?gone ?p ?o } UNION { ?s ?p ?gone } }",
    )
    assert ask(store, in_oecd('sector:healthcare skos:altLabel "Health"@en , "Medical care"@en .'))
