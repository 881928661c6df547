"""The pages around the entities on the real server: home, classes, class pages, search, comparison,
ontology and downloads.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from support.html import Element, parse

BASE = "https://w3id.org/amkg/"


def get_page(url: str) -> Element:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"].startswith("text/html")
    return parse(response.text)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def test_home_says_what_amkg_is_and_links_everywhere(live_server: str) -> None:
    doc = get_page(f"{live_server}/")
    main = doc.find_id("main")
    assert "Advanced Manufacturing Knowledge Graph" in doc.texts("h1")[0]
    hrefs = [h for h, _ in main.links()]
    for slug in ("wef-amhub-2020", "wef-amhub-2021", "unido-2019", "ifm-2020", "oecd-andreoni-chang"):
        assert f"{live_server}/id/source/{slug}" in hrefs
    counts = doc.find_id("browse")
    hub_link = next(li for li in counts.iter("li") if any(h == "/class/amkg:Hub" for h, _ in li.links()))
    assert int(hub_link.text.split()[0].replace(",", "")) >= 12
    questions = [h for h, _ in doc.find_id("questions").links()]
    assert questions and all(urlsplit(h).path == "/sparql" for h in questions)
    assert "SELECT" in parse_qs(urlsplit(questions[0]).query)["query"][0].upper()
    assert f"{live_server}/sparql" in hrefs and f"{live_server}/.well-known/void" in hrefs
    nav = [h for h, _ in next(doc.iter("nav")).links()]
    assert f"{live_server}/sparql" in nav and f"{live_server}/.well-known/void" in nav


def test_class_page_lists_members_sorted_and_paged(live_server: str) -> None:
    doc = get_page(f"{live_server}/class/amkg:Hub")
    members = [text for href, text in next(doc.find_id("main").iter("ol")).links()]
    assert "Michigan AMHUB" in members
    assert members == sorted(members, key=fold)
    # A class with more than one page of members pages, with the rest in order on page 2.
    impacts = get_page(f"{live_server}/class/amkg:Impact")
    assert any(a.attrs.get("rel") == "next" for a in impacts.iter("a"))
    first = [t for _, t in next(impacts.find_id("main").iter("ol")).links()]
    second = [
        t
        for _, t in next(
            get_page(f"{live_server}/class/amkg:Impact?page=2").find_id("main").iter("ol")
        ).links()
    ]
    assert len(first) == 50 and second and fold(first[-1]) <= fold(second[0])
    # Superclasses list their subclasses' members too.
    initiatives = get_page(f"{live_server}/class/amkg:Initiative")
    assert "programme" in initiatives.find_id("main").text
    assert requests.get(f"{live_server}/class/amkg:NoSuchClass", timeout=30).status_code == 404
    assert requests.get(f"{live_server}/class/nonsense", timeout=30).status_code == 404


def test_classes_index_links_every_class(live_server: str) -> None:
    doc = get_page(f"{live_server}/classes")
    hrefs = [h for h, _ in doc.find_id("main").links()]
    for name in ("amkg:Hub", "amkg:Firm", "qb:Observation", "amkg:Technology", "amkg:Programme"):
        assert f"/class/{name}" in hrefs


def test_search_ignores_accents_and_case_and_groups_by_class(live_server: str) -> None:
    for query in ("sao paulo", "SÃO PAULO", "São Paulo"):
        doc = get_page(f"{live_server}/search?q={query}")
        main = doc.find_id("main")
        assert f"{live_server}/id/hub/brazil" in [h for h, _ in main.links()], query
        assert "Hub" in [" ".join(h.split()[:-1]) for h in main.texts("h2")]
    # An alternative label finds the resource and says which name matched.
    doc = get_page(f"{live_server}/search?q=3d+printing")
    am = next(
        li
        for li in doc.iter("li")
        if f"{live_server}/id/technology/additive-manufacturing" in [h for h, _ in li.links()]
    )
    assert "3D printing" in am.text
    empty = get_page(f"{live_server}/search?q=zzzzqqq")
    assert "Nothing is called that" in empty.find_id("main").text


def test_comparison_puts_hubs_side_by_side(live_server: str) -> None:
    doc = get_page(f"{live_server}/compare")
    section = doc.find_id("manufacturing-share-of-gdp")
    assert section is not None
    hubs = [t for h, t in section.links() if h.startswith(f"{live_server}/id/hub/")]
    assert {"Michigan AMHUB", "Lombardy AMHUB"} <= set(hubs)
    assert list(section.iter("svg")) and list(section.iter("rect"))
    headers = section.texts("th")
    assert "2020" in headers and "2021" in headers
    chosen = get_page(f"{live_server}/compare?hub=michigan&hub=lombardy&indicator=manufacturing-share-of-gdp")
    sections = [s for s in chosen.iter("section") if "compare-section" in s.attrs.get("class", "")]
    assert len(sections) == 1
    assert {t for h, t in sections[0].links() if h.startswith(f"{live_server}/id/hub/")} == {
        "Michigan AMHUB",
        "Lombardy AMHUB",
    }


def test_ontology_page_documents_classes_and_properties(live_server: str) -> None:
    doc = get_page(f"{live_server}/ontology.html")
    hub = doc.find_id("Hub")
    assert hub is not None and "regional advanced-manufacturing hub" in hub.text
    assert "/class/amkg:Hub" in [h for h, _ in hub.links()]
    hosted = doc.find_id("hostedBy")
    assert "inverse" in hosted.text and f"{live_server}/ontology#hosts" in [h for h, _ in hosted.links()]
    assert doc.find_id("obsValue") is not None and doc.find_id("increase") is not None
    # Hash IRIs of terms point at their anchors on this page.
    entity = get_page(f"{live_server}/id/hub/michigan.html")
    assert f"{live_server}/ontology#hostedBy" in [h for h, _ in entity.links()]


def test_downloads_are_listed_and_served(live_server: str) -> None:
    doc = get_page(f"{live_server}/downloads")
    files = {t: h for h, t in doc.find_id("main").links() if h.startswith("/downloads/")}
    for name in ("amkg.nq", "amkg.trig", "amkg.jsonld"):
        assert name in files
    assert any(name.startswith("graphs/") and name.endswith(".ttl") for name in files)
    response = requests.get(f"{live_server}{files['amkg.nq']}", timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/n-quads; charset=utf-8"
    graph_dump = next(h for t, h in files.items() if t.startswith("graphs/"))
    turtle = requests.head(f"{live_server}{graph_dump}", timeout=30)
    assert turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert b"<https://w3id.org/amkg/id/hub/michigan>" in response.content
    assert requests.get(f"{live_server}/downloads/../pyproject.toml", timeout=30).status_code == 404
    assert requests.get(f"{live_server}/downloads/nothing.nq", timeout=30).status_code == 404


def test_every_resource_listed_by_a_class_has_a_page(live_server: str) -> None:
    """Crawl every class page and open every member's page: none fails, each has its one title."""
    session = requests.Session()
    index = get_page(f"{live_server}/classes").find_id("main")
    classes = [h for h, _ in index.links() if h.startswith("/class/")]
    seen: set[str] = set()
    for href in classes:
        page = 1
        while True:
            listing = parse(session.get(f"{live_server}{href}?page={page}", timeout=30).text)
            for member, _ in next(listing.find_id("main").iter("ol"), listing).links():
                if member.startswith(f"{live_server}/id/") and member not in seen:
                    seen.add(member)
                    response = session.get(member + ".html", timeout=30)
                    assert response.status_code == 200, member
                    assert len(parse(response.text).texts("h1")) == 1, member
            if not any(a.attrs.get("rel") == "next" for a in listing.iter("a")):
                break
            page += 1
    assert len(seen) > 500


