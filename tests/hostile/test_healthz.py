"""``/healthz`` says whether this server can answer: the store, the build served, the query execution."""

from __future__ import annotations

from typing import Any

from amkg.app import create_app
from amkg.config import Settings
from amkg.dist import Dist
from flask.testing import FlaskClient
from support.server import DIST


def test_a_healthy_server_reports_its_store_build_and_limits(client: FlaskClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    assert answer.headers["Cache-Control"] == "no-store"
    report = answer.get_json()
    manifest = Dist.open(DIST).manifest
    assert report["status"] == "pass" and report["problems"] == []
    statements = manifest["counts"]["quads"]
    assert report["store"] == {"backend": "oxigraph", "statements": statements, "answers": True}
    assert report["build"]["built_at"] == manifest["built_at"]
    assert report["build"]["code"] == manifest["code"]
    assert report["build"]["generator"] == manifest["generator"]
    assert report["build"]["counts"] == manifest["counts"]
    assert report["queries"]["query_timeout"] == 30.0 and report["queries"]["max_nesting"] == 100


def test_head_and_errors_on_healthz_are_machine_answers(client: FlaskClient) -> None:
    assert client.head("/healthz").status_code == 200
    refused = client.post("/healthz")
    assert refused.status_code == 405 and refused.mimetype == "text/plain"
    assert refused.headers["Allow"] == "GET, HEAD, OPTIONS"


class Pool:
    """The interface a query pool installs as the ``amkg.pool`` extension: ``status()`` as a dict."""

    def __init__(self, healthy: bool) -> None:
        self.healthy = healthy

    def status(self) -> dict[str, Any]:
        return {"kind": "pool", "healthy": self.healthy, "processes": 2, "busy": 2 if not self.healthy else 0}


def test_the_pool_reports_itself_and_an_unhealthy_one_makes_it_503() -> None:
    app = create_app(Settings(dist=DIST))
    app.extensions["amkg.pool"] = Pool(healthy=True)
    good = app.test_client().get("/healthz")
    assert good.status_code == 200 and good.get_json()["queries"]["kind"] == "pool"
    app.extensions["amkg.pool"] = Pool(healthy=False)
    bad = app.test_client().get("/healthz")
    assert bad.status_code == 503
    assert bad.get_json()["status"] == "fail"
    assert bad.get_json()["problems"] == ["the query pool is not healthy"]


def test_the_caches_report_how_full_they_are_within_their_bounds() -> None:
    app = create_app(Settings(dist=DIST, answer_cache_mb=1, page_cache_mb=0))
    client = app.test_client()
    before = client.get("/healthz").get_json()["caches"]
    assert before == {
        "answers": {"entries": 0, "bytes": 0, "max_bytes": 1 << 20},
        "pages": {"entries": 0, "bytes": 0, "max_bytes": 0},
    }
    for n in range(3):
        assert (
            client.get(
                "/sparql", query_string={"query": f"SELECT * {{ ?s ?p ?o }} LIMIT {n + 1}"}
            ).status_code
            == 200
        )
        assert client.get("/id/hub/michigan.html").status_code == 200
    after = client.get("/healthz").get_json()["caches"]
    assert after["answers"]["entries"] == 3 and 0 < after["answers"]["bytes"] <= 1 << 20
    assert after["pages"] == before["pages"]  # a cache of 0 MiB keeps nothing
