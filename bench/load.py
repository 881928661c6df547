"""Load test of the whole serving tier: many clients, two heavy queries always in flight, 5 % hostile traffic.

Starts ``amkg serve`` on a free 127.0.0.1 port (or uses ``--url`` of a server on this machine), then, for
``--seconds`` (default 600), runs ``--clients`` (default 50) clients, each from its own loopback address,
each looping: a request, then a pause of 0.2–1 s. Requests are page views (home, entity pages, classes),
one-entity DESCRIBEs, the competency questions of ``queries/`` (joins and aggregations, half of them made
unique by a comment so the answer cache does not hide the engine) and searches. 5 % are hostile: the sort
of everything that panics the engine on some runs, a query nested past the scanner's limit (400), the CONCAT
memory bomb, a client that hangs up on a heavy query, a client that
sends its headers a byte at a time, one that connects and says nothing. Two more clients keep a heavy query
(a cartesian product) in flight all the time; it ends at the query timeout with its 503.

Reported: per kind of request p50/p95/p99 (ms) and statuses; *unexpected* 5xx (any 5xx other than the
memory bomb's 500, the big sort's 500 (a panic) or 503 (its deadline), the heavy queries' 503, and
the 503 with ``Retry-After`` that sheds load when every query process is busy, counted apart as
``shed_503``) and connection errors, both of which must be 0; the resident
memory of all server processes (master, web worker, pool) and what its caches hold (``/healthz``) once a
second. Written to bench/results/: ``load.json`` (summary, with the PSS median of each minute),
``load.csv`` (memory over time) and ``load.svg`` (memory, caches and pages p95 over time, drawn by hand:
no plotting library needed). Exit status 1 if anything unexpected happened.

    python -m bench.load [--seconds 30] [--clients 50] [--url http://127.0.0.1:8080] [--answer-cache-mb 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from tests.support.clients import HOSTILE, children, private_bytes, pss_bytes, rss_bytes, tree
from tests.support.server import start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
ENTITIES = [
    "hub/michigan",
    "hub/ohio",
    "hub/tamil-nadu",
    "source/wef-amhub-2020",
    "source/wef-amhub-2021",
]
SEARCHES = ["robot", "additive", "policy", "hub", "india", "quantum", "sme", "energy"]
PAGES = ["/", "/classes", "/ontology.html", "/downloads", "/search?q=hub"]
WINDOW = 5.0  # seconds per point of the plot's latency line


#: How the endpoint begins the 503 that sheds load (with ``Retry-After``): an answer, not a failure.
SHED = "Every query process is busy"


class Client:
    """One person: a kept-alive connection from its own loopback address."""

    def __init__(self, url: str, source: str) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.source = parts.hostname or "127.0.0.1", parts.port or 80, source
        self.conn: http.client.HTTPConnection | None = None
        #: The start of the last answer, to say what an unexpected one was.
        self.said = ""

    def request(self, method: str, path: str, body: str | None = None, accept: str = "*/*") -> int:
        headers = {"Accept": accept}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):  # a kept-alive connection the server closed meanwhile is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=60, source_address=(self.source, 0)
                )
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                self.said = response.read(200).decode("utf-8", "replace")[:60]
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _queries() -> tuple[list[str], list[str]]:
    """The competency questions: (joins, aggregations)."""
    texts = [p.read_text() for p in sorted((ROOT / "queries").glob("*.rq"))]
    texts = [t for t in texts if "SERVICE" not in t.upper()]  # no allow-list: refused, and remote
    aggregations = [t for t in texts if "GROUP BY" in t.upper() or "COUNT(" in t.upper()]
    return [t for t in texts if t not in aggregations], aggregations


class Load:
    def __init__(self, url: str, seconds: float) -> None:
        self.url = url
        self.until = time.monotonic() + seconds
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.latency: dict[str, list[tuple[float, float]]] = defaultdict(list)  # kind -> (at, seconds)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.unexpected: list[str] = []
        #: 503s that shed load (every query process busy: ``Retry-After`` says when to come back).
        self.shed = 0
        self.errors: list[str] = []
        self.joins, self.aggregations = _queries()

    def record(self, kind: str, status: int, seconds: float, expected: set[int], said: str = "") -> None:
        with self.lock:
            self.latency[kind].append((time.monotonic() - self.started, seconds))
            self.statuses[kind][status] += 1
            if status == 503 and said.startswith(SHED):
                self.shed += 1
            elif status >= 500 and status not in expected:
                self.unexpected.append(f"{kind}: {status} {said}")

    def visitor(self, source: str, seed: int) -> None:
        rng = random.Random(seed)
        client = Client(self.url, source)
        while time.monotonic() < self.until:
            roll = rng.random()
            try:
                if roll < 0.05:
                    self.hostile(rng, source)
                else:
                    self.ordinary(rng, client, roll)
            except OSError as exc:
                with self.lock:
                    self.errors.append(f"{source}: {exc!r}")
                client.close()
            time.sleep(rng.uniform(0.2, 1.0))
        client.close()

    def ordinary(self, rng: random.Random, client: Client, roll: float) -> None:
        unique = f"\n# {rng.random()}" if rng.random() < 0.5 else ""
        if roll < 0.40:
            kind, path = "page", rng.choice([*PAGES, *(f"/id/{e}.html" for e in ENTITIES)])
            started = time.monotonic()
            status = client.request("GET", path, accept="text/html")
        elif roll < 0.55:
            kind, path = "search", f"/search?q={quote(rng.choice(SEARCHES))}"
            started = time.monotonic()
            status = client.request("GET", path, accept="text/html")
        else:
            if roll < 0.75:
                kind, query = "describe", f"DESCRIBE <https://w3id.org/amkg/id/{rng.choice(ENTITIES)}>"
            elif roll < 0.88:
                kind, query = "join", rng.choice(self.joins)
            else:
                kind, query = "aggregate", rng.choice(self.aggregations)
            started = time.monotonic()
            status = client.request("POST", "/sparql", urlencode({"query": query + unique}))
        self.record(kind, status, time.monotonic() - started, set(), client.said)

    def hostile(self, rng: random.Random, source: str) -> None:
        what = rng.choice(["panic", "deep", "concat", "hang-up", "slow-headers", "idle"])
        started = time.monotonic()
        if what in ("panic", "deep", "concat"):
            client = Client(self.url, source)
            status = client.request("POST", "/sparql", urlencode({"query": HOSTILE[what]}))
            client.close()
            # the memory bomb ends its process (500); the big sort panics the engine on some runs (500) or
            # meets its deadline (503)
            self.record(f"hostile-{what}", status, time.monotonic() - started, {500, 503})
            return
        parts = urlsplit(self.url)
        address = (parts.hostname, parts.port)
        with socket.create_connection(address, timeout=15, source_address=(source, 0)) as s:
            if what == "hang-up":
                body = urlencode({"query": HOSTILE["endless"] + f" # {rng.random()}"})
                s.sendall(
                    f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n{body}".encode()
                )
                time.sleep(0.3)
            elif what == "slow-headers":
                for char in "GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a" * 40:
                    if time.monotonic() - started > 12:
                        break
                    try:
                        s.send(char.encode())
                    except OSError:
                        break
                    time.sleep(0.25)
            else:
                time.sleep(3)
        with self.lock:
            self.statuses[f"hostile-{what}"][0] += 1

    def heavy(self, source: str) -> None:
        """Keeps one heavy query in flight: each ends at the query timeout (503) and the next follows."""
        client = Client(self.url, source)
        n = 0
        while time.monotonic() < self.until:
            n += 1
            started = time.monotonic()
            try:
                query = urlencode({"query": HOSTILE["endless"] + f" #{n}"})
                status = client.request("POST", "/sparql", query)
            except OSError as exc:
                with self.lock:
                    self.errors.append(f"heavy {source}: {exc!r}")
                client.close()
                continue
            self.record("heavy", status, time.monotonic() - started, {503})


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100)
    return {"n": len(values), "p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


def _per_minute(points: list[tuple[float, float]]) -> list[int]:
    """The median of each minute's values (``points`` are (seconds, value)): a trend that the memory bombs'
    spikes do not hide."""
    minutes: dict[int, list[float]] = defaultdict(list)
    for at, value in points:
        minutes[int(at // 60)].append(value)
    return [round(statistics.median(values)) for _, values in sorted(minutes.items())]


def _cache_bytes(url: str, field: str = "bytes") -> int:
    """What the server's answer and page caches hold (or may hold: ``max_bytes``), from ``/healthz``."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=10)
    try:
        conn.request("GET", "/healthz")
        report = json.loads(conn.getresponse().read())
    finally:
        conn.close()
    return sum(cache[field] for cache in report["caches"].values())


