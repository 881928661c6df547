"""Figures read as what they are: each with its area, period and qualifiers, areas never joined in a series,
"the sources differ" only for one indicator, area and year, impacts as one phrase in a table.

The real graph has few qualifiers yet, so a small project (``fixtures/valid`` with ``fixtures/qualified``
laid over it: a bound, a target, an assumed period, a second area) is built and served in-process too.
"""

from __future__ import annotations

import pytest
from amkg.app import create_app
from amkg.build import build
from amkg.config import Settings
from flask.testing import FlaskClient
from support.html import Element, parse
from support.projects import FIXTURES, make_project
from support.web import Web


@pytest.fixture(scope="module")
def qualified(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    root = make_project(tmp_path_factory.mktemp("qualified") / "project", FIXTURES / "qualified")
    settings = Settings(root=root, dist=root / "dist", public_base="http://localhost/")
    build(settings)
    return create_app(settings).test_client()


def get(client: FlaskClient, path: str) -> Element:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return parse(response.get_data(as_text=True))


def text(element: Element) -> str:
    return " ".join(element.text.split())


def rows(table: Element) -> list[Element]:
    return [tr for tr in table.iter("tr") if list(tr.iter("td"))]


def test_qualifiers_ride_with_their_figures(qualified: FlaskClient) -> None:
    doc = get(qualified, "/id/hub/testland.html")
    stats = doc.find_id("statistics")
    assert stats is not None
    table = next(stats.iter("table"))
    by_area = {text(next(tr.iter("td"))): tr for tr in rows(table)}
    assert set(by_area) == {"Testland", "Test City"}, "one row per indicator and area"
    assert "more than 30 % period assumed" in text(by_area["Test City"])
    testland = text(by_area["Testland"])
    assert "18 %" in testland and "40 % target" in testland
    assert "18 % period" not in testland, "an exact, dated figure says no more"
    # Two areas in 2020 (21.5 % and more than 30 %) are not sources differing.
    assert not [td for td in table.iter("td") if "differs" in td.attrs.get("class", "")]
    assert "differ" not in text(next(table.iter("caption")))


def test_a_series_never_joins_areas_and_a_target_reads_as_one(qualified: FlaskClient) -> None:
    stats = get(qualified, "/id/hub/testland.html").find_id("statistics")
    charts = list(stats.iter("svg"))
    assert len(charts) == 1, "Testland has three years; Test City's single figure is a card"
    assert "Testland" in charts[0].attrs["aria-label"] and "Test City" not in charts[0].attrs["aria-label"]
    years = [t.text for t in charts[0].iter("text") if t.attrs.get("class") == "tick"]
    assert years == ["2019", "2020", "2030"]
    later = [r for r in charts[0].iter("rect") if "later" in r.attrs.get("class", "")]
    assert len(later) == 1 and "target" in text(later[0])
    cards = [f for f in stats.iter("figure") if "card-value" in f.attrs.get("class", "")]
    assert len(cards) == 1 and "Test City" in text(cards[0]) and "more than 30 %" in text(cards[0])


def test_observation_and_indicator_pages_show_the_bound(qualified: FlaskClient) -> None:
    doc = get(qualified, "/id/indicator/test-share.html")
    latest = next(e for e in doc.iter("ol") if "latest" in e.attrs.get("class", ""))
    assert "more than 30 %" in text(latest)
    assert "40 %" not in text(latest), "a target is not a hub's latest reported figure"


def test_turkey_keeps_istanbul_and_turkey_apart(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/id/hub/turkey.html").text)
    stats = doc.find_id("statistics")
    titles = [c.attrs["aria-label"] for c in stats.iter("svg")]
    assert not [t for t in titles if t.startswith("Population")], "no population series from 15.5 M to 84.3 M"
    areas = {text(next(tr.iter("td"))) for tr in rows(next(stats.iter("table")))}
    assert {"Istanbul", "Turkey"} <= areas


def test_ulsan_population_of_two_areas_does_not_differ(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/id/hub/ulsan.html").text)
    table = next(doc.find_id("statistics").iter("table"))
    population = [tr for tr in rows(table) if text(next(tr.iter("th"))) == "Population"]
    assert len(population) >= 2, "Ulsan and the wider area are two rows"
    assert not [td for tr in population for td in tr.iter("td") if "differs" in td.attrs.get("class", "")]


def test_case_study_lists_its_impacts_as_a_table(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/id/case/china-baowu-steel-group.html").text)
    section = doc.find_id("impacts")
    assert section is not None
    heads = [text(th) for th in section.iter("th") if th.attrs.get("scope") == "col"]
    assert heads == ["Impact", "Dimension", "Direction", "Figure", "Period", "Source"]
    row = next(tr for tr in rows(section) if "automation rate" in text(tr))
    cells = [text(td) for td in row.iter("td")]
    assert cells[:3] == ["Efficiency", "up", "6 %, to 98.5 %"]


def test_impact_page_shows_its_figure_as_one_phrase(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/id/impact/china-baowu-steel-group-automation-rate.html").text)
    headline = next(p for p in doc.iter("p") if "headline-figure" in p.attrs.get("class", ""))
    assert "up 6 %, to 98.5 %" in text(headline)
    labels = [text(dt) for dt in doc.iter("dt")]
    assert "result" not in labels and "value" not in labels and "unit" not in labels


def test_compare_names_an_unknown_hub(web: Web) -> None:
    response = web.get(f"{web.base}/compare?hub=nope")
    assert response.status_code == 404
    assert "No hub or indicator is called" in response.text and "nope" in response.text


def test_a_structured_value_says_its_bound_and_status(qualified: FlaskClient) -> None:
    doc = get(qualified, "/id/initiative/test-lab.html")
    figures = [text(s) for s in doc.iter("strong") if s.text.strip()]
    assert "more than 10,000 sensors" in figures, "the bound rides with its value"
    assert "500 firms reached, target" in figures
    lists = [dl for dl in doc.iter("dl") if "parts" in dl.attrs.get("class", "")]
    parts = [text(dt) for dl in lists for dt in dl.iter("dt")]
    assert parts and not {"bound", "figure status"} & set(parts), "no qualifier in a row of its own"


def test_observation_page_says_its_bound_in_the_headline_not_in_a_row(qualified: FlaskClient) -> None:
    doc = get(qualified, "/id/observation/test-share-test-city-2020.html")
    headline = next(p for p in doc.iter("p") if "headline-figure" in p.attrs.get("class", ""))
    assert "Test City, 2020: more than 30 percent" in text(headline)
    assert not {"bound", "figure status"} & {text(dt) for dt in doc.iter("dt")}
    target = get(qualified, "/id/observation/test-share-testland-2030.html")
    line = text(next(p for p in target.iter("p") if "headline-figure" in p.attrs.get("class", "")))
    assert "40 percent target" in line
