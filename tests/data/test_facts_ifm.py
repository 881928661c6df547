"""Facts of the IfM Engage Policy Links note (November 2020) that the graph must hold (source seed 003).

The note sets the UK's Made Smarter programme against the Industry 4.0 programmes of Germany, the United
States, Singapore, Korea and Taiwan. Each test asks one of its statements — a programme's strands, funding
(amount and currency, never converted), dates, targets, coverage, delivering institutions or figures, or one
of the differences the note draws — through SPARQL inside the note's named graph, so that a fact counts only
when the note is its source.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import (
    ID,
    ask,
    ask_in,
    cases,
    closed_list,
    instance_prefixes,
    names,
    select,
    source_graph,
    values,
)

IFM = source_graph("ifm-2020")

#: Short prefixes for the kinds of instance the note is about (added to factlib's standard ones).
LOCAL_PREFIXES = instance_prefixes(
    prog="programme",
    init="initiative",
    o="org",
    place="place",
    unit="unit",
    cmp="comparison",
    sector="sector",
    ind="indicator",
)


def in_ifm(pattern: str) -> str:
    """An ASK that holds only if ``pattern`` matches inside the IfM note's own named graph."""
    return ask_in(IFM, pattern, LOCAL_PREFIXES)


def money(subject: str, amount: str, currency: str, extra: str = "") -> str:
    """Pattern: ``subject`` has funding of exactly ``amount`` in ``currency`` (ISO 4217), plus ``extra``
    about the amount ``?f``."""
    return (
        f"{subject} amkg:funding ?f . ?f a schema:MonetaryAmount ; schema:value ?v ; "
        f'schema:currency "{currency}" . {extra} FILTER(?v = {amount})'
    )


def figure(subject: str, value: str, unit: str, measure: str, var: str = "v") -> str:
    """Pattern: ``subject`` states a quantity of exactly ``value`` in ``unit`` whose measure mentions
    ``measure``; ``var`` names its variables, so that two figures can share one pattern."""
    return (
        f"{subject} amkg:quantity "
        f"[ schema:value ?{var} ; amkg:unit unit:{unit} ; amkg:measure ?{var}m ] . "
        f'FILTER(?{var} = {value} && CONTAINS(LCASE(STR(?{var}m)), "{measure}"))'
    )


