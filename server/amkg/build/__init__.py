"""``amkg build``: from ontology/ and graph/ to a validated, reasoned, published dist/.

Steps: read every file (remembering which file said what), validate (shapes and SPARQL checks), prove the
whole consistent with HermiT, materialise the inferences worth serving, and write dist/ — all of it or none:
the new dist/ is written next to the old one and swapped in only when complete, so a failed build leaves the
last good dist/ in place, and a running server never reads half a file. A build whose inputs and code are
unchanged since the last one (same hashes as dist/manifest.json) is skipped.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from amkg import __version__, release
from amkg.build import linksets as links
from amkg.build.infer import materialise
from amkg.build.inputs import INFERRED_GRAPH, ONTOLOGY_GRAPH, InputError, Inputs, input_paths, load
from amkg.build.reason import Inconsistent, ReasonerError, check_consistent
from amkg.build.validate import CheckError, validate
from amkg.build.values import name_values
from amkg.catalogue import CatalogueError, catalogue
from amkg.catalogue.examples import examples_graph
from amkg.config import Settings
from amkg.dist import DUMP, MANIFEST, OUTPUTS, PACKED, RELEASES, graph_name, read_manifest, sha256
from amkg.rdf.namespaces import EXAMPLES_GRAPH, PREFIXES
from amkg.rdf.terms import quad, store_of
from amkg.store.summary import ENTITIES_QUERY

log = logging.getLogger(__name__)
EXAMPLES = URIRef(EXAMPLES_GRAPH)

#: The packages whose code decides what a build produces: a change to any of their files invalidates dist/.
_PACKAGE = Path(__file__).parent.parent
_CODE = (_PACKAGE / "build", _PACKAGE / "catalogue", _PACKAGE / "rdf", _PACKAGE / "dist.py")


class BuildError(Exception):
    """The build stopped; the message is the report to show (problems, files, what to do)."""


@dataclass(frozen=True)
class BuildResult:
    manifest: dict
    skipped: bool
    seconds: float


# ---------------------------------------------------------------- what the build depends on


def input_hashes(settings: Settings) -> dict[str, str]:
    """Project-relative path → SHA-256 of every file the build reads (also checks the graph/ layout)."""
    root = settings.root
    try:
        paths = input_paths(root)
    except InputError as exc:
        raise BuildError(str(exc)) from exc
    paths += sorted((root / "shapes").glob("*.ttl"))
    paths += sorted((root / "queries" / "checks").glob("*-violation.rq"))
    paths += sorted((root / "queries").glob("*.rq"))  # published as the examples graph
    paths += sorted((root / RELEASES).glob("*.ttl"))  # earlier versions of the ontology, served as they were
    paths += [p for p in [root / links.CURATED] if p.is_file()]
    return {p.relative_to(root).as_posix(): sha256(p) for p in paths}


def code_hash() -> str:
    """A hash of every source file of the build and the vocabulary, and of the package's version."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(json.dumps(links.package_versions(), sort_keys=True).encode())  # linksets come from them
    for place in _CODE:
        for path in sorted(place.rglob("*.py")) if place.is_dir() else [place]:
            digest.update(path.as_posix().removeprefix(str(place.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_up_to_date(dist: Path, hashes: dict[str, str]) -> bool:
    """True when dist/ was built from exactly these inputs by this code and every output is still there."""
    manifest = read_manifest(dist)
    if manifest is None or manifest.get("inputs") != hashes or manifest.get("code") != code_hash():
        return False
    files = [*OUTPUTS, *(g["file"] for g in manifest.get("graphs", []))]
    return all((dist / f).is_file() for f in files)


# ---------------------------------------------------------------- the build


def build(settings: Settings, force: bool = False) -> BuildResult:
    """Build dist/ from the project at ``settings.root``; :class:`BuildError` carries the report if not."""
    started = time.monotonic()
    hashes = input_hashes(settings)
    if not force and is_up_to_date(settings.dist, hashes):
        log.info("dist/ is up to date with its inputs; nothing to do (use --force to rebuild)")
        return BuildResult(read_manifest(settings.dist) or {}, True, time.monotonic() - started)

    step = _Stopwatch()
    try:
        inputs = load(settings.root)
    except InputError as exc:
        raise BuildError(str(exc)) from exc
    union = inputs.union()
    store = store_of(inputs.quads())
    step.done(f"read {len(inputs.files)} files, {len(store)} statements")

    root = settings.root
    try:
        report = validate(inputs, root / "shapes", root / "queries" / "checks", store, union)
    except CheckError as exc:
        raise BuildError(str(exc)) from exc
    if not report.conforms:
        raise BuildError(report.text())
    step.done("validated: shapes and checks pass")

    try:
        check_consistent(inputs)
    except (Inconsistent, ReasonerError) as exc:
        raise BuildError(str(exc)) from exc
    step.done("reasoned: HermiT finds ontology and data consistent")

    # Values are named only now: the reports above name a value by its owner, as curators know it.
    named = name_values(inputs)
    union = named.union()
    store = store_of(named.quads())
    inferred = materialise(union)
    store.bulk_extend(quad(s, p, o, INFERRED_GRAPH) for s, p, o in inferred)
    step.done(f"inferred {len(inferred)} statements")

    whole = union + inferred
    try:
        linksets = links.compute(whole, root)
    except links.CuratedError as exc:
        raise BuildError(str(exc)) from exc
    store.bulk_extend(quad(s, p, o, g) for s, p, o, g in linksets.quads())
    unlinked = links.unlinked_countries(whole, linksets)
    rates = ", ".join(f"{kind} {n}/{of}" for kind, (n, of) in linksets.matched.items())
    step.done(f"linked to GeoNames: {rates}; {len(unlinked)} countries without all their links")

    try:
        examples = examples_graph(catalogue(root / "queries"))
    except CatalogueError as exc:
        raise BuildError(str(exc)) from exc
    store.bulk_extend(quad(s, p, o, EXAMPLES) for s, p, o in examples)
    step.done(f"published {len(examples)} statements about the competency questions")

    manifest = _manifest(inputs, store, hashes, len(inferred), linksets, unlinked)
    publish(settings.dist, lambda staging: _write_outputs(store, staging, manifest, started, settings))
    step.done(f"wrote {settings.dist}")
    return BuildResult(read_manifest(settings.dist) or manifest, False, time.monotonic() - started)


class _Stopwatch:
    """Logs each step with the seconds it took, so slow steps show up in every build's output."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def done(self, what: str) -> None:
        now = time.monotonic()
        log.info("%s (%.1f s)", what, now - self.last)
        self.last = now


def _manifest(
    inputs: Inputs,
    store: ox.Store,
    hashes: dict[str, str],
    inferred: int,
    linksets: links.Linksets,
    unlinked: list[str],
) -> dict:
    graphs = []
    linked = sum(1 for _ in linksets.quads())  # links and their VoID descriptions
    examples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(EXAMPLES_GRAPH)))
    sources = sorted({f.graph for f in inputs.files} - {ONTOLOGY_GRAPH})
    for graph in [ONTOLOGY_GRAPH, *sources, INFERRED_GRAPH, *(s.iri for s in linksets.sets), EXAMPLES]:
        name = graph_name(graph)
        graphs.append(
            {
                "iri": str(graph),
                "name": name,
                "file": f"graphs/{name}.ttl",
                "triples": len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))),
                "sources": [f.path for f in inputs.files if f.graph == graph],
            }
        )
    return {
        "generator": f"amkg {__version__}",
        "inputs": hashes,
        "code": code_hash(),
        "graphs": graphs,
        "counts": {
            "quads": len(store),
            "asserted": len(store) - inferred - linked - examples,
            "inferred": inferred,
            "linked": linked,
            "examples": examples,
            "entities": _entities(store),
            "files": len(inputs.files),
        },
        "linksets": [s.manifest() for s in linksets.sets],
        "unlinked": {"countries": unlinked, **{k: v for k, v in linksets.unmatched.items() if v}},
    }


def _release(target: Path, dist: Path) -> dict[str, object]:
    """Version the new dump, gzip it under its versioned name, and keep the previous release beside it with
    what changed since (``changes.json``); a rebuild of the same content keeps the previous release it had."""
    content = release.content_hash(target / DUMP)
    version = release.version_of(content, datetime.now(UTC).date())
    name = release.dump_name(version)
    packed = [release.dump_name(version, dump) for dump in PACKED]
    for dump, packed_name in zip(PACKED, packed, strict=True):
        release.gzip_to(target / dump, target / packed_name)
    old_manifest = read_manifest(dist)
    old = release.previous_release(dist, old_manifest)
    previous = None
    if old is not None and old_manifest and old_manifest["release"]["content_sha256"] == content:
        previous = old_manifest["release"].get("previous")  # same statements: same release, same history
        for kept in ("previous", "changes.json"):
            if (dist / kept).is_dir():
                shutil.copytree(dist / kept, target / kept)
            elif (dist / kept).is_file():
                shutil.copyfile(dist / kept, target / kept)
    elif old is not None:
        previous = old_manifest["release"]["version"]  # type: ignore[index]
        (target / "previous").mkdir()
        shutil.copyfile(old, target / "previous" / old.name)
        changes = release.diff(target / "previous" / old.name, target / name)
        text = json.dumps(changes.as_dict(), indent=2, ensure_ascii=False) + "\n"
        (target / "changes.json").write_text(text, encoding="utf-8")
    return {
        "version": version,
        "date": version.split(".")[0],
        "content_sha256": content,
        "dump": name,
        "dumps": packed,
        "previous": previous,
    }


def _entities(store: ox.Store) -> int:
    """The entities as the home page and VoID count them (one query, :data:`ENTITIES_QUERY`)."""
    solutions = store.query(ENTITIES_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT
    return int(next(iter(solutions))["n"].value)


def _write_outputs(store: ox.Store, target: Path, manifest: dict, started: float, settings: Settings) -> None:
    prefixes = dict(PREFIXES)
    store.dump(target / DUMP, ox.RdfFormat.N_QUADS)
    store.dump(target / "amkg.trig", ox.RdfFormat.TRIG, prefixes=prefixes)
    store.dump(target / "amkg.jsonld", ox.RdfFormat.JSON_LD)
    (target / "graphs").mkdir()
    (target / "ontology").mkdir()
    for kept in sorted((settings.root / RELEASES).glob("*.ttl")):
        shutil.copyfile(kept, target / "ontology" / kept.name)
    for graph in manifest["graphs"]:
        named = ox.NamedNode(graph["iri"])
        store.dump(target / graph["file"], ox.RdfFormat.TURTLE, from_graph=named, prefixes=prefixes)
    manifest = {
        **manifest,
        "release": _release(target, settings.dist),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.monotonic() - started, 2),
        "outputs": {
            p.relative_to(target).as_posix(): {"bytes": p.stat().st_size, "sha256": sha256(p)}
            for p in sorted(target.rglob("*"))
            if p.is_file()
        },
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (target / MANIFEST).write_text(text, encoding="utf-8")
    if settings.store == "oxigraph-disk":
        # Where the on-disk store is configured, build its RocksDB folder (dist/oxigraph/) with the rest: it
        # is swapped in with the dump it was loaded from, and the server's first start need not load it.
        from amkg.store import open_store  # the server's dependencies load only when needed

        open_store(replace(settings, dist=target))


# ---------------------------------------------------------------- replacing dist/ in one step


def publish(dist: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a fresh folder next to ``dist``, then put it in ``dist``'s place.

    If ``write`` fails, the fresh folder is removed and ``dist`` is untouched.
    """
    dist = dist.absolute()
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}-new-", dir=dist.parent))
    try:
        write(staging)
        staging.chmod(0o755)  # mkdtemp creates it private; dist/ is read by the server and by people
        if not dist.exists():
            staging.rename(dist)
        elif _exchange(staging, dist):
            shutil.rmtree(staging)  # now holds the previous dist/
        else:
            previous = dist.with_name(f".{dist.name}-old-{os.getpid()}")
            dist.rename(previous)
            try:
                staging.rename(dist)
            except OSError:
                previous.rename(dist)
                raise
            shutil.rmtree(previous)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False if unsupported.

    Two plain renames would leave an instant with no dist/ at all, in which a starting server would fail.
    """
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
