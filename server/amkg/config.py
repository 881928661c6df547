"""Settings shared by the CLI, the build and the server.

One dataclass, filled from defaults, then ``AMKG_*`` environment variables, then CLI flags, so every
process (gunicorn workers included) sees the same configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

#: The source checkout this package runs from (it is installed editable: ``pip install -e .``); the
#: project's folders (ontology/, graph/, shapes/, queries/) are found from it unless ``root`` says otherwise.
ROOT = Path(__file__).resolve().parents[2]
#: Store backends by name (see :mod:`amkg.store`); the first is the default.
STORES = ("oxigraph", "oxigraph-disk", "rdflib")


class ConfigError(ValueError):
    """Settings that cannot be served with; the message says which setting to give."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace(",", " ").split() if part.strip())


@dataclass(frozen=True)
class Settings:
    """Configuration of one AMKG deployment."""

    #: Where the server is reached, e.g. http://127.0.0.1:8080/ ; empty = derive from each request.
    public_base: str = ""
    #: Project root holding ontology/, graph/, shapes/, queries/.
    root: Path = ROOT
    #: Output folder of ``amkg build``; the server loads ``dist/amkg.nq``.
    dist: Path = ROOT / "dist"
    #: Store backend: ``oxigraph`` (in memory, default), ``oxigraph-disk`` or ``rdflib`` (for comparison).
    store: str = "oxigraph"
    #: Seconds a query may run before it is stopped and answered with 503.
    query_timeout: float = 30.0
    #: Maximum number of result rows / triples returned; more are cut and the cut signalled.
    row_limit: int = 10000
    #: SPARQL endpoints a SERVICE clause may call (exact IRIs); empty = no federation.
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)
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
    host: str = "127.0.0.1"
    port: int = 8080

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, overridden by ``AMKG_<FIELD>`` variables, overridden by explicit keyword values."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"AMKG_{f.name.upper()}")
            if raw is None:
                continue
            if f.name in ("root", "dist"):
                values[f.name] = Path(raw)
            elif f.name in ("service_allowlist", "allowed_hosts"):
                values[f.name] = _split(raw)
            elif f.name == "production":
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif f.name in (
                "row_limit",
                "max_body",
                "max_query_bytes",
                "max_query_tokens",
                "max_nesting",
                "port",
            ):
                values[f.name] = int(raw)
            elif f.name == "query_timeout":
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        if "root" in values and "dist" not in values:
            values["dist"] = Path(values["root"]) / "dist"  # type: ignore[arg-type]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    def check(self) -> None:
        """:class:`ConfigError` for a production deployment whose links would follow the ``Host`` header."""
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
