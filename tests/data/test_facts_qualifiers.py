"""The qualifiers that keep the WEF reports' figures true, asserted against the graph as the server loads it.

A figure's status (measured, target, planned, expected), its bound ("more than", "about"…), whether its year
was assumed, the indicator it really measures and the area it really covers are data, not words in a note:
each test here asks for one of them as the report words it (Michigan's "more than 966,000" workers as of 2019,
Tamil Nadu's 2030 target, Lombardy's share of regional value added, Istanbul in 2020 against Turkey in 2021,
Ulsan against Ulsan with Busan and Kyungnam), and the whole-graph tests make sure no figure is left without
them and no comparison joins two areas or two kinds of figure.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from support.facts import ID, ask, ask_in, cases, entity, select, source_graph, values

G20 = source_graph("wef-amhub-2020")
G21 = source_graph("wef-amhub-2021")


def observation(slug: str) -> str:
    return entity("observation", slug)


def figure(graph: str, slug: str) -> str:
    """A WEF report's observation, named by its slug without the ``wef-amhub-{year}-`` prefix."""
    return observation(f"{graph.rsplit('/', 1)[-1]}-{slug}")


#: (test id, report graph, observation slug, status, bound, period assumed), read from the report's words.
QUALIFIED = [
    ("michigan-workers-more-than-966000-as-of-2019", G20, "michigan-manufacturing-employment",
     "measuredFigure", "moreThan", "false"),
    ("michigan-6200-businesses-by-2025-is-a-target", G20,
     "michigan-manufacturers-prepared-for-industry-4", "targetFigure", "exactly", "false"),
    ("michigan-50-percent-by-2025-is-a-target", G20,
     "michigan-share-of-manufacturers-prepared-for-industry-4", "targetFigure", "exactly", "false"),
    ("basque-20-billion-is-planned", G20, "basque-country-planned-investment",
     "plannedFigure", "exactly", "true"),
    ("basque-6-percent-rise-is-planned", G20, "basque-country-rd-budget-increase",
     "plannedFigure", "exactly", "true"),
    ("sao-paulo-employs-more-than-10-percent", G20, "brazil-share-of-national-population-employed",
     "measuredFigure", "moreThan", "true"),
    ("queensland-approximately-166500-employed", G20, "queensland-manufacturing-employment",
     "measuredFigure", "about", "true"),
    ("queensland-about-one-in-four-women", G20,
     "queensland-women-share-of-manufacturing-employment", "measuredFigure", "about", "true"),
    ("queensland-more-than-20-billion-a-year", G20, "queensland-manufacturing-economic-contribution",
     "measuredFigure", "moreThan", "true"),
    ("queensland-exports-dated-2019-2020", G20, "queensland-manufacturing-exports",
     "measuredFigure", "exactly", "false"),
    ("tamil-nadu-at-least-a-quarter-of-gdp", G20,
     "tamil-nadu-manufacturing-share-of-gdp-lower-bound", "measuredFigure", "atLeast", "true"),
    ("tamil-nadu-48-percent-year-assumed", G20, "tamil-nadu-manufacturing-share-of-workforce",
     "measuredFigure", "exactly", "true"),
    ("tamil-nadu-2030-economy-is-a-target", G21, "tamil-nadu-gdp-target-2030",
     "targetFigure", "exactly", "false"),
    ("turkey-21-percent-by-2023-is-a-target", G21,
     "turkey-manufacturing-share-of-gdp-target-2023", "targetFigure", "exactly", "false"),
    ("qatar-4-7-percent-year-assumed", G21, "qatar-manufacturing-share-of-workforce",
     "measuredFigure", "exactly", "true"),
    ("ulsan-1-14-million-year-assumed", G21, "ulsan-population",
     "measuredFigure", "exactly", "true"),
]  # fmt: skip


@pytest.mark.parametrize(("graph", "slug", "status", "bound", "assumed"), cases(QUALIFIED))
def test_figure_carries_the_qualifiers_its_report_words(
    store: ox.Store, graph: str, slug: str, status: str, bound: str, assumed: str
) -> None:
    pattern = (
        f"{figure(graph, slug)} amkg:figureStatus amkg:{status} ; amkg:bound amkg:{bound} ;"
        f" amkg:periodAssumed {assumed} ; dct:source <{graph}> ."
    )
    assert ask(store, ask_in(graph, pattern))


