"""The pages around the entities on the real server: home, classes, class pages, search, comparison,
ontology and downloads.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from support.html import Element, parse
from support.web import Web

BASE = "https://w3id.org/amkg/"


def get_page(web: Web, url: str) -> Element:
    response = web.get(url, timeout=30)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"].startswith("text/html")
    return parse(response.text)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def test_home_says_what_amkg_is_and_links_everywhere(web: Web) -> None:
    doc = get_page(web, f"{web.base}/")
    main = doc.find_id("main")
    assert "Advanced Manufacturing Knowledge Graph" in doc.texts("h1")[0]
    hrefs = [h for h, _ in main.links()]
    for slug in ("wef-amhub-2020", "wef-amhub-2021", "unido-2019", "ifm-2020", "oecd-andreoni-chang"):
        assert f"{web.base}/id/source/{slug}" in hrefs
    counts = doc.find_id("browse")
    hub_link = next(li for li in counts.iter("li") if any(h == "/class/amkg:Hub" for h, _ in li.links()))
    assert int(hub_link.text.split()[0].replace(",", "")) >= 12
    questions = [h for h, _ in doc.find_id("questions").links()]
    assert questions and all(urlsplit(h).path == "/sparql" for h in questions)
    assert "SELECT" in parse_qs(urlsplit(questions[0]).query)["query"][0].upper()
    assert f"{web.base}/sparql" in hrefs and f"{web.base}/.well-known/void" in hrefs
    nav = [h for h, _ in next(doc.iter("nav")).links()]
    assert f"{web.base}/sparql" in nav and f"{web.base}/.well-known/void" in nav


def test_class_page_lists_members_sorted_and_paged(web: Web) -> None:
    doc = get_page(web, f"{web.base}/class/amkg:Hub")
    table = next(doc.find_id("main").iter("table"))  # hubs have key columns; the name is each row's head
    rows = [th for th in table.iter("th") if th.attrs.get("scope") == "row"]
    members = [text for th in rows for _, text in th.links()[:1]]
    assert "Michigan AMHUB" in members
    assert members == sorted(members, key=fold)
    # A class with more than one page of members pages, with the rest in order on page 2.
    impacts = get_page(web, f"{web.base}/class/amkg:Impact")
    assert any(a.attrs.get("rel") == "next" for a in impacts.iter("a"))
    first = [t for _, t in next(impacts.find_id("main").iter("ol")).links()]
    second = [
        t
        for _, t in next(
            get_page(web, f"{web.base}/class/amkg:Impact?page=2").find_id("main").iter("ol")
        ).links()
    ]
    assert len(first) == 50 and second and fold(first[-1]) <= fold(second[0])
    # Superclasses list their subclasses' members too.
    initiatives = get_page(web, f"{web.base}/class/amkg:Initiative")
    assert "programme" in initiatives.find_id("main").text
    assert web.get(f"{web.base}/class/amkg:NoSuchClass", timeout=30).status_code == 404
    assert web.get(f"{web.base}/class/nonsense", timeout=30).status_code == 404


def test_classes_index_links_every_class(web: Web) -> None:
    doc = get_page(web, f"{web.base}/classes")
    hrefs = [h for h, _ in doc.find_id("main").links()]
    for name in ("amkg:Hub", "amkg:Firm", "qb:Observation", "amkg:Technology", "amkg:Programme"):
        assert f"/class/{name}" in hrefs


def test_search_ignores_accents_and_case_and_groups_by_class(web: Web) -> None:
    for query in ("sao paulo", "SÃO PAULO", "São Paulo"):
        doc = get_page(web, f"{web.base}/search?q={query}")
        main = doc.find_id("main")
        assert f"{web.base}/id/hub/brazil" in [h for h, _ in main.links()], query
        assert "Hub" in [" ".join(h.split()[:-1]) for h in main.texts("h2")]
    # An alternative label finds the resource and says which name matched.
    doc = get_page(web, f"{web.base}/search?q=3d+printing")
    am = next(
        li
        for li in doc.iter("li")
        if f"{web.base}/id/technology/additive-manufacturing" in [h for h, _ in li.links()]
    )
    assert "3D printing" in am.text
    empty = get_page(web, f"{web.base}/search?q=zzzzqqq")
    assert "Nothing is called that" in empty.find_id("main").text


def test_comparison_puts_hubs_side_by_side(web: Web) -> None:
    doc = get_page(web, f"{web.base}/compare")
    section = doc.find_id("manufacturing-share-of-gdp")
    assert section is not None
    hubs = [t for h, t in section.links() if h.startswith(f"{web.base}/id/hub/")]
    assert {"Michigan AMHUB", "Lombardy AMHUB"} <= set(hubs)
    assert list(section.iter("svg")) and list(section.iter("rect"))
    headers = section.texts("th")
    assert "2020" in headers and "2021" in headers
    query = "hub=michigan&hub=lombardy&indicator=manufacturing-share-of-gdp"
    chosen = get_page(web, f"{web.base}/compare?{query}")
    sections = [s for s in chosen.iter("section") if "compare-section" in s.attrs.get("class", "")]
    assert len(sections) == 1
    assert {t for h, t in sections[0].links() if h.startswith(f"{web.base}/id/hub/")} == {
        "Michigan AMHUB",
        "Lombardy AMHUB",
    }


def test_ontology_page_documents_classes_and_properties(web: Web) -> None:
    doc = get_page(web, f"{web.base}/ontology.html")
    hub = doc.find_id("Hub")
    assert hub is not None and "regional advanced-manufacturing hub" in hub.text
    assert "/class/amkg:Hub" in [h for h, _ in hub.links()]
    hosted = doc.find_id("hostedBy")
    assert "inverse" in hosted.text and f"{web.base}/ontology#hosts" in [h for h, _ in hosted.links()]
    assert doc.find_id("obsValue") is not None and doc.find_id("increase") is not None
    # Hash IRIs of terms point at their anchors on this page.
    entity = get_page(web, f"{web.base}/id/hub/michigan.html")
    assert f"{web.base}/ontology#hostedBy" in [h for h, _ in entity.links()]


def test_downloads_are_listed_and_served(web: Web) -> None:
    doc = get_page(web, f"{web.base}/downloads")
    files = {t: h for h, t in doc.find_id("main").links() if h.startswith("/downloads/")}
    for name in ("amkg.nq", "amkg.trig", "amkg.jsonld"):
        assert name in files
    assert any(name.startswith("graphs/") and name.endswith(".ttl") for name in files)
    response = web.get(f"{web.base}{files['amkg.nq']}", timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/n-quads; charset=utf-8"
    graph_dump = next(h for t, h in files.items() if t.startswith("graphs/"))
    turtle = web.head(f"{web.base}{graph_dump}", timeout=30)
    assert turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert b"<https://w3id.org/amkg/id/hub/michigan>" in response.content
    assert web.get(f"{web.base}/downloads/../pyproject.toml", timeout=30).status_code == 404
    assert web.get(f"{web.base}/downloads/nothing.nq", timeout=30).status_code == 404


def test_every_resource_listed_by_a_class_has_a_page(web: Web) -> None:
    """Crawl every class page and open every member's page: none fails, each has its one title."""
    index = get_page(web, f"{web.base}/classes").find_id("main")
    classes = [h for h, _ in index.links() if h.startswith("/class/")]
    seen: set[str] = set()
    for href in classes:
        page = 1
        while True:
            listing = parse(web.get(f"{web.base}{href}?page={page}", timeout=30).text)
            for member, _ in next(listing.find_id("main").iter("ol"), listing).links():
                if member.startswith(f"{web.base}/id/") and member not in seen:
                    seen.add(member)
                    response = web.get(member + ".html", timeout=30)
                    assert response.status_code == 200, member
                    assert len(parse(response.text).texts("h1")) == 1, member
            if not any(a.attrs.get("rel") == "next" for a in listing.iter("a")):
                break
            page += 1
    assert len(seen) > 500


