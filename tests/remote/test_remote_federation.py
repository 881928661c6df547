"""Federation: AMKG's endpoint as a SERVICE target of other engines, and federating out itself.

A second endpoint (Oxigraph's server) holds other data: ISO 3166 codes for AMKG's regions and countries,
generated from pycountry by the test set-up (``support.engines.region_codes``). pyoxigraph runs one query
with a SERVICE to AMKG and one to that endpoint; rdflib one with a SERVICE to AMKG over the other's data;
Comunica takes both as sources and plans the join itself: each must find every code joined to AMKG's hubs.
Then AMKG's endpoint runs the catalogue's question 50 with the second endpoint on its allow-list (and
loopback allowed for it, as a deployment on its own network would configure it), and refuses it without.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from amkg.catalogue import catalogue
from rdflib import Graph
from support.engines import Engine, start_regions
from support.server import DIST, ROOT, start_server, stop_server

pytestmark = pytest.mark.remote

QUESTION = next(q for q in catalogue() if q.name.startswith("50-"))
CATALOGUE_ENDPOINT = "http://localhost:7878/query"
JSON = "application/sparql-results+json"
HUB_PLACES = """
PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region ?code WHERE {{
  SERVICE <{amkg}> {{ ?hub amkg:region ?region }}
  SERVICE <{regions}> {{ ?region skos:notation ?code }}
}}
"""
#: rdflib's parser wants the SERVICE on a line of its own.
RDFLIB_QUERY = """
PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region ?code WHERE {{
  SERVICE <{amkg}> {{ ?hub amkg:region ?region }}
  ?region skos:notation ?code
}}
"""


@pytest.fixture(scope="module")
def regions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, dict[str, str]]]:
    engine, triples = start_regions(Path(tmp_path_factory.mktemp("regions")), DIST / "amkg.nq")
    yield engine, {t.subject.value: t.object.value for t in triples}  # type: ignore[union-attr]
    engine.stop()


def hub_places() -> set[str]:
    store = ox.Store()
    store.bulk_load(path=str(DIST / "amkg.nq"), format=ox.RdfFormat.N_QUADS)
    query = "SELECT DISTINCT ?r { ?h <https://w3id.org/amkg/ontology#region> ?r }"
    return {row["r"].value for row in store.query(query, use_default_graph_as_union=True)}  # type: ignore[union-attr, arg-type]


def expected(codes: dict[str, str]) -> set[tuple[str, str]]:
    """The codes of the places hubs are in: what a federated join of the two endpoints must give."""
    joined = {(place, code) for place, code in codes.items() if place in hub_places()}
    assert len(joined) >= 5  # regions and countries both: the join is not trivially small
    return joined


def test_pyoxigraph_federates_amkg_with_the_regions_endpoint(live_server: str, regions: tuple) -> None:
    engine, codes = regions
    query = HUB_PLACES.format(amkg=live_server + "/sparql", regions=engine.query)
    rows = ox.Store().query(query)
    assert isinstance(rows, ox.QuerySolutions)
    assert {(r["region"].value, r["code"].value) for r in rows} == expected(codes)  # type: ignore[union-attr]


def test_rdflib_federates_amkg_with_the_regions_endpoint(live_server: str, regions: tuple) -> None:
    """rdflib calls AMKG with SERVICE; the codes it reads from the second endpoint's Graph Store (rdflib
    7.6 sends a second SERVICE pattern of one query without its bindings, and gets no codes back)."""
    engine, codes = regions
    graph = Graph().parse(engine.data + "?default", format="nt")
    query = RDFLIB_QUERY.format(amkg=live_server + "/sparql")
    rows = graph.query(query)
    assert {(str(r[0]), str(r[1])) for r in rows} == expected(codes)  # type: ignore[index]


COMUNICA = ROOT / "node_modules" / ".bin" / "comunica-sparql"


@pytest.mark.skipif(not COMUNICA.exists(), reason="Comunica is not installed: make static (npm ci)")
def test_comunica_federates_amkg_with_the_regions_endpoint(live_server: str, regions: tuple) -> None:
    """Comunica takes both endpoints as sources and plans the join itself (no SERVICE)."""
    engine, codes = regions
    query = (
        "SELECT ?region ?code WHERE { ?hub <https://w3id.org/amkg/ontology#region> ?region . "
        "?region <http://www.w3.org/2004/02/skos/core#notation> ?code }"
    )
    node = shutil.which("node")
    assert node
    done = subprocess.run(
        [
            node,
            str(COMUNICA),
            f"sparql@{live_server}/sparql",
            f"sparql@{engine.query}",
            "-t",
            "application/sparql-results+json",
            query,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    bindings = json.loads(done.stdout)["results"]["bindings"]
    assert {(b["region"]["value"], b["code"]["value"]) for b in bindings} == expected(codes)


def test_our_endpoint_federates_out_to_an_allowed_endpoint(regions: tuple) -> None:
    """Question 50 on AMKG's endpoint, the regions endpoint on its allow-list: each hub gets its code."""
    engine, codes = regions
    text = QUESTION.text.replace(CATALOGUE_ENDPOINT, engine.query)
    url, proc = start_server(["--service-allow", engine.query], env={"AMKG_SERVICE_PRIVATE": "true"})
    try:
        response = requests.post(
            url + "/sparql",
            data={"query": text},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        refused = requests.post(url + "/sparql", data={"query": QUESTION.text}, timeout=60)
    finally:
        stop_server(proc)
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    found = {(r["region"]["value"], r["code"]["value"]) for r in rows if "code" in r}
    assert found == {
        (place, code) for place, code in codes.items() if any(r["region"]["value"] == place for r in rows)
    }
    assert found and len(rows) > len(found) - 1
    assert refused.status_code == 400 and "not allowed" in refused.text
