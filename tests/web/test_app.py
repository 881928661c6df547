"""The app factory and the pure helpers below it: what an app holds is its own, settings come from the
environment by type, IRIs map between the persistent and the public base, page numbers are safe."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from amkg.app import create_app
from amkg.config import Settings
from amkg.pages.views import page_number
from amkg.rdf.names import curie, expand, short_name, slug
from amkg.rdf.namespaces import BASE
from amkg.web.http import ROW_LIMIT, TRUNCATED
from amkg.web.public import to_base, to_public
from support.server import DIST

QUERY = "/sparql?query=" + quote("SELECT ?s WHERE { ?s a <https://w3id.org/amkg/ontology#Hub> }")


def test_two_apps_in_one_process_share_nothing() -> None:
    """Store, caches and watchdog are each app's own: a cached answer of one is never the other's."""
    small = create_app(Settings(dist=DIST, row_limit=5))
    large = create_app(Settings(dist=DIST, row_limit=1000))
    assert not set(map(id, small.extensions.values())) & set(map(id, large.extensions.values()))
    first = small.test_client().get(QUERY)
    second = large.test_client().get(QUERY)
    assert first.headers[TRUNCATED] == "true" and first.headers[ROW_LIMIT] == "5"
    assert TRUNCATED not in second.headers and second.headers[ROW_LIMIT] == "1000"
    assert len(small.extensions["amkg.answers"]) == 1 == len(large.extensions["amkg.answers"])
    assert small.extensions["amkg.store"].memo is not large.extensions["amkg.store"].memo


def test_the_public_base_maps_our_iris_and_leaves_others_alone() -> None:
    public = "http://127.0.0.1:8080/"
    assert to_public(BASE + "id/hub/michigan", public, BASE) == public + "id/hub/michigan"
    assert to_public("https://schema.org/Place", public, BASE) == "https://schema.org/Place"
    assert to_base(public + "id/hub/michigan", public, BASE) == BASE + "id/hub/michigan"
    assert to_base("/id/hub/michigan", public, BASE) == BASE + "id/hub/michigan"


@pytest.mark.parametrize(
    ("iri", "name"),
    [
        ("https://w3id.org/amkg/ontology#Hub", "amkg:Hub"),
        ("http://purl.org/linked-data/cube#Observation", "qb:Observation"),
        ("https://w3id.org/amkg/id/hub/michigan", None),  # a path, not a local name
        ("https://example.org/x", None),
    ],
)
def test_curies(iri: str, name: str | None) -> None:
    assert curie(iri) == name
    if name:
        assert expand(name) == iri


def test_short_names_and_slugs() -> None:
    assert short_name(BASE + "id/hub/michigan") == "hub/michigan"
    assert slug(BASE + "id/hub/michigan/") == "michigan"
    assert expand("nope:x") is None and expand("amkg:a/b") is None


@pytest.mark.parametrize(
    ("arg", "page"),
    [(None, 1), ("", 1), ("3", 3), ("007", 7), ("-1", 1), ("abc", 1), ("²", 1), ("9" * 5000, 10**9)],
)
def test_page_numbers(arg: str | None, page: int) -> None:
    assert page_number(arg) == page


def test_settings_come_from_the_environment_by_type(tmp_path: Path) -> None:
    env = {
        "AMKG_PORT": "9000",
        "AMKG_QUERY_TIMEOUT": "2.5",
        "AMKG_SERVICE_ALLOWLIST": "https://a.example/sparql, https://b.example/sparql",
        "AMKG_ROOT": str(tmp_path),
    }
    settings = Settings.from_env(env, host=None, row_limit=7)
    assert settings.port == 9000 and settings.query_timeout == 2.5 and settings.row_limit == 7
    assert settings.service_allowlist == ("https://a.example/sparql", "https://b.example/sparql")
    assert settings.root == tmp_path and settings.dist == tmp_path / "dist"  # --root moves dist/ too
    assert settings.host == "127.0.0.1"  # a None override is a flag that was not given
    assert Settings.from_env(settings.to_env()) == settings  # what workers receive is what the master had


def test_a_bad_setting_names_its_variable() -> None:
    with pytest.raises(ValueError, match="AMKG_ROW_LIMIT must be a number, not 'lots'"):
        Settings.from_env({"AMKG_ROW_LIMIT": "lots"})
    with pytest.raises(TypeError, match="unknown settings: colour"):
        Settings.from_env({}, colour="blue")
