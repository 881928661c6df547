"""Performance at scale: AMKG against its own engine and its peers, on the same data and queries.

For each scale (the real graph, then synthetic graphs of 100 k and 1 M statements from
:mod:`bench.generate`; 5 M on request) the engines run one at a time, on 127.0.0.1:

- ``pyoxigraph``: in-process, no HTTP (:mod:`bench.inprocess`), the floor;
- ``floor (gunicorn)`` / ``floor (granian)``: :mod:`bench.floor`, the least a WSGI route can do, under
  the HTTP server ``amkg serve`` uses and under granian: the HTTP floor;
- ``amkg /sparql``: ``amkg serve`` (Flask, the query pool, every check), uncached and cached; its entity
  pages; ``amkg-granian``: the same app under granian (:mod:`bench.granian_front`), on the fixed mix;
  ``amkg-disk``: ``amkg serve`` on RocksDB, at 1 M and above;
- ``oxigraph-server``: Oxigraph's own Rust server, with the union as an option and with the union loaded;
- ``rdflib-endpoint`` and ``virtuoso`` (Debian, a throw-away database).

Measured per engine: start-up (loading included), peak memory (PSS of the server's processes, or peak RSS
in-process), p50/p95 of each query (a warm-up, then ≥ 20 runs within a time budget, fewer at 1 M: see
``BUDGET``), throughput with ``wrk`` at 1 and 8 connections (lookups, DESCRIBE, the whole mix), and each
query's row count, compared across engines; then ``amkg build`` as its input grows
(:mod:`bench.build_growth`). Results go to ``bench/results/scale.json`` and ``scale.md``;
:mod:`bench.report` draws the plots into ``docs/``. The run is bounded (about 25 minutes on 2 cores).

    python -m bench.scale [--scales ours 100k 1m] [--engines amkg oxigraph-union …]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from bench import build_growth, engines, generate, report
from bench.clients import Latency, throughput
from bench.mix import LOOKUPS, Query, queries

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RUNS = 20
#: Seconds of timed runs per query and engine (at least 3 runs each): 20 runs fit at our size and 100 k.
BUDGET = {"ours": 1.0, "100k": 1.0, "1m": 0.5, "5m": 0.5}
#: Seconds each throughput measurement lasts.
SECONDS = {"ours": 2, "100k": 2, "1m": 2, "5m": 2}  # wrk takes whole seconds
#: Seconds of latency measurements one engine may take per scale; what is left is recorded as skipped.
ENGINE_BUDGET = {"ours": 120.0, "100k": 90.0, "1m": 90.0, "5m": 90.0}
#: rdflib-endpoint's at every scale (seconds per question above ours): it gets through the mix at most.
RDFLIB_BUDGET = 40.0
#: Cached answers are timed for the queries whose uncached p50 is below this (ms): the warm-up runs again.
CACHED_BELOW_MS = 2000.0
#: Seconds a query may take (servers are told the same where they can be: AMKG, Oxigraph's server).
TIMEOUT = {"ours": 30.0, "100k": 15.0, "1m": 8.0, "5m": 8.0}
ENGINES = (
    "pyoxigraph",
    "floor-gunicorn",
    "floor-granian",
    "amkg",
    "amkg-not-niced",
    "amkg-granian",
    "amkg-disk",
    "oxigraph-union-option",
    "oxigraph-union-loaded",
    "rdflib-endpoint",
    "virtuoso",
)
#: Engines that only answer the fixed mix (the HTTP floor, and AMKG with its query processes at normal
#: priority: the catalogue adds nothing to what they show). AMKG on RocksDB answers the catalogue too: it is
#: the configuration recommended at 1 M, so each question's time there matters.
MIX_ONLY = ("floor-gunicorn", "floor-granian", "amkg-not-niced", "amkg-granian")
#: Not run unless named (``--engines``): an experiment for docs/decisions.md §25.
OPTIONAL = ("amkg-not-niced",)
#: Engines run only at some scales: AMKG on RocksDB is the configuration for graphs that outgrow memory.
ONLY_AT = {"amkg-disk": ("1m", "5m")}


class Peak:
    """Samples the memory of a server's processes twice a second while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, engines.memory_mb(self.pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return max(self.peak, engines.memory_mb(self.pid))


