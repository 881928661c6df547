"""HTTP benchmark of the SPARQL endpoint: requests/s and latency at 1 and 8 clients, on loopback only.

Starts ``amkg serve`` on a free 127.0.0.1 port (or uses ``--url`` of a server already running on this
machine), then, in one run, measures three requests of the same app:

- ``ping``: the bare ``/ping`` route, the baseline of what the web stack itself costs;
- ``describe``: a one-entity ``DESCRIBE`` (Turtle), which the engine answers in well under 0.1 ms, so
  anything it costs beyond ``ping`` is the endpoint's own overhead;
- ``join``: a 3-way join SELECT (SPARQL JSON);
- ``describe-uncached``: the same DESCRIBE made unique by a comment, so that the endpoint's answer cache
  never hits and every request runs the whole path: scan, checks, engine, serialiser;
- ``entity-page``: the HTML page of one hub, as a curator's browser asks for it (target: >= 50 % of
  ``ping``; ``bench/pages_bench.py`` cycles through many pages instead of one).

Each client is a separate process sending one request per connection (gunicorn's sync workers close
every connection) for a fixed time; the run is bounded in time and requests. The scenarios take turns in
several rounds, so that a change in the machine's load during the run affects them all alike. Target:
``describe`` at >= 90 % of ``ping``'s throughput.

    python -m bench.http_bench [--seconds 5] [--clients 1 8] [--url http://127.0.0.1:8080]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import socket
import statistics
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from tests.support.server import start_server

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS_PER_CLIENT = 200_000
DESCRIBE = "DESCRIBE <https://w3id.org/amkg/id/hub/michigan>"
JOIN = """PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?hub ?host ?label WHERE { ?hub a amkg:Hub ; amkg:hostedBy ?host . ?host rdfs:label ?label }"""
SCENARIOS = {
    "ping": ("/ping", "*/*"),
    "describe": ("/sparql?query=" + quote(DESCRIBE), "text/turtle"),
    "join": ("/sparql?query=" + quote(JOIN), "application/sparql-results+json"),
    "describe-uncached": ("/sparql?query=" + quote(DESCRIBE + " #") + "{n}", "text/turtle"),
    "entity-page": ("/id/hub/michigan.html", "text/html"),
}

#: Throughput each scenario should reach, as a share of ``ping``'s in the same run.
TARGETS = {"describe": 0.9, "describe-uncached": 0.9, "entity-page": 0.5}


def request_bytes(host: str, port: int, path: str, accept: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    ).encode()


def one(address: tuple[str, int], raw: bytes) -> int:
    """Send one request on a new connection; return the status code once the whole answer is read."""
    with socket.create_connection(address) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return int(b"".join(chunks[:1])[9:12] or 0)


def client(address: tuple[str, int], raw: bytes, seconds: float, out: multiprocessing.Queue) -> None:
    """One client's loop; ``{n}`` in the request becomes a number unique to each request."""
    latencies, errors = [], 0
    unique = b"{n}" in raw
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS_PER_CLIENT:
        started = time.perf_counter()
        sent = raw.replace(b"{n}", b"%d-%d" % (os.getpid(), len(latencies))) if unique else raw
        status = one(address, sent)
        latencies.append(time.perf_counter() - started)
        errors += status != 200
    out.put((latencies, errors))


Run = tuple[list[float], int, float]


def run_clients(address: tuple[str, int], raw: bytes, clients: int, seconds: float) -> Run:
    """(latencies, errors, elapsed seconds) of ``clients`` processes sending ``raw`` for ``seconds``."""
    for n in range(20):  # warm every worker up
        one(address, raw.replace(b"{n}", b"warm-%d" % n))
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    procs = [context.Process(target=client, args=(address, raw, seconds, out)) for _ in range(clients)]
    started = time.perf_counter()
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.join()
    return [lat for lats, _ in results for lat in lats], sum(errors for _, errors in results), elapsed


def summary(runs: list[Run]) -> dict[str, float]:
    latencies = sorted(lat for lats, _, _ in runs for lat in lats)
    return {
        "requests": len(latencies),
        "errors": sum(errors for _, errors, _ in runs),
        "rps": len(latencies) / sum(elapsed for _, _, elapsed in runs),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on this machine (default: start one)")
    parser.add_argument("--workers", type=int, help="web workers of the server it starts (default 1)")
    parser.add_argument("--seconds", type=float, default=6.0, help="per scenario and client count (max 60)")
    parser.add_argument("--rounds", type=int, default=3, help="turns the scenarios take (default 3)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    seconds = min(args.seconds, 60.0)
    proc = None
    url = args.url
    if url is None:
        # All clients send from 127.0.0.1: the per-client query limit (2) would answer most of them 429.
        flags = ["--workers", str(args.workers or 1), "--client-queries", str(max(args.clients) + 1)]
        url, proc = start_server(flags)
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only: the benchmark never sends load to another machine")
    address = (parts.hostname, parts.port or 80)
    figures: dict[str, dict[int, dict[str, float]]] = {}
    try:
        print(f"{'scenario':18} {'clients':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        for clients in args.clients:
            runs: dict[str, list] = {name: [] for name in SCENARIOS}
            for _ in range(args.rounds):
                for name, (path, accept) in SCENARIOS.items():
                    raw = request_bytes(parts.hostname, address[1], path, accept)
                    runs[name].append(run_clients(address, raw, clients, seconds / args.rounds))
            for name in SCENARIOS:
                result = figures.setdefault(name, {})[clients] = summary(runs[name])
                print(
                    f"{name:18} {clients:7d} {result['rps']:9.0f} {result['p50_ms']:8.2f} "
                    f"{result['p99_ms']:8.2f} {result['errors']:6d}",
                    flush=True,
                )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=15)
    for clients in args.clients:
        for name, target in TARGETS.items():
            ratio = figures[name][clients]["rps"] / figures["ping"][clients]["rps"]
            verdict = "meets" if ratio >= target else "misses"
            print(f"{name}/ping at {clients} client(s): {ratio:.0%} ({verdict} the {target:.0%} target)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