#: (test id, report graph, initiative slug, value, status, bound) for the initiatives' structured values.
VALUES = [
    ("made-in-queensland-more-than-1100-jobs-expected", G20, "made-in-queensland", "1100",
     "expectedFigure", "moreThan"),
    ("made-in-queensland-more-than-aud-100-million-expected", G20, "made-in-queensland", "100000000",
     "expectedFigure", "moreThan"),
    ("project-diamond-will-connect-300", G20, "project-diamond", "300", "plannedFigure", "exactly"),
    ("project-diamond-300-printers-distributed", G21, "project-diamond", "300", "measuredFigure", "exactly"),
    ("mext-more-than-140-use-cases", G21, "mext-digital-factory", "140", "measuredFigure", "moreThan"),
    ("intel-over-20-billion-planned", G21, "intel-ohio-chip-factories", "20000000000",
     "plannedFigure", "moreThan"),
]  # fmt: skip


@pytest.mark.parametrize(("graph", "slug", "value", "status", "bound"), cases(VALUES))
def test_structured_value_carries_status_and_bound(
    store: ox.Store, graph: str, slug: str, value: str, status: str, bound: str
) -> None:
    pattern = (
        f"{entity('initiative', slug)} amkg:quantity|amkg:funding ?v . ?v schema:value ?n ;"
        f" amkg:figureStatus amkg:{status} ; amkg:bound amkg:{bound} . FILTER(?n = {value})"
    )
    assert ask(store, ask_in(graph, pattern))


# ------------------------------------------------------------------ every figure, the whole graph


@pytest.mark.parametrize("qualifier", ["amkg:figureStatus", "amkg:bound", "amkg:periodAssumed"])
def test_every_observation_has_exactly_one_of_each_qualifier(store: ox.Store, qualifier: str) -> None:
    rows = select(
        store,
        f"""SELECT ?o (COUNT(DISTINCT ?q) AS ?n) WHERE {{
          ?o a qb:Observation OPTIONAL {{ ?o {qualifier} ?q }} }}
        GROUP BY ?o HAVING (COUNT(DISTINCT ?q) != 1)""",
    )
    assert rows == []
    assert values(store, "SELECT (COUNT(?o) AS ?n) WHERE { ?o a qb:Observation }") != {"0"}


@pytest.mark.parametrize("graph", [G20, G21], ids=["2020", "2021"])
def test_every_structured_value_of_a_wef_report_has_status_and_bound(store: ox.Store, graph: str) -> None:
    missing = select(
        store,
        f"""SELECT ?owner ?n WHERE {{ GRAPH <{graph}> {{ ?owner amkg:quantity|amkg:funding ?v .
        ?v schema:value|schema:minValue ?n .
        FILTER NOT EXISTS {{ ?v amkg:figureStatus ?s ; amkg:bound ?b }} }} }}""",
    )
    assert missing == []


def test_a_period_is_assumed_only_as_the_reports_own_year(store: ox.Store) -> None:
    wrong = select(
        store,
        """SELECT ?o WHERE { GRAPH ?doc { ?o amkg:periodAssumed true ; amkg:refPeriod ?p }
        ?doc amkg:referenceYear ?y FILTER(STR(?p) != STR(?y)) }""",
    )
    assert wrong == []


def test_no_note_restates_a_qualifier_held_as_data(store: ox.Store) -> None:
    """The notes that said "target, not a measured value", "stated as a lower bound" or "approximate" are gone
    now that the status and bound say it; notes that say something else (a source, a span of years) stay."""
    restating = values(
        store,
        """SELECT ?o WHERE { ?o a qb:Observation ; amkg:note ?n .
        FILTER(REGEX(?n, "lower bound|not a measured value|^approximate|^target", "i")) }""",
    )
    assert restating == set()


# ------------------------------------------------------------------ the indicator actually measured


def test_lombardy_2020_gives_a_share_of_regional_value_added_not_of_gdp(store: ox.Store) -> None:
    lombardy = entity("place", "lombardy")
    value_added = entity("indicator", "manufacturing-share-of-regional-value-added")
    assert ask(
        store,
        ask_in(
            G20,
            f"?o amkg:refArea {lombardy} ; amkg:indicator {value_added} ; amkg:obsValue ?v FILTER(?v = 35)",
        ),
    )
    share_of_gdp = entity("indicator", "manufacturing-share-of-gdp")
    assert not ask(store, ask_in(G20, f"?o amkg:refArea {lombardy} ; amkg:indicator {share_of_gdp}"))
    assert ask(
        store,
        ask_in(
            G21,
            f"?o amkg:refArea {lombardy} ; amkg:indicator {share_of_gdp} ; amkg:obsValue ?v FILTER(?v = 25)",
        ),
    )


# ------------------------------------------------------------------ the area each figure covers

