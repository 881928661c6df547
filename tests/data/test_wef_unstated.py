"""Relations the WEF reports do not state stay out of the graph (an audit of both reports against the text).

Each pattern was in the graph once, inferred from context: a theme or sector of a hub's focus industries
pinned on an initiative, a venue taken from a name, contributors listed as authors. None may come back.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

ID = "https://w3id.org/amkg/id/"
DCT = "http://purl.org/dc/terms/"
AMKG = "https://w3id.org/amkg/ontology#"

#: (what the report says instead, the statement that must be absent, in any graph)
UNSTATED = [
    # ABDI's hopes for 2021 (5G and AI rules, health and farming models) are not its testbed programme's
    ("abdi-hopes-not-the-programme", f"<{ID}initiative/abdi-testbeds-programme> <{AMKG}technology> ?o"),
    ("abdi-sectors-not-the-programme", f"<{ID}initiative/abdi-testbeds-programme> <{AMKG}sector> ?o"),
    # "Contributors" are not named as authors
    ("contributors-not-creators", f"<{ID}source/wef-amhub-2020> <{DCT}creator> ?o"),
    # the mission "contributes to" the territories of opportunity; it is not said to be part of them
    (
        "mission-not-part-of-territories",
        f"<{ID}initiative/basque-country-amhub-eco-innovation-mission> <{DCT}isPartOf> ?o",
    ),
    # Brazil's own 5G use is background to the Brazil-Queensland agri-food work
    ("brazil-queensland-no-5g", f"<{ID}collaboration/brazil-queensland-agrifood> <{AMKG}technology> ?o"),
    # Qatar's focus industries are not its government's SME measures
    ("qatar-sme-support-no-sector", f"<{ID}initiative/qatar-government-sme-support> <{AMKG}sector> ?o"),
    # the Hub, not BAIDATA, works with the Data Space Business Alliance
    (
        "baidata-not-dsba-partner",
        f"<{ID}org/baidata> <{AMKG}partnerOf> <{ID}org/data-space-business-alliance>",
    ),
    # no venue is stated for the Ulsan forum, and Brazil's programmes are for businesses in all Brazil
    (
        "ulsan-forum-no-venue",
        f"<{ID}initiative/ulsan-global-advanced-manufacturing-forum> <{AMKG}locatedIn> ?o",
    ),
    (
        "brazil-programmes-not-in-sao-paulo-state",
        f"<{ID}initiative/brazil-amhub-sme-and-regulation-programmes> <{AMKG}locatedIn> ?o",
    ),
]


@pytest.mark.parametrize("pattern", [p for _, p in UNSTATED], ids=[name for name, _ in UNSTATED])
def test_unstated_relation_is_absent(store: ox.Store, pattern: str) -> None:
    assert not store.query(f"ASK {{ GRAPH ?g {{ {pattern} }} }}"), pattern


def test_the_2020_contributors_are_contributors(store: ox.Store) -> None:
    contributor = f"<{ID}source/wef-amhub-2020> <{DCT}contributor> <{ID}person/francisco-betti>"
    assert store.query(f"ASK {{ GRAPH ?g {{ {contributor} }} }}")
