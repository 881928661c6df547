"""``amkg build`` end to end: the real repository into a temporary dist/, and small fixture projects for
what must happen when something goes wrong (the last good dist/ survives) or nothing changed (no rebuild).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from amkg.build import MANIFEST, BuildError, build, publish
from amkg.build.inputs import load
from amkg.build.reason import Inconsistent, check_consistent, minimal_conflict
from amkg.cli import main
from amkg.config import Settings
from amkg.rdf.namespaces import EXAMPLES_GRAPH, INFERRED_GRAPH, LINKSET_PREFIX, ONTOLOGY_GRAPH
from amkg.store import open_store
from rdflib import URIRef
from support.projects import FIXTURES, INCONSISTENT, ROOT, VIOLATIONS, lay_over, make_project, take_away
from support.server import DIST

SOURCE = "https://w3id.org/amkg/id/source/"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def loaded(path: Path, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=path, format=fmt)
    return store


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(query, use_default_graph_as_union=True))


# ---------------------------------------------------------------- the real repository


@pytest.fixture(scope="module")
def real_dist() -> Path:
    """The repository's own dist/, brought up to date (fails while the data does not validate).

    ``make test`` has just built it, so this is normally the up-to-date check alone: the real graph is
    reasoned over once per run, not once per test module.
    """
    try:
        build(Settings(root=ROOT, dist=DIST))
    except BuildError as exc:
        pytest.fail(f"the real graph does not build:\n{str(exc)[-4000:]}")
    return DIST


@pytest.fixture(scope="module")
def real_store(real_dist: Path) -> ox.Store:
    return loaded(real_dist / "amkg.nq", ox.RdfFormat.N_QUADS)


def test_real_build_publishes_one_graph_per_source_plus_ontology_and_inferences(
    real_dist: Path, real_store: ox.Store
) -> None:
    manifest = json.loads((real_dist / MANIFEST).read_text(encoding="utf-8"))
    sources = {p.name for p in (ROOT / "graph").iterdir() if p.is_dir() and not p.name.startswith(".")}
    linksets = {s["iri"] for s in manifest["linksets"]}
    assert linksets and all(iri.startswith(LINKSET_PREFIX) for iri in linksets)
    expected = {str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH), EXAMPLES_GRAPH} | {SOURCE + s for s in sources}
    expected |= linksets
    assert {g["iri"] for g in manifest["graphs"]} == expected
    assert {g.value for g in real_store.named_graphs()} == expected
    for graph in manifest["graphs"]:
        turtle = loaded(real_dist / graph["file"], ox.RdfFormat.TURTLE)
        assert len(turtle) == graph["triples"] > 0, graph["name"]
    assert manifest["counts"]["quads"] == len(real_store)
    assert set(manifest["inputs"]) >= {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "graph").rglob("*.ttl")
    }


def test_real_build_writes_the_same_dataset_in_every_format(real_dist: Path, real_store: ox.Store) -> None:
    for name, fmt in (("amkg.trig", ox.RdfFormat.TRIG), ("amkg.jsonld", ox.RdfFormat.JSON_LD)):
        assert len(loaded(real_dist / name, fmt)) == len(real_store), name


def test_real_build_materialises_inverses_closures_and_types(real_store: ox.Store) -> None:
    prefixes = """
        PREFIX amkg: <https://w3id.org/amkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX org:  <http://www.w3.org/ns/org#>
        PREFIX schema: <https://schema.org/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
    """
    inferred = f"<{INFERRED_GRAPH}>"
    assert ask(real_store, prefixes + f"ASK {{ GRAPH {inferred} {{ ?org amkg:leads ?initiative }} }}")
    assert not ask(
        real_store,
        f"""ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?p <http://www.w3.org/2002/07/owl#inverseOf> ?q }}
                  ?s ?p ?o FILTER(!isLiteral(?o)) FILTER NOT EXISTS {{ ?o ?q ?s }} }}""",
    ), "a statement lacks its inverse"
    assert ask(real_store, prefixes + f"ASK {{ GRAPH {inferred} {{ ?a skos:broaderTransitive ?b }} }}")
    assert not ask(
        real_store,
        prefixes
        + "ASK { ?a skos:broader/skos:broader ?c FILTER NOT EXISTS { ?a skos:broaderTransitive ?c } }",
    )
    assert not ask(
        real_store,
        prefixes + "ASK { ?a amkg:locatedIn/amkg:locatedIn ?c FILTER NOT EXISTS { ?a amkg:locatedIn ?c } }",
    )
    assert not ask(
        real_store,
        prefixes + "ASK { ?h a amkg:Hub FILTER NOT EXISTS { ?h a org:OrganizationalCollaboration } }",
    )
    assert not ask(
        real_store, prefixes + "ASK { ?f a amkg:Firm FILTER NOT EXISTS { ?f a schema:Corporation } }"
    )
    for kind in ("amkg:Firm", "amkg:GovernmentBody", "amkg:University", "amkg:DevelopmentBank", "amkg:Hub",
                 "amkg:HubNetwork", "amkg:Association", "amkg:Fund"):  # fmt: skip
        assert not ask(
            real_store, prefixes + f"ASK {{ ?o a {kind} FILTER NOT EXISTS {{ ?o a org:Organization }} }}"
        ), f"an {kind} is not inferred to be an org:Organization"
    assert not ask(
        real_store,
        prefixes + "ASK { ?s schema:containedInPlace ?p FILTER NOT EXISTS { ?s a amkg:Place } }",
    ), "schema:containedInPlace relates places only; organisations and initiatives are not places"
    assert not ask(
        real_store,
        prefixes + "ASK { ?s a amkg:IndustrialStrategy FILTER NOT EXISTS { ?s a prov:Entity } }",
    ), "a strategy is a prov:Plan, and PROV-O makes every plan an entity"
    assert not ask(
        real_store,
        f"ASK {{ GRAPH {inferred} {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {inferred}) }}",
    ), "the inferred graph repeats a stated triple"


# ---------------------------------------------------------------- a small fixture project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid fixture project with a first good build in project/dist."""
    root = make_project(tmp_path_factory.mktemp("build") / "project")
    build(Settings(root=root, dist=root / "dist"))
    return root