#: (test id, report, observation slug, area slug): the area the report's own figure is about.
AREAS = [
    ("turkey-2020-population-is-istanbuls", G20, "turkey-population", "istanbul"),
    ("turkey-2020-gdp-share-is-istanbuls", G20, "turkey-manufacturing-share-of-gdp", "istanbul"),
    ("turkey-2021-population-is-turkeys", G21, "turkey-population", "turkey"),
    ("sao-paulo-2020-figures-are-the-citys", G20, "brazil-manufacturing-share-of-gdp", "sao-paulo"),
    ("brazil-2021-population-is-brazils", G21, "brazil-population", "brazil"),
    ("brazil-2021-28-7-percent-is-the-states", G21, "brazil-share-of-national-industrial-employment",
     "sao-paulo-state"),
    ("ulsan-1-15-million-is-the-citys", G20, "ulsan-population", "ulsan"),
    ("ulsan-7-9-million-is-the-wider-area", G20, "ulsan-population-including-busan-kyungnam",
     "ulsan-busan-kyungnam"),
]  # fmt: skip


@pytest.mark.parametrize(("graph", "slug", "area"), cases(AREAS))
def test_figure_is_about_the_area_its_report_names(store: ox.Store, graph: str, slug: str, area: str) -> None:
    assert ask(store, ask_in(graph, f"{figure(graph, slug)} amkg:refArea {entity('place', area)}"))


def test_the_wider_ulsan_area_is_a_place_of_its_own_that_holds_ulsan(store: ox.Store) -> None:
    wider = entity("place", "ulsan-busan-kyungnam")
    assert ask(store, ask_in(G20, f"{wider} a amkg:Region ; amkg:country {entity('place', 'south-korea')}"))
    assert ask(store, ask_in(G20, f"{entity('place', 'ulsan')} amkg:locatedIn {wider}"))
    assert wider != entity("place", "ulsan")


def test_only_the_figures_the_reports_give_for_another_area_leave_the_hubs_region(store: ox.Store) -> None:
    """A hub's figures are about the area its report names for it (Istanbul in 2020, Turkey in 2021), so no
    series joins two areas; the exceptions are figures the report itself gives for another area."""
    rows = select(
        store,
        """SELECT ?o ?area WHERE { GRAPH ?g { ?h amkg:region ?region . ?o amkg:hub ?h ; amkg:refArea ?area }
        FILTER(?area != ?region) }""",
    )
    assert {
        (row["o"].removeprefix(ID + "observation/"), row["area"].removeprefix(ID + "place/")) for row in rows
    } == {
        ("wef-amhub-2020-ulsan-population-including-busan-kyungnam", "ulsan-busan-kyungnam"),
        ("wef-amhub-2021-brazil-share-of-national-industrial-employment", "sao-paulo-state"),
    }


def test_no_comparison_of_the_two_reports_joins_different_areas_or_indicators(store: ox.Store) -> None:
    """Every 2020 figure that query 03 can pair with a 2021 one is about the same area and indicator; the
    renamed hubs (Istanbul → Turkey, São Paulo → Brazil) therefore have no pairs at all."""
    paired = select(
        store,
        f"""SELECT DISTINCT ?h WHERE {{
          GRAPH <{G20}> {{ ?a amkg:hub ?h ; amkg:indicator ?i ; amkg:refArea ?area ; amkg:figureStatus ?s }}
          GRAPH <{G21}> {{ ?b amkg:hub ?h ; amkg:indicator ?i ; amkg:refArea ?area ; amkg:figureStatus ?s }}
          FILTER(?s = amkg:measuredFigure) }}""",
    )
    hubs = {row["h"].removeprefix(ID + "hub/") for row in paired}
    assert "turkey" not in hubs and "brazil" not in hubs
    assert {"tamil-nadu", "ulsan", "qatar"} <= hubs


# ------------------------------------------------------------------ one document disagreeing with itself


def test_turkeys_two_2021_shares_of_gdp_are_both_kept_and_marked_as_conflicting(store: ox.Store) -> None:
    profile = observation("wef-amhub-2021-turkey-manufacturing-share-of-gdp")
    quoted = observation("wef-amhub-2021-turkey-manufacturing-share-of-gdp-quoted")
    assert ask(
        store, ask_in(G21, f"{profile} amkg:obsValue ?v ; amkg:conflictsWith {quoted} FILTER(?v = 25)")
    )
    assert ask(
        store, ask_in(G21, f"{quoted} amkg:obsValue ?v ; amkg:conflictsWith {profile} FILTER(?v = 18.83)")
    )
    both = f"{entity('indicator', 'manufacturing-share-of-gdp')} ; amkg:refArea {entity('place', 'turkey')}"
    assert values(
        store,
        f"SELECT ?o WHERE {{ GRAPH <{G21}> {{"
        f' ?o amkg:indicator {both} ; amkg:refPeriod "2021"^^xsd:gYear }} }}',
    ) == {profile.strip("<>"), quoted.strip("<>")}


