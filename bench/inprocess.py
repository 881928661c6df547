"""Engine (a), the floor: pyoxigraph in-process, over the store ``amkg serve`` loads, no HTTP at all.

Run as its own process by :mod:`bench.scale` (so its peak RSS is its own): loads ``--dist`` with AMKG's
store (the materialised union), then times each query as parse + evaluation + reading every row (or
triple), the way the harness times the servers, and prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import pyoxigraph as ox
from amkg.config import Settings
from amkg.store import open_store

from bench.mix import queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per query (at least 3 runs)")
    args = parser.parse_args()
    began = time.perf_counter()
    store = open_store(Settings.from_env(dist=args.dist))
    ready = time.perf_counter() - began
    results = {}
    for query in queries():
        if query.remote:
            results[query.name] = {
                "rows": None,
                "runs": 0,
                "status": "not run: SERVICE calls a remote endpoint",
            }
            continue

        def once(text: str = query.text) -> int:
            result = store.query(text)
            return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)

        try:
            rows = once()
        except (SyntaxError, OSError) as exc:
            results[query.name] = {"rows": None, "runs": 0, "status": f"error: {exc}"[:150]}
            continue
        times: list[float] = []
        spent = time.perf_counter()
        while len(times) < args.runs and (time.perf_counter() - spent < args.budget or len(times) < 3):
            t = time.perf_counter()
            once()
            times.append(time.perf_counter() - t)
        times.sort()
        results[query.name] = {
            "rows": rows,
            "runs": len(times),
            "status": "ok",
            "p50_ms": statistics.median(times) * 1000,
            "p95_ms": times[max(0, round(len(times) * 0.95) - 1)] * 1000,
        }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready_s": ready, "memory_mb": peak, "queries": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
