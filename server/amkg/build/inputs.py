"""Read the build's inputs — the ontology and each source's Turtle files — remembering which file said what.

Every triple is kept with the file it came from, so that a violation can send a curator to the file to fix,
and every source folder becomes one named graph whose IRI is the source document's IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from amkg.rdf import namespaces

ONTOLOGY_GRAPH = URIRef(namespaces.ONTOLOGY_GRAPH)
INFERRED_GRAPH = URIRef(namespaces.INFERRED_GRAPH)
SOURCE_PREFIX = namespaces.SOURCE_PREFIX
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class InputError(Exception):
    """The input files cannot be read as AMKG inputs (bad layout or invalid Turtle)."""


@dataclass(frozen=True)
class SourceFile:
    """One parsed Turtle file and the named graph its triples belong to."""

    path: str  # relative to the project root, e.g. graph/unido-2019/firms.ttl
    graph: URIRef
    triples: Graph
    location: Path | None = None  # where it was read from, for checks of the text as written


@dataclass
class Inputs:
    """The ontology and all data files, parsed, with the file each triple came from."""

    files: list[SourceFile]
    _subjects: dict[Node, list[str]] = field(default_factory=dict, init=False, repr=False)
    _objects: dict[Node, list[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for f in self.files:
            for s, _, o in f.triples:
                self._remember(self._subjects, s, f.path)
                self._remember(self._objects, o, f.path)

    @staticmethod
    def _remember(index: dict[Node, list[str]], node: Node, path: str) -> None:
        paths = index.setdefault(node, [])
        if path not in paths:
            paths.append(path)

    def union(self) -> Graph:
        """All triples of all files in one graph: what SHACL validates and what the reasoner reads."""
        union = Graph()
        for f in self.files:
            union += f.triples
        return union

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for f in self.files:
            for s, p, o in f.triples:
                yield s, p, o, f.graph

    def files_describing(self, node: Node) -> list[str]:
        """The files that state something about ``node``; for a value nobody describes, those citing it."""
        return list(self._subjects.get(node) or self._objects.get(node) or [])

    def files_stating(self, subject: Node, predicate: Node, obj: Node | None = None) -> list[str]:
        """The files holding the statement ``subject predicate obj`` (any object when ``obj`` is None).

        A curator fixing a wrong or misspelt statement needs the one file that holds it, not every file that
        says something about the entity.
        """
        return [f.path for f in self.files if (subject, predicate, obj) in f.triples]

    def data_subjects(self) -> list[URIRef]:
        """IRIs that a data file (not the ontology) describes, sorted: the entities of the graph."""
        data = (f for f in self.files if f.graph != ONTOLOGY_GRAPH)
        return sorted({s for f in data for s in f.triples.subjects() if isinstance(s, URIRef)})

    def owner_of(self, node: BNode) -> tuple[Node, Node] | None:
        """The (subject, property) pointing at a blank node, which names a structured value in reports."""
        for f in self.files:
            for s, p in f.triples.subject_predicates(node):
                return s, p
        return None


def ontology_files(root: Path) -> list[Path]:
    return sorted((root / "ontology").glob("*.ttl"))


def source_folders(root: Path) -> list[Path]:
    """The folders under graph/, after checking the layout is graph/{slug}/*.ttl with a source.ttl in each.

    Hidden files (editor swap files, .gitkeep) are ignored; anything else out of place is an error, because a
    file the build silently skipped would be data that silently never gets published.
    """
    graph_dir = root / "graph"
    if not graph_dir.is_dir():
        raise InputError(f"{graph_dir} does not exist: the data lives in graph/{{source-slug}}/*.ttl")
    folders = []
    for entry in sorted(graph_dir.iterdir()):
        rel = entry.relative_to(root)
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            raise InputError(f"{rel}: graph/ holds only folders named after a source ({{slug}}/*.ttl)")
        if not _SLUG.match(entry.name):
            raise InputError(f"{rel}: a source folder is named by its source's slug, lowercase words and '-'")
        for child in sorted(entry.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir() or child.suffix != ".ttl":
                where = child.relative_to(root)
                raise InputError(f"{where}: a source folder holds only Turtle files (*.ttl), no sub-folders")
        if not (entry / "source.ttl").is_file():
            raise InputError(f"{rel}/source.ttl is missing: each source folder describes its document there")
        folders.append(entry)
    if not folders:
        raise InputError(f"{graph_dir.relative_to(root)} holds no source folders")
    return folders


def input_paths(root: Path) -> list[Path]:
    """Every ontology and data file, in load order (the ontology first)."""
    paths = ontology_files(root)
    for folder in source_folders(root):
        paths.extend(p for p in sorted(folder.glob("*.ttl")) if not p.name.startswith("."))
    return paths


def graph_of(root: Path, path: Path) -> URIRef:
    """The named graph a file belongs to: the ontology graph, or the source document of its folder."""
    rel = path.relative_to(root)
    if rel.parts[0] == "ontology":
        return ONTOLOGY_GRAPH
    return URIRef(SOURCE_PREFIX + rel.parts[1])


def parse_file(root: Path, path: Path) -> SourceFile:
    rel = path.relative_to(root).as_posix()
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise InputError(f"{rel}: not valid Turtle: {exc}") from exc
    return SourceFile(rel, graph_of(root, path), graph, path)


def load(root: Path) -> Inputs:
    """Parse the ontology and every source folder under ``root``."""
    paths = input_paths(root)
    if not any(graph_of(root, p) == ONTOLOGY_GRAPH for p in paths):
        raise InputError(f"{root / 'ontology'} holds no *.ttl files")
    return Inputs([parse_file(root, p) for p in paths])
