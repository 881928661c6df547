"""External SPARQL engines on loopback, each over a throw-away database: Oxigraph's server and Virtuoso.

The remote-store tests (``-m remote``) and ``bench/remote_bench.py`` start them from here, once per session:
a free port, a fresh folder, a subprocess, a bounded wait for its HTTP endpoint, and a stop that never
outlives its wait. :class:`Engine` gives the three URLs (query, update, Graph Store) and the credentials in
the form ``amkg load/serve --store …`` takes, as flags or as ``AMKG_STORE*`` variables.

bench/ imports it as ``tests.support.engines``, the tests as ``support.engines``; it imports only the
project's other support module ``server`` (for ``free_port``), by a relative-free path, so both work.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import requests

try:  # imported as support.engines (tests) or tests.support.engines (bench)
    from support.server import free_port
except ImportError:  # pragma: no cover - the bench's import path
    from tests.support.server import free_port

#: Oxigraph's server, installed with the PyPI package ``oxigraph`` beside the interpreter.
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
#: Debian's ``virtuoso-opensource`` (``make engines`` installs it).
VIRTUOSO = Path("/usr/bin/virtuoso-t")
VIRTUOSO_VAD = Path("/usr/share/virtuoso-opensource-7/vad")
#: Seconds an engine may take to answer its first query after its start.
START_SECONDS = 90.0


@dataclass
class Engine:
    """One running engine: its name, the URLs AMKG is given, and the process to stop."""

    name: str
    query: str
    update: str
    data: str
    process: subprocess.Popen[bytes]
    folder: Path
    user: str = ""
    password: str = ""
    auth: str = "basic"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def store(self) -> str:
        """The ``--store`` value: the query URL with the ``sparql+`` scheme prefix."""
        return "sparql+" + self.query

    def flags(self) -> list[str]:
        """``--store …`` flags for ``amkg load`` and ``amkg serve`` (credentials go by environment)."""
        return ["--store", self.store, "--store-update", self.update, "--store-data", self.data]

    def env(self) -> dict[str, str]:
        """The same as ``AMKG_STORE*`` variables, credentials included."""
        env = {"AMKG_STORE": self.store, "AMKG_STORE_UPDATE": self.update, "AMKG_STORE_DATA": self.data}
        if self.user:
            env |= {"AMKG_STORE_USER": self.user, "AMKG_STORE_PASSWORD": self.password}
            env["AMKG_STORE_AUTH"] = self.auth
        return env

    def stop(self) -> None:
        """Stop the engine (SIGTERM, then SIGKILL after 20 s) and remove its database."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        shutil.rmtree(self.folder, ignore_errors=True)


def _wait(engine: Engine, log: Path) -> Engine:
    """Return once the engine answers ``ASK {}`` over HTTP; stop it and raise with its log's tail if it
    exits or stays silent for :data:`START_SECONDS`."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if engine.process.poll() is not None:
            break
        try:
            answer = requests.get(
                engine.query,
                params={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+json"},
                timeout=5,
            )
            if answer.status_code == 200:
                return engine
        except requests.RequestException:
            pass
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
    engine.stop()
    raise RuntimeError(f"{engine.name} did not start on {engine.query} within {START_SECONDS:g} s:\n{tail}")


def start_oxigraph(folder: Path) -> Engine:
    """``oxigraph serve`` over a fresh RocksDB folder, on a free loopback port."""
    if not OXIGRAPH.is_file():
        raise FileNotFoundError(f"{OXIGRAPH} is missing: pip install oxigraph (make install-test)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    engine = Engine("oxigraph-server", f"{base}/query", f"{base}/update", f"{base}/store", process, folder)
    return _wait(engine, log)


#: A throw-away Virtuoso: its database, logs and both ports in ``{folder}``; only loopback listens. The
#: sizes are :class:`VirtuosoSizes`' (the tests' small ones, or the bench's).
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = {s.connections}
CheckpointInterval = {s.checkpoint_minutes}
CaseMode = 2
DirsAllowed = ., {folder}, {vad}{dirs}
VADInstallDir = {vad}/
NumberOfBuffers = {s.buffers}
MaxDirtyBuffers = {s.dirty_buffers}
MaxQueryMem = {s.query_memory}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
; ORDER BY with LIMIT (the endpoint's row limit + 1) sorts up to this many rows; the default is 10,000
MaxSortedTopRows = 1000000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
MaxClientConnections = {s.connections}
ServerThreads = {s.connections}
MaxKeepAlives = {s.connections}
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {s.max_rows}
; 0: no refusal on the optimiser's estimate (it estimated years for the catalogue's property paths)
MaxQueryCostEstimationTime = 0
; 0: no "anytime" partial answers; AMKG's own deadline stops a query
MaxQueryExecutionTime = {s.max_seconds}
"""


