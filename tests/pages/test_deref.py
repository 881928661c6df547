"""Dereferencing on the real server: 303 content negotiation, suffix documents, Link headers, 404 and HEAD.

Every IRI under the public base answers at the same path; the documents parse in their declared format
and describe the entity, the statements pointing at it and the labels of what it mentions, with TriG and
N-Quads keeping each statement in its source's graph.
"""

from __future__ import annotations

import pytest
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from support.server import start_server, stop_server
from support.web import Answer, Web

BASE = "https://w3id.org/amkg/"
HUB = URIRef(BASE + "id/hub/michigan")
HOST = URIRef(BASE + "id/org/automation-alley")
AMKG = "https://w3id.org/amkg/ontology#"
WEF_2020 = URIRef(BASE + "id/source/wef-amhub-2020")
WEF_2021 = URIRef(BASE + "id/source/wef-amhub-2021")

CONNEG = [
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("application/n-triples", "nt"),
    ("application/trig", "trig"),
    ("application/n-quads", "nq"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),  # a browser
    ("*/*", "html"),
    ("text/turtle;q=0.5, application/ld+json", "jsonld"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.1", "rdf"),
    # Media-type parameters other than q do not stop a range from matching.
    ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "jsonld"),
    ("application/n-triples; charset=utf-8", "nt"),
    ("text/turtle;charset=UTF-8;q=0.9, text/html;q=0.1", "ttl"),
]
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt", "trig": "trig", "nq": "nquads"}
MEDIA = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nt": "application/n-triples",
    "trig": "application/trig",
    "nq": "application/n-quads",
}


def live_get(url: str, accept: str | None = None, headers: dict[str, str] | None = None) -> requests.Response:
    sent = {**(headers or {}), **({"Accept": accept} if accept else {})}
    return requests.get(url, headers=sent, allow_redirects=False, timeout=30)


def get(web: Web, url: str, accept: str | None = None, headers: dict[str, str] | None = None) -> Answer:
    sent = {**(headers or {}), **({"Accept": accept} if accept else {})}
    return web.get(url, headers=sent, allow_redirects=False)


@pytest.mark.parametrize(("accept", "ext"), CONNEG)
def test_iri_redirects_303_to_the_negotiated_document(web: Web, accept: str, ext: str) -> None:
    response = get(web, f"{web.base}/id/hub/michigan", accept)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{web.base}/id/hub/michigan.{ext}"
    assert "Accept" in response.headers["Vary"]
    assert (
        f'<{web.base}/id/hub/michigan.ttl>; rel="alternate"; type="text/turtle"' in response.headers["Link"]
    )