ASKS: list[tuple[str, str]] = [
    # United Kingdom: Made Smarter
    (
        "made-smarter-uk-regional-pilot-coverage",
        "prog:made-smarter a amkg:Programme ; amkg:country place:united-kingdom ; "
        "amkg:coverage amkg:regionalCoverage .",
    ),
    (
        "made-smarter-aims-at-4ir-leadership-by-2030",
        'prog:made-smarter amkg:target ?t . FILTER(CONTAINS(?t, "2030"))',
    ),
    (
        "made-smarter-delivered-by-growth-hubs-coordinated-from-manchester",
        "prog:made-smarter amkg:deliveredBy o:north-west-growth-hubs . "
        "init:north-west-made-smarter-adoption-pilot amkg:ledBy o:the-growth-company . "
        "o:the-growth-company amkg:locatedIn place:manchester .",
    ),
    (
        "made-smarter-review-455bn-gbp",
        figure("init:made-smarter-review", "455000000000", "gbp", "manufacturing"),
    ),
    (
        "made-smarter-review-productivity-up-to-30-percent",
        figure("init:made-smarter-review", "30", "percent", "productivity"),
    ),
    ("made-smarter-review-175000-net-jobs", figure("init:made-smarter-review", "175000", "count", "jobs")),
    ("north-west-pilot-20m-gbp", money("init:north-west-made-smarter-adoption-pilot", "20000000", "GBP")),
    (
        "north-west-pilot-30-months-from-2018",
        'init:north-west-made-smarter-adoption-pilot amkg:startYear "2018"^^xsd:gYear . '
        + figure("init:north-west-made-smarter-adoption-pilot", "30", "months", "duration"),
    ),
    (
        "north-west-pilot-up-to-3000-smes",
        figure("init:north-west-made-smarter-adoption-pilot", "3000", "count", "smes"),
    ),
    (
        "north-west-pilot-480-grants-of-up-to-20k-gbp",
        figure("init:north-west-made-smarter-adoption-pilot", "480", "count", "grant")
        + " "
        + figure("init:north-west-made-smarter-adoption-pilot", "20000", "gbp", "grant", var="g"),
    ),
    (
        "north-west-pilot-only-north-west-england",
        "init:north-west-made-smarter-adoption-pilot amkg:locatedIn place:north-west-england .",
    ),
    (
        "challenge-programme-14-7m-gbp",
        money("init:manufacturing-made-smarter-challenge-programme", "14700000", "GBP"),
    ),
    (
        "fast-start-competition-30m-gbp-2019",
        "init:manufacturing-made-smarter-fast-start-competition dct:isPartOf "
        "init:manufacturing-made-smarter-challenge-programme ; "
        'amkg:startYear "2019"^^xsd:gYear . '
        + money("init:manufacturing-made-smarter-fast-start-competition", "30000000", "GBP"),
    ),
    (
        "growth-accelerators-from-2021",
        'init:manufacturing-made-smarter-growth-accelerators amkg:startYear "2021"^^xsd:gYear ; '
        "dct:isPartOf init:manufacturing-made-smarter-challenge-programme .",
    ),
    # Germany
    (
        "plattform-industrie-4-0-germany-national",
        "prog:plattform-industrie-4-0 a amkg:Programme ; amkg:country place:germany ; "
        "amkg:coverage amkg:nationalCoverage .",
    ),
    (
        "plattform-steered-by-bmwi-and-bmbf",
        'prog:plattform-industrie-4-0 amkg:ledBy o:bmwi , o:bmbf . o:bmwi skos:altLabel "BMWi"@en .',
    ),
    (
        "germany-pledged-over-500m-eur",
        money(
            "prog:plattform-industrie-4-0",
            "500000000",
            "EUR",
            "?f amkg:bound amkg:moreThan ; amkg:figureStatus amkg:plannedFigure .",
        ),
    ),
    (
        "germany-300-players-from-159-organisations",
        figure("prog:plattform-industrie-4-0", "300", "count", "players")
        + " "
        + figure("prog:plattform-industrie-4-0", "159", "count", "organisations", var="o"),
    ),
    (
        "plattform-works-with-chambers-of-industry-and-commerce",
        "prog:plattform-industrie-4-0 amkg:partner o:german-chambers-of-industry-and-commerce .",
    ),
    ("mittelstand-digital-for-smes", "init:mittelstand-digital amkg:country place:germany ; amkg:theme ?t ."),
    (
        "germany-only-4-percent-digitalised-in-2015",
        "?obs qb:dataSet ?ds ; amkg:refArea place:germany ; amkg:refPeriod ?y ; amkg:obsValue ?v ; "
        'amkg:unit unit:percent . FILTER(?v = 4 && STR(?y) = "2015")',
    ),
    # United States
    (
        "mep-national-led-by-nist",
        "prog:manufacturing-extension-partnership amkg:country place:united-states ; "
        "amkg:coverage amkg:nationalCoverage ; amkg:ledBy o:nist .",
    ),
    (
        "mep-budget-126-7m-usd-in-2020",
        money(
            "prog:manufacturing-extension-partnership",
            "126700000",
            "USD",
            '?f amkg:startYear "2020"^^xsd:gYear .',
        ),
    ),
    ("mep-51-centres", figure("prog:manufacturing-extension-partnership", "51", "count", "centres")),
    (
        "mep-33-80-usd-sales-per-federal-dollar",
        figure("prog:manufacturing-extension-partnership", "33.80", "usd", "sales"),
    ),
    (
        "mep-32-20-usd-client-investment-per-federal-dollar",
        figure("prog:manufacturing-extension-partnership", "32.20", "usd", "client investment"),
    ),
    ("manufacturing-usa-14-institutes", figure("prog:manufacturing-usa", "14", "count", "institutes")),
    (
        "manufacturing-usa-1bn-federal-funds-through-2018",
        money("prog:manufacturing-usa", "1000000000", "USD", '?f amkg:endYear "2018"^^xsd:gYear .'),
    ),
    (
        "manufacturing-usa-over-2bn-private-investment",
        figure("prog:manufacturing-usa", "2000000000", "usd", "private investment"),
    ),
    (
        "mxd-digital-manufacturing-jobs-165-roles",
        "init:digital-manufacturing-jobs amkg:ledBy o:mxd . "
        + figure("init:digital-manufacturing-jobs", "165", "count", "roles"),
    ),
    # Singapore
    (
        "singapore-national-no-funding-figure",
        "prog:singapore-industry-4-0 amkg:country place:singapore ; amkg:coverage amkg:nationalCoverage . "
        "FILTER NOT EXISTS { prog:singapore-industry-4-0 amkg:funding ?f }",
    ),
    (
        "singapore-readiness-index-is-a-strand",
        "init:smart-industry-readiness-index amkg:strandOf prog:singapore-industry-4-0 .",
    ),
    (
        "skillsfuture-reached-about-10-percent-over-25",
        figure("init:skillsfuture", "10", "percent", "population"),
    ),
    (
        "skillsfuture-series-by-edb",
        "init:skillsfuture-series-for-advanced-manufacturing "
        "amkg:ledBy o:singapore-economic-development-board .",
    ),
    # Korea
    (
        "korea-programme-national-led-by-motie",
        "prog:manufacturing-industry-innovation-3-0 amkg:country place:south-korea ; "
        "amkg:coverage amkg:nationalCoverage ; amkg:ledBy o:motie .",
    ),
    (
        "korea-smart-manufacturing-dept-4-1bn-usd-2020",
        "o:department-of-smart-manufacturing-innovation amkg:budget ?f . ?f a schema:MonetaryAmount ; "
        'schema:value ?v ; schema:currency "USD" ; amkg:startYear "2020"^^xsd:gYear ; '
        "amkg:bound amkg:about ; amkg:figureStatus amkg:plannedFigure . FILTER(?v = 4100000000)",
    ),
    (
        "korea-smart-factory-initiative-2014-30000-sites-by-2025",
        'init:korea-smart-factory-initiative amkg:startYear "2014"^^xsd:gYear ; '
        "amkg:strandOf prog:manufacturing-industry-innovation-3-0 ; "
        'amkg:quantity [ schema:value ?v ; amkg:endYear "2025"^^xsd:gYear ] . FILTER(?v = 30000)',
    ),
    (
        "korea-smart-factory-40000-workers-trained",
        figure("init:korea-smart-factory-initiative", "40000", "persons", "workers"),
    ),
    (
        "korea-smart-factories-report-25-percent-productivity",
        figure("init:korea-smart-factory-initiative", "25", "percent", "productivity"),
    ),
    (
        "korea-ministry-of-smes-department-of-smart-manufacturing",
        "o:department-of-smart-manufacturing-innovation "
        "org:subOrganizationOf o:ministry-of-smes-and-startups .",
    ),
    (
        "korea-alliance-announced-28-october-2020",
        "init:korea-industrial-digital-transformation-alliance-support "
        'schema:startDate "2020-10-28"^^xsd:date ; amkg:ledBy o:industrial-digital-transformation-alliance .',
    ),
    # Taiwan
    (
        "taiwan-smart-machinery-national-led-by-moea-and-most",
        "prog:smart-machinery-development-programme amkg:country place:taiwan ; "
        "amkg:coverage amkg:nationalCoverage ; amkg:ledBy o:taiwan-ministry-of-economic-affairs , "
        "o:taiwan-ministry-of-science-and-technology ; dct:isPartOf init:5-plus-2-innovative-industries .",
    ),
    (
        "taiwan-15bn-twd-2016-2020",
        money(
            "prog:smart-machinery-development-programme",
            "15000000000",
            "TWD",
            '?f amkg:startYear "2016"^^xsd:gYear ; amkg:endYear "2020"^^xsd:gYear .',
        ),
    ),
    (
        "taiwan-itri-budget-25bn-twd-2019",
        "o:itri amkg:budget ?f . ?f a schema:MonetaryAmount ; schema:value ?v ; "
        'schema:currency "TWD" ; amkg:startYear "2019"^^xsd:gYear . FILTER(?v = 25000000000)',
    ),
    (
        "taiwan-itri-runs-pilot-production-site",
        'init:smart-manufacturing-pilot-production-site amkg:ledBy o:itri . o:itri skos:altLabel "ITRI"@en .',
    ),
    ("taiwan-promotion-office-2017", 'o:smart-machinery-promotion-office amkg:startYear "2017"^^xsd:gYear .'),
    # Comparisons the note draws
    (
        "comparison-coverage-uk-regional-vs-national",
        'cmp:ifm-2020-programme-scale-and-coverage amkg:aspect "coverage"@en ; '
        "amkg:comparesProgramme prog:made-smarter , prog:plattform-industrie-4-0 , "
        "prog:smart-machinery-development-programme , prog:manufacturing-industry-innovation-3-0 , "
        "prog:manufacturing-extension-partnership .",
    ),
    (
        "comparison-delivery-institutions-mep",
        'cmp:ifm-2020-delivery-institutions amkg:aspect "delivery"@en ; '
        "amkg:comparesProgramme prog:made-smarter , prog:manufacturing-extension-partnership .",
    ),
    (
        "comparison-training-singapore-and-us",
        'cmp:ifm-2020-training amkg:aspect "training"@en ; '
        "amkg:comparesProgramme prog:made-smarter , prog:singapore-industry-4-0 , prog:manufacturing-usa .",
    ),
    (
        "comparison-technology-diffusion-germany-korea",
        'cmp:ifm-2020-technology-diffusion amkg:aspect "technology diffusion"@en ; '
        "amkg:comparesProgramme prog:made-smarter , prog:plattform-industrie-4-0 , "
        "prog:manufacturing-industry-innovation-3-0 .",
    ),
    (
        "korea-programme-inspired-by-germany",
        "cmp:ifm-2020-korea-modelled-on-germany amkg:comparesProgramme "
        "prog:manufacturing-industry-innovation-3-0 , prog:plattform-industrie-4-0 .",
    ),
    # issue 11: qualifiers, implemented strategy, months as dates
    (
        "plattform-implements-industrie-4-0",
        "prog:plattform-industrie-4-0 amkg:implementsStrategy "
        "<https://w3id.org/amkg/id/strategy/industrie-4-0> .",
    ),
    (
        "north-west-pilot-launched-november-2018",
        'init:north-west-made-smarter-adoption-pilot schema:startDate "2018-11"^^xsd:gYearMonth .',
    ),
    (
        "promotion-office-february-2017",
        'o:smart-machinery-promotion-office schema:startDate "2017-02"^^xsd:gYearMonth .',
    ),
    (
        "north-west-pilot-up-to-3000-smes-target",
        "init:north-west-made-smarter-adoption-pilot amkg:quantity [ schema:value ?v ; "
        "amkg:bound amkg:upTo ; "
        "amkg:figureStatus amkg:targetFigure ] . FILTER(?v = 3000)",
    ),
    (
        "made-smarter-review-455bn-expected",
        "init:made-smarter-review amkg:quantity [ schema:value ?v ; "
        "amkg:figureStatus amkg:expectedFigure ] . "
        "FILTER(?v = 455000000000)",
    ),
    # second pass of issue 11, item 7
    (
        "korea-189-3m-usd-rnd-commitment-on-its-own-initiative",
        money(
            "init:korea-smart-factory-technology-rnd-projects",
            "189300000",
            "USD",
            '?f amkg:endYear "2020"^^xsd:gYear ; amkg:figureStatus amkg:plannedFigure .',
        ),
    ),
    (
        "zew-2015-survey-of-4500-businesses",
        "init:zew-2015-survey-of-german-businesses amkg:ledBy o:zew-mannheim ; "
        'amkg:startYear "2015"^^xsd:gYear . '
        + figure("init:zew-2015-survey-of-german-businesses", "4500", "count", "surveyed"),
    ),
    (
        "germany-two-to-three-years-ahead",
        "init:german-academy-of-engineering-industry-4-0-study-2016 amkg:quantity "
        "[ schema:minValue ?a ; schema:maxValue ?b ; amkg:bound amkg:about ; amkg:unit unit:years ] . "
        "FILTER(?a = 2 && ?b = 3)",
    ),
    (
        "trilateral-cooperation-france-germany-italy",
        "init:trilateral-industry-4-0-cooperation amkg:locatedIn place:france , place:germany , "
        "place:italy . "
        "init:sino-german-industry-4-0-cooperation amkg:locatedIn place:china , place:germany .",
    ),
    (
        "ciip-brings-together-three-groups",
        "o:cambridge-industrial-innovation-policy org:hasMember "
        "o:centre-for-science-technology-and-innovation-policy , o:policy-links-unit , "
        "o:babbage-policy-forum .",
    ),
    (
        "regional-delivery-bodies-of-japan-and-korea",
        "o:japan-prefectural-technology-centres amkg:country place:japan . "
        "o:korea-regional-technology-institutes amkg:country place:south-korea .",
    ),
]


