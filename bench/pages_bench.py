"""Entity-page throughput against the bare ``/ping`` route, in the same run, on a real server.

The target (issue 5): an entity page serves at least half as many requests per second as ``/ping``. Three
cases are measured with the same client settings: ``/ping``; one hub page over and over; and a rotation over
every hub, firm and technology page (the first visit of each renders it from the store, later ones are
served from the page cache).

    .venv/bin/python -m bench.pages_bench                  # starts `amkg serve` on a free port
    .venv/bin/python -m bench.pages_bench --url http://127.0.0.1:8080 --seconds 5 --clients 8

Also the latency of ``/search.json`` as an autocompleting field asks it (issue 12: p95 under 50 ms): every
prefix of some names a curator types, one request at a time, each timed from send to last byte.

Exit status 1 when the hub page falls below half the ping rate or the search's p95 is 50 ms or more.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

from tests.support.server import start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]


def measure(paths: list[str], base: str, seconds: float, clients: int) -> dict[str, float]:
    """Requests per second (and errors) of ``clients`` keep-alive clients cycling through ``paths``."""
    done = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        session = requests.Session()
        n = i
        while time.monotonic() < stop:
            response = session.get(base + paths[n % len(paths)], timeout=30)
            n += 1
            if response.status_code == 200:
                done[i] += 1
            else:
                errors[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"rps": sum(done) / elapsed, "requests": sum(done), "errors": sum(errors)}


def entity_paths(base: str) -> list[str]:
    """Pages of every hub, firm and technology, as listed by their class pages."""
    paths = []
    for name in ("amkg:Hub", "amkg:Firm", "amkg:Technology"):
        html = requests.get(f"{base}/class/{name}", timeout=30).text
        paths += [
            href[len(base) :] + ".html"
            for href in re.findall(r'href="(' + re.escape(base) + r'/id/[^"]+)"', html)
        ]
    return sorted(set(paths))


#: What a curator types into the search field, a letter at a time.
TYPED = (
    "michigan",
    "additive manufacturing",
    "sao paulo",
    "AI",
    "robots",
    "mahindra",
    "industry 4.0",
    "ulsan",
)
SEARCH_P95_MS = 50.0


def search_latency(base: str, rounds: int = 5) -> dict[str, float]:
    """Milliseconds per ``/search.json`` request for every prefix of :data:`TYPED`, ``rounds`` times."""
    session = requests.Session()
    prefixes = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]
    timings = []
    for _ in range(rounds):
        for prefix in prefixes:
            started = time.perf_counter()
            response = session.get(f"{base}/search.json", params={"q": prefix, "limit": 10}, timeout=30)
            response.json()
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": round(timings[len(timings) // 2], 2),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 2),
        "max_ms": round(timings[-1], 2),
    }


def run(base: str, seconds: float, clients: int) -> dict:
    requests.get(
        base + "/id/hub/michigan.html", timeout=30
    )  # the first view renders; the run measures serving
    results = {
        "ping": measure(["/ping"], base, seconds, clients),
        "hub_page": measure(["/id/hub/michigan.html"], base, seconds, clients),
        "entity_pages": measure(entity_paths(base), base, seconds, clients),
        "search_json": search_latency(base),
    }
    ping = results["ping"]["rps"]
    for case in ("hub_page", "entity_pages"):
        results[case]["ratio_to_ping"] = results[case]["rps"] / ping if ping else 0.0
    return results


def with_server(action: Callable[[str], dict]) -> dict:

    url, proc = start_server()
    try:
        return action(url)
    finally:
        stop_server(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    def action(url: str) -> dict:
        return run(url.rstrip("/"), args.seconds, args.clients)

    results = action(args.url) if args.url else with_server(action)
    print(json.dumps(results, indent=2))
    search = results["search_json"]["p95_ms"]
    print(f"search.json p95: {search} ms (target < {SEARCH_P95_MS:g} ms)")
    return 0 if results["hub_page"]["ratio_to_ping"] >= 0.5 and search < SEARCH_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