def start(name: str, folder: Path, timeout: float) -> engines.Running:
    graphs = [g["iri"] for g in json.loads((folder / "manifest.json").read_text())["graphs"]]
    starters: dict[str, Callable[[], engines.Running]] = {
        "floor-gunicorn": lambda: engines.start_floor(folder, "gunicorn"),
        "floor-granian": lambda: engines.start_floor(folder, "granian"),
        "amkg-granian": lambda: engines.start_amkg_granian(folder, timeout),
        "amkg": lambda: engines.start_amkg(folder, timeout),
        "amkg-not-niced": lambda: engines.start_amkg(folder, timeout, same_priority=True),
        "amkg-disk": lambda: engines.start_amkg_disk(folder, timeout),
        "oxigraph-union-option": lambda: engines.start_oxigraph(folder / "amkg.nq", True),
        "oxigraph-union-loaded": lambda: engines.start_oxigraph(folder / generate.UNION, False),
        "rdflib-endpoint": lambda: engines.start_rdflib_endpoint(folder / "amkg.nq"),
        "virtuoso": lambda: engines.start_virtuoso(folder / generate.UNION, graphs),
    }
    return starters[name]()


def latencies(running: engines.Running, todo: list[Query], scale: str, unique: bool) -> dict[str, dict]:
    client = Latency(running.url, running.params, TIMEOUT[scale])
    found: dict[str, dict] = {}
    began = time.monotonic()
    budget = RDFLIB_BUDGET if running.name == "rdflib-endpoint" else ENGINE_BUDGET[scale]
    for query in todo:
        if query.remote:
            found[query.name] = {
                "rows": None,
                "runs": 0,
                "status": "not run: SERVICE calls a remote endpoint",
            }
            continue
        if time.monotonic() - began > budget:
            found[query.name] = {"rows": None, "runs": 0, "status": "skipped (engine's time budget spent)"}
            continue
        found[query.name] = client.measure(query, RUNS, BUDGET[scale], unique).figures()
    return found


def throughputs(running: engines.Running, scale: str, name: str) -> dict[str, dict]:
    mix = [q for q in queries(catalogue=False)]
    scenarios = {name: [q for q in mix if q.name == name] for name in LOOKUPS}
    heavy = name == "rdflib-endpoint" and scale in ("1m", "5m")  # its mix takes minutes per request there
    if not heavy:
        scenarios["mix"] = mix
    found: dict[str, dict] = {}
    for scenario, todo in scenarios.items():
        for clients in (1, 8):
            found.setdefault(scenario, {})[str(clients)] = throughput(
                running.url, todo, running.params, clients, SECONDS[scale]
            )
    if name in ("amkg", "amkg-granian"):
        for scenario in LOOKUPS:  # the answer cache: the same request again
            todo = scenarios[scenario]
            found.setdefault(f"{scenario} (cached)", {})["8"] = throughput(
                running.url, todo, running.params, 8, SECONDS[scale], unique=False
            )
        page = running.url.removesuffix("/sparql") + "/id/hub/michigan.html"
        for clients in (1, 8):
            found.setdefault("entity page", {})[str(clients)] = throughput(
                page, [], [], clients, SECONDS[scale], unique=True, get=True
            )
    return found