def test_conflicts_link_statements_of_one_document(store: ox.Store) -> None:
    across = select(
        store,
        """SELECT ?a ?b WHERE { GRAPH ?g { ?a amkg:conflictsWith ?b }
        FILTER NOT EXISTS { GRAPH ?g { ?b amkg:conflictsWith ?a } } }""",
    )
    assert across == []


# ------------------------------------------------------------------ one relation for one kind of fact

#: (test id, report, hub, property, year): joining and launch, each report's year with the same property.
YEARS = [
    ("qatar-joined-2020", G20, "qatar", "amkg:yearJoined", "2020"),
    ("qatar-established-2020", G20, "qatar", "amkg:launchYear", "2020"),
    ("qatar-approved-2021", G21, "qatar", "amkg:yearJoined", "2021"),
    ("qatar-launching-2022", G21, "qatar", "amkg:launchYear", "2022"),
    ("saudi-arabia-joined-2020", G20, "saudi-arabia", "amkg:yearJoined", "2020"),
    ("saudi-arabia-established-2020", G20, "saudi-arabia", "amkg:launchYear", "2020"),
    ("saudi-arabia-launched-2021", G21, "saudi-arabia", "amkg:launchYear", "2021"),
]


@pytest.mark.parametrize(("graph", "hub", "prop", "year"), cases(YEARS))
def test_each_report_dates_joining_and_launch_with_one_property(
    store: ox.Store, graph: str, hub: str, prop: str, year: str
) -> None:
    assert ask(store, ask_in(graph, f'{entity("hub", hub)} {prop} "{year}"^^xsd:gYear'))


def test_no_report_gives_a_hub_two_years_of_one_kind(store: ox.Store) -> None:
    doubled = select(
        store,
        """SELECT ?h ?p WHERE { VALUES ?p { amkg:yearJoined amkg:launchYear }
        GRAPH ?g { ?h ?p ?a , ?b FILTER(?a != ?b) } }""",
    )
    assert doubled == []


#: (test id, report, entity, month): months the reports name, as dates rather than words.
MONTHS = [
    ("project-diamond-set-up-october-2020", G21, "initiative/project-diamond", "2020-10"),
    ("saudi-arabia-launched-november-2021", G21, "hub/saudi-arabia", "2021-11"),
    ("leaders-roundtable-november-2020", G20, "collaboration/amhub-leaders-roundtable-2020", "2020-11"),
    (
        "forum-strategic-series-october-2021",
        G21,
        "initiative/forum-strategic-series-americas-2021",
        "2021-10",
    ),
    ("am-venture-day-december-2021", G21, "initiative/am-venture-day", "2021-12"),
    ("ulsan-visit-march-2022", G21, "initiative/ulsan-amhub-visit-to-michigan-2022", "2022-03"),
]


@pytest.mark.parametrize(("graph", "thing", "month"), cases(MONTHS))
def test_a_month_the_report_names_is_a_date(store: ox.Store, graph: str, thing: str, month: str) -> None:
    assert ask(store, ask_in(graph, f'<{ID}{thing}> schema:startDate "{month}"^^xsd:gYearMonth'))


# ------------------------------------------------------------------ each hub's leading industries, in order

#: (test id, report, hub, rank, words printed, sectors named)
RANKED = [
    ("michigan-2020-second-is-aerospace-defence", G20, "michigan", 2, "Aerospace/Defence",
     {"aerospace", "defence"}),
    ("new-england-2021-first-is-one-industry", G21, "new-england", 1,
     "Computers, Electronics & Communications Equipment",
     {"computers-electronics-and-communications-equipment"}),
    ("new-england-2020-third-is-pharma-and-biotech", G20, "new-england", 3, "Pharmaceuticals & Biotechnology",
     {"pharmaceuticals", "biotechnology"}),
    ("denmark-2021-lists-four-construction-third", G21, "denmark", 3, "Construction", {"construction"}),
    ("denmark-2021-medical-fourth", G21, "denmark", 4, "Medical", {"medical"}),
    ("qatar-2020-first-is-lng", G20, "qatar", 1, "Liquefied Natural Gas", {"liquefied-natural-gas"}),
    ("ulsan-2020-first-is-petroleum-and-petrochemical", G20, "ulsan", 1, "Petroleum & Petrochemical",
     {"petroleum", "petrochemicals"}),
    ("tamil-nadu-2021-automobiles-first", G21, "tamil-nadu", 1, "Automobiles", {"automotive"}),
]  # fmt: skip