def settings_for(root: Path) -> Settings:
    return Settings(root=root, dist=root / "dist")


def test_an_unchanged_project_is_not_rebuilt(project: Path) -> None:
    before = snapshot(project / "dist")
    started = time.monotonic()
    result = build(settings_for(project))
    assert result.skipped
    assert time.monotonic() - started < 1.0
    assert snapshot(project / "dist") == before


def test_a_changed_input_is_rebuilt(project: Path) -> None:
    data = project / "graph" / "test-report" / "data.ttl"
    original = data.read_text(encoding="utf-8")
    data.write_text(original + "\n# edited\n", encoding="utf-8")
    try:
        result = build(settings_for(project))
        assert not result.skipped
        assert (
            result.manifest["inputs"]["graph/test-report/data.ttl"]
            == hashlib.sha256(data.read_bytes()).hexdigest()
        )
    finally:
        data.write_text(original, encoding="utf-8")
        build(settings_for(project))


def test_the_build_writes_the_on_disk_store_where_configured(tmp_path: Path) -> None:
    """With AMKG_STORE=oxigraph-disk the RocksDB folder is built with the dump and swapped in with it; the
    server then opens it as it is instead of loading the dump again."""
    root = make_project(tmp_path / "project")
    settings = Settings(root=root, dist=root / "dist", store="oxigraph-disk")
    build(settings)
    marker = root / "dist" / "oxigraph" / "LOADED_FROM"
    built = marker.read_text(encoding="utf-8")
    assert open_store(settings).triple_count == len(loaded(root / "dist" / "amkg.nq", ox.RdfFormat.N_QUADS))
    assert marker.read_text(encoding="utf-8") == built, "the server loaded the dump again"