def run_engine(name: str, folder: Path, scale: str, latency: bool = True) -> dict:
    todo = queries(catalogue=name not in MIX_ONLY)
    if name == "pyoxigraph":
        cmd = [sys.executable, "-m", "bench.inprocess", "--dist", str(folder), "--runs", str(RUNS)]
        cmd += ["--budget", str(BUDGET[scale]), "--timeout", str(TIMEOUT[scale])]
        cmd += ["--engine-budget", str(ENGINE_BUDGET[scale])]
        env = {"PYTHONPATH": f"{ROOT / 'server'}:{ROOT}"}
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800, env=env)
        if done.returncode != 0:
            return {"error": done.stderr[-500:]}
        return json.loads(done.stdout)
    try:
        running = start(name, folder, TIMEOUT[scale])
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        return {"error": str(exc)[-500:]}
    peak = Peak(running.proc.pid)
    try:
        figures: dict[str, object] = {"ready_s": running.ready_s}
        if running.first_start_s is not None:
            figures["first_start_s"] = running.first_start_s
        # Throughput first: a query that times out below may keep a server busy long after.
        figures["throughput"] = throughputs(running, scale, name)
        figures["queries"] = latencies(running, todo, scale, unique=True) if latency else {}
        if name == "amkg" and latency:
            timed = figures["queries"]
            assert isinstance(timed, dict)
            fast = [q for q in todo if (timed[q.name].get("p50_ms") or CACHED_BELOW_MS) < CACHED_BELOW_MS]
            figures["queries (cached)"] = latencies(running, fast, scale, unique=False)
        figures["memory_mb"] = peak.stop()
        if name.startswith("amkg"):  # read last: just after the start a second worker may not have counted in
            figures["workers"] = engines.workers(running.url)
        return figures
    finally:
        peak.stop()
        engines.stop(running)


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("pyoxigraph", "flask", "gunicorn", "granian", "werkzeug"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    peers = {
        "oxigraph": [str(engines.PEERS_BIN / "oxigraph"), "--version"],
        "rdflib-endpoint": [
            str(engines.PEERS_BIN / "python"),
            "-c",
            "import rdflib_endpoint as r, rdflib; print(r.__version__, 'rdflib', rdflib.__version__)",
        ],
        "virtuoso": ["dpkg-query", "-W", "-f=${Version}", "virtuoso-opensource-7-bin"],
        "wrk": ["dpkg-query", "-W", "-f=${Version}", "wrk"],
    }
    for name, cmd in peers.items():
        try:
            found[name] = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            found[name] = "not installed"
    return found


def machine() -> dict[str, object]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().split()[1]
    return {
        "cpu": cpu,
        "cores": len(
            [x for x in Path("/proc/cpuinfo").read_text().splitlines() if x.startswith("processor")]
        ),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_average_at_start": Path("/proc/loadavg").read_text().split()[:3],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", choices=generate.SCALES, default=["ours", "100k", "1m"])
    parser.add_argument(
        "--engines", nargs="+", choices=ENGINES, default=[e for e in ENGINES if e not in OPTIONAL]
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "scale.json")
    parser.add_argument("--throughput-only", action="store_true", help="no latency runs (servers only)")
    parser.add_argument(
        "--build-copies",
        nargs="*",
        type=int,
        default=list(build_growth.COPIES),
        help="time `amkg build` with this many synthetic copies of every source (none: not timed)",
    )
    args = parser.parse_args()
    began = time.monotonic()
    run = {
        "machine": machine(),
        "versions": versions(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "budget_s": BUDGET,
        "timeout_s": TIMEOUT,
        "runs": RUNS,
        "scales": {},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for scale in args.scales:
        folder = generate.OUT / scale
        t = time.monotonic()
        made = generate.generate(generate.SCALES[scale], folder)
        entry: dict[str, object] = {**made, "generate_s": time.monotonic() - t, "engines": {}}
        run["scales"][scale] = entry  # type: ignore[index]
        for name in args.engines:
            if scale not in ONLY_AT.get(name, (scale,)):
                continue
            t = time.monotonic()
            print(f"[{time.monotonic() - began:6.0f} s] {scale}: {name} …", flush=True)
            figures = run_engine(name, folder, scale, latency=not args.throughput_only)
            figures["wall_s"] = time.monotonic() - t
            entry["engines"][name] = figures  # type: ignore[index]
            if "error" in figures:
                print(f"    failed: {figures['error']}", flush=True)
            args.out.write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    if args.build_copies:
        print(f"[{time.monotonic() - began:6.0f} s] amkg build, copies {args.build_copies} …", flush=True)
        run["build"] = build_growth.run(tuple(args.build_copies))
    run["total_s"] = time.monotonic() - began
    args.out.write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
    report.write(run, args.out.with_suffix(".md"))
    print(f"done in {run['total_s']:.0f} s: {args.out} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
