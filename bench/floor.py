"""The HTTP floor: the least a WSGI route can do to answer a SPARQL query over AMKG's store.

One WSGI callable, no Flask: read ``query`` from the URL or a form body, run it on the store that
``amkg serve`` would load (same engine, same materialised union), and write the engine's own serialisation
(SPARQL JSON, or N-Triples for graphs). No scan, no limits, no pool, no cache: what is left of a request's
cost is the HTTP server's and the engine's. The benchmark runs it under gunicorn (the ``gthread`` worker
``amkg serve`` uses) and under granian, to see what the server itself costs.

    BENCH_DIST=bench/results/data/1m gunicorn --worker-class gthread bench.floor:app
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from amkg.config import Settings
from amkg.store import open_store

STORE = open_store(Settings.from_env(dist=Path(os.environ.get("BENCH_DIST", "dist"))))
JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
    params = parse_qs(environ.get("QUERY_STRING", ""))
    if environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        params.update(parse_qs(environ["wsgi.input"].read(length).decode()))
    try:
        result = STORE.query(params["query"][0])
    except (KeyError, SyntaxError, OSError) as exc:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [str(exc).encode()]
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        body, content_type = result.serialize(format=ox.QueryResultsFormat.JSON), JSON
    else:
        body, content_type = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES), NTRIPLES
    assert body is not None
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
