"""Start and stop the SPARQL servers the benchmark compares, each on 127.0.0.1 with a free port.

Every ``start_*`` returns a :class:`Running` once the server answers (or raises, after a bounded wait):
its query URL, the extra protocol parameters every request must carry, the seconds from start to ready
(loading included) and the process, whose group :func:`stop` ends. Throw-away state (Oxigraph's database,
Virtuoso's database) lives in a temporary folder removed on stop. The peers run from their own packages:
``oxigraph`` and ``rdflib-endpoint`` from PyPI in the bench's virtual environment (``make bench`` makes
it; ``PEERS_BIN`` says where), Virtuoso from Debian's ``virtuoso-opensource`` (``virtuoso-t``, ``isql-vt``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.engines import VirtuosoSizes, write_virtuoso_ini

ROOT = Path(__file__).resolve().parents[1]
PEERS_BIN = Path(os.environ.get("PEERS_BIN", ROOT / ".venv-bench" / "bin"))
ASK = "ASK {}"
#: Where Virtuoso holds the union of the named graphs (the statements of the dump without a graph).
UNION_GRAPH = "urn:amkg:bench:union"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    """A server that answers SPARQL queries at ``url``."""

    name: str
    url: str
    proc: subprocess.Popen
    ready_s: float
    params: list[tuple[str, str]] = field(default_factory=list)
    scratch: Path | None = None
    log: Path | None = None
    #: A server that keeps what it loads (RocksDB): the first start, which loaded it.
    first_start_s: float | None = None


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )


def wait_ready(url: str, proc: subprocess.Popen, timeout: float, params: list[tuple[str, str]]) -> None:
    """Until ``url`` answers ``ASK {}`` with 200; RuntimeError if the process ends or time runs out."""
    query = urllib.parse.urlencode([("query", ASK), *params])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {proc.returncode}")
        try:
            request = urllib.request.Request(
                f"{url}?{query}", headers={"Accept": "application/sparql-results+json"}
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def _started(
    name: str,
    cmd: list[str],
    path: str,
    timeout: float,
    scratch: Path,
    port: int,
    env: dict[str, str] | None = None,
    params: list[tuple[str, str]] | None = None,
    began: float | None = None,
) -> Running:
    log = scratch / "server.log"
    began = time.monotonic() if began is None else began
    proc = _spawn(cmd, log, env)
    url = f"http://127.0.0.1:{port}{path}"
    running = Running(name, url, proc, 0.0, params or [], scratch, log)
    try:
        wait_ready(url, proc, timeout, running.params)
    except Exception:
        stop(running)
        raise
    running.ready_s = time.monotonic() - began
    return running


def start_oxigraph(dump: Path, union_option: bool, timeout: float = 600) -> Running:
    """``oxigraph serve-read-only`` over a database loaded from ``dump`` (load time included)."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-oxigraph-"))
    began = time.monotonic()
    subprocess.run(
        [str(PEERS_BIN / "oxigraph"), "load", "--location", str(scratch / "db"), "--file", str(dump)],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    port = free_port()
    cmd = [str(PEERS_BIN / "oxigraph"), "serve-read-only", "--location", str(scratch / "db")]
    # No --timeout-s: Oxigraph 0.5 then starts a thread per query that sleeps out the whole timeout; at 8
    # clients that held ~2,800 threads with 1 s (2,895 instead of 8,620 lookups/s), and with 30 s it ran out
    # of threads (500 "Resource temporarily unavailable") and aborted. The harness's client timeout bounds
    # each query instead, as for the figures (``serve-read-only --union-default-graph``).
    cmd += ["--bind", f"127.0.0.1:{port}"]
    cmd += ["--union-default-graph"] if union_option else []
    name = "oxigraph-server (union option)" if union_option else "oxigraph-server (union loaded)"
    return _started(name, cmd, "/query", timeout, scratch, port, began=began)


def start_rdflib_endpoint(dump: Path, timeout: float = 900) -> Running:
    """rdflib-endpoint over ``dump`` (rdflib's Dataset with the union as default graph)."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-rdflib-"))
    port = free_port()
    cmd = [str(PEERS_BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port), str(dump)]
    return _started("rdflib-endpoint", cmd, "/", timeout, scratch, port)


#: The bench's Virtuoso: the tests' configuration (``tests/support/engines.py``) with room for 1 M statements.
VIRTUOSO_SIZES = VirtuosoSizes(
    connections=20,
    buffers=170000,
    dirty_buffers=130000,
    query_memory="2G",
    max_rows=10_000_000,
    max_seconds=60,
    checkpoint_minutes=0,
)


def start_virtuoso(dump: Path, graphs: list[str], timeout: float = 600) -> Running:
    """Virtuoso (Debian) with a throw-away database, ``dump`` (quads + their union as triples) bulk-loaded.

    Its default graph is every graph it holds, its own system graphs included, and a triple stated in two
    graphs then counts twice; the union is therefore loaded as a graph of its own (:data:`UNION_GRAPH`),
    and requests name it as the protocol's default graph and the dump's graphs as the named ones.
    """
    scratch = Path(tempfile.mkdtemp(prefix="bench-virtuoso-"))
    ini, sql, http = write_virtuoso_ini(scratch, VIRTUOSO_SIZES, (dump.parent.resolve(),))
    began = time.monotonic()
    proc = _spawn(["virtuoso-t", "+foreground", "+configfile", str(ini)], scratch / "server.log")
    running = Running(
        "virtuoso", f"http://127.0.0.1:{http}/sparql", proc, 0.0, [], scratch, scratch / "server.log"
    )
    try:
        folder = dump.parent.resolve()
        load = f"ld_dir('{folder}', '{dump.name}', '{UNION_GRAPH}'); rdf_loader_run(); checkpoint;"
        deadline = time.monotonic() + timeout
        while True:  # the SQL port opens a few seconds after start
            done = subprocess.run(
                ["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", f"exec={load}"],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            if done.returncode == 0 and "Error" not in done.stdout + done.stderr:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso did not load {dump}: {done.stdout[-500:]} {done.stderr[-500:]}")
            time.sleep(1)
        running.params = [("default-graph-uri", UNION_GRAPH)] + [("named-graph-uri", g) for g in graphs]
        wait_ready(running.url, proc, timeout, running.params)
    except Exception:
        stop(running)
        raise
    running.ready_s = time.monotonic() - began
    return running


#: ``amkg serve`` with its query processes at the web worker's priority (an experiment, see
#: docs/decisions.md §25): the pool reads its ``NICE`` when it starts each process.
_SAME_PRIORITY = (
    "import sys, amkg.sparql.priority as p; p.NICE = 0; from amkg.cli import main; sys.exit(main())"
)


def _amkg_env(dist: Path, port: int, query_timeout: float) -> dict[str, str]:
    """The settings every AMKG engine of the bench runs with, as ``AMKG_*`` variables: links to where it
    listens, 16 queries per client (the load generator is one client), the harness's query timeout, and
    limits large enough that big answers can be compared."""
    return {
        "AMKG_DIST": str(dist.resolve()),
        "AMKG_PUBLIC_BASE": f"http://127.0.0.1:{port}/",
        "AMKG_CLIENT_QUERIES": "16",
        "AMKG_QUERY_TIMEOUT": f"{query_timeout:g}",
        "AMKG_ROW_LIMIT": "10000000",
        "AMKG_MAX_ANSWER_BYTES": str(1 << 30),
    }


def start_amkg(
    dist: Path,
    query_timeout: float,
    timeout: float = 300,
    same_priority: bool = False,
    store: str = "oxigraph",
) -> Running:
    """``amkg serve`` (gunicorn, a gthread web worker per core, the query pools) over ``dist``, on
    ``store`` (``oxigraph`` in memory, or ``oxigraph-disk``: RocksDB in ``dist/oxigraph/``)."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-amkg-"))
    port = free_port()
    launch = ["-c", _SAME_PRIORITY, "serve"] if same_priority else ["-m", "amkg", "serve"]
    cmd = [sys.executable, *launch, "--host", "127.0.0.1", "--port", str(port), "--store", store]
    env = {**_amkg_env(dist, port, query_timeout), "PYTHONPATH": str(ROOT / "server")}
    name = "amkg /sparql (query processes not niced)" if same_priority else "amkg /sparql"
    name += " on RocksDB" if store == "oxigraph-disk" else ""
    return _started(name, cmd, "/sparql", timeout, scratch, port, env)


