"""Releases: the dataset's version, its gzipped dumps under versioned names, and what changed since the last.

A version is the build's date and the first 12 hex digits of a content hash — the SHA-256 of the dump's
sorted lines, so two builds of the same statements have the same hash whatever order the engine wrote them
in (``2026-12-03.1f2e3d4c5b6a``). The build writes ``amkg-{version}.nq.gz`` beside the plain dump the server
loads, keeps the previous release's gzipped dump in ``previous/``, and compares the two (:func:`diff`) into
``changes.json``: statements added and removed, per named graph and per entity. ``amkg diff OLD NEW`` runs
the same comparison on any two dumps.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: Entities listed by name in a change report; the rest are counted.
LISTED = 200


def content_hash(dump: Path) -> str:
    """SHA-256 of the dump's statements in sorted order: the same statements, the same hash."""
    digest = hashlib.sha256()
    for line in sorted(_lines(dump)):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def version_of(content: str, day: date) -> str:
    return f"{day.isoformat()}.{content[:12]}"


def dump_name(version: str, dump: str = "amkg.nq") -> str:
    """The versioned name of a gzipped dump: ``amkg-{version}.nq.gz`` for ``amkg.nq``, and so on."""
    return f"amkg-{version}.{dump.rsplit('.', 1)[1]}.gz"


def _lines(dump: Path) -> Iterator[str]:
    opener = gzip.open if dump.suffix == ".gz" else open
    with opener(dump, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield line.rstrip("\n")


def gzip_to(source: Path, target: Path) -> None:
    """A gzipped copy whose bytes depend only on the content (no name or time in the header)."""
    with (
        source.open("rb") as raw,
        target.open("wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as packed,
    ):
        shutil.copyfileobj(raw, packed)


@dataclass
class GraphChange:
    graph: str
    added: int = 0
    removed: int = 0


@dataclass
class Changes:
    """Statements added and removed between two dumps, per graph and per entity (subject)."""

    old: str
    new: str
    graphs: list[GraphChange] = field(default_factory=list)
    entities: list[tuple[str, int, int]] = field(default_factory=list)  # subject, added, removed
    added: list[tuple[str, str, str, str]] = field(default_factory=list)
    removed: list[tuple[str, str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "added": len(self.added),
            "removed": len(self.removed),
            "graphs": [vars(g) for g in self.graphs],
            "entities": [{"iri": s, "added": a, "removed": r} for s, a, r in self.entities[:LISTED]],
            "entities_changed": len(self.entities),
        }

    def text(self) -> str:
        """The report ``amkg diff`` prints."""
        lines = [f"{self.old} → {self.new}: {len(self.added)} added, {len(self.removed)} removed", ""]
        lines.append(f"{'graph':<60} {'added':>7} {'removed':>8}")
        lines += [f"{g.graph:<60} {g.added:>7} {g.removed:>8}" for g in self.graphs]
        lines += ["", f"{len(self.entities)} entities changed", f"{'entity':<60} {'added':>7} {'removed':>8}"]
        lines += [f"{s:<60} {a:>7} {r:>8}" for s, a, r in self.entities[:LISTED]]
        return "\n".join(lines)


def _quads(dump: Path) -> Counter[tuple[str, str, str, str]]:
    """Statements of an N-Quads dump as (subject, predicate, object, graph) in their N-Quads spelling.

    Blank nodes (only the ontology's axioms have them) get new labels in every dump, so each is written
    ``[]``: their statements compare as a multiset of shapes, which tells an axiom added or removed, not
    which of two alike ones.
    """
    import pyoxigraph as ox

    def spelt(term: object) -> str:
        return "[]" if isinstance(term, ox.BlankNode) else str(term)

    data = gzip.decompress(dump.read_bytes()) if dump.suffix == ".gz" else dump.read_bytes()
    return Counter(
        (spelt(q.subject), spelt(q.predicate), spelt(q.object), spelt(q.graph_name))
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
    )


def diff(old: Path, new: Path) -> Changes:
    """What ``new`` adds to and removes from ``old`` (two N-Quads dumps, gzipped or not)."""
    before, after = _quads(old), _quads(new)
    added, removed = sorted((after - before).elements()), sorted((before - after).elements())
    changes = Changes(old.name, new.name, added=added, removed=removed)
    plus, minus = Counter(q[3] for q in added), Counter(q[3] for q in removed)
    changes.graphs = [GraphChange(g.strip("<>"), plus[g], minus[g]) for g in sorted(set(plus) | set(minus))]
    by_plus, by_minus = Counter(q[0] for q in added), Counter(q[0] for q in removed)
    subjects = set(by_plus) | set(by_minus)
    changes.entities = sorted(
        ((s.strip("<>"), by_plus[s], by_minus[s]) for s in subjects), key=lambda e: (-(e[1] + e[2]), e[0])
    )
    return changes


def previous_release(dist: Path, manifest: dict | None) -> Path | None:
    """The gzipped dump of the release ``dist/`` holds now, which becomes the previous one."""
    version = (manifest or {}).get("release", {}).get("version")
    if not version:
        return None
    path = dist / dump_name(version)
    return path if path.is_file() else None
