"""Releases: a version from the build (date and content hash), gzipped versioned dumps with checksums, the
previous release kept and compared (``changes.json``, ``amkg diff``, ``/changes``)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from amkg.build import build
from amkg.cli import main
from amkg.config import Settings
from rdflib import Dataset, Graph
from support.projects import make_project
from support.server import DIST
from support.web import Web

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_the_release_version_is_the_build_date_and_a_hash_of_the_statements() -> None:
    manifest = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))
    release = manifest["release"]
    lines = sorted(line for line in (DIST / "amkg.nq").read_text(encoding="utf-8").splitlines() if line)
    content = hashlib.sha256("".join(f"{line}\n" for line in lines).encode("utf-8")).hexdigest()
    assert release["content_sha256"] == content
    assert (
        release["version"] == f"{release['date']}.{content[:12]}"
        and release["date"] == manifest["built_at"][:10]
    )
    assert release["dump"] == f"amkg-{release['version']}.nq.gz"
    assert release["dumps"] == [f"amkg-{release['version']}.{kind}.gz" for kind in ("nq", "trig", "jsonld")]
    for name, plain in zip(release["dumps"], ("amkg.nq", "amkg.trig", "amkg.jsonld"), strict=True):
        packed = DIST / name
        recorded = manifest["outputs"][name]
        assert recorded["sha256"] == hashlib.sha256(packed.read_bytes()).hexdigest()
        assert recorded["bytes"] == packed.stat().st_size < (DIST / plain).stat().st_size / 4
        assert gzip.decompress(packed.read_bytes()) == (DIST / plain).read_bytes()


def test_void_states_the_version_and_offers_the_gzipped_dump(web: Web) -> None:
    release = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["release"]
    void = web.get(f"{web.base}/.well-known/void", headers={"Accept": "text/turtle"}).text
    assert f'"{release["version"]}"' in void and f"downloads/{release['dump']}" in void
    for name in release["dumps"]:
        assert f"downloads/{name}" in void
        dump = web.get(f"{web.base}/downloads/{name}")
        assert dump.status_code == 200 and dump.headers["Content-Type"] == "application/gzip"
    page = web.get(f"{web.base}/downloads", headers={"Accept": "text/html"}).text
    assert "TriG, gzipped, under the release" in page and "JSON-LD, gzipped, under the release" in page


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project built, changed (one label), and built again."""
    root = make_project(tmp_path_factory.mktemp("release") / "project")
    settings = Settings(root=root, dist=root / "dist")
    build(settings)
    data = root / "graph" / "test-report" / "data.ttl"
    data.write_text(data.read_text(encoding="utf-8").replace('"Test City"@en', '"Test Town"@en'), "utf-8")
    build(settings)
    return root / "dist"


def test_the_build_keeps_the_previous_release_and_what_changed(two_releases: Path) -> None:
    manifest = json.loads((two_releases / "manifest.json").read_text(encoding="utf-8"))
    previous = manifest["release"]["previous"]
    assert previous and previous != manifest["release"]["version"]
    assert (two_releases / "previous" / f"amkg-{previous}.nq.gz").is_file()
    changes = json.loads((two_releases / "changes.json").read_text(encoding="utf-8"))
    assert changes["added"] == changes["removed"] == 1
    graphs = {g["graph"]: (g["added"], g["removed"]) for g in changes["graphs"]}
    assert graphs == {"https://w3id.org/amkg/id/source/test-report": (1, 1)}
    assert changes["entities"] == [
        {"iri": "https://w3id.org/amkg/id/place/test-city", "added": 1, "removed": 1}
    ]


def test_amkg_diff_compares_two_dumps(two_releases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = json.loads((two_releases / "manifest.json").read_text(encoding="utf-8"))
    old = two_releases / "previous" / f"amkg-{manifest['release']['previous']}.nq.gz"
    assert main(["diff", str(old), str(two_releases / "amkg.nq"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["added"], report["removed"], report["entities_changed"]) == (1, 1, 1)
    assert main(["diff", str(old), str(two_releases / "nothing.nq")]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_changes_are_published_as_a_page_and_as_rdf(two_releases: Path) -> None:
    from amkg.app import create_app

    app = create_app(Settings(dist=two_releases, public_base="http://127.0.0.1:8080/"))
    client = app.test_client()
    page = client.get("/changes", headers={"Accept": BROWSER})
    assert page.status_code == 200 and "1 statements added, 1 removed" in page.get_data(as_text=True)
    trig = client.get("/changes", headers={"Accept": "application/trig"})
    statements = Dataset().parse(data=trig.get_data(), format="trig")
    prov = "http://www.w3.org/ns/prov#"
    verbs = {str(p) for p in statements.predicates() if str(p).startswith(prov)}
    assert verbs == {prov + "wasGeneratedBy", prov + "wasInvalidatedBy"}
    turtle = client.get("/changes", headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=turtle.get_data(), format="turtle")) == len(statements)