@pytest.mark.parametrize("pattern", cases(ASKS))
def test_fact_holds_in_ifm_graph(store: ox.Store, pattern: str) -> None:
    assert ask(store, in_ifm(pattern)), pattern


#: Statements the graph once made that the note does not: each must be absent from the note's graph.
ABSENT: list[tuple[str, str]] = [
    # the Growth Hubs deliver Made Smarter; The Growth Company coordinates (amkg:ledBy), it does not deliver
    (
        "growth-company-coordinates-not-delivers",
        "?p amkg:deliveredBy o:the-growth-company .",
    ),
    # the Korean section ties neither these bodies nor the US$189.3 m commitment to the programme
    (
        "korea-programme-no-unstated-delivery-or-funding",
        "prog:manufacturing-industry-innovation-3-0 amkg:deliveredBy|amkg:funding ?x .",
    ),
    # the delivery comparison cites Korea's regional technology institutes, not the programme
    (
        "delivery-comparison-not-korea-programme",
        "cmp:ifm-2020-delivery-institutions amkg:comparesProgramme "
        "prog:manufacturing-industry-innovation-3-0 .",
    ),
    # the note does not make Mittelstand-Digital or the learning factories strands of Plattform Industrie 4.0
    (
        "plattform-has-no-unstated-strands",
        "{ prog:plattform-industrie-4-0 amkg:strand ?s } "
        "UNION { ?s amkg:strandOf prog:plattform-industrie-4-0 }",
    ),
    # Plattform Industrie 4.0 works together with the chambers: a partner, not a deliverer
    (
        "chambers-partner-not-deliverer",
        "prog:plattform-industrie-4-0 amkg:deliveredBy o:german-chambers-of-industry-and-commerce .",
    ),
    # the note names who prepared it, not a publisher
    ("ifm-note-names-no-publisher", "<https://w3id.org/amkg/id/source/ifm-2020> dct:publisher ?p ."),
]


