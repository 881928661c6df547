"""Shared fixtures: the real AMKG server, started on 127.0.0.1 from the built ``dist/``; the graph as the
fact tests load it; and Debian's Chromium for the browser tests.

Tests talk to the server over HTTP exactly as researchers' clients do; nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from factlib import load_store

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: Debian's Chromium: the browser tests never download a browser of their own.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A port nobody listens on right now, on loopback only."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            if requests.get(url + "/ping", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not come up in time")


def start_server(
    extra_args: list[str] | None = None, env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen]:
    """Start ``amkg serve`` on a free loopback port; returns its base URL and process."""
    if not (DIST / "amkg.nq").exists():
        subprocess.run([sys.executable, "-m", "amkg", "build"], cwd=ROOT, check=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "amkg",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--public-base",
        url + "/",
        *(extra_args or []),
    ]
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(url, proc)
    except Exception:
        proc.kill()
        raise
    return url, proc


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


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


def shot(tab: object, name: str, full_page: bool = True) -> None:
    """Screenshot ``tab`` to ``tests/artifacts/{name}.png`` for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