def _svg(
    memory: list[tuple[float, float]],
    cached: list[tuple[float, float]],
    pages: list[tuple[float, float]],
    seconds: float,
) -> str:
    """Memory (PSS, MB, blue), what the caches hold of it (MB, green) and pages' p95 per window (ms,
    orange) over time, as a plain SVG."""
    width, height, pad = 800, 300, 40

    def line(points: list[tuple[float, float]], top: float, colour: str) -> str:
        coords = " ".join(
            f"{pad + t / seconds * (width - 2 * pad):.1f},{height - pad - v / top * (height - 2 * pad):.1f}"
            for t, v in points
        )
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>'

    mem_top = max((v for _, v in memory), default=1) * 1.2
    lat_top = max((v for _, v in pages), default=1) * 1.2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="white"/>'
        f'<text x="{pad}" y="20">PSS of all server processes (MB, blue; top {mem_top:.0f}), what the '
        f"caches hold (green, same scale) and pages p95 per {WINDOW:g} s (ms, orange; top {lat_top:.0f}) "
        f"over {seconds:.0f} s</text>"
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="black"/>'
        + line(memory, mem_top, "#1f77b4")
        + line(cached, mem_top, "#2ca02c")
        + line(pages, lat_top, "#ff7f0e")
        + "</svg>"
    )


