"""Shared fixtures, as in Flask's tutorial: an ``app`` over the built ``dist/`` and its test ``client``; the
real AMKG server on 127.0.0.1 for what only gunicorn can show; the graph as the fact tests load it; and
Debian's Chromium for the browser tests; external engines (``Engines``) and the server over each (``served``).

Nothing is mocked: the app is the real one over the real store, and the live server is ``amkg serve``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from amkg.app import create_app
from amkg.config import Settings
from flask import Flask
from flask.testing import FlaskClient
from support.browser import CHROMIUM, CHROMIUM_ARGS
from support.engines import ENGINES, Engine
from support.facts import load_store
from support.server import DIST, ROOT, start_server, stop_server
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


#: Viewport widths and heights of the browser tests' tabs: a desktop and a phone.
WIDTHS = {1280: 900, 390: 844}


@pytest.fixture(params=list(WIDTHS), ids=lambda w: f"{w}px")
def tab(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    """A Chromium tab at each width in turn; ``tab.width`` says which."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    page.width = width  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def wide(browser: object) -> Iterator[object]:
    """A Chromium tab at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


class Engines:
    """External engines (Oxigraph's server, Virtuoso), each started and loaded with ``amkg load`` on first
    use, and ``amkg serve`` over each, started on first use too: once per session, stopped at its end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.running: dict[str, Engine] = {}
        self.servers: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}

    def engine(self, name: str) -> Engine:
        if name not in self.running:
            try:
                engine = ENGINES[name](self.folder / name)
            except FileNotFoundError as exc:
                pytest.skip(str(exc))
            self.running[name] = engine
            cmd = [sys.executable, "-m", "amkg", "load", *engine.flags()]
            env = {**os.environ, **engine.env()}
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
        return self.running[name]

    def settings(self, name: str) -> Settings:
        return Settings.from_env(self.engine(name).env(), dist=DIST)

    def server(self, name: str) -> str:
        """Base URL of ``amkg serve`` over the engine ``name``."""
        if name not in self.servers:
            engine = self.engine(name)
            self.servers[name] = start_server(engine.flags(), env=engine.env())
        return self.servers[name][0]

    def stop(self) -> None:
        for _, proc in self.servers.values():
            stop_server(proc)
        for engine in self.running.values():
            engine.stop()


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engines]:
    running = Engines(tmp_path_factory.mktemp("engines"))
    yield running
    running.stop()


#: Every store a query can be answered from: the embedded one, and each external engine (marked ``remote``).
BACKENDS = ["embedded", *(pytest.param(name, marks=pytest.mark.remote) for name in ENGINES)]


@pytest.fixture(scope="module", params=BACKENDS)
def app_over_each_store(request: pytest.FixtureRequest) -> Flask:
    """The app (in-process, as ``app``) over each store in turn: the embedded one, then each engine, which it
    reaches over HTTP exactly as ``amkg serve --store`` does; a module's ``app`` may be this one."""
    config = Settings(dist=DIST, public_base=BASE + "/")
    if request.param != "embedded":
        engines: Engines = request.getfixturevalue("engines")
        config = replace(engines.settings(request.param), public_base=BASE + "/")
    app = create_app(config)
    app.testing = True
    return app


@pytest.fixture(scope="session", params=BACKENDS)
def served(request: pytest.FixtureRequest, engines: Engines) -> str:
    """Base URL of ``amkg serve`` over each store: the embedded one (``live_server``), then each engine."""
    if request.param == "embedded":
        return str(request.getfixturevalue("live_server"))
    return engines.server(request.param)
