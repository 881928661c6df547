"""Settings shared by the CLI, the build and the server.

One dataclass, filled from defaults, then ``AMKG_*`` environment variables, then CLI flags, so every
process (gunicorn workers included) sees the same configuration.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import get_type_hints

#: The source checkout this package runs from (it is installed editable: ``pip install -e .``); the
#: project's folders (ontology/, graph/, shapes/, queries/) are found from it unless ``root`` says otherwise.
ROOT = Path(__file__).resolve().parents[2]
#: Store backends by name (see :mod:`amkg.store`); the first is the default.
STORES = ("oxigraph", "oxigraph-disk", "rdflib")
#: How a ``store`` naming an external engine begins: ``sparql+`` and its query URL.
REMOTE = ("sparql+http://", "sparql+https://")


class ConfigError(ValueError):
    """Settings that cannot be served with; the message says which setting to give."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(",", " ").split() if part.strip())


def _read(name: str, raw: str, kind: object) -> object:
    """``raw`` as a value of ``kind`` (a field's type), or ``ValueError`` naming the variable."""
    if kind is Path:
        return Path(raw)
    if kind == tuple[str, ...]:
        return _split(raw)
    if kind is bool:
        if raw.strip().lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off", ""):
            raise ValueError(f"{name} must be true or false, not {raw!r}")
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if kind in (int, float):
        try:
            return int(raw) if kind is int else float(raw)
        except ValueError:
            raise ValueError(f"{name} must be a number, not {raw!r}") from None
    return raw


@dataclass(frozen=True)
class Settings:
    """Configuration of one AMKG deployment."""

    #: Where the server is reached, e.g. http://127.0.0.1:8080/ ; empty = derive from each request.
    public_base: str = ""
    #: Project root holding ontology/, graph/, shapes/, queries/.
    root: Path = ROOT
    #: Output folder of ``amkg build``; the server loads ``dist/amkg.nq``.
    dist: Path = ROOT / "dist"
    #: Store backend: ``oxigraph`` (in memory, default), ``oxigraph-disk``, ``rdflib`` (for comparison), or
    #: an external engine, ``sparql+http://HOST:PORT/PATH`` (its SPARQL query URL; see docs/deployment.md).
    store: str = "oxigraph"
    #: The external engine's SPARQL Update URL (``amkg load`` drops graphs AMKG no longer has with it).
    store_update: str = ""
    #: The external engine's Graph Store Protocol URL (``amkg load`` puts each graph there).
    store_data: str = ""
    #: User and password for the external engine (none: requests reads ~/.netrc or $NETRC); never logged.
    store_user: str = ""
    store_password: str = field(default="", repr=False)
    #: How the credentials are sent: ``basic`` or ``digest`` (Virtuoso's ``-auth`` endpoints).
    store_auth: str = "basic"
    #: Seconds to connect to the external engine; waiting for an answer is bounded by ``query_timeout``.
    store_connect_timeout: float = 5.0
    #: Kept-alive connections to the external engine, per process.
    store_connections: int = 10
    #: Seconds a query may run before it is stopped and answered with 503.
    query_timeout: float = 30.0
    #: Maximum number of result rows / triples returned; more are cut and the cut signalled.
    row_limit: int = 100_000
    #: SPARQL endpoints a SERVICE clause may call (exact IRIs); empty = no federation.
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)
    #: Let listed SERVICE endpoints be on private or loopback addresses (one's own network); off by default.
    service_private: bool = False
    #: Seconds a SERVICE endpoint has to answer one call (connect, each read), within the query's deadline.
    service_timeout: float = 10.0
    #: Largest accepted request body in bytes.
    max_body: int = 1_000_000
    #: Longest query text in bytes (a long comment or literal costs the engine nothing).
    max_query_bytes: int = 1_000_000
    #: Most tokens in a query: flat sequences of ~14,000 overflow the engine's stack (decisions.md).
    max_query_tokens: int = 5_000
    #: Deepest nesting of braces, parentheses, brackets and ``!`` together (the engine overflows near 830).
    max_nesting: int = 100
    #: Host names (``Host`` header, without port) served; empty = any. Others get 400.
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    #: Refuse to start unless ``public_base`` or ``allowed_hosts`` says which host is ours.
    production: bool = False
    #: Largest answer in bytes; a query whose answer is larger gets 413 (see docs/decisions.md).
    max_answer_bytes: int = 64 << 20
    #: Processes that run user queries (``amkg serve``); 0 = four per core.
    query_processes: int = 0
    #: Memory one query may take beyond the shared store, in MiB (address space of its process).
    query_memory_mb: int = 1024
    #: Queries one client (IP address) may run at once; more get 429.
    client_queries: int = 2
    #: Seconds a client has to send a request's headers and body; slower ones get 408.
    read_timeout: float = 10.0
    #: MiB of answers (``/sparql``) and of rendered pages each web worker keeps in its caches (0 = none): a
    #: cache's memory grows to this and stays there.
    answer_cache_mb: int = 64
    page_cache_mb: int = 32
    #: Threads of the web worker: connections being read or answered at once (idle ones cost none).
    web_threads: int = 32
    host: str = "127.0.0.1"
    port: int = 8080

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, /, **overrides: object) -> Settings:
        """Defaults, overridden by ``AMKG_<FIELD>`` variables, overridden by explicit keyword values.

        Each variable is read as its field's declared type; a value that does not read as one is an error
        naming the variable. ``None`` overrides are ignored (a flag that was not given).
        """
        env = os.environ if environ is None else environ
        types = get_type_hints(cls)
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"AMKG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _read(f"AMKG_{f.name.upper()}", raw, types[f.name])
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "root" in values and "dist" not in values:
            values["dist"] = Path(str(values["root"])) / "dist"
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(cls(), **values)  # type: ignore[arg-type]  # checked against the fields above

    @property
    def remote(self) -> bool:
        """Whether the store is an external engine (``sparql+http(s)://…``)."""
        return self.store.startswith(REMOTE)

    def check(self) -> None:
        """:class:`ConfigError` for a production deployment whose links would follow the ``Host`` header,
        or for a store that is neither a backend's name nor an engine's URL."""
        if self.store not in STORES and not self.remote:
            raise ConfigError(
                f"Unknown store {self.store!r}: choose one of {', '.join(STORES)}, or give an engine's "
                "query URL as sparql+http://HOST:PORT/PATH (--store, AMKG_STORE)."
            )
        if self.production and not (self.public_base or self.allowed_hosts):
            raise ConfigError(
                "Production mode needs the public base (--public-base, AMKG_PUBLIC_BASE) or the host names "
                "served (--allowed-host, AMKG_ALLOWED_HOSTS): links would otherwise follow the Host header."
            )

    def to_env(self) -> dict[str, str]:
        """The settings as ``AMKG_*`` variables, to hand them to worker processes."""
        env = {}
        for f in fields(self):
            value = getattr(self, f.name)
            env[f"AMKG_{f.name.upper()}"] = " ".join(value) if isinstance(value, tuple) else str(value)
        return env


def cores() -> int:
    """The cores this process may run on: a web worker each by default, and four query processes each."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