@pytest.mark.parametrize(
    "value", ["-1", "0", "abc", "1.5", "", "%00", "%C2%B2", "%D9%A3", "9" * 5000, "999999"]
)
def test_page_numbers_out_of_range_give_a_page_never_an_error(live_server: str, value: str) -> None:
    """Paging parameters that are not a page (negative, words, superscript digits, 5,000 digits) show the
    first page; numbers past the end show the last one."""
    last = value.isdigit() and len(value) > 1  # 999999 and 5,000 nines; "0" is not a page either
    listing = requests.get(f"{live_server}/class/amkg:Impact?page={value}", timeout=30)
    assert listing.status_code == 200, value
    assert ("page 3 of 3" if last else "page 1 of 3") in listing.text, value
    incoming = requests.get(
        f"{live_server}/id/source/wef-amhub-2021.html?incoming=dct:source&page={value}", timeout=30
    )
    assert incoming.status_code == 200, value
    assert ("301–" if last else "1–25 of") in incoming.text, value


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/classes",
        "/id/hub/michigan.html",
        "/id/indicator/manufacturing-share-of-gdp.html",
        "/id/scheme/technologies.html",
        "/id/source/wef-amhub-2021.html?incoming=dct:source&page=2",
        "/class/amkg:Impact?page=2",
        "/search?q=robot",
        "/compare?hub=michigan",
        "/ontology.html",
        "/graph/inferred",
        "/id/hub/michigan.nq",
    ],
)
def test_no_page_needs_more_than_a_handful_of_queries(live_server: str, path: str) -> None:
    """Counted by the server itself (``Server-Timing``); a parameter of its own keeps the page cache out of
    it, and a worker's first page may also fill the lookups every page shares (labels, sources)."""
    fresh = f"{path}{'&' if '?' in path else '?'}fresh={uuid.uuid4().hex}"
    response = requests.get(live_server + fresh, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200, path
    queries = int(re.fullmatch(r'store;desc="SPARQL queries: (\d+)"', response.headers["Server-Timing"])[1])
    assert queries <= 5, (path, queries)
