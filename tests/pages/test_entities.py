"""Entity pages on the real server, one per kind a curator reads: hub, firm, technology, policy initiative,
programme, observation and source document.

Each page must name the thing by its label, link its types to class pages, show every value as a labelled
link, carry provenance badges linked to the source documents, and offer the raw data and a SPARQL query.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from support.html import Element, jsonld, parse
from support.web import Web

BASE = "https://w3id.org/amkg/"


def page(web: Web, path: str) -> tuple[str, Element]:
    response = web.get(f"{web.base}{path}.html", timeout=30)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text, parse(response.text)


def link_texts(element: Element, href: str) -> list[str]:
    """Texts of the links to ``href`` in the page's main content (the site navigation left out)."""
    main = element.find_id("main") or element
    return [text for h, text in main.links() if h == href]


@pytest.mark.parametrize(
    "path",
    [
        "/id/hub/michigan",
        "/id/firm/mahindra-and-mahindra",
        "/id/technology/additive-manufacturing",
        "/id/policy/penang-automation-cluster",
        "/id/programme/made-smarter",
        "/id/observation/wef-amhub-2020-michigan-manufacturing-share-of-gdp",
        "/id/source/wef-amhub-2021",
    ],
)
def test_every_kind_of_page_has_the_common_parts(web: Web, path: str) -> None:
    html, doc = page(web, path)
    iri = BASE + path.lstrip("/")
    h1 = doc.texts("h1")
    assert len(h1) == 1 and h1[0]
    assert doc.texts("title")[0].startswith(h1[0])
    types = [a for a in doc.iter("a") if "type" in a.attrs.get("class", "").split()]
    assert types and all(a.attrs["href"].startswith("/class/") for a in types)
    assert iri in html
    data = doc.find_id("data")
    hrefs = [h for h, _ in data.links()]
    for ext in ("ttl", "jsonld", "rdf", "nt", "trig", "nq"):
        assert f"{web.base}{path}.{ext}" in hrefs
    sparql = next(h for h, text in data.links() if "SPARQL" in text)
    assert urlsplit(sparql).path == "/sparql"
    assert parse_qs(urlsplit(sparql).query)["query"] == [f"DESCRIBE <{iri}>"]
    embedded = jsonld(doc)
    assert embedded and embedded[0]["@context"] == "https://schema.org" and embedded[0]["name"] == h1[0]
    assert embedded[0]["@id"] == iri
    provenance = doc.find_id("provenance")
    assert any(h.startswith(f"{web.base}/id/source/") for h, _ in provenance.links())
    # Never a bare IRI as link text when the target has a label.
    for href, text in doc.find_id("main").links():
        if href.startswith(f"{web.base}/id/") and not href.endswith(
            (".ttl", ".jsonld", ".rdf", ".nt", ".trig", ".nq", ".html")
        ):
            assert not text.startswith(("http://", "https://")), (href, text)


def test_schema_org_places_only_contain_places(web: Web) -> None:
    """schema.org's containedInPlace is for places; a firm is somewhere by ``location``."""
    _, firm = page(web, "/id/firm/mahindra-and-mahindra")
    data = jsonld(firm)[0]
    assert "containedInPlace" not in data
    assert data["location"]["@id"] == BASE + "id/place/india"
    _, city = page(web, "/id/place/chennai")
    assert jsonld(city)[0]["containedInPlace"]["@id"].startswith(BASE + "id/place/")


def test_hub_page(web: Web) -> None:
    _, doc = page(web, "/id/hub/michigan")
    assert doc.texts("h1") == ["Michigan AMHUB"]
    assert "/class/amkg:Hub" in [h for h, _ in doc.links()]
    # Values are labelled links to the public IRIs, with provenance badges per statement.
    assert link_texts(doc, f"{web.base}/id/org/automation-alley") == ["Automation Alley"]
    host_row = next(
        p for p in doc.iter("div") if "prop" in p.attrs.get("class", "") and "hosted by" in p.text
    )
    badges = [text for href, text in host_row.links() if href.startswith(f"{web.base}/id/source/")]
    assert badges == ["WEF 2020", "WEF 2021"]
    # The 2020 and 2021 reports describe it differently: both shown side by side.
    differ = doc.find_id("differ")
    assert differ is not None
    headers = [" ".join(th.text.split()) for th in differ.iter("th")]
    assert "WEF 2020" in headers and "WEF 2021" in headers and "description" in headers
    # Statistics: a table by indicator, area and year; a chart only for a series of two years or more (with
    # a value axis), a value card for a single year.
    stats = doc.find_id("statistics")
    table = next(stats.iter("table"))
    assert "Manufacturing share of GDP" in table.text
    assert "19 %" in table.text
    charts = list(stats.iter("svg"))
    assert charts and all(c.attrs.get("role") == "group" and c.attrs.get("aria-label") for c in charts)
    for chart in charts:
        years = [t.text for t in chart.iter("text") if t.attrs.get("class") == "tick"]
        assert len(years) >= 2, "a chart has two years or more"
        assert [t.text for t in chart.iter("text") if t.attrs.get("class") == "tick y"][-1] == "0"
    cards = [f for f in stats.iter("figure") if "card-value" in f.attrs.get("class", "")]
    assert len(cards) >= 3, "single figures are value cards, not lone bars"
    assert all(list(c.iter("svg")) == [] for c in cards)
    # Incoming links, grouped: initiatives and collaborations of the hub.
    incoming = doc.find_id("incoming")
    assert any("hub of" in h for h in incoming.texts("h3"))
    assert jsonld(doc)[0]["@type"] == "Organization"


