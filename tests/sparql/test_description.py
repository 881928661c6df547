"""The endpoint describes itself: SPARQL Service Description at /sparql, VoID + DCAT at /.well-known/void,
and the query page (YASGUI, served from our own static files) for browsers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID
from support.web import Web

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SERVICE = Namespace("https://w3id.org/amkg/service#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DATASET = URIRef("https://w3id.org/amkg/")
QUERIES = Path(__file__).resolve().parents[2] / "queries"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def rdf(web: Web, url: str, accept: str = "text/turtle") -> Graph:
    response = web.get(url, headers={"Accept": accept})
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Vary"] == "Accept"
    kind = response.headers["Content-Type"].split(";")[0]
    formats = {
        "text/turtle": "turtle",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
        "application/n-triples": "nt",
    }
    return Graph().parse(data=response.content, format=formats[kind])


# ---------------------------------------------------------------- service description


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/rdf+xml", "*/*"])
def test_service_description_for_rdf_clients(web: Web, accept: str) -> None:
    graph = rdf(web, f"{web.base}/sparql", accept)
    endpoint = URIRef(f"{web.base}/sparql")
    assert (endpoint, RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in graph
    formats = set(graph.objects(endpoint, SD.resultFormat))
    assert {
        FORMATS.SPARQL_Results_JSON,
        FORMATS.SPARQL_Results_XML,
        FORMATS.SPARQL_Results_CSV,
        FORMATS.SPARQL_Results_TSV,
        FORMATS.Turtle,
        FORMATS["N-Triples"],
        FORMATS["JSON-LD"],
        FORMATS.RDF_XML,
        FORMATS.N3,
        FORMATS.TriG,
        FORMATS["N-Quads"],
    } == formats, "the W3C's IRIs"
    assert graph.value(endpoint, SERVICE.resultRowLimit) == Literal(100_000, datatype=ns.XSD.integer)
    limits = {
        "answerByteLimit": 64 << 20,
        "clientQueryLimit": 2,
        "queryNestingLimit": 100,
        "queryTokenLimit": 5000,
    }
    for term, value in limits.items():
        assert graph.value(endpoint, SERVICE[term]) == Literal(value, datatype=ns.XSD.integer), term
    assert float(graph.value(endpoint, SERVICE.queryTimeout)) == 30.0
    assert (endpoint, SD.feature, SD.BasicFederatedQuery) not in graph, "no SERVICE is allowed by default"


def test_service_description_lists_named_graphs_with_statistics(web: Web) -> None:
    graph = rdf(web, f"{web.base}/sparql")
    endpoint = URIRef(f"{web.base}/sparql")
    dataset = graph.value(endpoint, SD.defaultDataset)
    default = graph.value(dataset, SD.defaultGraph)
    assert int(graph.value(default, VOID.triples)) > 1000
    names = {
        graph.value(named, SD.name): int(graph.value(graph.value(named, SD.graph), VOID.triples))
        for named in graph.objects(dataset, SD.namedGraph)
    }
    assert URIRef("https://w3id.org/amkg/id/source/wef-amhub-2021") in names
    assert URIRef("https://w3id.org/amkg/graph/ontology") in names
    assert all(count > 0 for count in names.values())
    assert sum(names.values()) >= int(graph.value(default, VOID.triples)), "the union holds each triple once"


def test_descriptions_carry_what_federation_engines_read(web: Web) -> None:
    """Features, formats, the URI space, every vocabulary used, per-graph sizes, the statistics Comunica
    reads from the service description (partitions on its default graph), and VoID linksets with the
    number of links from AMKG's entities to each other dataset, all as the dump has them."""
    import pyoxigraph as ox
    from support.server import DIST

    sd, void = rdf(web, f"{web.base}/sparql"), rdf(web, f"{web.base}/.well-known/void")
    endpoint = URIRef(f"{web.base}/sparql")
    assert SD.UnionDefaultGraph in set(sd.objects(endpoint, SD.feature))
    assert len(set(sd.objects(endpoint, SD.resultFormat))) >= 6
    default = sd.value(sd.value(endpoint, SD.defaultDataset), SD.defaultGraph)
    partitions = {
        sd.value(part, VOID.property): int(sd.value(part, VOID.triples))
        for part in sd.objects(default, VOID.propertyPartition)
    }
    assert len(partitions) > 50 and sum(partitions.values()) == int(sd.value(default, VOID.triples))
    assert set(sd.objects(default, VOID.classPartition)) and sd.value(default, VOID.distinctSubjects)
    assert void.value(DATASET, VOID.uriSpace) == Literal("https://w3id.org/amkg/id/")
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert all(any(str(p).startswith(v) for v in vocabularies) for p in partitions)

    store = ox.Store()
    store.bulk_load(path=str(DIST / "amkg.nq"), format=ox.RdfFormat.N_QUADS)
    links: dict[tuple[str, str], int] = {}
    for quad in set(ox.Triple(q.subject, q.predicate, q.object) for q in store):
        s_, p, o = quad.subject, quad.predicate, quad.object
        ours = s_.value.startswith("https://w3id.org/amkg/id/")
        other = isinstance(o, ox.NamedNode) and not o.value.startswith(str(DATASET))
        if ours and other and p.value != str(RDF.type):
            key = (p.value, re.sub(r"[^/#]*$", "", o.value))
            links[key] = links.get(key, 0) + 1
    linksets = {
        (
            str(void.value(ls, VOID.linkPredicate)),
            str(void.value(void.value(ls, VOID.objectsTarget), VOID.uriSpace)),
        ): int(void.value(ls, VOID.triples))
        for ls in void.subjects(RDF.type, VOID.Linkset)
        if void.value(void.value(ls, VOID.objectsTarget), VOID.uriSpace) is not None
    }  # the build's linksets (each in its graph, named by its package) are described apart, by target dataset
    assert linksets == links and links
    assert all(void.value(ls, VOID.subjectsTarget) == DATASET for ls in void.subjects(RDF.type, VOID.Linkset))


