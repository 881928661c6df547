"""Prove ontology and data consistent with HermiT (the one owlready2 ships), and name the culprits if not.

HermiT reads OWL 2, not our Turtle as written, so it gets a *reasoning copy* of the union of ontology and data
(see :func:`reasoning_copy`); the published graph is never changed by what happens here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from amkg.build.inputs import ONTOLOGY_GRAPH, Inputs
from amkg.rdf import terms
from amkg.rdf.namespaces import short

Triple = tuple[Node, Node, Node]

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): the only datatypes HermiT accepts.
_OWL2_DATATYPES = frozenset(
    {
        RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational,
        XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger,
        XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
        XSD.unsignedShort, XSD.unsignedByte, XSD.double, XSD.float, XSD.string, XSD.normalizedString,
        XSD.token, XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN, XSD.boolean, XSD.hexBinary,
        XSD.base64Binary, XSD.anyURI, XSD.dateTime, XSD.dateTimeStamp,
    }
)  # fmt: skip

_HERMIT_DIR = Path(owlready2.__file__).parent / "hermit"
_HERMIT_CLASSPATH = os.pathsep.join([str(_HERMIT_DIR), str(_HERMIT_DIR / "HermiT.jar")])
#: Candidate subsets HermiT checks in one run when looking for the culprits (one JVM start per batch).
PROBES_PER_RUN = 32


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
    """The datatype a range axiom gets in the reasoning copy, matching :func:`_owl2_literal`.

    RDF 1.1's rdf:langString (the range of the prose properties) is outside the OWL 2 map; OWL 2 reads a
    language-tagged literal as an rdf:PlainLiteral, so that is its stand-in.
    """
    if datatype in _OWL2_DATATYPES:
        return datatype
    return {XSD.gYear: XSD.integer, XSD.date: XSD.dateTime, RDF.langString: RDF.PlainLiteral}.get(
        datatype, XSD.string
    )


def _convert(triple: Triple) -> Triple:
    s, p, o = triple
    if isinstance(o, Literal):
        return s, p, _owl2_literal(o)
    if p == RDFS.range and isinstance(o, URIRef) and (o.startswith(str(XSD)) or o == RDF.langString):
        return s, p, _owl2_datatype(o)
    if s == RDF.langString:  # its declaration as a datatype
        return RDF.PlainLiteral, p, o
    return s, p, o


def _unique_names(graph: Graph) -> Iterable[Triple]:
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


def reasoning_copy(triples: Iterable[Triple]) -> Graph:
    """The triples as HermiT can read them: OWL 2 datatypes only, plus the unique-name axioms."""
    copy = Graph()
    for triple in triples:
        copy.add(_convert(triple))
    for triple in list(_unique_names(copy)):
        copy.add(triple)
    return copy


def _ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{terms.triple(s, p, o)} .\n" for s, p, o in triples)


# ---------------------------------------------------------------- running HermiT


def first_inconsistent(documents: Sequence[str]) -> int | None:
    """Index of the first N-Triples document HermiT finds inconsistent; None if it finds them all consistent.

    One JVM checks them all in turn (HermiT stops at the first contradiction), so many small checks cost one
    start-up. Only consistency is asked for: owlready2's ``sync_reasoner`` would also classify every class,
    realise every individual and round-trip the data through its SQLite store — 14 s instead of 1.5 s for the
    whole AMKG — and the inferences the build serves come from :mod:`amkg.infer`. The C1-only JIT halves
    start-up for these short runs.
    """
    java = shutil.which(owlready2.JAVA_EXE)
    if java is None:  # say what to do, not what Python met: HermiT runs on Java
        raise ReasonerError(
            f"Java is needed to check the graph with HermiT, and {owlready2.JAVA_EXE!r} is not on PATH: "
            "install a Java runtime (Debian: apt-get install default-jre-headless; `make serve` does)."
        )
    with tempfile.TemporaryDirectory(prefix="amkg-reason-") as tmp:
        uris = []
        for number, document in enumerate(documents):
            path = Path(tmp) / f"{number}.nt"
            path.write_text(document, encoding="utf-8")
            uris.append(path.as_uri())
        run = subprocess.run(
            [java, "-Xmx2g", "-XX:TieredStopAtLevel=1", "-cp", _HERMIT_CLASSPATH,
             "org.semanticweb.HermiT.cli.CommandLine", "--consistency", *uris],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    consistent = run.stdout.count("is satisfiable")
    if run.returncode == 0 and consistent == len(documents):
        return None
    if "InconsistentOntologyException" in run.stderr:
        return consistent
    raise ReasonerError(f"HermiT could not check the graph:\n{run.stderr.strip()[-3000:]}")


def minimal_conflict(
    candidates: Sequence[URIRef],
    first_inconsistent_of: Callable[[list[list[URIRef]]], int | None],
    per_run: int = PROBES_PER_RUN,
) -> list[URIRef]:
    """A smallest subset of ``candidates`` that is still inconsistent (with the background reasoned with).

    ``first_inconsistent_of(subsets)`` answers for several subsets at once, like :func:`first_inconsistent`;
    the whole candidate list must be inconsistent. Culprits are found one at a time: with the culprits found
    so far, the shortest inconsistent prefix of the remaining candidates ends in another culprit, and its
    length is found by probing up to ``per_run`` prefix lengths per call. The result is minimal: without any
    one of its members, the rest was shown consistent. Empty means the background alone is inconsistent.
    """
    culprits: list[URIRef] = []
    remaining = list(candidates)
    while True:
        consistent_up_to, inconsistent_from = -1, len(remaining)  # prefix lengths known either way
        while inconsistent_from - consistent_up_to > 1:
            span = inconsistent_from - consistent_up_to - 1
            step = -(-span // per_run)
            lengths = list(range(consistent_up_to + 1, inconsistent_from, step))
            found = first_inconsistent_of([culprits + remaining[:n] for n in lengths])
            if found is None:
                consistent_up_to = lengths[-1]
            else:
                inconsistent_from = lengths[found]
                consistent_up_to = lengths[found - 1] if found else consistent_up_to
        if inconsistent_from == 0:
            return culprits
        culprits.append(remaining[inconsistent_from - 1])
        remaining = remaining[: inconsistent_from - 1]


# ---------------------------------------------------------------- checking the inputs


def _statements_of(graph: Graph, entity: URIRef) -> list[Triple]:
    """The triples about ``entity``, with those of the structured values (blank nodes) it points to."""
    selected: list[Triple] = []
    todo: list[Node] = [entity]
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in graph.triples((node, None, None)):
            selected.append(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return selected


def check_consistent(inputs: Inputs) -> None:
    """Raise :class:`Inconsistent`, naming the entities in conflict, unless HermiT finds no contradiction."""
    ontology = [t for f in inputs.files if f.graph == ONTOLOGY_GRAPH for t in f.triples]
    data = Graph()
    for f in inputs.files:
        if f.graph != ONTOLOGY_GRAPH:
            data += f.triples
    everything = reasoning_copy([*ontology, *data])
    if first_inconsistent([_ntriples(everything)]) is None:
        return

    # Every probe holds the ontology and the unique-name axioms of all the data: an axiom that two IRIs name
    # different things is harmless when the statements that would merge them are left out.
    distinct = everything.triples((None, OWL.differentFrom, None))
    background = _ntriples([*map(_convert, ontology), *distinct])
    entities = inputs.data_subjects()
    statements = {e: _ntriples(_convert(t) for t in _statements_of(data, e)) for e in entities}

    def first_inconsistent_of(subsets: list[list[URIRef]]) -> int | None:
        return first_inconsistent([background + "".join(statements[e] for e in subset) for subset in subsets])

    culprits = minimal_conflict(entities, first_inconsistent_of)
    if not culprits:
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
