"""The ontology's header has what FOOPS! checks for, and every version IRI it names is served."""

from __future__ import annotations

from amkg.rdf.namespaces import ONTOLOGY
from rdflib import OWL, RDF, Graph, Literal, URIRef
from support.projects import ROOT
from support.web import Web

DCT = "http://purl.org/dc/terms/"
VANN = "http://purl.org/vocab/vann/"
#: FOOPS!'s metadata checks: title, description, license, creator, publisher, created, modified, version
#: IRI and info, prior version, citation, status, preferred prefix and namespace.
HEADER = [DCT + p for p in ("title", "description", "license", "creator", "publisher", "created", "modified",
                            "bibliographicCitation")]  # fmt: skip
HEADER += [str(OWL.versionIRI), str(OWL.versionInfo), str(OWL.priorVersion)]
HEADER += [
    "http://purl.org/ontology/bibo/status",
    VANN + "preferredNamespacePrefix",
    VANN + "preferredNamespaceUri",
]


def _ontology(web: Web) -> Graph:
    answer = web.get(f"{web.base}/ontology.ttl")
    return Graph().parse(data=answer.content, format="turtle")


def test_the_header_has_every_field_foops_checks(web: Web) -> None:
    graph = _ontology(web)
    me = URIRef(ONTOLOGY)
    missing = [p for p in HEADER if graph.value(me, URIRef(p)) is None]
    assert missing == []
    assert str(graph.value(me, URIRef(VANN + "preferredNamespaceUri"))) == ONTOLOGY + "#"
    version = str(graph.value(me, OWL.versionInfo))
    assert str(graph.value(me, OWL.versionIRI)) == f"{ONTOLOGY}/{version}"
    assert version in str(graph.value(me, URIRef(DCT + "bibliographicCitation")))
    modified = graph.value(me, URIRef(DCT + "modified"))
    created = graph.value(me, URIRef(DCT + "created"))
    assert isinstance(modified, Literal) and isinstance(created, Literal)
    assert modified.toPython() >= created.toPython()


def test_every_version_iri_is_served(web: Web) -> None:
    graph = _ontology(web)
    me = URIRef(ONTOLOGY)
    current = graph.value(me, OWL.versionIRI)
    answer = web.get(str(current).replace("https://w3id.org/amkg", web.base), allow_redirects=False)
    assert answer.status_code == 303 and answer.headers["Location"] == f"{web.base}/ontology"
    releases = sorted((ROOT / "ontology" / "releases").glob("*.ttl"))
    priors = set(graph.objects(me, OWL.priorVersion))
    for release in releases:
        priors |= set(Graph().parse(release).objects(me, OWL.priorVersion))
    assert priors and {f"{ONTOLOGY}/{r.stem}" for r in releases} == {str(p) for p in priors}
    for prior in priors:
        url = str(prior).replace("https://w3id.org/amkg", web.base)
        for media, parser in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
            served = web.get(url, headers={"Accept": media})
            assert served.status_code == 200 and served.headers["Content-Type"].startswith(media), url
            document = Graph().parse(data=served.content, format=parser)
            assert (me, RDF.type, OWL.Ontology) in document
            assert document.value(me, OWL.versionIRI) == prior
    assert web.get(f"{web.base}/ontology/9.9.9", headers={"Accept": "text/turtle"}).status_code == 404