@pytest.mark.parametrize("pattern", cases(ABSENT))
def test_unstated_relation_is_absent(store: ox.Store, pattern: str) -> None:
    assert not ask(store, in_ifm(pattern)), pattern


SETS: list[tuple[str, str, set[str]]] = [
    (
        "made-smarter-two-strands",
        "prog:made-smarter amkg:strand ?t .",
        names(
            "initiative",
            "north-west-made-smarter-adoption-pilot manufacturing-made-smarter-challenge-programme",
        ),
    ),
    (
        "six-programmes-compared",
        "?t a amkg:Programme .",
        names(
            "programme",
            "made-smarter plattform-industrie-4-0 manufacturing-extension-partnership "
            "manufacturing-usa singapore-industry-4-0 manufacturing-industry-innovation-3-0 "
            "smart-machinery-development-programme",
        ),
    ),
    (
        "only-made-smarter-is-regional",
        "?t amkg:coverage amkg:regionalCoverage .",
        names("programme", "made-smarter"),
    ),
    (
        "four-differences-and-one-likeness",
        "?t a amkg:ProgrammeComparison .",
        names(
            "comparison",
            "ifm-2020-technology-diffusion ifm-2020-programme-scale-and-coverage "
            "ifm-2020-delivery-institutions ifm-2020-training ifm-2020-korea-modelled-on-germany",
        ),
    ),
    (
        "manufacturing-usa-four-digital-institutes",
        "prog:manufacturing-usa amkg:deliveredBy ?t .",
        names("org", "america-makes arm-institute mxd cesmii"),
    ),
    (
        "singapore-multi-agency-delivery",
        "prog:singapore-industry-4-0 amkg:deliveredBy ?t .",
        names(
            "org",
            "a-star singapore-ministry-of-trade-and-industry singapore-economic-development-board "
            "enterprise-singapore",
        ),
    ),
    (
        "korea-alliance-sectors",
        "init:korea-industrial-digital-transformation-alliance-support amkg:sector ?t .",
        names("sector", "automotive electronics healthcare shipbuilding"),
    ),
    (
        "made-smarter-funding-currencies",
        "{ prog:made-smarter amkg:strand ?s } UNION "
        "{ ?s dct:isPartOf ?p . ?p amkg:strandOf prog:made-smarter } "
        "?s amkg:funding [ schema:currency ?t ] .",
        {"GBP"},
    ),
]


