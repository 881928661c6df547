"""Class pages list their class's key columns, sortable on the server; the home page has a way in per main
class, hubs first."""

from __future__ import annotations

from support.html import Element, parse
from support.web import Web


def table_of(web: Web, path: str) -> tuple[list[str], list[list[str]]]:
    doc = parse(web.get(f"{web.base}{path}").text)
    table = next(t for t in doc.iter("table") if "members" in t.attrs.get("class", ""))
    heads = [
        " ".join(th.text.split()).rstrip(" ▲▼") for th in table.iter("th") if th.attrs.get("scope") == "col"
    ]
    rows = [
        [_text(c) for c in tr.children if c.tag in ("th", "td")]
        for tr in table.iter("tr")
        if list(tr.iter("td"))
    ]
    return heads, rows


def _text(element: Element) -> str:
    return " ".join(element.text.split())


def test_hub_list_has_region_country_host_and_year(web: Web) -> None:
    heads, rows = table_of(web, "/class/amkg:Hub")
    assert heads == ["name", "region", "country", "host", "year joined", "year launched"]
    michigan = next(r for r in rows if r[0] == "Michigan AMHUB")
    assert michigan[1:4] == ["Michigan", "United States", "Automation Alley"]


def test_hub_list_shows_the_year_each_report_says_a_hub_joined(web: Web) -> None:
    """amkg:yearJoined, one per report: Qatar joined in 2020 (WEF 2020) and 2021 (WEF 2021), Saudi Arabia
    in 2020; sorted by it, the earliest year first and hubs no report gives a year for last."""
    _, rows = table_of(web, "/class/amkg:Hub?sort=year+joined")
    joined = {r[0]: r[4] for r in rows}
    assert joined["Qatar AMHUB"] == "2020, 2021" and joined["Saudi Arabia AMHUB"] == "2020"
    assert [r[0] for r in rows[:2]] == ["Qatar AMHUB", "Saudi Arabia AMHUB"]
    assert all(r[4] == "" for r in rows[2:])
    _, rows = table_of(web, "/class/amkg:Hub?sort=year+joined&desc=1")
    assert {r[0] for r in rows[:2]} == {"Qatar AMHUB", "Saudi Arabia AMHUB"} and rows[-1][4] == ""


def test_sorting_by_a_column_both_ways(web: Web) -> None:
    _, rows = table_of(web, "/class/amkg:Hub?sort=country")
    countries = [r[2] for r in rows if r[2]]
    assert countries == sorted(countries, key=str.casefold)
    _, rows = table_of(web, "/class/amkg:Hub?sort=country&desc=1")
    assert [r[2] for r in rows if r[2]] == sorted(countries, key=str.casefold, reverse=True)


def test_firm_and_observation_columns(web: Web) -> None:
    heads, rows = table_of(web, "/class/amkg:Firm")
    assert heads == ["name", "country", "activity", "case study"]
    aedesign = next(r for r in rows if r[0] == "AEDesign")
    assert aedesign[1] == "Pakistan" and aedesign[3] == "AEDesign case study (UNIDO 2019)"
    heads, rows = table_of(web, "/class/qb:Observation?sort=value&desc=1")
    assert heads == ["name", "indicator", "area", "period", "value", "source"]
    assert rows[0][4] == "USD 1,000,000,000,000", "largest value first"


def test_home_page_offers_main_classes_hubs_first(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/").text)
    start = doc.find_id("start")
    assert start is not None
    names = [text for _, text in start.links()]
    assert names[0] == "Hubs" and {"Firms", "Case studies", "Impacts", "Observations"} <= set(names)
