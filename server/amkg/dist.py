"""The contract between ``amkg build`` and the server: what dist/ holds and how to read it.

The build writes dist/ (the dump the server loads, one Turtle file per named graph, TriG and JSON-LD copies,
and ``manifest.json`` recording inputs, counts and every output's size and SHA-256); the server, VoID and the
downloads page read it through :class:`Dist`, which reads the manifest and lists the dumps once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amkg.rdf.namespaces import BASE, INFERRED_GRAPH, ONTOLOGY_GRAPH, SOURCE_PREFIX

MANIFEST = "manifest.json"
#: The dump the server loads: every statement in its source's named graph.
DUMP = "amkg.nq"
#: Earlier versions of the ontology, one Turtle file each (``ontology/releases/0.1.0.ttl``), copied by the
#: build to dist/ontology/ and served at their version IRIs.
RELEASES = Path("ontology") / "releases"
#: Files every complete dist/ holds besides graphs/*.ttl.
OUTPUTS = (DUMP, "amkg.trig", "amkg.jsonld", MANIFEST)
#: The whole-graph dumps also offered gzipped under the release's versioned names (N-Quads first: the
#: release's own dump, kept as the previous one and compared by ``amkg diff``).
PACKED = OUTPUTS[:3]

_MEDIA_TYPES = {
    ".nq": ("application/n-quads", "N-Quads: every statement with its source graph"),
    ".trig": ("application/trig", "TriG: the named graphs, one block per source"),
    ".jsonld": ("application/ld+json", "JSON-LD"),
    ".ttl": ("text/turtle", "Turtle"),
    ".json": ("application/json", "JSON"),
    ".gz": ("application/gzip", "gzipped, under the release's versioned name"),
}


class DistError(Exception):
    """dist/ is missing, incomplete or not what its manifest says; the message says what to do."""


@dataclass(frozen=True)
class Download:
    """One file of dist/ offered for download."""

    name: str
    size: int
    media_type: str
    description: str


def graph_name(graph: str) -> str:
    """Short name of a named graph, used for dist/graphs/{name}.ttl: ontology, inferred, linkset-…,
    examples or the source slug."""
    iri = str(graph)  # also for rdflib's URIRef, which equals no plain str
    if iri == ONTOLOGY_GRAPH:
        return "ontology"
    if iri == INFERRED_GRAPH:
        return "inferred"
    if iri.startswith(BASE + "graph/"):  # linksets, the examples
        return iri.removeprefix(BASE + "graph/")
    return iri.removeprefix(SOURCE_PREFIX)


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (dumps can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(dist: Path) -> dict[str, Any] | None:
    """The manifest of ``dist``, or ``None`` when there is none or it is unreadable."""
    try:
        manifest = json.loads((dist / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def list_downloads(dist: Path) -> list[Download]:
    """The dumps in ``dist/`` (the whole graph, then one Turtle file per named graph, then the manifest)."""
    if not dist.is_dir():
        return []
    found = []
    for path in sorted(dist.rglob("*")):
        media = _MEDIA_TYPES.get(path.suffix)
        if not path.is_file() or media is None:
            continue
        name = path.relative_to(dist).as_posix()
        description = media[1]
        if name.startswith("graphs/"):
            description = f"Turtle: the graph {path.stem} alone"
        elif name.startswith("ontology/"):
            description = f"Turtle: the ontology as released in version {path.stem}"
        elif name == MANIFEST:
            description = "What the build made: files, sizes, checksums, the release's version"
        elif name == "changes.json":
            description = "What changed since the previous release, per graph and entity"
        elif name.startswith("previous/"):
            description = "N-Quads, gzipped: the previous release"
        elif path.suffix == ".gz":
            inner = _MEDIA_TYPES.get(Path(path.stem).suffix, ("", "RDF"))[1].split(":")[0]
            description = f"{inner}, {description}"
        found.append(Download(name, path.stat().st_size, media[0], description))
    return sorted(found, key=lambda d: (d.name.count("/"), d.name == MANIFEST, d.name))


def _verify(dump: Path, manifest: dict[str, Any]) -> None:
    """:class:`DistError` unless ``dump`` has the statements, size and SHA-256 the manifest records."""
    recorded = manifest.get("outputs", {}).get(DUMP, {})
    expected = manifest.get("counts", {}).get("quads")
    again = "; run `amkg build --force` to write it again."
    if not recorded.get("sha256") or not isinstance(expected, int):
        raise DistError(f"{dump.parent / MANIFEST} records no checksum or count for {DUMP}{again}")
    with dump.open("rb") as stream:
        lines = sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
    if lines != expected:
        raise DistError(f"{dump} holds {lines:,} statements, its manifest says {expected:,}{again}")
    if dump.stat().st_size != recorded.get("bytes") or sha256(dump) != recorded["sha256"]:
        raise DistError(f"{dump} is not the file its manifest describes (size or SHA-256 differ){again}")


@dataclass(frozen=True)
class Dist:
    """A built dist/ folder as the server sees it: its manifest and its downloads, read once."""

    folder: Path
    manifest: dict[str, Any]
    downloads: tuple[Download, ...]

    @classmethod
    def open(cls, folder: Path) -> Dist:
        """Read ``folder`` and check its dump against the manifest; :class:`DistError` when they differ.

        A dump cut short (a full disk, a copy interrupted at a line end) or emptied still loads without an
        error, and would be served as if whole; its manifest says how many statements and which bytes it
        must hold, so the server refuses to start on anything else. Counting and hashing the 3 MB dump
        takes ~35 ms.
        """
        dump = folder / DUMP
        if not dump.is_file():
            raise DistError(f"{dump} does not exist: run `amkg build` first.")
        manifest = read_manifest(folder)
        if manifest is None:
            raise DistError(f"{folder / MANIFEST} is missing or unreadable: run `amkg build` again.")
        _verify(dump, manifest)
        return cls(folder, manifest, tuple(list_downloads(folder)))

    @property
    def dump(self) -> Path:
        return self.folder / DUMP

    @property
    def built_at(self) -> str:
        """When ``amkg build`` made the dump (ISO 8601), or ``""`` without a manifest."""
        return str(self.manifest.get("built_at", ""))

    def files_per_graph(self) -> dict[str, int]:
        """Named graph IRI → how many input files stated it."""
        return {g["iri"]: len(g.get("sources", [])) for g in self.manifest.get("graphs", [])}

    def ontology_release(self, version: str) -> Path | None:
        """The Turtle file of an earlier version of the ontology, if the build kept one."""
        path = self.folder / "ontology" / f"{version}.ttl"
        return path if self.download(f"ontology/{version}.ttl") is not None else None

    @property
    def version(self) -> dict[str, Any]:
        """The release the build made: version (date and content hash), dump name, previous version."""
        found = self.manifest.get("release")
        return found if isinstance(found, dict) else {}

    def download(self, name: str) -> Download | None:
        return next((d for d in self.downloads if d.name == name), None)