@pytest.mark.parametrize(("pattern", "expected"), cases(SETS))
def test_closed_list_in_ifm_graph(store: ox.Store, pattern: str, expected: set[str]) -> None:
    assert closed_list(store, IFM, pattern, LOCAL_PREFIXES) == expected


def test_readiness_index_is_one_entity_with_the_wef_reports(store: ox.Store) -> None:
    """Singapore's Smart Industry Readiness Index (IfM) is the SIRI of the WEF reports: one IRI, one label."""
    labels = values(
        store,
        f"{LOCAL_PREFIXES}SELECT DISTINCT ?l WHERE {{ init:smart-industry-readiness-index rdfs:label ?l }}",
    )
    assert labels == {"Smart Industry Readiness Index"}
    wef = source_graph("wef-amhub-2020")
    assert ask(
        store,
        f"{LOCAL_PREFIXES}ASK {{ "
        f"GRAPH <{IFM}> {{ init:smart-industry-readiness-index a ?c }} "
        f"GRAPH <{wef}> {{ init:smart-industry-readiness-index a ?d }} }}",
    )


def test_german_industry_4_0_entities_are_told_apart(store: ox.Store) -> None:
    """Three German things, three IRIs with distinct labels: the Plattform initiative (IfM), the national
    Industrie 4.0 strategy (UNIDO) and Germany's industrial strategy as a whole (OECD slides)."""
    rows = values(
        store,
        f"{LOCAL_PREFIXES}SELECT ?l WHERE {{ VALUES ?e {{ prog:plattform-industrie-4-0 "
        f"<{ID}strategy/industrie-4-0> <{ID}strategy/germany> }} ?e rdfs:label ?l }}",
    )
    assert rows == {
        "Plattform Industrie 4.0",
        "Industrie 4.0 strategy (Germany)",
        "Germany's industrial strategy",
    }


