"""A scheme's tree: collapsed until asked, filterable without script, concepts with two broader concepts
marked, top concepts as the data states them."""

from __future__ import annotations

from support.html import Element, parse
from support.web import Web

SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEME = "https://w3id.org/amkg/id/scheme/technologies"


def tree(web: Web, query: str = "") -> Element:
    doc = parse(web.get(f"{web.base}/id/scheme/technologies.html{query}").text)
    section = doc.find_id("tree")
    assert section is not None
    return section


def test_tree_is_collapsed_until_expanded(web: Web) -> None:
    details = list(tree(web).iter("details"))
    assert details and not [d for d in details if "open" in d.attrs]
    opened = list(tree(web, "?open=all").iter("details"))
    assert len(opened) == len(details) and all("open" in d.attrs for d in opened)


def test_filter_keeps_matching_branches_opened(web: Web) -> None:
    section = tree(web, "?filter=robot")
    matches = [a.text for a in section.iter("a") if a.attrs.get("class") == "match"]
    assert matches and all("robot" in m.lower() for m in matches)
    assert "Additive manufacturing" not in [a.text for a in section.iter("a")]
    around_a_match = [
        d for d in section.iter("details") if any(a.attrs.get("class") == "match" for a in d.iter("a"))
    ]
    assert around_a_match and all("open" in d.attrs for d in around_a_match)  # opened down to each match
    nothing = tree(web, "?filter=zzzz")
    assert "No concept is called that." in nothing.text


def test_two_parents_and_top_concepts_as_stated(web: Web, store: object) -> None:
    marks = [s for s in tree(web).iter("small") if "two-parents" in s.attrs.get("class", "")]
    assert marks and all(m.text.startswith("2 broader: ") for m in marks)
    stated = store.query(f"""
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
          {{ GRAPH ?g {{ ?c <{SKOS}topConceptOf> <{SCHEME}> }} }}
          UNION {{ GRAPH ?g {{ <{SCHEME}> <{SKOS}hasTopConcept> ?c }} }} }}""")
    tops = [s for s in tree(web).iter("small") if s.text == "top concept"]
    assert len(tops) == int(next(iter(stated))["n"].value)
