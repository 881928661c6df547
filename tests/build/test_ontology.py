"""The ontology (ontology/*.ttl) is documented term by term, matches amkg.rdf.namespaces, is consistent."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import owlready2
import pytest
from amkg.build.reason import reasoning_copy
from amkg.rdf.namespaces import AMKG, TERMS
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = URIRef("https://w3id.org/amkg/ontology")
NAMESPACE = "https://w3id.org/amkg/ontology#"
SOURCE = "https://w3id.org/amkg/id/source/"
XSD = "http://www.w3.org/2001/XMLSchema#"  # a string: rdflib's XSD namespace warns when pytest inspects it
EXTERNAL = "external.ttl"  # the module declaring other vocabularies' terms and holding the alignments to them
TURTLE_FILES = sorted([*(ROOT / "ontology").glob("*.ttl"), *(ROOT / "shapes").glob("*.ttl")])


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def defined_terms(graph: Graph) -> set[URIRef]:
    """Every IRI of ours the ontology describes: amkg: classes, properties, individuals, units and schemes."""
    return {
        s
        for s in graph.subjects()
        if isinstance(s, URIRef) and s.startswith("https://w3id.org/amkg/") and s != ONTOLOGY
    }


def test_every_term_has_one_english_label_a_definition_and_is_defined_by_the_ontology(
    ontology: Graph,
) -> None:
    problems = []
    for term in sorted(defined_terms(ontology)):
        labels = list(ontology.objects(term, RDFS.label))
        if len(labels) != 1 or not isinstance(labels[0], Literal) or labels[0].language != "en":
            problems.append(f"{term}: needs exactly one English rdfs:label, has {labels}")
        definitions = [
            d for d in ontology.objects(term, SKOS.definition) if getattr(d, "language", None) == "en"
        ]
        if len(definitions) != 1:
            problems.append(f"{term}: needs exactly one English skos:definition, has {definitions}")
        if (term, RDFS.isDefinedBy, ONTOLOGY) not in ontology:
            problems.append(f"{term}: needs rdfs:isDefinedBy <{ONTOLOGY}>")
    assert not problems, "\n".join(problems)


def test_the_header_says_what_the_ontology_is(ontology: Graph) -> None:
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator, DCTERMS.issued):
        values = list(ontology.objects(ONTOLOGY, prop))
        assert values, f"the ontology header lacks {prop}"
        assert all(not isinstance(v, Literal) or v.language in (None, "en") for v in values), prop
    assert ontology.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("amkg")
    assert ontology.value(ONTOLOGY, VANN.preferredNamespaceUri) == Literal(NAMESPACE)
    version = ontology.value(ONTOLOGY, OWL.versionInfo)
    assert ontology.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{version}")


def test_the_header_cites_every_source_document(ontology: Graph) -> None:
    """The ontology models what the five documents speak of, and says so: one dct:source per document."""
    documents = {
        URIRef(SOURCE + folder.name)
        for folder in (ROOT / "graph").iterdir()
        if folder.is_dir() and not folder.name.startswith(".")
    }
    assert set(ontology.objects(ONTOLOGY, DCTERMS.source)) == documents


def test_every_term_the_ontology_uses_is_declared(ontology: Graph) -> None:
    """OWL 2 wants each class and property declared, the reused terms ours align to (org:, prov:, schema:…)
    included, so no tool has to guess whether schema:Corporation is a class or org:memberOf a property."""
    axioms = (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.inverseOf, RDF.first)
    used = set()
    for _, p, o in ontology:
        if p in axioms and isinstance(o, URIRef) and not o.startswith(XSD):
            used.add(o)
        if not str(p).startswith((str(RDF), str(RDFS), str(OWL))):
            used.add(p)
    assert {term for term in used if ontology.value(term, RDF.type) is None} == set()


def test_the_closed_namespace_lists_exactly_the_ontology_terms(ontology: Graph) -> None:
    terms = {t.removeprefix(NAMESPACE) for t in defined_terms(ontology) if t.startswith(NAMESPACE)}
    assert sorted(TERMS) == sorted(terms)  # each once
    assert all(getattr(AMKG, name) == NAMESPACE + name for name in terms)
    assert NAMESPACE + "Hub" in AMKG and NAMESPACE + "Hubs" not in AMKG


def test_a_misspelt_term_raises_instead_of_minting_an_iri() -> None:
    with pytest.raises(AttributeError, match=r"amkg:Hubb is not defined in ontology/"):
        _ = AMKG.Hubb


def test_owlready2_loads_it_and_hermit_finds_it_consistent(ontology: Graph, tmp_path: Path) -> None:
    """Through owlready2 itself (classification too), on the HermiT-readable copy the build reasons on."""
    path = tmp_path / "ontology.nt"
    reasoning_copy(ontology).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        with contextlib.redirect_stderr(io.StringIO()), path.open("rb") as fileobj:
            loaded = world.get_ontology(path.as_uri()).load(fileobj=fileobj, format="ntriples")
            assert loaded.search_one(iri=NAMESPACE + "Hub") is not None
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        assert list(world.inconsistent_classes()) == []
    finally:
        world.close()


def test_other_vocabularies_terms_are_declared_only_in_external_ttl_and_ours_each_in_one_module() -> None:
    """external.ttl alone says anything about other vocabularies' terms, and adds to ours only how they align
    to those (rdfs:subClassOf / rdfs:subPropertyOf); every other statement about a term is in one module."""
    problems = []
    modules: dict[URIRef, set[str]] = {}
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        for s, p, o in graph:
            if not isinstance(s, URIRef):
                continue
            ours = s.startswith("https://w3id.org/amkg/")
            if path.name == EXTERNAL:
                alignment = p in (RDFS.subClassOf, RDFS.subPropertyOf) and not str(o).startswith(NAMESPACE)
                if ours and not alignment:
                    problems.append(f"{EXTERNAL} may only align our terms to others: {s} {p} {o}")
            elif not ours:
                problems.append(f"{path.name} says something about another vocabulary's {s}; see {EXTERNAL}")
            else:
                modules.setdefault(s, set()).add(path.name)
    for term, names in modules.items():
        if len(names) > 1:
            problems.append(f"{term} is defined in several modules: {sorted(names)}")
    assert not problems, "\n".join(sorted(problems))


_PREFIX_DECLARATION = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<[^>]*>\s*\.[ \t]*$", re.MULTILINE)


def _turtle_code(text: str) -> str:
    """The Turtle with comments, strings and IRIs blanked: a prefix named only in those is not used."""
    code, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif char == "<":
            i = text.index(">", i) + 1
            code.append(" ")
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            i += len(quote)
            while not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            code.append(" ")
        else:
            code.append(char)
            i += 1
    return "".join(code)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=[p.relative_to(ROOT).as_posix() for p in TURTLE_FILES])
def test_every_declared_prefix_is_used(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    declared = [m.group(1) or "" for m in _PREFIX_DECLARATION.finditer(text)]
    used = set(re.findall(r"(?<![\w-])([A-Za-z][\w-]*)?:", _turtle_code(_PREFIX_DECLARATION.sub("", text))))
    unused = [prefix for prefix in declared if prefix not in used]
    assert not unused, f"{path.name} declares prefixes it never uses: {', '.join(p + ':' for p in unused)}"
