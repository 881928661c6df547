"""Link traversal: a client that follows an entity's IRI finds in the document it gets what the graph says.

Comunica prefers N-Quads, so it reads the quad document, and plain triple patterns match only a document's
default graph: the quad documents must hold every statement there as well as in its source's graph.
rdflib asking for N-Triples must get them too. RDF/XML documents keep what XML can carry exactly.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from amkg.pages.documents import serialise
from amkg.web.formats import DOCUMENTS, Unwritable
from flask.testing import FlaskClient
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[2]
COMUNICA = ROOT / "node_modules" / ".bin" / "comunica-sparql"
ENTITY = "/id/hub/michigan"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def comunica(source: str, query: str) -> int:
    """The count Comunica's command line finds for ``query`` with ``source`` as its only source."""
    if not COMUNICA.exists():
        pytest.skip("Comunica is not installed (npm ci)")
    command = [str(COMUNICA), source, query, "-t", "application/sparql-results+json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return int(json.loads(done.stdout)["results"]["bindings"][0]["n"]["value"])


def turtle_triples(base: str) -> int:
    return len(Graph().parse(f"{base}{ENTITY}.ttl", format="turtle"))


def test_comunica_following_an_entity_iri_finds_what_the_turtle_document_says(live_server: str) -> None:
    assert comunica(live_server + ENTITY, COUNT) == turtle_triples(live_server) > 20


def test_comunica_still_sees_which_source_states_what(live_server: str) -> None:
    quads = ox.Store()
    quads.load(requests.get(live_server + ENTITY + ".nq", timeout=30).content, format=ox.RdfFormat.N_QUADS)
    named = sum(1 for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
    assert comunica(live_server + ENTITY, COUNT_NAMED) == named > turtle_triples(live_server)


def test_rdflib_reads_an_entity_iri_as_n_triples(live_server: str) -> None:
    graph = Graph().parse(live_server + ENTITY, format="nt")
    assert len(graph) == turtle_triples(live_server)


@pytest.mark.parametrize("ext", ["nq", "trig"])
def test_quad_documents_hold_every_statement_in_the_default_graph_too(client: FlaskClient, ext: str) -> None:
    store = ox.Store()
    store.load(client.get(f"{ENTITY}.{ext}").data, format=DOCUMENTS[ext].rdf)
    triples = ox.Store()
    triples.load(client.get(f"{ENTITY}.ttl").data, format=ox.RdfFormat.TURTLE)
    default = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    assert default == {(q.subject, q.predicate, q.object) for q in triples}
    named = {
        (q.subject, q.predicate, q.object) for q in store if not isinstance(q.graph_name, ox.DefaultGraph)
    }
    assert named == default


def test_rdf_xml_documents_keep_a_carriage_return() -> None:
    quad = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("a\rb"))
    body = serialise([quad], DOCUMENTS["rdf"])
    assert [t.object.value for t in ox.parse(body, format=ox.RdfFormat.RDF_XML)] == ["a\rb"]
    assert [str(o) for o in Graph().parse(data=body, format="xml").objects()] == ["a\rb"]  # expat


def test_rdf_xml_documents_refuse_what_xml_cannot_carry() -> None:
    quad = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("a\x01"))
    with pytest.raises(Unwritable, match="U\\+0001"):
        serialise([quad], DOCUMENTS["rdf"])
