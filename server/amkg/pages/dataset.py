"""The home page's schema.org ``Dataset``, as dataset search engines read it (Google's Dataset guidance).

Required: ``name`` and ``description`` (50 to 5,000 characters). Recommended and given: ``url``, ``@id`` and
``identifier`` (the persistent IRI), ``license``, ``creator``, ``version`` and ``dateModified`` (the build's
release), ``distribution`` (each dump as a ``DataDownload`` with its format and URL), ``temporalCoverage``
(the years the source documents speak of), ``spatialCoverage`` (the countries, with their GeoNames links
from the linksets), ``citation`` (the five source documents), ``isAccessibleForFree`` and ``keywords``.
"""

from __future__ import annotations

from amkg.rdf.namespaces import AMKG, DCT, GEONAMES, OWL, RDFS_LABEL
from amkg.store import Store
from amkg.web.context import get_dist
from amkg.web.dataset import CITE_AS, CREATOR, DESCRIPTION, LICENSE, TITLE, citation
from amkg.web.public import public_base

KEYWORDS = ["advanced manufacturing", "Industry 4.0", "industrial policy", "knowledge graph", "linked data"]


def dataset_jsonld(store: Store) -> dict:
    """The dataset as one schema.org JSON-LD object (the template writes it with ``tojson``)."""
    public, dist = public_base(), get_dist()
    release = dist.version
    years = sorted(
        r["y"].value
        for r in store.select(f"SELECT DISTINCT ?y WHERE {{ GRAPH ?g {{ ?d <{AMKG.referenceYear}> ?y }} }}")
    )
    document = f"?d a <{AMKG.SourceDocument}> ; <{DCT}title> ?t"
    titles = store.select(f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ {document} }} }} ORDER BY ?t")
    countries = store.select(f"""
        SELECT ?c (SAMPLE(?l) AS ?name) (SAMPLE(?gn) AS ?same) WHERE {{
          GRAPH ?g {{ ?c a <{AMKG.Country}> ; <{RDFS_LABEL}> ?l }}
          OPTIONAL {{ GRAPH ?h {{ ?c <{OWL}sameAs> ?gn }} FILTER(STRSTARTS(STR(?gn), "{GEONAMES}")) }}
        }} GROUP BY ?c ORDER BY ?name""")
    files = [d for d in dist.downloads if "/" not in d.name and d.name.startswith("amkg")]
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": CITE_AS,
        "identifier": CITE_AS,
        "name": TITLE,
        "description": DESCRIPTION,
        "url": public,
        "license": LICENSE,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": CREATOR, "url": public},
        "keywords": KEYWORDS,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": d.name,
                "encodingFormat": d.media_type,
                "contentUrl": public + "downloads/" + d.name,
                "contentSize": f"{d.size} B",
            }
            for d in files
        ],
        "citation": [t["t"].value for t in titles],
        "spatialCoverage": [
            {
                "@type": "Country",
                "name": r["name"].value,
                **({"sameAs": r["same"].value} if r.get("same") else {}),
            }
            for r in countries
        ],
    }
    if years:
        data["temporalCoverage"] = f"{years[0]}/{years[-1]}" if years[0] != years[-1] else years[0]
    if release:
        data["version"] = release["version"]
        data["dateModified"] = release["date"]
    return data


def how_to_cite() -> str:
    """The citation the home page shows, for the release it serves."""
    release = get_dist().version
    return citation(str(release.get("version", "")), str(release.get("date", ""))[:4] or "2026")
