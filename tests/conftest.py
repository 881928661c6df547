"""Shared fixtures, as in Flask's tutorial: an ``app`` over the built ``dist/`` and its test ``client``; the
real AMKG server on 127.0.0.1 for what only gunicorn can show; the graph as the fact tests load it; and
Debian's Chromium for the browser tests.

Nothing is mocked: the app is the real one over the real store, and the live server is ``amkg serve``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from amkg.app import create_app
from amkg.config import Settings
from flask import Flask
from flask.testing import FlaskClient
from support.browser import CHROMIUM, CHROMIUM_ARGS
from support.facts import load_store
from support.server import DIST, start_server, stop_server
from support.web import BASE, Web


@pytest.fixture(scope="session")
def app() -> Flask:
    """The app over the built ``dist/``, with default settings and a public base like the live server's."""
    app = create_app(Settings(dist=DIST, public_base=BASE + "/"))
    app.testing = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def web(client: FlaskClient) -> Web:
    """The app in-process, taking absolute URLs under its public base (see ``support.web``)."""
    return Web(client)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Base URL (no trailing slash) of a real AMKG server with default settings."""
    url, proc = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """The whole graph, loaded once (built ``dist/amkg.nq`` when fresh, else ``graph/`` folder by folder).

    Shared by the fact and own-words tests; ``test_queries.py`` overrides it with the configured engine.
    """
    return load_store()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium driven by Playwright, one per module; skips where either is not installed."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