@pytest.mark.parametrize(("graph", "hub", "rank", "words", "sectors"), cases(RANKED))
def test_leading_industry_at_its_rank_in_the_reports_words(
    store: ox.Store, graph: str, hub: str, rank: int, words: str, sectors: set[str]
) -> None:
    named = values(
        store,
        f"""SELECT ?s WHERE {{ GRAPH <{graph}> {{ {entity("hub", hub)} amkg:rankedIndustry ?e .
        ?e amkg:rank {rank} ; amkg:listedAs "{words}"@en ; amkg:sector ?s }} }}""",
    )
    assert named == {f"{ID}sector/{s}" for s in sectors}


def test_no_wef_hub_lists_electronics_for_computers_and_communications_equipment(store: ox.Store) -> None:
    electronics = f'{entity("hub", "new-england")} amkg:topIndustry ?s . ?s rdfs:label "Electronics"@en'
    for graph in (G20, G21):
        assert not ask(store, ask_in(graph, electronics))


@pytest.mark.parametrize("graph", [G20, G21], ids=["2020", "2021"])
def test_ranked_lists_run_from_one_and_cover_the_top_industries(store: ox.Store, graph: str) -> None:
    """Ranks are 1…n without gaps or repeats; the entries' sectors are exactly the hub's top industries."""
    rows = select(
        store,
        f"""SELECT ?h (COUNT(DISTINCT ?e) AS ?n) (MAX(?r) AS ?top) (COUNT(DISTINCT ?r) AS ?ranks)
        WHERE {{ GRAPH <{graph}> {{ ?h amkg:rankedIndustry ?e . ?e amkg:rank ?r }} }} GROUP BY ?h""",
    )
    assert rows and all(row["n"] == row["top"] == row["ranks"] for row in rows)
    mismatched = select(
        store,
        f"""SELECT ?h ?s WHERE {{ GRAPH <{graph}> {{
          {{ ?h amkg:topIndustry ?s FILTER NOT EXISTS {{ ?h amkg:rankedIndustry/amkg:sector ?s }} }} UNION
          {{ ?h amkg:rankedIndustry/amkg:sector ?s FILTER NOT EXISTS {{ ?h amkg:topIndustry ?s }} }} }} }}""",
    )
    assert mismatched == []


# ------------------------------------------------------------------ facts that lived only in descriptions

NETWORK = entity("network", "amhubs")
PLATFORM = entity("initiative", "platform-shaping-future-advanced-manufacturing-production")

#: (test id, report, pattern): facts of the reports' text that are now triples.
TEXT_FACTS = [
    ("network-is-part-of-the-forums-platform", G20,
     f"{NETWORK} dct:isPartOf {PLATFORM}"),
    ("network-aims-to-amplify-success-stories-2020", G20,
     f'{NETWORK} amkg:theme "amplifying regional success stories globally"@en'),
    ("network-aims-to-connect-hubs-2021", G21,
     f'{NETWORK} amkg:theme "connecting hubs directly for cross-hub partnerships"@en'),
    ("ventilator-cleared-by-the-fda", G20,
     f"{entity('initiative', 'mechanical-ventilator-milano')} amkg:approvedBy "
     f"{entity('org', 'us-food-and-drug-administration')}"),
    ("ventilator-bought-by-canada", G20,
     f"{entity('initiative', 'mechanical-ventilator-milano')} amkg:boughtBy {entity('place', 'canada')}"),
    ("denmark-produces-for-export-and-home", G20,
     f'{entity("hub", "denmark")} amkg:theme "production for export and for domestic use"@en'),
    ("covid-paper-published-june-2020", G20,
     f'{entity("collaboration", "covid-19-impact-paper")} dct:issued "2020-06"^^xsd:gYearMonth'),
    ("home-based-manufacturing-roadmap-completed-2020", G20,
     f'{entity("initiative", "roadmap-for-home-based-manufacturing")} amkg:endYear "2020"^^xsd:gYear'),
]  # fmt: skip


@pytest.mark.parametrize(("graph", "pattern"), cases(TEXT_FACTS))
def test_fact_of_the_text_is_a_triple(store: ox.Store, graph: str, pattern: str) -> None:
    assert ask(store, ask_in(graph, pattern))
