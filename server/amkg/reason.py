"""Prove the ontology and the data consistent with HermiT (through owlready2), and name the culprits if not.

HermiT reads OWL 2, not our Turtle as written, so it gets a *reasoning copy* of the union of ontology and data
(see :func:`reasoning_copy`); the published graph is never changed by what happens here.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from amkg.inputs import ONTOLOGY_GRAPH, Inputs
from amkg.namespaces import short

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): the only datatypes HermiT accepts.
_OWL2_DATATYPES = frozenset(
    {
        RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational,
        XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger,
        XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
        XSD.unsignedShort, XSD.unsignedByte, XSD.double, XSD.float, XSD.string, XSD.normalizedString,
        XSD.token, XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN, XSD.boolean, XSD.hexBinary,
        XSD.base64Binary, XSD.anyURI, XSD.dateTime, XSD.dateTimeStamp,
    }
)  # fmt: skip


_HERMIT_DIR = Path(owlready2.__file__).parent / "hermit"
_HERMIT_CLASSPATH = os.pathsep.join([str(_HERMIT_DIR), str(_HERMIT_DIR / "HermiT.jar")])


class ReasonerError(Exception):
    """HermiT did not run or did not understand its input (not the same as finding a contradiction)."""


class Inconsistent(Exception):
    """HermiT found the ontology and data contradictory; ``entities`` are a smallest set that conflicts."""

    def __init__(self, entities: Sequence[URIRef], report: str) -> None:
        super().__init__(report)
        self.entities = tuple(entities)
        self.report = report


# ---------------------------------------------------------------- the reasoning copy


def _owl2_literal(literal: Literal) -> Literal:
    """A literal HermiT accepts, keeping what matters for consistency.

    Years (xsd:gYear) become integers so that two different years of a functional property still clash;
    dates (xsd:date) become midnight xsd:dateTime; year-months and any other datatype outside the OWL 2 map
    become plain strings. This only touches the reasoning copy.
    """
    datatype = literal.datatype
    if datatype is None or datatype in _OWL2_DATATYPES:
        return literal
    text = str(literal)
    if datatype == XSD.gYear and text.lstrip("-").isdigit():
        return Literal(text, datatype=XSD.integer)
    if datatype == XSD.date:
        return Literal(text[:10] + "T00:00:00" + text[10:], datatype=XSD.dateTime)
    return Literal(text, datatype=XSD.string)


def _owl2_datatype(datatype: URIRef) -> URIRef:
    """The datatype a range axiom gets in the reasoning copy, matching :func:`_owl2_literal`."""
    if datatype in _OWL2_DATATYPES:
        return datatype
    return {XSD.gYear: XSD.integer, XSD.date: XSD.dateTime}.get(datatype, XSD.string)


def _convert(triple: tuple[Node, Node, Node]) -> tuple[Node, Node, Node]:
    s, p, o = triple
    if isinstance(o, Literal):
        return s, p, _owl2_literal(o)
    if p == RDFS.range and isinstance(o, URIRef) and o.startswith(str(XSD)):
        return s, p, _owl2_datatype(o)
    return s, p, o


def _unique_names(graph: Graph) -> Iterable[tuple[Node, Node, Node]]:
    """owl:differentFrom between the IRIs a functional (or inverse-functional) property would otherwise merge.

    OWL does not assume that two IRIs name two things, so a firm with two countries would just make the two
    countries one. AMKG's contract is that one real thing has one IRI, so distinct IRIs are distinct things;
    stating it where a functional property meets two of them lets HermiT see the clash. (Declaring every
    individual different would say the same but costs HermiT quadratic time.)
    """
    groups: dict[tuple[Node, Node, str], set[URIRef]] = defaultdict(set)
    for prop in set(graph.subjects(RDF.type, OWL.FunctionalProperty)):
        for s, o in graph.subject_objects(prop):
            if isinstance(o, URIRef):
                groups[(s, prop, "values")].add(o)
    for prop in set(graph.subjects(RDF.type, OWL.InverseFunctionalProperty)):
        for s, o in graph.subject_objects(prop):
            if isinstance(s, URIRef):
                groups[(o, prop, "subjects")].add(s)
    for members in groups.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                yield a, OWL.differentFrom, b


def reasoning_copy(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """The triples as HermiT can read them: OWL 2 datatypes only, plus the unique-name axioms."""
    copy = Graph()
    for triple in triples:
        copy.add(_convert(triple))
    for triple in list(_unique_names(copy)):
        copy.add(triple)
    return copy


# ---------------------------------------------------------------- running HermiT


def hermit_consistent(graph: Graph) -> bool:
    """True when HermiT finds ``graph`` consistent.

    Runs the HermiT that owlready2 ships, asking only for consistency. owlready2's ``sync_reasoner`` would
    also classify every class and realise every individual and round-trip the graph through its SQLite
    store: 14 s instead of 1.5 s for the whole AMKG, and the build needs only the yes/no (the inferences it
    serves are computed in :mod:`amkg.infer`). The C1-only JIT halves JVM start-up for these short runs.
    """
    with tempfile.TemporaryDirectory(prefix="amkg-reason-") as tmp:
        path = Path(tmp) / "copy.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        run = subprocess.run(
            [owlready2.JAVA_EXE, "-Xmx2g", "-XX:TieredStopAtLevel=1", "-cp", _HERMIT_CLASSPATH,
             "org.semanticweb.HermiT.cli.CommandLine", "--consistency", path.as_uri()],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if run.returncode == 0 and "is satisfiable" in run.stdout:
        return True
    if "InconsistentOntologyException" in run.stderr:
        return False
    raise ReasonerError(f"HermiT could not check the graph:\n{run.stderr.strip()[-3000:]}")


def minimal_conflict(
    candidates: Sequence[URIRef], inconsistent: Callable[[list[URIRef]], bool]
) -> list[URIRef]:
    """A smallest subset of ``candidates`` that is still inconsistent (QuickXplain, Junker 2004).

    Needs about 2·k·log(n/k) reasoner calls for k culprits among n candidates, instead of n for trying each
    entity in turn. ``inconsistent(subset)`` must be true for the whole candidate list; the result is empty
    when no candidate is needed (the background — for AMKG, the ontology — is inconsistent by itself).
    """

    def explain(background: list[URIRef], added: bool, items: list[URIRef]) -> list[URIRef]:
        if added and inconsistent(background):
            return []
        if len(items) <= 1:
            return items
        half = len(items) // 2
        first, second = items[:half], items[half:]
        from_second = explain(background + first, bool(first), second)
        from_first = explain(background + from_second, bool(from_second), first)
        return from_first + from_second

    return explain([], True, list(candidates))


# ---------------------------------------------------------------- checking the inputs


def _statements_of(graph: Graph, entities: Iterable[URIRef]) -> Graph:
    """The triples about ``entities``, with the structured values (blank nodes) they point to."""
    selected = Graph()
    todo: list[Node] = list(entities)
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in graph.triples((node, None, None)):
            selected.add(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return selected


def check_consistent(inputs: Inputs) -> None:
    """Raise :class:`Inconsistent`, naming the entities in conflict, unless HermiT finds no contradiction."""
    ontology = reasoning_copy(t for f in inputs.files if f.graph == ONTOLOGY_GRAPH for t in f.triples)
    data = Graph()
    for f in inputs.files:
        if f.graph != ONTOLOGY_GRAPH:
            data += f.triples

    def inconsistent(entities: list[URIRef]) -> bool:
        return not hermit_consistent(reasoning_copy([*ontology, *_statements_of(data, entities)]))

    if hermit_consistent(reasoning_copy([*ontology, *data])):
        return
    culprits = minimal_conflict(inputs.data_subjects(), inconsistent)
    if not culprits:  # no data is needed for the contradiction
        raise Inconsistent([], "HermiT finds the ontology itself (ontology/*.ttl) inconsistent.")
    raise Inconsistent(culprits, _describe(inputs, data, culprits))


def _describe(inputs: Inputs, data: Graph, culprits: Sequence[URIRef]) -> str:
    lines = [
        "HermiT finds the ontology and the data inconsistent.",
        f"The smallest set of entities whose statements contradict the ontology ({len(culprits)}):",
    ]
    for entity in culprits:
        lines.append(f"  {entity}")
        lines.append(f"    in: {', '.join(inputs.files_describing(entity))}")
        for _, p, o in sorted(data.triples((entity, None, None))):
            if not isinstance(o, Literal):  # types and links; descriptions never cause a clash
                lines.append(f"    {short(p)} {short(o)}")
    lines.append(
        "Typical causes: one entity typed with two disjoint classes (e.g. amkg:Firm and amkg:Hub), "
        "two values for a property that takes one (e.g. two amkg:country), "
        "or a value of the wrong kind (outside the property's range)."
    )
    return "\n".join(lines)
