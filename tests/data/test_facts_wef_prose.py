"""Facts of the WEF AMHUB reports that lived only in prose, now asked as triples (issue 11, item 7).

An audit of both reports, section by section, found concrete facts (organisations, places, technologies,
years, counts, relations) that a reader could see in a ``dct:description`` or a label but no query could
reach. Each case below is one such fact, asked inside the named graph of the report that states it, so it
cannot pass on another document's word.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import ask, ask_in, cases, instance_prefixes, source_graph

G20 = source_graph("wef-amhub-2020")
G21 = source_graph("wef-amhub-2021")
# ``o:`` for AMKG's organisations, so that ``org:`` stays W3C ORG's (org:memberOf)
P = instance_prefixes(
    init="initiative",
    collab="collaboration",
    o="org",
    person="person",
    place="place",
    prio="priority",
    tech="technology",
    sec="sector",
    unit="unit",
)


def fact(graph: str, *parts: str) -> tuple[str, str]:
    """A readable id (the pattern itself) and the ASK that must hold in ``graph``."""
    pattern = " ".join(parts)
    return pattern, ask_in(graph, pattern, P)


FACTS_2020 = [
    # priorities name technologies and sectors only in their labels: skos:related makes them reachable
    fact(G20, "prio:brazil-2020-regulation-of-new-technologies skos:related tech:5g ."),
    fact(
        G20,
        "prio:brazil-2021-regulation-of-new-technologies",
        "skos:related tech:5g , tech:artificial-intelligence .",
    ),
    fact(
        G20,
        "prio:brazil-2021-adoption-models-health-agriculture",
        "skos:related sec:healthcare , sec:agriculture .",
    ),
    fact(G20, "prio:ulsan-2020-international-technology-exchange skos:related tech:hydrogen-production ."),
    fact(G20, "prio:ulsan-2021-research skos:related tech:deep-learning ."),
    fact(G20, "prio:denmark-2020-additive-manufacturing-adoption skos:related tech:additive-manufacturing ."),
    # the Basque Industry 4.0 strategy's robotisation and 3D printing
    fact(
        G20,
        "init:basque-industry-4-0-strategy",
        "amkg:technology tech:advanced-robotics , tech:additive-manufacturing .",
    ),
    # the years planned actions are for
    fact(G20, 'init:basque-next-generation-factories-interest-group amkg:startYear "2021"^^xsd:gYear .'),
    fact(G20, 'init:tamil-nadu-advanced-manufacturing-strategy-workshop amkg:startYear "2021"^^xsd:gYear .'),
    fact(G20, 'collab:what-if-working-group amkg:startYear "2021"^^xsd:gYear .'),
    fact(G20, 'collab:sme-ai-adoption-pilots amkg:startYear "2021"^^xsd:gYear .'),
    fact(
        G20, 'init:michigan-industry-4-0-readiness-effort amkg:quantity [ amkg:endYear "2025"^^xsd:gYear ] .'
    ),
    # organisations and places
    fact(G20, "person:francisco-betti org:memberOf o:world-economic-forum ."),
    fact(G20, "person:nicole-kampe org:memberOf o:automation-alley ."),
    fact(
        G20,
        "<https://w3id.org/amkg/id/source/wef-amhub-2020>",
        "dct:contributor o:afil , o:mess , o:tulip-interfaces .",
    ),
    fact(G20, "o:world-economic-forum amkg:locatedIn place:geneva ; amkg:country place:switzerland ."),
    fact(G20, "init:mext-digital-maturity-assessment dct:relation init:smart-industry-readiness-index ."),
    fact(
        G20,
        "init:international-master-programme-automotive-workforce-transition",
        "dct:relation o:world-manufacturing-forum .",
    ),
    fact(G20, "place:new-england amkg:quantity [ schema:value 6 ; amkg:unit unit:count ] ."),
    fact(G20, "<https://w3id.org/amkg/id/hub/tamil-nadu> dct:relation init:global-lighthouse-network ."),
]

FACTS_2021 = [
    fact(G21, "prio:lombardy-2021-3d-printing skos:related tech:additive-manufacturing ."),
    fact(G21, "prio:lombardy-2021-secure-sustainable-food-manufacturing skos:related sec:food ."),
    fact(G21, "prio:saudi-arabia-2021-emerging-industries skos:related sec:renewable-energy ."),
    fact(G21, "prio:ulsan-2021-international-technology-exchange skos:related tech:hydrogen-mobility ."),
    fact(G21, "init:basque-industry-4-0-strategy amkg:technology tech:automation , tech:advanced-robotics ."),
    fact(
        G21,
        "init:aeronautics-advanced-manufacturing-centre schema:funder",
        "o:basque-department-of-economic-development-and-infrastructures , o:provincial-council-of-bizkaia .",
    ),
    fact(
        G21,
        "init:danish-industry-foundation-grant-sustainable-am schema:funder o:danish-industry-foundation .",
    ),
    fact(G21, "o:baidata amkg:locatedIn place:spain , place:portugal ."),
    fact(G21, "init:baidata dct:relation init:catena-x , init:gaia-x ."),
    fact(G21, "init:new-england-israel-innovation-convening dct:relation place:israel ."),
    fact(G21, "init:jobsohio-advanced-manufacturing-support amkg:sector sec:renewable-energy ."),
    fact(
        G21,
        "collab:ulsan-michigan-additive-manufacturing",
        "amkg:partner o:ulsan-national-institute-of-science-and-technology .",
    ),
    fact(G21, "init:ulsan-amhub-visit-to-michigan-2022 amkg:locatedIn place:michigan ."),
    fact(G21, 'init:u-forum-2022 dct:isPartOf init:u-forum ; amkg:startYear "2022"^^xsd:gYear .'),
    fact(G21, "person:khalid-mirza org:memberOf o:oakland-university ."),
    fact(
        G21,
        "place:trichy amkg:quantity",
        "[ schema:minValue 50000 ; schema:maxValue 99999 ; amkg:unit unit:persons ] .",
    ),
]


@pytest.mark.parametrize("query", cases(FACTS_2020))
def test_prose_fact_is_a_triple_in_2020_report(store: ox.Store, query: str) -> None:
    assert ask(store, query)


@pytest.mark.parametrize("query", cases(FACTS_2021))
def test_prose_fact_is_a_triple_in_2021_report(store: ox.Store, query: str) -> None:
    assert ask(store, query)


def test_each_report_keeps_its_own_hydrogen_technology(store: ox.Store) -> None:
    """Ulsan's exchange names hydrogen production in 2020, hydrogen mobility in 2021; neither leaks across."""
    leak_2020 = "prio:ulsan-2020-international-technology-exchange skos:related tech:hydrogen-mobility ."
    leak_2021 = "prio:ulsan-2021-international-technology-exchange skos:related tech:hydrogen-production ."
    assert not ask(store, ask_in(G20, leak_2020, P))
    assert not ask(store, ask_in(G21, leak_2021, P))