def test_no_accept_header_gets_the_html_page(web: Web) -> None:
    response = web.get(
        f"{web.base}/id/hub/michigan", headers={"Accept": ""}, allow_redirects=False, timeout=30
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/id/hub/michigan.html")


def test_following_the_303_lands_on_the_page(web: Web) -> None:
    response = web.get(f"{web.base}/id/hub/michigan", headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 200
    assert response.url == f"{web.base}/id/hub/michigan.html"
    assert "<h1>Michigan AMHUB</h1>" in response.text


@pytest.mark.parametrize("ext", ["ttl", "jsonld", "rdf", "nt"])
def test_triple_documents_describe_entity_incoming_links_and_labels(web: Web, ext: str) -> None:
    response = get(web, f"{web.base}/id/hub/michigan.{ext}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{MEDIA[ext]}; charset=utf-8"
    graph = Graph().parse(data=response.content, format=PARSERS[ext])
    assert (HUB, RDF.type, URIRef(AMKG + "Hub")) in graph
    assert (HUB, RDFS.label, Literal("Michigan AMHUB", lang="en")) in graph
    assert (HUB, URIRef(AMKG + "hostedBy"), HOST) in graph
    assert (HOST, RDFS.label, Literal("Automation Alley", lang="en")) in graph, "labels of what it mentions"
    incoming = set(graph.subjects(URIRef(AMKG + "hub"), HUB))
    assert incoming, "statements pointing at the hub are included"
    assert all(graph.value(s, RDFS.label) is not None for s in incoming), "with their labels"
    # The link from a document back to every format is in the Link header.
    for other in ("html", "ttl", "jsonld", "rdf", "nt", "trig", "nq"):
        if other != ext:
            assert f"<{web.base}/id/hub/michigan.{other}>" in response.headers["Link"]


@pytest.mark.parametrize("ext", ["trig", "nq"])
def test_quad_documents_say_which_source_states_what(web: Web, ext: str) -> None:
    response = get(web, f"{web.base}/id/hub/michigan.{ext}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{MEDIA[ext]}; charset=utf-8"
    dataset = Dataset()
    dataset.parse(data=response.content, format=PARSERS[ext])
    graphs = {c.identifier for c in dataset.graphs() if len(c)}
    assert {WEF_2020, WEF_2021} <= graphs
    stated_2020 = dataset.graph(WEF_2020)
    stated_2021 = dataset.graph(WEF_2021)
    member = URIRef(AMKG + "memberOfNetwork")
    network = URIRef(BASE + "id/network/amhubs")
    assert (HUB, member, network) in stated_2020 and (HUB, member, network) in stated_2021
    descriptions_2020 = set(stated_2020.objects(HUB, URIRef("http://purl.org/dc/terms/description")))
    descriptions_2021 = set(stated_2021.objects(HUB, URIRef("http://purl.org/dc/terms/description")))
    assert descriptions_2020 and descriptions_2021 and descriptions_2020 != descriptions_2021


def test_html_document_has_link_header_and_alternates(web: Web) -> None:
    response = get(web, f"{web.base}/id/hub/michigan.html")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert (
        f'<{web.base}/id/hub/michigan.trig>; rel="alternate"; type="application/trig"'
        in response.headers["Link"]
    )
    assert f'<link rel="alternate" type="text/turtle" href="{web.base}/id/hub/michigan.ttl"' in response.text


def test_unknown_iri_is_404_in_every_form(web: Web) -> None:
    page = get(web, f"{web.base}/id/hub/atlantis", "text/html")
    assert page.status_code == 404
    assert "text/html" in page.headers["Content-Type"]
    assert "https://w3id.org/amkg/id/hub/atlantis" in page.text
    assert 'action="/search"' in page.text or "/search" in page.text
    assert get(web, f"{web.base}/id/hub/atlantis", "text/turtle").status_code == 404
    for ext in ("html", "ttl", "jsonld", "rdf", "nt", "trig", "nq"):
        assert get(web, f"{web.base}/id/hub/atlantis.{ext}").status_code == 404
    assert get(web, f"{web.base}/no/such/page", "text/html").status_code == 404


def test_head_works_on_iris_and_documents(web: Web) -> None:
    head = web.head(f"{web.base}/id/hub/michigan", headers={"Accept": "text/turtle"}, timeout=30)
    assert head.status_code == 303
    assert head.headers["Location"].endswith("/id/hub/michigan.ttl")
    for ext in ("html", "ttl", "nq"):
        got = get(web, f"{web.base}/id/hub/michigan.{ext}")
        head = web.head(f"{web.base}/id/hub/michigan.{ext}", timeout=30)
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["Content-Type"] == got.headers["Content-Type"]
    assert web.head(f"{web.base}/id/hub/atlantis.html", timeout=30).status_code == 404


def test_pages_are_conditional(web: Web) -> None:
    first = get(web, f"{web.base}/id/hub/michigan.html")
    assert first.headers.get("ETag")
    again = web.get(
        f"{web.base}/id/hub/michigan.html", headers={"If-None-Match": first.headers["ETag"]}, timeout=30
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("accept", "ext"),
    [
        ("text/html", "html"),
        ("text/turtle", "ttl"),
        ("application/rdf+xml", "rdf"),
        ("application/ld+json", "jsonld"),
    ],
)
def test_ontology_namespace_negotiates(web: Web, accept: str, ext: str) -> None:
    response = get(web, f"{web.base}/ontology", accept)
    assert response.status_code == 303
    assert response.headers["Location"] == f"{web.base}/ontology.{ext}"
    document = get(web, response.headers["Location"])
    assert document.status_code == 200
    assert document.headers["Content-Type"].startswith(MEDIA[ext])
    if ext != "html":
        graph = Graph().parse(data=document.content, format=PARSERS[ext])
        owl_class = URIRef("http://www.w3.org/2002/07/owl#Class")
        assert (URIRef(AMKG + "Hub"), RDF.type, owl_class) in graph
        assert (
            URIRef(BASE + "ontology"),
            RDF.type,
            URIRef("http://www.w3.org/2002/07/owl#Ontology"),
        ) in graph


def test_other_iris_under_the_base_resolve(web: Web) -> None:
    graph = get(web, f"{web.base}/graph/ontology")
    assert graph.status_code == 303 and graph.headers["Location"] == f"{web.base}/ontology"
    inferred = get(web, f"{web.base}/graph/inferred", "text/html")
    assert inferred.status_code == 200 and "Inferred statements" in inferred.text
    assert "Accept" in inferred.headers["Vary"]
    contents = get(web, f"{web.base}/graph/inferred", "text/turtle")
    assert contents.status_code == 303, "RDF clients get what the graph holds"
    assert contents.headers["Location"] == f"{web.base}/downloads/graphs/inferred.ttl"
    source = get(web, f"{web.base}/id/source/wef-amhub-2020", "text/turtle")
    assert source.status_code == 303 and source.headers["Location"].endswith("/id/source/wef-amhub-2020.ttl")


#: The kind of Accept header Comunica sends when it follows links: long enough to need a CORS preflight.
LINK_TRAVERSAL_ACCEPT = (
    "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,"
    "text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,application/xml;q=0.3,text/html;q=0.2"
)


def test_browser_clients_on_other_origins_may_dereference(web: Web) -> None:
    """Linked-data clients in browsers (Comunica's link traversal) read IRIs and documents cross-origin."""
    origin = {"Origin": "https://query.example.org"}
    asks = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept"}
    preflight = web.request("OPTIONS", f"{web.base}/id/hub/michigan", headers={**origin, **asks}, timeout=30)
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "accept" in preflight.headers["Access-Control-Allow-Headers"].lower()
    redirect = get(web, f"{web.base}/id/hub/michigan", LINK_TRAVERSAL_ACCEPT, headers=origin)
    assert redirect.status_code == 303 and redirect.headers["Location"].endswith("/id/hub/michigan.nq")
    for response in (redirect, get(web, redirect.headers["Location"], headers=origin)):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Link" in response.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    "path",
    [
        "/id/hub/mich%00igan",
        "/id/hub/mich%00igan.ttl",
        "/id/hub/%C3%28.html",
        "/id/hub/%ZZ",
        "/id/hub/s%C3%A3o-paulo",
        "/id/hub/a%22b%3E%7B%7D.nt",
        "/id/hub/" + "a" * 6000,
        "/id/%2e%2e/%2e%2e/pyproject.toml",
        "/class/amkg:Hub%3E%20%7B",
        "/class/%00",
        "/graph/%00",
        "/downloads/%00",
        "/downloads/graphs",
        "/static/../config.py",
    ],
)
def test_odd_paths_are_not_found_never_an_error(web: Web, path: str) -> None:
    for accept in ("text/html", "text/turtle"):
        response = get(web, web.base + path, accept)
        assert response.status_code == 404, (path, accept)
        assert "charset=utf-8" in response.headers["Content-Type"]
        assert not any(leak in response.text for leak in ("Traceback", "/work/", '.py"')), path


def test_the_public_base_is_the_configured_one_or_else_the_requests_host(live_server: str) -> None:
    """The same data serves from localhost or its real domain: links and 303s follow the public base, the
    RDF keeps the persistent IRIs."""
    elsewhere = {"Host": "data.example.org:8443"}
    configured = live_get(f"{live_server}/id/hub/michigan", "text/turtle", headers=elsewhere)
    assert configured.headers["Location"] == f"{live_server}/id/hub/michigan.ttl", "the configured base wins"
    url, proc = start_server(["--public-base", "", "--workers", "1"])
    try:
        derived = live_get(f"{url}/id/hub/michigan", "text/turtle", headers=elsewhere)
        assert derived.headers["Location"] == "http://data.example.org:8443/id/hub/michigan.ttl"
        page = live_get(f"{url}/id/hub/michigan.html", headers=elsewhere).text
        assert 'href="http://data.example.org:8443/id/org/automation-alley"' in page
        document = Graph().parse(data=live_get(f"{url}/id/hub/michigan.ttl", headers=elsewhere).content)
        assert (HUB, URIRef(AMKG + "hostedBy"), HOST) in document
    finally:
        stop_server(proc)