# ---------------------------------------------------------------- issue 11: funding on the right thing, once

FUNDING_ONCE: list[tuple[str, str, set[str]]] = [
    # NT$15 bn and US$508.5 m are one sum: the original currency, once; ITRI's budget is ITRI's
    ("taiwan-programme-funding-twd-once", "prog:smart-machinery-development-programme", {"15000000000 TWD"}),
    # the department's US$4.1 bn budget is the department's, and the note ties the US$189.3 m R&D
    # commitment to no programme, so Manufacturing Industry Innovation 3.0 has no funding of its own
    ("korea-programme-funding", "prog:manufacturing-industry-innovation-3-0", set()),
]


@pytest.mark.parametrize(("programme", "expected"), cases(FUNDING_ONCE))
def test_programme_funding_is_its_own_and_stated_once(
    store: ox.Store, programme: str, expected: set[str]
) -> None:
    rows = select(
        store,
        f"{LOCAL_PREFIXES}SELECT ?v ?c WHERE {{ GRAPH <{IFM}> {{ {programme} amkg:funding ?f . "
        "?f schema:value ?v ; schema:currency ?c } }",
    )
    assert {f"{row['v']} {row['c']}" for row in rows} == expected


def test_no_converted_dollar_figure_is_kept(store: ox.Store) -> None:
    """The note's US$ conversions of NT$ sums (508.5 m, 276 m) imply two different rates; neither is kept."""
    assert not ask(
        store,
        in_ifm("?x amkg:funding|amkg:budget ?f . ?f schema:value ?v . FILTER(?v IN (508500000, 276000000))"),
    )