@pytest.mark.parametrize(
    ("overlay", "reported"),
    [
        (FIXTURES / "broken", "graph/test-report/broken.ttl: not valid Turtle"),
        (VIOLATIONS / "hub-incomplete", "A hub needs at least one host organisation (amkg:hostedBy)."),
    ],
    ids=["invalid-turtle", "shape-violation"],
)
def test_a_failed_build_leaves_the_last_good_dist_untouched(
    project: Path, overlay: Path, reported: str
) -> None:
    before = snapshot(project / "dist")
    added = lay_over(project, overlay)
    try:
        with pytest.raises(BuildError) as failure:
            build(settings_for(project))
        assert reported in str(failure.value)
        assert snapshot(project / "dist") == before
        assert sorted(p.name for p in project.iterdir() if p.name.startswith(".dist")) == []
    finally:
        take_away(added)


def test_the_build_names_the_entity_hermit_finds_inconsistent(project: Path) -> None:
    """The clash passes every shape; HermiT finds it, the build names the entity and keeps the old dist/."""
    before = snapshot(project / "dist")
    added = lay_over(project, INCONSISTENT / "firm-and-hub")
    try:
        with pytest.raises(BuildError) as failure:
            build(settings_for(project))
    finally:
        take_away(added)
    assert snapshot(project / "dist") == before
    report = str(failure.value)
    assert report.startswith("HermiT finds the ontology and the data inconsistent.")
    assert "  https://w3id.org/amkg/id/org/test-hub-company\n    in: graph/test-report/clash.ttl" in report
    assert "    rdf:type amkg:Firm\n    rdf:type amkg:Hub" in report


def test_the_reasoner_names_a_firm_with_two_countries(tmp_path: Path) -> None:
    """Shapes stop this before reasoning; asked directly, HermiT (with unique names) finds the clash too."""
    root = make_project(tmp_path / "project", INCONSISTENT / "firm-with-two-countries")
    with pytest.raises(Inconsistent) as failure:
        check_consistent(load(root))
    assert [str(e) for e in failure.value.entities] == ["https://w3id.org/amkg/id/org/test-exporter"]
    assert "amkg:country <https://w3id.org/amkg/id/place/otherland>" in failure.value.report


def test_the_reasoner_knows_that_formal_organisations_are_organisations(tmp_path: Path) -> None:
    """W3C ORG is not loaded: the ontology restates org:FormalOrganization ⊑ org:Organization, without which
    a ministry that is also a region would pass (only org:Organization is declared disjoint with places)."""
    root = make_project(tmp_path / "project", INCONSISTENT / "ministry-and-region")
    with pytest.raises(Inconsistent) as failure:
        check_consistent(load(root))
    assert [str(e) for e in failure.value.entities] == ["https://w3id.org/amkg/id/org/test-province-council"]


def test_the_culprit_search_finds_a_smallest_conflicting_set() -> None:
    """The search itself, with a known answer: {e13, e77} clash, and so does {e40} alone."""
    candidates = [URIRef(f"urn:e{i}") for i in range(100)]
    clashes = [{candidates[13], candidates[77]}, {candidates[40]}]
    runs = []

    def first_inconsistent_of(subsets: list[list[URIRef]]) -> int | None:
        runs.append(len(subsets))
        return next((i for i, s in enumerate(subsets) if any(c <= set(s) for c in clashes)), None)

    assert minimal_conflict(candidates, first_inconsistent_of, per_run=8) == [candidates[40]]
    assert minimal_conflict(candidates[41:] + candidates[:40], first_inconsistent_of) == [
        candidates[13],
        candidates[77],
    ]
    assert minimal_conflict(candidates[:10], lambda subsets: 0) == []  # the background alone clashes
    assert max(runs) <= 32


