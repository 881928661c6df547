"""Hostile text in the data and in requests is shown, never run: a server over a test-only source whose
labels, descriptions, notes and IRIs carry ``<script>``, attribute breakers and ``javascript:`` links.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
from support.browser import shot
from support.html import jsonld, parse
from support.projects import FIXTURES, make_project
from support.server import ROOT, start_server, stop_server

HOSTILE = FIXTURES / "hostile"
RAW_SCRIPT = re.compile(r"<script>window\.pwned", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the test project plus one hostile source, built with the real ``amkg build``."""
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", HOSTILE)
    subprocess.run(
        [sys.executable, "-m", "amkg", "build", "--root", str(root)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    url, proc = start_server(["--root", str(root)])
    yield url
    stop_server(proc)


def fetch(url: str) -> str:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, url
    return response.text


def test_literals_are_escaped_on_the_entity_page(hostile_server: str) -> None:
    html = fetch(f"{hostile_server}/id/hub/hostile.html")
    assert not RAW_SCRIPT.search(html)
    assert "<img src=x" not in html
    doc = parse(html)
    assert doc.texts("h1") == ["Hostile <script>window.pwned='label'</script> AMHUB"]
    main = doc.find_id("main").text
    assert '"><img src=x onerror="window.pwned=\'alt\'">' in main
    assert "<b>Section</b> & <i>more</i>" in main
    assert "Indicator </text><script>window.pwned='svg'</script>" in main, "chart and table labels"


def test_embedded_jsonld_cannot_close_its_script(hostile_server: str) -> None:
    html = fetch(f"{hostile_server}/id/hub/hostile.html")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["description"].startswith("Ends the JSON-LD early: </script><script>")
    assert jsonld(parse(html))[0]["name"] == "Hostile <script>window.pwned='label'</script> AMHUB"


def test_only_http_and_mailto_values_become_links(hostile_server: str) -> None:
    doc = parse(fetch(f"{hostile_server}/id/hub/hostile.html"))
    hrefs = [a.attrs.get("href", "") for a in doc.iter("a")]
    assert not [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:", "/", "?", "#"))]
    assert "https://example.org/a-real-page" in hrefs and "mailto:curator@example.org" in hrefs
    assert "https://example.org/same-hub" in hrefs
    text = doc.find_id("main").text
    assert "javascript:window.pwned='link'" in text and "javascript:window.pwned='iri'" in text


@pytest.mark.parametrize(
    "path",
    [
        "/id/observation/hostile-test-atlantis-indicator.html",
        "/id/indicator/hostile-indicator.html",
        "/id/source/hostile-test.html",
        "/",
        "/class/amkg:Hub",
        "/compare",
        "/search?q=hostile",
    ],
)
def test_every_page_escapes(hostile_server: str, path: str) -> None:
    html = fetch(f"{hostile_server}{path}")
    assert not RAW_SCRIPT.search(html)
    assert "window.pwned" in html, "the hostile text is shown"


def test_requests_are_escaped_too(hostile_server: str) -> None:
    html = fetch(f"{hostile_server}/search?q=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E%22%3E")
    assert not RAW_SCRIPT.search(html) and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    missing = requests.get(
        f"{hostile_server}/id/%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E",
        headers={"Accept": "text/html"},
        timeout=30,
    )
    assert missing.status_code == 404 and not RAW_SCRIPT.search(missing.text)
    incoming = fetch(f"{hostile_server}/id/hub/hostile.html?incoming=%22%3E%3Cscript%3E&page=2")
    assert "<script>" not in incoming.split("</head>", 1)[1].replace(
        '<script type="application/ld+json">', ""
    )


@pytest.mark.browser
def test_a_browser_runs_none_of_it(hostile_server: str, browser: object) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (
        "/id/hub/hostile.html",
        "/id/observation/hostile-test-atlantis-indicator.html",
        "/id/source/hostile-test.html",
        "/compare",
        "/search?q=%3Cscript%3Ewindow.pwned%3D1%3C/script%3E",
    ):
        page.goto(hostile_server + path)
        assert page.evaluate("() => window.pwned") is None, path
    page.goto(hostile_server + "/id/hub/hostile.html")
    assert page.locator("h1").inner_text() == "Hostile <script>window.pwned='label'</script> AMHUB"
    shot(page, "hostile-hub")
    page.close()
    assert dialogs == []