def test_firm_page(web: Web) -> None:
    _, doc = page(web, "/id/firm/mahindra-and-mahindra")
    assert doc.texts("h1") == ["Mahindra & Mahindra Ltd."]
    assert "M&M" in doc.find_id("main").text, "alternative names are shown"
    assert link_texts(doc, f"{web.base}/id/technology/collaborative-robots") == ["Collaborative robots"]
    assert link_texts(doc, f"{web.base}/id/place/india") == ["India"]
    # Structured values (schema:QuantitativeValue blank nodes) are rendered inline with their parts.
    figures = [e for e in doc.iter("span") if "structured" in e.attrs.get("class", "")]
    assert figures and any("cobots" in f.text and "count" in f.text for f in figures)
    assert any(text == "studied in" for text in (" ".join(h.text.split()[:-1]) for h in doc.iter("h3")))
    assert jsonld(doc)[0]["@type"] == "Corporation"


def test_technology_page(web: Web) -> None:
    _, doc = page(web, "/id/technology/additive-manufacturing")
    assert doc.texts("h1") == ["Additive manufacturing"]
    assert "3D printing" in doc.find_id("main").text
    assert "Technologies" in link_texts(doc, f"{web.base}/id/scheme/technologies")
    narrower = next(
        g
        for g in doc.find_id("incoming").iter("section")
        if "narrower" in g.text.split("\n")[0] or g.attrs.get("id") == "in-skos:broader"
    )
    assert any(href.startswith(f"{web.base}/id/technology/") for href, _ in narrower.links())
    assert "yes" in doc.find_id("main").text  # amkg:isADPTechnology true, shown as yes


def test_policy_initiative_page(web: Web) -> None:
    _, doc = page(web, "/id/policy/penang-automation-cluster")
    assert doc.texts("h1") == ["Penang Automation Cluster support for local SMEs"]
    main = doc.find_id("main")
    assert link_texts(doc, f"{web.base}/id/place/malaysia") == ["Malaysia"]
    headings = doc.texts("h2")
    assert "Policy" in headings and "Who" in headings
    assert any(h.startswith(f"{web.base}/id/policy-area/") for h, _ in main.links())
    assert "UNIDO 2019" in [text for _, text in main.links()]


def test_programme_page_shows_money_in_its_own_currency(web: Web) -> None:
    _, doc = page(web, "/id/programme/made-smarter")
    assert doc.texts("h1") == ["Made Smarter"]
    strands = [text for href, text in doc.links() if href.startswith(f"{web.base}/id/initiative/")]
    assert strands
    _, pilot = page(web, "/id/initiative/north-west-made-smarter-adoption-pilot")
    money = [e for e in pilot.iter("span") if "structured" in e.attrs.get("class", "")]
    assert any("GBP 20,000,000" in m.text for m in money), [m.text for m in money]


def test_observation_page(web: Web) -> None:
    _, doc = page(web, "/id/observation/wef-amhub-2020-michigan-manufacturing-share-of-gdp")
    headline = next(p for p in doc.iter("p") if "headline-figure" in p.attrs.get("class", ""))
    assert "Manufacturing share of GDP" in headline.text and "19" in headline.text
    assert link_texts(doc, f"{web.base}/id/hub/michigan") == ["Michigan AMHUB"]
    assert jsonld(doc)[0]["@type"] == "Observation"


def test_source_document_page(web: Web) -> None:
    _, doc = page(web, "/id/source/wef-amhub-2021")
    main = doc.find_id("main")
    assert "statements" in doc.find_id("provenance").text
    described = doc.find_id("in-dct:source")
    assert described is not None, "what the document describes is listed"
    assert "of" in described.text and any(
        rel == "next" for rel in (a.attrs.get("rel") for a in described.iter("a"))
    )
    more = web.get(f"{web.base}/id/source/wef-amhub-2021.html?incoming=dct:source&page=2", timeout=30)
    assert more.status_code == 200
    second = parse(more.text).find_id("in-dct:source")
    assert "26–" in second.text
    assert "2021" in main.text


def test_scheme_page_is_a_tree(web: Web) -> None:
    _, doc = page(web, "/id/scheme/technologies")
    tree = doc.find_id("tree")
    assert tree is not None
    # A concept's narrower concepts sit in the details after its link (a link inside a summary would be
    # nested interactive content).
    ai = next(li for li in tree.iter("li") if li.links() and li.links()[0][1] == "Artificial intelligence")
    assert link_texts(next(ai.iter("details")), f"{web.base}/id/technology/machine-learning") == [
        "Machine learning"
    ]
    _, policy = page(web, "/id/scheme/policy")
    assert len(policy.find_id("tree").texts("h3")) >= 2, "policy areas and firm challenges grouped by kind"
    _, impacts = page(web, "/id/scheme/impact-dimensions")
    assert list(impacts.find_id("tree").iter("details"))
