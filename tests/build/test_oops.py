"""The OOPS! pitfall checks (``queries/checks/oops-*-violation.rq``): each finds its pitfall in a made-up bad
ontology (``tests/fixtures/oops/``), so it can fail, and none finds anything in ours.

The checks look only at the ontology graph, so the data fixtures of ``test_shapes.py`` (laid over graph/)
cannot trigger them; here the bad ontology *is* the ontology graph. The catalogue is
https://oops.linkeddata.es/catalogue.jsp; docs/decisions.md says which pitfalls no query can detect.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from amkg.build.validate import check_queries
from amkg.rdf.namespaces import ONTOLOGY_GRAPH
from support.projects import FIXTURES, ROOT

CHECKS = ROOT / "queries" / "checks"
OOPS = FIXTURES / "oops"
A = "https://w3id.org/amkg/ontology#"

#: check → (fixture, an entity it must report there).
PLANTED = {
    "oops-p03-is-relationship-violation.rq": ("bad-ontology.ttl", A + "isA"),
    "oops-p04-unconnected-class-violation.rq": ("bad-ontology.ttl", A + "Lonely"),
    "oops-p05-wrong-inverse-violation.rq": ("bad-ontology.ttl", A + "drivenBy"),
    "oops-p06-class-hierarchy-cycle-violation.rq": ("bad-ontology.ttl", A + "Vehicle"),
    "oops-p07-p21-merged-or-miscellaneous-class-violation.rq": ("bad-ontology.ttl", A + "CarsAndBikes"),
    "oops-p08-missing-annotations-violation.rq": ("bad-ontology.ttl", A + "Unlabelled"),
    "oops-p10-missing-disjointness-violation.rq": ("bad-ontology.ttl", "https://w3id.org/amkg/ontology"),
    "oops-p11-missing-domain-or-range-violation.rq": ("bad-ontology.ttl", A + "colour"),
    "oops-p12-p30-p32-same-label-violation.rq": ("bad-ontology.ttl", A + "Automobile"),
    "oops-p13-inverse-not-declared-violation.rq": ("bad-ontology.ttl", A + "owns"),
    "oops-p15-some-not-violation.rq": ("bad-ontology.ttl", A + "Pedestrian"),
    "oops-p19-multiple-domains-or-ranges-violation.rq": ("bad-ontology.ttl", A + "repairs"),
    "oops-p20-misused-annotation-violation.rq": ("bad-ontology.ttl", A + "Mechanic"),
    "oops-p22-naming-convention-violation.rq": ("bad-ontology.ttl", A + "fuel_type"),
    "oops-p24-recursive-definition-violation.rq": ("bad-ontology.ttl", A + "Racer"),
    "oops-p25-p26-wrong-inverse-declaration-violation.rq": ("bad-ontology.ttl", A + "meets"),
    "oops-p27-wrong-equivalent-property-violation.rq": ("bad-ontology.ttl", A + "plate"),
    "oops-p28-wrong-symmetric-violation.rq": ("bad-ontology.ttl", A + "marriedTo"),
    "oops-p29-wrong-transitive-violation.rq": ("bad-ontology.ttl", A + "inside"),
    "oops-p33-single-property-chain-violation.rq": ("bad-ontology.ttl", A + "uses"),
    "oops-p34-untyped-class-violation.rq": ("bad-ontology.ttl", A + "Lorry"),
    "oops-p35-untyped-property-violation.rq": ("bad-ontology.ttl", A + "wheels"),
    "oops-p36-uri-file-extension-violation.rq": (
        "bad-ontology.ttl",
        "https://w3id.org/amkg/ontology/boat.owl",
    ),
    "oops-p38-no-ontology-declaration-violation.rq": ("headerless.ttl", "https://w3id.org/amkg/ontology"),
    "oops-p39-ambiguous-namespace-violation.rq": ("bad-ontology.ttl", "https://w3id.org/amkg/ontology"),
    "oops-p41-no-license-violation.rq": ("bad-ontology.ttl", "https://w3id.org/amkg/ontology"),
}
#: Further pitfalls planted in the bad ontology, reported by a check that covers two.
ALSO_PLANTED = [
    ("oops-p07-p21-merged-or-miscellaneous-class-violation.rq", A + "OtherVehicle", "P21"),
    ("oops-p25-p26-wrong-inverse-declaration-violation.rq", A + "knows", "P26"),
    ("oops-p22-naming-convention-violation.rq", A + "garage", "P22"),
    ("oops-p11-missing-domain-or-range-violation.rq", A + "colour", "rdfs:range"),
]


def ontology_store(*paths: Path) -> ox.Store:
    """A store holding ``paths`` as the ontology graph, as the build holds ontology/."""
    store = ox.Store()
    for path in paths:
        store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def reported(store: ox.Store, check: str) -> list[tuple[str, str]]:
    """(focus, message) of every row the check returns."""
    rows = store.query((CHECKS / check).read_text(encoding="utf-8"), use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    return [(row["focus"].value, row["message"].value) for row in rows]


@pytest.fixture(scope="module")
def bad() -> dict[str, ox.Store]:
    return {name: ontology_store(OOPS / name) for name in {fixture for fixture, _ in PLANTED.values()}}


@pytest.fixture(scope="module")
def ours() -> ox.Store:
    return ontology_store(*sorted((ROOT / "ontology").glob("*.ttl")))


def test_every_oops_check_has_a_planted_pitfall() -> None:
    checks = {p.name for p in check_queries(CHECKS) if p.name.startswith("oops-")}
    assert checks == set(PLANTED)


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_each_check_finds_its_pitfall_in_the_bad_ontology(bad: dict[str, ox.Store], check: str) -> None:
    fixture, focus = PLANTED[check]
    found = reported(bad[fixture], check)
    assert [m for f, m in found if f == focus], f"{check} should report {focus} in {fixture}; got {found}"
    assert all(m.startswith("OOPS! P") for _, m in found), "each message names its pitfall"


@pytest.mark.parametrize(("check", "focus", "words"), ALSO_PLANTED, ids=[c[2] for c in ALSO_PLANTED])
def test_a_check_reports_each_pitfall_it_covers(
    bad: dict[str, ox.Store], check: str, focus: str, words: str
) -> None:
    assert [m for f, m in reported(bad["bad-ontology.ttl"], check) if f == focus and words in m]


def test_a_written_reason_stands_for_a_missing_inverse(bad: dict[str, ox.Store]) -> None:
    found = {f for f, _ in reported(bad["bad-ontology.ttl"], "oops-p13-inverse-not-declared-violation.rq")}
    assert A + "owns" in found and A + "seat" not in found


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_our_ontology_has_none_of_the_pitfalls(ours: ox.Store, check: str) -> None:
    assert reported(ours, check) == []