@dataclass(frozen=True)
class VirtuosoSizes:
    """What a Virtuoso of the tests (these defaults) and one of the bench (``bench/engines.py``) differ in."""

    connections: int = 10
    buffers: int = 20000
    dirty_buffers: int = 15000
    query_memory: str = "512M"
    max_rows: int = 1_000_000
    #: 0: no time limit of Virtuoso's own.
    max_seconds: int = 0
    #: 0: no checkpoints while it runs.
    checkpoint_minutes: int = 60


def write_virtuoso_ini(
    folder: Path, sizes: VirtuosoSizes = VirtuosoSizes(), dirs: tuple[Path, ...] = ()
) -> tuple[Path, int, int]:
    """``folder/virtuoso.ini`` for a fresh database in ``folder`` that may also read ``dirs`` (bulk loads);
    returns it with its SQL and HTTP ports."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    extra = "".join(f", {d}" for d in dirs)
    ini.write_text(
        _VIRTUOSO_INI.format(
            folder=folder, sql_port=sql_port, http_port=http_port, vad=VIRTUOSO_VAD, dirs=extra, s=sizes
        )
    )
    return ini, sql_port, http_port


def start_virtuoso(folder: Path) -> Engine:
    """Virtuoso Open Source over a fresh database in ``folder`` (user ``dba``, password ``dba``: it lives
    as long as the test session and listens on loopback only)."""
    if not VIRTUOSO.is_file():
        raise FileNotFoundError(f"{VIRTUOSO} is missing: make engines (Debian's virtuoso-opensource)")
    ini, _, http_port = write_virtuoso_ini(folder)
    log = folder / "virtuoso.log"
    with (folder / "virtuoso.out").open("wb") as out:
        process = subprocess.Popen(
            [str(VIRTUOSO), "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    engine = Engine(
        "virtuoso",
        f"{base}/sparql",
        f"{base}/sparql-auth",
        f"{base}/sparql-graph-crud-auth",
        process,
        folder,
        user="dba",
        password="dba",
        auth="digest",
    )
    return _wait(engine, log)


#: The engines the remote-store tests run over, by name.
ENGINES = {"oxigraph-server": start_oxigraph, "virtuoso": start_virtuoso}


# ---------------------------------------------------------------- a second endpoint: codes of our regions

SKOS_NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
_REGIONS = """
PREFIX amkg: <https://w3id.org/amkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?place ?label ?kind WHERE {
  VALUES ?kind { amkg:Region amkg:Country }
  ?place a ?kind ; rdfs:label ?label .
  FILTER (langMatches(lang(?label), "en"))
}
"""


def region_codes(dump: Path) -> list[ox.Triple]:
    """``<place> skos:notation "CODE"`` for each region (ISO 3166-2) and country (ISO 3166-1 alpha-2) of
    the build whose English label is a name pycountry knows exactly: data of a maintained package, matched
    by name (a city is never matched to the province of the same name: only regions and countries are)."""
    import pycountry

    store = ox.Store()
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    triples = []
    solutions = store.query(_REGIONS, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        place, label, kind = row["place"], row["label"], row["kind"]
        assert isinstance(place, ox.NamedNode) and isinstance(label, ox.Literal)
        assert isinstance(kind, ox.NamedNode)
        if kind.value.endswith("Region"):
            found = [s.code for s in pycountry.subdivisions if s.name == label.value]
        else:
            found = [
                c.alpha_2
                for c in pycountry.countries
                if label.value in (c.name, getattr(c, "common_name", ""))
            ]
        if len(found) == 1:
            triples.append(ox.Triple(place, SKOS_NOTATION, ox.Literal(found[0])))
    return triples


def start_regions(folder: Path, dump: Path) -> tuple[Engine, list[ox.Triple]]:
    """Oxigraph's server holding only :func:`region_codes` (in its default graph): another dataset,
    somewhere else, to federate AMKG with."""
    engine = start_oxigraph(folder)
    triples = region_codes(dump)
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    put = requests.put(
        engine.data + "?default", data=body, headers={"Content-Type": "application/n-triples"}, timeout=30
    )
    put.raise_for_status()
    return engine, triples