def start_amkg_disk(dist: Path, query_timeout: float, timeout: float = 600) -> Running:
    """``amkg serve --store oxigraph-disk`` as it restarts: a first start loads ``dist/oxigraph/`` (RocksDB)
    from the dump and is stopped (its time is ``first_start_s``); the second opens it as it is."""
    shutil.rmtree(dist / "oxigraph", ignore_errors=True)
    first = start_amkg(dist, query_timeout, timeout, store="oxigraph-disk")
    stop(first)
    running = start_amkg(dist, query_timeout, timeout, store="oxigraph-disk")
    running.first_start_s = first.ready_s
    return running


def start_amkg_granian(dist: Path, query_timeout: float, timeout: float = 300) -> Running:
    """AMKG's app under granian's RSGI interface (:mod:`bench.granian_front`), a worker per core."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-granian-"))
    port = free_port()
    cmd = [sys.executable, "-m", "bench.granian_front", str(port)]
    env = {**_amkg_env(dist, port, query_timeout), "PYTHONPATH": f"{ROOT / 'server'}:{ROOT}"}
    return _started("amkg /sparql under granian", cmd, "/sparql", timeout, scratch, port, env)


def start_floor(dist: Path, server: str, timeout: float = 300) -> Running:
    """The HTTP floor (:mod:`bench.floor`) under ``gunicorn`` (gthread, as ``amkg serve``) or ``granian``."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    port = free_port()
    bind = f"127.0.0.1:{port}"
    if server == "gunicorn":
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "--worker-class",
            "gthread",
            "--threads",
            "32",
            "--workers",
            "1",
        ]
        cmd += ["--bind", bind, "--keep-alive", "5", "--preload", "bench.floor:app"]
    else:
        cmd = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--workers",
            "1",
            "--blocking-threads",
            "32",
        ]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--no-ws", "bench.floor:app"]
    env = {"BENCH_DIST": str(dist.resolve()), "PYTHONPATH": f"{ROOT / 'server'}:{ROOT}"}
    return _started(f"floor ({server})", cmd, "/sparql", timeout, scratch, port, env)


def stop(running: Running) -> None:
    """End the server's process group (SIGTERM, then SIGKILL after 10 s) and remove its scratch folder."""
    try:
        os.killpg(running.proc.pid, signal.SIGTERM)
        running.proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(running.proc.pid, signal.SIGKILL)
        running.proc.wait(timeout=10)
    if running.scratch is not None:
        shutil.rmtree(running.scratch, ignore_errors=True)


def memory_mb(pid: int) -> float:
    """Proportional set size of ``pid`` and its descendants, in MB: shared pages (a store forked
    copy-on-write into the query processes) counted once in all, not once per process."""
    from tests.support.clients import tree

    total = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def workers(url: str) -> int | None:
    """The web workers an ``amkg serve`` at ``url`` (its ``/sparql``) runs, from its ``/healthz``."""
    health = url.removesuffix("/sparql") + "/healthz"
    try:
        with urllib.request.urlopen(health, timeout=10) as answer:
            found = json.loads(answer.read())["queries"].get("workers")
    except (OSError, ValueError, KeyError):
        return None
    return found if isinstance(found, int) else None
