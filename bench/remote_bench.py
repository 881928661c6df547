"""The same query mix on the embedded store, Oxigraph's server and Virtuoso, through AMKG's endpoint.

Starts each external engine on loopback over a throw-away database (``tests/support/engines.py``), loads
the build into it with ``amkg load`` (timed), starts ``amkg serve`` over each and over the embedded store,
then, one client at a time, sends every competency question (SELECT, ASK, CONSTRUCT, DESCRIBE) and the HTML
page of every hub and of 40 other entities, in rounds; each request carries the round in a comment or
query string, so the endpoint's and the pages' caches never answer and every request reaches the store.
Prints and writes ``bench/results/remote.json``: load seconds, and per set-up and kind the median, p95 and
total of the request times in ms. Bounded: ``--rounds`` (default 3) × ~110 requests per set-up.

    python -m bench.remote_bench [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from tests.support.engines import ENGINES, Engine
from tests.support.server import DIST, ROOT, start_server, stop_server

sys.path.insert(0, str(ROOT / "server"))
from amkg.catalogue import catalogue

ENTITIES = """SELECT DISTINCT ?e WHERE { ?e a ?t FILTER(STRSTARTS(STR(?e), "https://w3id.org/amkg/id/")) }
ORDER BY ?e"""


def entities() -> list[str]:
    """Every hub, and 40 other entities spread over the sorted list."""
    store = ox.Store()
    store.bulk_load(path=str(DIST / "amkg.nq"), format=ox.RdfFormat.N_QUADS)
    rows = store.query(ENTITIES, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    iris = [row["e"].value for row in rows if isinstance(row["e"], ox.NamedNode)]
    hubs = [iri for iri in iris if "/id/hub/" in iri]
    others = [iri for iri in iris if "/id/hub/" not in iri and "#" not in iri]
    return hubs + others[:: max(1, len(others) // 40)][:40]


def measure(base: str, rounds: int, pages: list[str]) -> dict[str, dict[str, float]]:
    session = requests.Session()
    times: dict[str, list[float]] = {"queries": [], "pages": []}
    failed = 0
    for n in range(rounds):
        for query in catalogue():
            if query.federation:
                continue
            accept = "application/n-triples" if query.returns_graph else "application/sparql-results+json"
            started = time.perf_counter()
            response = session.post(
                base + "/sparql", data={"query": f"{query.text}\n# round {n}"}, headers={"Accept": accept}
            )
            times["queries"].append((time.perf_counter() - started) * 1000)
            failed += response.status_code != 200
        for iri in pages:
            path = iri.removeprefix("https://w3id.org/amkg") + f".html?round={n}"
            started = time.perf_counter()
            response = session.get(base + path)
            times["pages"].append((time.perf_counter() - started) * 1000)
            failed += response.status_code != 200
    summary = {kind: _summary(values) for kind, values in times.items()}
    summary["failed"] = {"requests": float(failed)}
    return summary


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "requests": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "total_ms": round(sum(ordered)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = entities()
    results: dict[str, object] = {"rounds": args.rounds, "pages": len(pages)}
    folder = Path(tempfile.mkdtemp(prefix="amkg-remote-bench-"))
    running: list[Engine] = []
    try:
        url, proc = start_server()
        try:
            measure(url, 1, pages[:3])  # warm: the first page computes the site's summaries once
            results["embedded"] = measure(url, args.rounds, pages)
        finally:
            stop_server(proc)
        for name, start in ENGINES.items():
            engine = start(folder / name)
            running.append(engine)
            env = {**os.environ, **engine.env()}
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "amkg", "load", *engine.flags()], cwd=ROOT, env=env, check=True
            )
            loaded = time.perf_counter() - started
            url, proc = start_server(engine.flags(), env=engine.env())
            try:
                measure(url, 1, pages[:3])
                results[name] = {"load_seconds": round(loaded, 1), **measure(url, args.rounds, pages)}
            finally:
                stop_server(proc)
    finally:
        for engine in running:
            engine.stop()
    out = ROOT / "bench" / "results" / "remote.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