def run(url: str, master: int | None, seconds: float, clients: int, out: Path) -> dict[str, object]:
    load = Load(url, seconds)
    threads = [
        threading.Thread(target=load.visitor, args=(f"127.0.{1 + i // 200}.{10 + i % 200}", i), daemon=True)
        for i in range(clients)
    ]
    threads += [threading.Thread(target=load.heavy, args=(f"127.0.9.{n}",), daemon=True) for n in (1, 2)]
    for thread in threads:
        thread.start()
    memory: list[tuple[float, float]] = []  # (seconds, PSS in MB): what the processes really take
    rss: list[float] = []  # summed RSS, shared pages counted once per process: an upper bound
    cached: list[tuple[float, float]] = []  # (seconds, MB the answer and page caches say they hold)
    worker: list[float] = []  # MB only the web worker has (its caches, its heap): where a leak would show
    while time.monotonic() < load.until:
        at = time.monotonic() - load.started
        if master is not None:
            processes = tree(master)
            memory.append((at, pss_bytes(processes) / 1e6))
            rss.append(rss_bytes(processes) / 1e6)
            cached.append((at, _cache_bytes(url) / 1e6))
            worker.append(sum(private_bytes(pid) for pid in children(master)) / 1e6)
        time.sleep(1)
    for thread in threads:
        thread.join(timeout=90)
    pages = sorted(load.latency["page"])
    windows = defaultdict(list)
    for at, took in pages:
        windows[int(at // WINDOW)].append(took)
    page_p95 = [((w + 0.5) * WINDOW, _percentiles(v).get("p95", 0.0)) for w, v in sorted(windows.items())]
    summary = {
        "seconds": seconds,
        "clients": clients,
        "unexpected_5xx": len(load.unexpected),
        "shed_503": load.shed,
        "unexpected": load.unexpected[:20],
        "connection_errors": len(load.errors),
        "errors": load.errors[:20],
        "latency_ms": {kind: _percentiles([t for _, t in v]) for kind, v in sorted(load.latency.items())},
        "statuses": {kind: dict(v) for kind, v in sorted(load.statuses.items())},
        "pss_mb": {
            "first": memory[0][1] if memory else None,
            "max": max((v for _, v in memory), default=None),
            "last": memory[-1][1] if memory else None,
        },
        "pss_mb_median_per_minute": _per_minute(memory),
        "worker_private_mb_median_per_minute": _per_minute(
            [(t, w) for (t, _), w in zip(memory, worker, strict=True)]
        ),
        "cache_mb": {
            "max_bytes_mb": _cache_bytes(url, "max_bytes") / 1e6,
            "last": cached[-1][1] if cached else None,
        },
        "rss_mb": {
            "first": rss[0] if rss else None,
            "max": max(rss, default=None),
            "last": rss[-1] if rss else None,
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(summary, indent=2) + "\n")
    (out / "load.csv").write_text(
        "seconds,pss_mb,rss_mb,cache_mb,worker_private_mb\n"
        + "".join(
            f"{t:.0f},{v:.1f},{r:.1f},{c:.1f},{w:.1f}\n"
            for (t, v), r, (_, c), w in zip(memory, rss, cached, worker, strict=True)
        )
    )
    (out / "load.svg").write_text(_svg(memory, cached, page_p95, seconds))
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--url", help="a server already running on this machine (default: start one)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the results (bench/results)")
    parser.add_argument("--answer-cache-mb", type=int, help="the started server's answer cache (default 64)")
    parser.add_argument("--page-cache-mb", type=int, help="the started server's page cache (default 32)")
    args = parser.parse_args()
    if args.url:
        if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit("loopback only: the load test never sends load to another machine")
        summary = run(args.url.rstrip("/"), None, args.seconds, args.clients, args.out)
    else:
        caches = [
            *(["--answer-cache-mb", str(args.answer_cache_mb)] if args.answer_cache_mb is not None else []),
            *(["--page-cache-mb", str(args.page_cache_mb)] if args.page_cache_mb is not None else []),
        ]
        url, proc = start_server(["--query-timeout", "10", "--query-memory-mb", "256", *caches])
        try:
            summary = run(url, proc.pid, args.seconds, args.clients, args.out)
        finally:
            stop_server(proc)
    print(json.dumps(summary, indent=2))
    return 1 if summary["unexpected_5xx"] or summary["connection_errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