# ---------------------------------------------------------------- VoID + DCAT


def test_void_describes_the_dataset(web: Web) -> None:
    graph = rdf(web, f"{web.base}/.well-known/void")
    assert (DATASET, RDF.type, VOID.Dataset) in graph and (DATASET, RDF.type, ns.DCAT.Dataset) in graph
    assert (DATASET, VOID.sparqlEndpoint, URIRef(f"{web.base}/sparql")) in graph
    assert graph.value(DATASET, VOID.uriSpace) == Literal("https://w3id.org/amkg/id/")
    assert graph.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    for prop in (
        VOID.triples,
        VOID.entities,
        VOID.classes,
        VOID.properties,
        VOID.distinctSubjects,
        VOID.distinctObjects,
    ):
        assert int(graph.value(DATASET, prop)) > 0, prop
    sources = set(graph.objects(DATASET, DCTERMS.source))
    assert URIRef("https://w3id.org/amkg/id/source/unido-2019") in sources and len(sources) == 5
    classes = {
        graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
        for p in graph.objects(DATASET, VOID.classPartition)
    }
    assert classes[URIRef("https://w3id.org/amkg/ontology#Hub")] >= 10
    properties = {graph.value(p, VOID.property) for p in graph.objects(DATASET, VOID.propertyPartition)}
    assert URIRef("http://www.w3.org/2000/01/rdf-schema#label") in properties
    subsets = {
        graph.value(s, SD.name): graph.value(s, VOID.triples) for s in graph.objects(DATASET, VOID.subset)
    }
    assert URIRef("https://w3id.org/amkg/id/source/wef-amhub-2020") in subsets
    assert all(int(size) > 0 for size in subsets.values()), "every named graph with its size"
    example = graph.value(DATASET, VOID.exampleResource)
    assert str(example).startswith("https://w3id.org/amkg/id/hub/")


def test_void_dump_locations_and_distributions_resolve(web: Web) -> None:
    graph = rdf(web, f"{web.base}/.well-known/void")
    dumps = set(graph.objects(DATASET, VOID.dataDump))
    assert URIRef(f"{web.base}/downloads/amkg.nq") in dumps
    for distribution in graph.objects(DATASET, ns.DCAT.distribution):
        url = graph.value(distribution, ns.DCAT.downloadURL)
        if url is None:
            assert graph.value(distribution, ns.DCAT.accessService) == URIRef(f"{web.base}/sparql")
            continue
        response = web.head(str(url))
        assert response.status_code == 200, url
        media = str(graph.value(distribution, ns.DCAT.mediaType)).rsplit("/", 2)
        assert response.headers["Content-Type"].startswith(f"{media[-2]}/{media[-1]}")
    subsets = {graph.value(s, SD.name): s for s in graph.objects(DATASET, VOID.subset)}
    wef = subsets[URIRef("https://w3id.org/amkg/id/source/wef-amhub-2020")]
    assert graph.value(wef, VOID.dataDump) == URIRef(f"{web.base}/downloads/graphs/wef-amhub-2020.ttl")
    service = URIRef(f"{web.base}/sparql")
    assert (service, RDF.type, ns.DCAT.DataService) in graph
    assert (service, ns.DCAT.servesDataset, DATASET) in graph


PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "text/n3": "n3",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


