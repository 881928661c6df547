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
    row_limit: int = 100_000
    #: SPARQL endpoints a SERVICE clause may call (exact IRIs); empty = no federation.
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)
    #: Largest accepted request body in bytes.
    max_body: int = 1_000_000
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
            elif f.name == "service_allowlist":
                values[f.name] = _split(raw)
            elif f.name in ("row_limit", "max_body", "port"):
                values[f.name] = int(raw)
            elif f.name == "query_timeout":
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        if "root" in values and "dist" not in values:
            values["dist"] = Path(values["root"]) / "dist"  # type: ignore[arg-type]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    def to_env(self) -> dict[str, str]:
        """The settings as ``AMKG_*`` variables, to hand them to worker processes."""
        env = {}
        for f in fields(self):
            value = getattr(self, f.name)
            env[f"AMKG_{f.name.upper()}"] = " ".join(value) if isinstance(value, tuple) else str(value)
        return env
