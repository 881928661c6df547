"""Engine (a), the floor: pyoxigraph in-process, over the store ``amkg serve`` loads, no HTTP at all.

Run as its own process by :mod:`bench.scale` (so its peak RSS is its own): loads ``--dist`` with AMKG's
store (the materialised union), then times each query as parse + evaluation + reading every row (or
triple), the way the harness times the servers, each in a forked copy that is killed at the query's
timeout, and prints one JSON document. The peak RSS is the loaded store's (the copies are not counted).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from amkg.config import Settings
from amkg.store import open_store

from bench.mix import queries


def measure(once: Callable[[], int], runs: int, budget: float, out: int) -> None:
    """In a child: the warm-up's rows, then each timed run's seconds, one JSON line each, to ``out``."""
    began = time.perf_counter()
    rows = once()
    warm = time.perf_counter() - began
    os.write(out, (json.dumps({"rows": rows, "warm": warm}) + "\n").encode())
    least = 3 if warm < budget else 1
    spent = time.perf_counter()
    for done in range(runs):
        if done >= least and time.perf_counter() - spent > budget:
            break
        t = time.perf_counter()
        once()
        os.write(out, (json.dumps({"t": time.perf_counter() - t}) + "\n").encode())


def forked(once: Callable[[], int], runs: int, budget: float, timeout: float) -> dict[str, object]:
    """:func:`measure` in a forked copy of this process (the loaded store shared), killed at ``timeout``:
    pyoxigraph cannot stop a query, and at 1 M some questions run for minutes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            measure(once, runs, budget, write)
        except (SyntaxError, OSError) as exc:
            os.write(write, (json.dumps({"error": str(exc)[:150]}) + "\n").encode())
        os._exit(0)
    os.close(write)
    lines: list[dict] = []
    buffer = b""
    deadline = time.monotonic() + timeout
    with os.fdopen(read, "rb", buffering=0) as stream:
        while (left := deadline - time.monotonic()) > 0 and select.select([stream], [], [], left)[0]:
            chunk = stream.read(65536)
            if not chunk:
                break
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            lines += [json.loads(line) for line in complete]
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if lines and "error" in lines[0]:
        return {"rows": None, "runs": 0, "status": f"error: {lines[0]['error']}"}
    if not lines:
        return {"rows": None, "runs": 0, "status": "timeout"}
    times = sorted(line["t"] for line in lines[1:]) or [lines[0]["warm"]]
    return {
        "rows": lines[0]["rows"],
        "runs": len(lines) - 1,
        "status": "ok" if len(lines) > 1 else "warm-up only (timeout)",
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[max(0, round(len(times) * 0.95) - 1)] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds of runs per query")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per query, runs included")
    parser.add_argument("--engine-budget", type=float, default=240.0, help="seconds for all queries")
    args = parser.parse_args()
    began = time.perf_counter()
    store = open_store(Settings.from_env(dist=args.dist))
    ready = time.perf_counter() - began
    results: dict[str, dict] = {}
    for query in queries():
        if time.perf_counter() - began - ready > args.engine_budget:
            results[query.name] = {"rows": None, "runs": 0, "status": "skipped (engine's time budget spent)"}
            continue
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

        results[query.name] = forked(once, args.runs, args.budget, args.timeout + args.budget)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready_s": ready, "memory_mb": peak, "queries": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