@pytest.mark.parametrize("path", ["/sparql", "/.well-known/void"])
def test_descriptions_parse_alike_in_every_rdf_format(web: Web, path: str) -> None:
    sizes = set()
    for media, parser in PARSERS.items():
        response = web.get(web.base + path, headers={"Accept": media})
        assert response.headers["Content-Type"] == f"{media}; charset=utf-8"
        data = Dataset() if parser in ("trig", "nquads") else Graph()
        sizes.add(len(data.parse(data=response.content, format=parser)))
    assert len(sizes) == 1 and sizes.pop() > 50


def test_terms_of_our_own_in_the_descriptions_resolve(web: Web) -> None:
    """The limits are stated with service: terms; like every IRI under the base, they dereference."""
    described = rdf(web, f"{web.base}/sparql") + rdf(web, f"{web.base}/.well-known/void")
    ours = {
        str(t)
        for triple in described
        for t in triple
        if isinstance(t, URIRef) and t.startswith("https://w3id.org/amkg/")
    }
    terms = {t for t in ours if "/service#" in t}
    assert {str(SERVICE.queryTimeout), str(SERVICE.resultRowLimit), str(SERVICE.readOnly)} <= terms
    documents: dict[str, set[str]] = {}  # hash IRIs share their document: each is fetched once
    for iri in ours:
        documents.setdefault(iri.removeprefix("https://w3id.org/amkg/").split("#")[0], set()).add(iri)
    for path, iris in documents.items():
        response = web.get(f"{web.base}/{path}", headers={"Accept": "text/turtle"})
        assert response.status_code == 200, path
        assert response.headers["Content-Type"] == "text/turtle; charset=utf-8", path
        document = Graph().parse(data=response.content, format="turtle")
        assert len(document) > 0, path
        for iri in iris & terms:
            assert (URIRef(iri), RDFS.label, None) in document, iri
    page = web.get(f"{web.base}/service", headers={"Accept": BROWSER})
    assert page.headers["Content-Type"] == "text/html; charset=utf-8" and 'id="resultRowLimit"' in page.text


def test_the_dataset_iri_gives_its_void_to_rdf_clients(web: Web) -> None:
    """``https://w3id.org/amkg/`` is the dataset VoID describes: RDF clients are sent to the description."""
    rdf_client = web.get(f"{web.base}/", headers={"Accept": "text/turtle"}, allow_redirects=False)
    assert rdf_client.status_code == 303 and "Accept" in rdf_client.headers["Vary"]
    assert rdf_client.headers["Location"] == f"{web.base}/.well-known/void"
    assert (DATASET, RDF.type, VOID.Dataset) in rdf(web, f"{web.base}/")
    browser = web.get(f"{web.base}/", headers={"Accept": BROWSER})
    assert browser.status_code == 200 and browser.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept" in browser.headers["Vary"]


def test_void_answers_with_cors_and_conneg(web: Web) -> None:
    response = web.get(
        f"{web.base}/.well-known/void", headers={"Accept": "application/n-triples"}, timeout=30
    )
    assert response.headers["Content-Type"] == "application/n-triples; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    refused = web.get(f"{web.base}/.well-known/void", headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_home_page_links_the_void_description(web: Web) -> None:
    page = web.get(f"{web.base}/", headers={"Accept": BROWSER}).text
    assert f"{web.base}/.well-known/void" in page


# ---------------------------------------------------------------- the query page


def query_page(web: Web) -> str:
    response = web.get(f"{web.base}/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    return response.text


def test_query_page_loads_yasgui_from_our_own_static_files(web: Web) -> None:
    page = query_page(web)
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert {"yasgui.min.js", "yasgui.min.css"} <= {a.rsplit("/", 1)[-1] for a in assets}
    for asset in assets:
        url = asset if asset.startswith("http") else web.base + asset
        assert urlsplit(url).netloc == urlsplit(web.base).netloc, f"{asset} is not served by us"
        assert web.get(url).status_code == 200, asset


def test_query_page_offers_every_query_as_a_named_example(web: Web) -> None:
    page = query_page(web)
    files = sorted(QUERIES.glob("*.rq"))
    assert files
    assert page.count("data-example=") == len(files)
    first = files[0].read_text(encoding="utf-8")
    question = first.splitlines()[0].removeprefix("# Question:").strip()
    assert question.replace("'", "&#39;") in page or question in page


def test_query_page_knows_the_project_prefixes(web: Web) -> None:
    """Every project prefix is offered for completion; the default query declares only those it uses."""
    page = query_page(web)
    config = json.loads(page.split('id="sparql-config">', 1)[1].split("</script>", 1)[0])
    for prefix in ("amkg", "dct", "skos", "qb", "org", "prov"):
        assert prefix in config["prefixes"]
    assert "PREFIX amkg:" in config["defaultQuery"] and "PREFIX prov:" not in config["defaultQuery"]
