"""JSON-LD compacted with the published context when the client names the profile, expanded otherwise."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from amkg.rdf.namespaces import PREFIXES
from rdflib import Graph
from rdflib.compare import isomorphic
from support.web import Web

COMPACTED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'
CITIES = "https://w3id.org/amkg/graph/linkset-geonames-cities"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CITIES}> {{ ?s ?p ?o }} }}"


def _read(web: Web, body: bytes) -> Graph:
    """A compacted document read with the context it names, fetched from the server (not the web)."""
    data = json.loads(body)
    assert data["@context"] == f"{web.base}/context.jsonld"
    data["@context"] = web.get(data["@context"]).json()["@context"]
    return Graph().parse(data=json.dumps(data), format="json-ld")


@pytest.mark.parametrize(
    "path",
    ["/id/hub/ohio.jsonld", f"/sparql?query={quote(CONSTRUCT)}", "/.well-known/void"],
    ids=["entity", "construct", "void"],
)
def test_the_compacted_profile_gets_the_same_graph_in_our_prefixes(web: Web, path: str) -> None:
    expanded = web.get(web.base + path, headers={"Accept": "application/ld+json"})
    assert expanded.headers["Content-Type"] == "application/ld+json; charset=utf-8"
    assert "@context" not in expanded.text
    compacted = web.get(web.base + path, headers={"Accept": COMPACTED})
    assert compacted.headers["Content-Type"].startswith(
        'application/ld+json; profile="http://www.w3.org/ns/json-ld#'
    )
    assert "Accept" in compacted.headers["Vary"]
    assert len(compacted.content) < len(expanded.content)
    assert isomorphic(_read(web, compacted.content), Graph().parse(data=expanded.content, format="json-ld"))


def test_the_profile_may_be_one_of_several_and_other_profiles_stay_expanded(web: Web) -> None:
    ns = "http://www.w3.org/ns/json-ld#"
    several = f'application/ld+json; profile="{ns}flattened {ns}compacted"'
    assert "@context" in web.get(f"{web.base}/id/hub/ohio.jsonld", headers={"Accept": several}).text
    flattened = f'application/ld+json; profile="{ns}flattened"'
    assert "@context" not in web.get(f"{web.base}/id/hub/ohio.jsonld", headers={"Accept": flattened}).text


def test_the_context_is_published_with_every_prefix(web: Web) -> None:
    answer = web.get(f"{web.base}/context.jsonld")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/ld+json")
    context = answer.json()["@context"]
    assert {p: context[p] for p in PREFIXES} == PREFIXES and context["id"] == "https://w3id.org/amkg/id/"
