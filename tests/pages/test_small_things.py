"""The small things a curator trips over: the VoID link in a browser, one count of entities everywhere, a
favicon, paging on the entity IRI, YASGUI's short default query and its links to our pages, the
federation example's allow-list."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from support.html import parse
from support.server import DIST
from support.web import Web

#: What Chromium sends for a link it follows: HTML first, but XML too (hence RDF/XML before this page).
BROWSER_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"
)
VOID = "http://rdfs.org/ns/void#"


def test_void_link_shows_a_page_in_a_browser_and_rdf_to_clients(web: Web) -> None:
    page = web.get(f"{web.base}/.well-known/void", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Named graphs" in page.text and "?format=turtle" in page.text
    turtle = web.get(f"{web.base}/.well-known/void", headers={"Accept": "text/turtle"})
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    plain = web.get(f"{web.base}/.well-known/void")
    assert plain.headers["Content-Type"].startswith("text/turtle"), "no Accept: Turtle, as before"
    asked = web.get(f"{web.base}/.well-known/void?format=rdfxml", headers={"Accept": BROWSER_ACCEPT})
    assert asked.headers["Content-Type"].startswith("application/rdf+xml"), "format= wins over Accept"


def test_one_count_of_entities_on_home_void_and_build(web: Web) -> None:
    home = parse(web.get(f"{web.base}/").text)
    line = next(p for p in home.iter("p") if "stat-line" in p.attrs.get("class", ""))
    shown = int(re.search(r"([\d,]+)\s+entities", " ".join(line.text.split())).group(1).replace(",", ""))
    turtle = web.get(f"{web.base}/.well-known/void", headers={"Accept": "text/turtle"}).content
    graph = ox.Store()
    graph.load(turtle, format=ox.RdfFormat.TURTLE)
    dataset = ox.NamedNode("https://w3id.org/amkg/")
    void = [q.object.value for q in graph.quads_for_pattern(dataset, ox.NamedNode(VOID + "entities"), None)]
    built = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["counts"]["entities"]
    assert void == [str(shown)] and built == shown


def test_favicon(web: Web) -> None:
    icon = web.get(f"{web.base}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["Content-Type"].startswith("image/svg+xml")
    page = parse(web.get(f"{web.base}/id/hub/michigan.html").text)
    assert [link for link in page.iter("link") if link.attrs.get("rel") == "icon"]


def test_incoming_paging_works_on_the_entity_iri(web: Web) -> None:
    answer = web.get(
        f"{web.base}/id/source/wef-amhub-2021?incoming=dct:source&page=2",
        headers={"Accept": "text/html"},
        allow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/id/source/wef-amhub-2021.html?incoming=dct%3Asource&page=2")
    followed = web.get(
        f"{web.base}/id/source/wef-amhub-2021?incoming=dct:source&page=2", headers={"Accept": "text/html"}
    )
    assert "26–50 of" in followed.text


def test_query_page_defaults_and_federation_note(web: Web) -> None:
    page = web.get(f"{web.base}/sparql", headers={"Accept": "text/html"})
    doc = parse(page.text)
    config = json.loads(next(s for s in doc.iter("script") if s.attrs.get("id") == "sparql-config").text)
    assert config["defaultQuery"].count("PREFIX") <= 3, "a short default query, its prefixes only"
    assert config["base"] == "https://w3id.org/amkg/" and config["publicBase"] == f"{web.base}/"
    federated = next(li for li in doc.iter("li") if "Wikidata" in li.text)
    assert "allow-list" in " ".join(federated.text.split())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ontology.html",
        "/.well-known/void",
        "/id/source/wef-amhub-2021.html",
        "/class/amkg:Hub",
        "/id/case/aedesign.html",
        "/id/scheme/technologies.html",
        "/search?q=additive",
    ],
)
def test_no_link_leads_nowhere(web: Web, path: str) -> None:
    """Every link of ours on the page answers (the dumps and vendored files left out)."""
    page = web.get(f"{web.base}{path}", headers={"Accept": "text/html"}).text
    targets = {
        h.replace("&amp;", "&") for h in re.findall(rf'href="((?:{re.escape(web.base)})?/[^"#]*)', page)
    }
    broken = []
    for target in sorted(targets):
        url = target if target.startswith("http") else web.base + target
        if "/downloads/" in url or "/static/" in url:
            continue
        answer = web.get(url, headers={"Accept": "text/html"})
        if answer.status_code != 200:
            broken.append((target, answer.status_code))
    assert broken == []
