"""The benchmark's two clients: one keep-alive connection for latency, ``wrk`` for throughput.

Latency: each query is sent once to warm the server up (its row count is what the correctness check
compares), then up to ``runs`` more times on one kept-alive connection, within a time budget. Requests are
POSTed forms (the same for every engine); with ``unique`` each carries a comment of its own, so no answer
cache can serve it. Throughput: ``wrk`` (Debian) with a generated Lua script cycling through the queries,
each made unique the same way, for a fixed time at 1 and at 8 connections.
"""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from bench.mix import Query

JSON = "application/sparql-results+json"
GRAPH = "application/n-triples, text/turtle;q=0.8, text/plain;q=0.5"


def accept(query: Query) -> str:
    return GRAPH if query.graph else JSON


def body(query: Query, params: list[tuple[str, str]], tag: str = "") -> bytes:
    """The form for ``query`` (dataset parameters first, so a tag appended ends up in the query text)."""
    return urlencode([*params, ("query", query.text + (f"\n#{tag}" if tag else ""))]).encode()


def count_rows(data: bytes, content_type: str) -> int:
    """Rows of a SPARQL JSON answer (1 for a boolean), or triples of an RDF answer."""
    media = content_type.split(";")[0].strip()
    if media in (JSON, "application/json"):
        doc = json.loads(data)
        return 1 if "boolean" in doc else len(doc["results"]["bindings"])
    if media == "application/sparql-results+xml":
        if b"<rdf:RDF" in data[:2000]:  # rdflib-endpoint labels its RDF/XML graphs so (a bug of its own)
            return sum(1 for _ in ox.parse(data, format=ox.RdfFormat.RDF_XML))
        result = ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
        return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)
    fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
    return sum(1 for _ in ox.parse(data, format=fmt))


@dataclass
class Timing:
    rows: int | None
    times: list[float]
    #: ``ok``, or why there are no (or fewer) figures: ``http 500``, ``timeout``, ``error: …``.
    status: str = "ok"

    def figures(self) -> dict[str, object]:
        ordered = sorted(self.times)
        p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)] if ordered else None
        return {
            "rows": self.rows,
            "runs": len(ordered),
            "status": self.status,
            "p50_ms": statistics.median(ordered) * 1000 if ordered else None,
            "p95_ms": p95 * 1000 if p95 is not None else None,
        }


class Latency:
    """Sequential requests on one kept-alive connection to a SPARQL endpoint."""

    def __init__(self, url: str, params: list[tuple[str, str]], timeout: float) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
        self.params, self.timeout = params, timeout
        self.conn: http.client.HTTPConnection | None = None

    def send(self, query: Query, tag: str) -> tuple[int, bytes, str]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept(query)}
        try:
            self.conn.request("POST", self.path, body(query, self.params, tag), headers)
            answer = self.conn.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        if answer.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return answer.status, data, answer.getheader("Content-Type", "")

    def measure(self, query: Query, runs: int, budget: float, unique: bool) -> Timing:
        """One warm-up request (its rows), then up to ``runs`` timed ones while within ``budget`` seconds."""
        try:
            warm = time.perf_counter()
            status, data, content_type = self.send(query, "warm" if unique else "")
            if status != 200:
                return Timing(None, [], f"http {status}: {data[:120].decode(errors='replace')}")
            rows = count_rows(data, content_type)
            times: list[float] = []
            spent = time.perf_counter()
            least = 3 if spent - warm < budget else 1  # a slow query: one timed run
            while len(times) < runs and (time.perf_counter() - spent < budget or len(times) < least):
                began = time.perf_counter()
                status, data, _ = self.send(query, f"run-{len(times)}" if unique else "")
                times.append(time.perf_counter() - began)
                if status != 200:
                    return Timing(rows, times[:-1], f"http {status}")
            return Timing(rows, times)
        except TimeoutError:
            return Timing(None, [], "timeout")
        except (OSError, http.client.HTTPException, ValueError, SyntaxError) as exc:
            return Timing(None, [], f"error: {type(exc).__name__}: {str(exc)[:120]}")


_LUA = """local bodies = {%(bodies)s}
local accepts = {%(accepts)s}
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function request()
  counter = counter + 1
  local i = (counter %% #bodies) + 1
  if %(get)s then
    return wrk.format("GET", wrk.path .. (%(unique)s and ("?u=" .. tid .. "x" .. counter) or ""),
                      {["Accept"] = "text/html"})
  end
  local text = bodies[i] .. (%(unique)s and ("%%0A%%23" .. tid .. "x" .. counter) or "")
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
                                  ["Accept"] = accepts[i]}, text)
end
function done(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "duration_us": %%d, "status_errors": %%d, "socket_errors": %%d, '
    .. '"p50_us": %%d, "p99_us": %%d}\\n', summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def throughput(
    url: str,
    queries: list[Query],
    params: list[tuple[str, str]],
    clients: int,
    seconds: float,
    unique: bool = True,
    get: bool = False,
) -> dict[str, float]:
    """Requests per second ``wrk`` gets from ``url`` with ``clients`` connections for ``seconds``.

    With ``get`` it sends plain GETs of ``url`` (a page) instead of the queries.
    """
    bodies = ", ".join(f"[[{body(q, params).decode()}]]" for q in queries) or "[[]]"
    accepts = ", ".join(f'"{accept(q)}"' for q in queries) or '"text/html"'
    script = _LUA % {
        "bodies": bodies,
        "accepts": accepts,
        "unique": str(unique).lower(),
        "get": str(get).lower(),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        cmd = ["wrk", "-t", str(min(clients, 2)), "-c", str(clients), "--timeout", "20s", "-s", lua.name, url]
        # A warm-up second, not counted: a server's first requests (AMKG's query pool forking its
        # processes, caches of the engine) would otherwise weigh on the first scenario only.
        subprocess.run([*cmd, "-d", "1s"], capture_output=True, timeout=60)
        done = subprocess.run(
            [*cmd, "-d", f"{seconds:g}s"], capture_output=True, text=True, timeout=seconds + 60
        )
    line = next((x for x in done.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        return {"rps": 0.0, "error": (done.stdout + done.stderr)[-300:]}  # type: ignore[dict-item]
    figures = json.loads(line)
    ok = figures["requests"] - figures["status_errors"]
    return {
        "rps": ok / (figures["duration_us"] / 1e6),
        "requests": figures["requests"],
        "errors": figures["status_errors"] + figures["socket_errors"],
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
    }
