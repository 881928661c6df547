"""FAIR Signposting headers, the home page's schema.org Dataset and how to cite AMKG."""

from __future__ import annotations

import json
import re

from amkg.web.dataset import CITE_AS, CREATOR, LICENSE, TITLE
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from support.projects import ROOT
from support.server import DIST
from support.web import Web

SDO = Namespace("https://schema.org/")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[a-z]+="[^"]*")*)')


def links(header: str) -> list[dict[str, str]]:
    """A Link header (RFC 8288) as one dict per link: its target and its parameters."""
    found = []
    for target, params in LINK.findall(header):
        entry = dict(re.findall(r'([a-z]+)="([^"]*)"', params))
        entry["target"] = target
        found.append(entry)
    return found


def by_rel(header: str) -> dict[str, list[dict[str, str]]]:
    rels: dict[str, list[dict[str, str]]] = {}
    for link in links(header):
        rels.setdefault(link.get("rel", ""), []).append(link)
    return rels


def test_the_home_page_signposts_the_dataset(web: Web) -> None:
    home = web.get(f"{web.base}/", headers={"Accept": BROWSER})
    rels = by_rel(home.headers["Link"])
    assert [link["target"] for link in rels["cite-as"]] == [CITE_AS]
    assert {link["target"] for link in rels["type"]} == {str(SDO.Dataset), str(SDO.AboutPage)}
    assert [link["target"] for link in rels["license"]] == [LICENSE]
    described = rels["describedby"][0]
    void = web.get(described["target"], headers={"Accept": described["type"]})
    assert void.status_code == 200 and len(Graph().parse(data=void.content, format="turtle")) > 50
    release = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["release"]
    items = {link["target"].rsplit("/", 1)[-1]: link["type"] for link in rels["item"]}
    assert {"amkg.nq", "amkg.trig", "amkg.jsonld", release["dump"]} <= set(items)
    for name, media in items.items():
        dump = web.head(f"{web.base}/downloads/{name}")
        assert dump.status_code == 200 and dump.headers["Content-Type"].split(";")[0] == media
        dump_rels = by_rel(dump.headers["Link"])
        assert [link["target"] for link in dump_rels["collection"]] == [f"{web.base}/"]
        assert {"cite-as", "license", "type", "describedby"} <= set(dump_rels)


def test_entity_pages_and_documents_signpost_the_thing_they_are_about(web: Web) -> None:
    for suffix in (".html", ".ttl", ".jsonld"):
        answer = web.get(f"{web.base}/id/hub/ohio{suffix}")
        rels = by_rel(answer.headers["Link"])
        assert [link["target"] for link in rels["cite-as"]] == ["https://w3id.org/amkg/id/hub/ohio"], suffix
        assert [link["target"] for link in rels["collection"]] == [f"{web.base}/"]
        assert [link["target"] for link in rels["license"]] == [LICENSE]
        assert ("type" in rels) == (suffix == ".html")
        for described in rels["describedby"]:
            document = web.get(described["target"])
            assert document.headers["Content-Type"].startswith(described["type"]), described
        assert "alternate" in rels  # the document's own links are kept


def test_the_home_page_has_a_valid_schema_org_dataset(web: Web) -> None:
    """Google's Dataset guidance: name and description (50-5,000 characters) required; url, identifier,
    license, creator, distribution, temporal and spatial coverage, citation and version as recommended."""
    page = web.get(f"{web.base}/", headers={"Accept": BROWSER}).text
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org/"
    data["@context"] = {"@vocab": str(SDO)}  # the schema.org context, which is this, without fetching it
    graph = Graph().parse(data=json.dumps(data), format="json-ld")
    dataset = URIRef(CITE_AS)
    assert (dataset, RDF.type, SDO.Dataset) in graph
    assert str(graph.value(dataset, SDO.name)) == TITLE
    assert 50 <= len(str(graph.value(dataset, SDO.description))) <= 5000
    assert str(graph.value(dataset, SDO.license)) == LICENSE
    creator = graph.value(dataset, SDO.creator)
    assert str(graph.value(creator, SDO.name)) == CREATOR
    release = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["release"]
    assert str(graph.value(dataset, SDO.version)) == release["version"]
    assert re.fullmatch(r"\d{4}(/\d{4})?", str(graph.value(dataset, SDO.temporalCoverage)))
    downloads = list(graph.objects(dataset, SDO.distribution))
    assert len(downloads) >= 4
    for download in downloads:
        assert (download, RDF.type, SDO.DataDownload) in graph
        url = str(graph.value(download, SDO.contentUrl))
        assert (
            web.head(url).headers["Content-Type"].startswith(str(graph.value(download, SDO.encodingFormat)))
        )
    places = list(graph.objects(dataset, SDO.spatialCoverage))
    manifest = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))
    countries = next(s["links"] for s in manifest["linksets"] if s["name"] == "geonames-countries")
    assert len(places) == countries >= 28 and all(graph.value(p, SDO.name) for p in places)
    assert all(str(graph.value(p, SDO.sameAs)).startswith("https://sws.geonames.org/") for p in places)
    citations = {str(c) for c in graph.objects(dataset, SDO.citation)}
    documents = [folder for folder in (ROOT / "graph").iterdir() if folder.is_dir()]
    assert len(citations) == len(documents) and all(
        isinstance(c, Literal) for c in graph.objects(dataset, SDO.citation)
    )


def test_citation_cff_and_the_home_page_say_how_to_cite_alike(web: Web) -> None:
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r'^([a-z-]+): "?([^"\n]*)"?$', cff, re.M))  # the top-level keys
    assert fields["cff-version"] == "1.2.0" and fields["type"] == "dataset"
    assert fields["title"] == TITLE and fields["url"] == CITE_AS
    assert re.search(rf'^  - name: "{CREATOR}"$', cff, re.M)
    assert fields["license"] == "CC-BY-4.0"
    page = web.get(f"{web.base}/", headers={"Accept": BROWSER}).text
    cited = re.search(r'<section id="cite">.*?<cite>(.*?)</cite>', page, re.S)
    assert cited is not None and TITLE in cited.group(1) and CITE_AS in cited.group(1)
    release = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["release"]
    assert release["version"] in cited.group(1)
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert LICENSE in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
