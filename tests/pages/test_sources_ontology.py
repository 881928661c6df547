"""A source document's page cites it and says what its graph holds; the ontology page gives its persistent
IRI, its class hierarchy and a diagram whose boxes do not overlap."""

from __future__ import annotations

import json

import pyoxigraph as ox
from support.html import Element, parse
from support.server import DIST
from support.web import Web

SOURCE = "https://w3id.org/amkg/id/source/wef-amhub-2021"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def text(element: Element) -> str:
    return " ".join(element.text.split())


def test_source_page_cites_the_document(web: Web) -> None:
    doc = parse(web.get(f"{web.base}/id/source/wef-amhub-2021.html").text)
    cited = doc.find_id("citation")
    assert cited is not None
    line = text(next(p for p in cited.iter("p") if "cite" in p.attrs.get("class", "")))
    assert line.startswith("World Economic Forum. Global Network of Advanced Manufacturing Hubs")
    assert ". 2022." in line, "the year of issue, not the year the figures speak of"
    assert "states no public URL" in line, "no address is made up where the document gives none"


def test_source_page_sections_and_statistics(web: Web, store: ox.Store) -> None:
    cited = parse(web.get(f"{web.base}/id/source/wef-amhub-2021.html").text).find_id("citation")
    table = next(t for t in cited.iter("table") if "sections-cited" in t.attrs.get("class", ""))
    shown = {
        text(next(tr.iter("th"))): int(text(next(tr.iter("td"))))
        for tr in table.iter("tr")
        if list(tr.iter("td"))
    }
    counted = {
        row["s"].value: int(row["n"].value)
        for row in store.query(f"""
            SELECT ?s (COUNT(DISTINCT ?x) AS ?n) WHERE {{
              GRAPH <{SOURCE}> {{ ?x <https://w3id.org/amkg/ontology#sourceSection> ?s }} }} GROUP BY ?s""")
    }
    assert shown == counted and shown["Hub profile: Michigan, USA"] > 0
    graphs = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["graphs"]
    triples = next(g["triples"] for g in graphs if g["iri"] == SOURCE)
    assert f"{triples:,} statements" in text(cited)


def test_ontology_page_persistent_iri_hierarchy_and_diagram(web: Web, store: ox.Store) -> None:
    doc = parse(web.get(f"{web.base}/ontology.html").text)
    iri = next(p for p in doc.iter("p") if p.attrs.get("class") == "iri")
    assert "https://w3id.org/amkg/ontology" in [c.text for c in iri.iter("code")]
    hierarchy = doc.find_id("hierarchy")
    organisation = next(
        li for li in hierarchy.iter("li") if li.links() and li.links()[0][1] == "organisation"
    )
    assert "association" in [t for _, t in organisation.links()], "subclasses sit under their superclass"
    diagram = next(doc.find_id("diagram").iter("svg"))
    boxes = [
        (float(r.attrs["x"]), float(r.attrs["y"]), float(r.attrs["width"]), float(r.attrs["height"]))
        for r in diagram.iter("rect")
    ]
    for i, (ax, ay, aw, ah) in enumerate(boxes):
        for bx, by, bw, bh in boxes[i + 1 :]:
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, "boxes do not overlap"
    stated = store.query(f"""
        SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/amkg/graph/ontology> {{
          ?p a <{OWL}ObjectProperty> ; <{RDFS}domain> ?d ; <{RDFS}range> ?r
          FILTER(isIRI(?d) && isIRI(?r) && STRSTARTS(STR(?p), "https://w3id.org/amkg/ontology#")) }} }}""")
    rows = [tr for tr in doc.find_id("diagram").iter("tr") if list(tr.iter("td"))]
    assert len(rows) == int(next(iter(stated))["n"].value) == len(list(diagram.iter("path"))) - 1
