"""Check the data against the shapes (shapes/*.ttl) and the SPARQL checks (queries/checks/*-violation.rq).

SHACL sees the union of ontology and data, as a reader of the published graph does. The SPARQL checks see the
named graphs, for what SHACL cannot say: a label that differs between sources, facts filed under the wrong
source, IRIs off the pattern, terms the ontology does not define. Every problem is reported with the files
that describe the entity, because curators fix files, not triples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from amkg.build import literals
from amkg.build.inputs import Inputs
from amkg.rdf.namespaces import short
from amkg.rdf.terms import from_ox, store_of


class CheckError(Exception):
    """A shapes file or check query is itself broken (not a problem in the data)."""


@dataclass(frozen=True, order=True)
class Violation:
    """One problem, in the words and places a curator needs to fix it."""

    focus: str  # the entity to fix: its IRI, or a description of a structured value
    message: str
    path: str = ""
    value: str = ""
    files: tuple[str, ...] = ()
    check: str = ""  # the shape or check query that found it
    stated_in: tuple[str, ...] = ()  # the files holding the offending statement; empty when one is missing


@dataclass(frozen=True)
class Report:
    """Everything shapes and checks found; empty means the data may be published."""

    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def by_message(self) -> Counter[str]:
        return Counter(v.message for v in self.violations)

    def text(self) -> str:
        """The readable report: problems grouped by entity, then a count per kind of problem."""
        if self.conforms:
            return "Validation passed: the data conforms to the shapes and passes every check."
        entities = sorted({v.focus for v in self.violations})
        lines = [f"Validation failed: {len(self.violations)} problem(s) in {len(entities)} entity(ies).", ""]
        for focus in entities:
            found = [v for v in self.violations if v.focus == focus]
            lines.append(focus)
            lines.append(f"  in: {', '.join(found[0].files) or '(no file describes it)'}")
            for v in found:
                lines.append(f"  - {v.message}")
                details = [f"path: {v.path}" if v.path else "", f"value: {v.value}" if v.value else ""]
                if v.stated_in and v.stated_in != v.files:
                    details.append(f"stated in: {', '.join(v.stated_in)}")
                lines.append("      " + "  ".join(d for d in [*details, f"[{v.check}]"] if d))
            lines.append("")
        lines.append("Problems by kind:")
        lines.extend(f"  {count:5d}  {message}" for message, count in self.by_message().most_common())
        return "\n".join(lines)


class _Describer:
    """Names focus nodes, paths and files for the report."""

    def __init__(self, inputs: Inputs, shapes: Graph, results: Graph | None = None) -> None:
        self.inputs = inputs
        self.shapes = shapes
        self.results = results if results is not None else Graph()

    def node(self, node: Node) -> str:
        if isinstance(node, BNode):
            owner = self.inputs.owner_of(node)
            if owner is not None:
                return f"the structured value of {self.node(owner[0])} {short(owner[1])}"
            return "a blank node"
        return str(node) if isinstance(node, URIRef) else short(node)

    def files(self, node: Node) -> tuple[str, ...]:
        files = self.inputs.files_describing(node)
        if not files and isinstance(node, BNode):
            owner = self.inputs.owner_of(node)
            files = self.inputs.files_describing(owner[0]) if owner else []
        return tuple(files)

    def stated_in(self, focus: Node, path: Node | None, value: Node | None) -> tuple[str, ...]:
        """The files holding the statement a problem is about: ``focus path value``, or any value of ``path``
        (a value that is the misspelt property itself, or too many values); empty when nothing is stated."""
        if not isinstance(path, URIRef):
            return ()
        files = self.inputs.files_stating(focus, path, value) if value is not None else []
        return tuple(files or self.inputs.files_stating(focus, path))

    def path(self, path: Node | None) -> str:
        if path is None:
            return ""
        if isinstance(path, URIRef):
            return short(path)
        for graph in (self.results, self.shapes):
            inverse = graph.value(path, SH.inversePath)
            if inverse is not None:
                return "^" + self.path(inverse)
            alternatives = graph.value(path, SH.alternativePath)
            if alternatives is not None:
                return " | ".join(self.path(p) for p in graph.items(alternatives))
            if graph.value(path, RDF.first) is not None:
                return "/".join(self.path(p) for p in graph.items(path))
        return str(path)

    def shape(self, shape: Node) -> str:
        """The named shape a result came from (for a property shape, the node shape holding it)."""
        if isinstance(shape, BNode):
            holder = self.shapes.value(predicate=SH.property, object=shape)
            if holder is not None:
                return self.shape(holder)
        return short(shape)


def load_shapes(shapes_dir: Path) -> Graph:
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        try:
            shapes.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise CheckError(f"{path.name}: not valid Turtle: {exc}") from exc
    return shapes


def run_shapes(inputs: Inputs, shapes: Graph, union: Graph | None = None) -> list[Violation]:
    """SHACL validation of the union of ontology and data."""
    data = union if union is not None else inputs.union()
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False, advanced=False
    )
    describe = _Describer(inputs, shapes, results)
    violations = []
    # Only the report's own results: those of helper shapes (sh:node) are nested under them as sh:detail.
    top_level = (
        r
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)
    )
    for result in top_level:
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        violations.append(
            Violation(
                focus=describe.node(focus),
                message=str(message) if message is not None else "Does not conform to the shapes.",
                path=describe.path(path),
                value=short(value) if value is not None and value != focus else "",
                files=describe.files(focus),
                check=describe.shape(results.value(result, SH.sourceShape)),
                stated_in=describe.stated_in(focus, path, value),
            )
        )
    return violations


def check_queries(checks_dir: Path) -> list[Path]:
    return sorted(checks_dir.glob("*-violation.rq"))


def run_checks(inputs: Inputs, checks_dir: Path, store: ox.Store | None = None) -> list[Violation]:
    """Run every ``*-violation.rq``; each row it returns is a violation."""
    store = store if store is not None else store_of(inputs.quads())
    describe = _Describer(inputs, Graph())
    violations = []
    for query_path in check_queries(checks_dir):
        try:
            solutions = store.query(query_path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise CheckError(f"{query_path.name}: not valid SPARQL: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise CheckError(f"{query_path.name}: a check must be a SELECT query")
        if "focus" not in {v.value for v in solutions.variables}:
            raise CheckError(f"{query_path.name}: a check must SELECT ?focus (and ?message)")
        for row in solutions:
            focus = from_ox(row["focus"])
            path = from_ox(row["path"]) if row["path"] is not None else None
            value = from_ox(row["value"]) if row["value"] is not None else None
            message = row["message"]
            violations.append(
                Violation(
                    focus=describe.node(focus),
                    message=message.value if message is not None else f"Returned by {query_path.name}.",
                    path=short(path) if path is not None else "",
                    value=short(value) if value is not None else "",
                    files=describe.files(focus),
                    check=query_path.name,
                    stated_in=describe.stated_in(focus, path, value),
                )
            )
    return violations


def run_literal_check(inputs: Inputs) -> list[Violation]:
    """A literal the store would rewrite (``"1.0"^^xsd:decimal`` served as ``"1"``), with both forms."""
    return [
        Violation(
            focus=r.focus,
            message=literals.MESSAGE,
            path=r.path,
            value=f"{r.written} → {r.served}",
            files=(r.file,),
            check=literals.CHECK,
            stated_in=(r.file,),
        )
        for r in literals.rewritten_literals(inputs)
    ]


def validate(
    inputs: Inputs,
    shapes_dir: Path,
    checks_dir: Path,
    store: ox.Store | None = None,
    union: Graph | None = None,
) -> Report:
    """Shapes, checks and the literals' forms together; the report lists each problem once, in a stable order.

    ``store`` (the named graphs) and ``union`` (all triples) may be passed in by a caller that has them.
    """
    found = run_shapes(inputs, load_shapes(shapes_dir), union) + run_checks(inputs, checks_dir, store)
    found += run_literal_check(inputs)
    return Report(tuple(sorted(set(found))))