def test_a_failure_while_writing_leaves_dist_untouched(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "amkg.nq").write_text("old\n", encoding="utf-8")

    def write_then_fail(staging: Path) -> None:
        (staging / "amkg.nq").write_text("half\n", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        publish(dist, write_then_fail)
    assert snapshot(dist) == {"amkg.nq": b"old\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_publish_replaces_dist_with_the_new_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "stale.txt").write_text("old\n", encoding="utf-8")
    publish(dist, lambda staging: (staging / "amkg.nq").write_text("new\n", encoding="utf-8"))
    assert snapshot(dist) == {"amkg.nq": b"new\n"}
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


@pytest.mark.parametrize(
    ("stray", "message"),
    [
        ("graph/README.md", "graph/README.md: graph/ holds only folders named after a source"),
        (
            "graph/test-report/notes.txt",
            "graph/test-report/notes.txt: a source folder holds only Turtle files",
        ),
        ("graph/Other_Report/data.ttl", "graph/Other_Report: a source folder is named by its source's slug"),
        ("graph/no-source/data.ttl", "graph/no-source/source.ttl is missing"),
    ],
)
def test_files_out_of_place_under_graph_stop_the_build(tmp_path: Path, stray: str, message: str) -> None:
    root = make_project(tmp_path / "project")
    (root / stray).parent.mkdir(parents=True, exist_ok=True)
    (root / stray).write_text("# stray\n", encoding="utf-8")
    with pytest.raises(BuildError, match=message.replace(".", r"\.")):
        build(settings_for(root))
    assert not (root / "dist").exists()


# ---------------------------------------------------------------- the command line


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^    (\w+) +\S", out, re.MULTILINE)  # argparse's "    name   help" lines
    assert listed == ["build", "validate", "stats", "serve", "diff", "load", "queries"]


def test_python_dash_m_amkg_is_the_command() -> None:
    run = subprocess.run([sys.executable, "-m", "amkg", "serve", "--help"], capture_output=True, text=True)
    assert run.returncode == 0
    for flag in ("--host", "--port", "--workers", "--public-base", "--query-timeout", "--row-limit",
                 "--service-allow", "--store"):  # fmt: skip
        assert flag in run.stdout


def test_validate_exits_1_with_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = make_project(tmp_path / "good")
    assert main(["validate", "--root", str(good)]) == 0
    bad = make_project(tmp_path / "bad", VIOLATIONS / "firm-incomplete")
    assert main(["validate", "--root", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "https://w3id.org/amkg/id/firm/mystery\n  in: graph/test-report/case.ttl" in err
    assert "A firm with a case study needs its country (amkg:country)." in err


def test_build_then_stats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--root", str(project)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["stats", "--root", str(project)]) == 0
    table = capsys.readouterr().out
    assert "test-report" in table and "amkg:Hub" in table
    assert main(["stats", "--dist", str(project / "dist"), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    hubs = next(c for c in stats["classes"] if c["name"] == "amkg:Hub")
    assert (hubs["stated"], hubs["total"]) == (1, 1)
    graphs = {g["name"]: g for g in stats["graphs"]}
    assert list(graphs) == ["ontology", "test-report", "inferred", "examples"]  # Testland matches no country
    assert graphs["test-report"]["files"] == 2


def test_stats_count_the_figures_carrying_each_qualifier(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture's one observation is measured, exact and dated by its report's year; of its two structured
    values, the amount is planned and exact, the quantity measured and a lower bound ("more than" 40);
    amkg:periodAssumed is counted for observations only, and no figure lacks a qualifier ("none" left out)."""
    assert main(["build", "--root", str(project)]) == 0
    assert main(["stats", "--dist", str(project / "dist"), "--json"]) == 0
    out = capsys.readouterr().out
    counts = {
        (q["qualifier"], q["value"]): q["figures"] for q in json.loads(out[out.index("{") :])["qualifiers"]
    }
    assert counts == {
        ("amkg:figureStatus", "amkg:measuredFigure"): 2,
        ("amkg:figureStatus", "amkg:plannedFigure"): 1,
        ("amkg:bound", "amkg:exactly"): 2,
        ("amkg:bound", "amkg:moreThan"): 1,
        ("amkg:periodAssumed", "true"): 1,
    }
    assert main(["stats", "--dist", str(project / "dist")]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^amkg:bound\s+amkg:exactly\s+2$", table, re.M)


def test_stats_into_a_closed_pipe_ends_quietly(project: Path) -> None:
    """`amkg stats | head`: a reader that leaves early is no reason for a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "amkg", "stats", "--dist", str(project / "dist")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr


def test_stats_without_a_build_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--dist", str(tmp_path / "nowhere")]) == 1
    assert "run `amkg build` first" in capsys.readouterr().err