@pytest.mark.parametrize(
    "value", ["-1", "0", "abc", "1.5", "", "%00", "%C2%B2", "%D9%A3", "9" * 5000, "999999"]
)
def test_page_numbers_out_of_range_give_a_page_never_an_error(web: Web, value: str) -> None:
    """Paging parameters that are not a page (negative, words, superscript digits, 5,000 digits) show the
    first page; numbers past the end show the last one."""
    last = value.isdigit() and len(value) > 1  # 999999 and 5,000 nines; "0" is not a page either
    listing = web.get(f"{web.base}/class/amkg:Impact?page={value}", timeout=30)
    assert listing.status_code == 200, value
    assert ("page 3 of 3" if last else "page 1 of 3") in listing.text, value
    incoming = web.get(
        f"{web.base}/id/source/wef-amhub-2021.html?incoming=dct:source&page={value}", timeout=30
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
def test_no_page_needs_more_than_a_handful_of_queries(web: Web, path: str) -> None:
    """Counted by the server itself (``Server-Timing``); a parameter of its own keeps the page cache out of
    it, and a worker's first page may also fill the lookups every page shares (labels, sources)."""
    fresh = f"{path}{'&' if '?' in path else '?'}fresh={uuid.uuid4().hex}"
    response = web.get(web.base + fresh, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200, path
    queries = int(re.fullmatch(r'store;desc="SPARQL queries: (\d+)"', response.headers["Server-Timing"])[1])
    assert queries <= 5, (path, queries)
