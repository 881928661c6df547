"""The pages in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

A curator's walk (home → class → hub → host organisation → back), the server-drawn chart, the SPARQL link
opening YASGUI with the DESCRIBE query and its results, keyboard use, pages without JavaScript, escaping as
a browser sees it, and screenshots of the main pages in ``tests/artifacts/`` for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.browser import ARTIFACTS, shot

# Chromium itself comes from the ``browser`` fixture of conftest.py, which skips where it is not installed.
pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def test_curator_walks_home_class_hub_host_and_back(live_server: str, page: object) -> None:
    page.goto(f"{live_server}/")
    shot(page, "home")
    page.locator("#browse").get_by_role("link", name="hub", exact=True).click()
    page.wait_for_url(f"{live_server}/class/amkg:Hub")
    assert page.locator("h1").inner_text() == "Hub"
    shot(page, "class-hub")
    page.get_by_role("link", name="Michigan AMHUB", exact=True).click()
    page.wait_for_url(f"{live_server}/id/hub/michigan.html")
    assert page.locator("h1").inner_text() == "Michigan AMHUB"
    shot(page, "hub-michigan")
    page.locator("#main").get_by_role("link", name="Automation Alley", exact=True).first.click()
    page.wait_for_url(f"{live_server}/id/org/automation-alley.html")
    assert page.locator("h1").inner_text() == "Automation Alley"
    # The host page links back to the hub (as "hosts", the inverse the build materialises).
    assert page.locator("#main").get_by_role("link", name="Michigan AMHUB", exact=True).count() >= 1
    shot(page, "org-automation-alley")
    page.go_back()
    page.wait_for_url(f"{live_server}/id/hub/michigan.html")
    assert page.locator("h1").inner_text() == "Michigan AMHUB"


def test_chart_renders(live_server: str, page: object) -> None:
    page.goto(f"{live_server}/id/hub/michigan.html")
    charts = page.locator("#statistics svg.chart")
    assert charts.count() >= 1
    assert page.locator("#statistics .card-value").count() >= 3, "single figures are value cards"
    first = charts.first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    assert box is not None and box["width"] > 150 and box["height"] > 60
    bars = page.locator("#statistics svg.chart rect.bar")
    assert bars.count() >= 2
    heights = [bars.nth(i).bounding_box()["height"] for i in range(bars.count())]
    assert max(heights) > 20, "bars are drawn to scale, not flat"
    colours = {bars.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(bars.count())}
    assert len(colours) >= 2, "bars are coloured by source (2020 and 2021 reports)"
    page.locator("#statistics").screenshot(path=str(ARTIFACTS / "hub-michigan-statistics.png"))
    page.goto(f"{live_server}/compare")
    assert page.locator("#manufacturing-share-of-gdp ol.latest svg.hbar rect.bar").count() >= 10
    shot(page, "compare")


def test_sparql_link_opens_yasgui_with_describe_and_results(live_server: str, page: object) -> None:
    """The DESCRIBE opens and runs in YASGUI; nothing the page loads or runs asks another host (no CDN)."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{live_server}/id/hub/michigan.html")
    page.get_by_role("link", name="Query this in SPARQL").click()
    page.wait_for_url(f"{live_server}/sparql?*")
    editor = page.locator(".CodeMirror, .yasqe").first
    editor.wait_for(timeout=20000)
    page.wait_for_function(
        "() => { const cm = document.querySelector('.CodeMirror');"
        " return cm && cm.CodeMirror"
        " && cm.CodeMirror.getValue().includes('DESCRIBE <https://w3id.org/amkg/id/hub/michigan>'); }",
        timeout=20000,
    )
    results = page.locator(".yasr")
    results.wait_for(timeout=20000)
    if "Michigan AMHUB" not in results.inner_text():
        page.locator(".yasqe_queryButton").click()
    page.wait_for_function(
        "() => document.querySelector('.yasr') && "
        "document.querySelector('.yasr').innerText.includes('Michigan AMHUB')",
        timeout=30000,
    )
    shot(page, "sparql-describe")
    assert requested and not [u for u in requested if not u.startswith((live_server, "data:"))]


def test_keyboard_reaches_skip_link_search_and_content(live_server: str, page: object) -> None:
    page.goto(f"{live_server}/id/hub/michigan.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    page.goto(f"{live_server}/")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "site-q"
    page.keyboard.type("sao paulo")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/search?q=sao+paulo")
    assert page.get_by_role("link", name="Brazil AMHUB").count() == 1
    shot(page, "search")


def test_pages_work_without_javascript_and_print_cleanly(live_server: str, browser: object) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{live_server}/id/hub/michigan.html")
    assert tab.locator("#statistics table").is_visible()
    assert tab.locator("#statistics svg.chart").first.is_visible()
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "no horizontal scrolling of the whole page on a phone"
    shot(tab, "hub-michigan-phone", full_page=False)
    tab.goto(f"{live_server}/id/scheme/technologies.html")
    assert tab.locator("#tree details").first.is_visible()
    shot(tab, "scheme-technologies-phone", full_page=False)
    tab.emulate_media(media="print")
    tab.goto(f"{live_server}/id/hub/michigan.html")
    assert not tab.locator("header.site").is_visible()
    assert tab.locator("h1").is_visible()
    shot(tab, "hub-michigan-print")
    context.close()


def test_script_in_search_is_shown_not_run(live_server: str, page: object) -> None:
    page.goto(f"{live_server}/search?q=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E")
    assert page.evaluate("() => window.pwned") is None
    assert "<script>window.pwned=1</script>" in page.locator(".result-count").inner_text()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/id/firm/mahindra-and-mahindra.html", "firm-mahindra"),
        ("/id/technology/additive-manufacturing.html", "technology-additive-manufacturing"),
        ("/id/scheme/technologies.html", "scheme-technologies"),
        ("/id/policy/penang-automation-cluster.html", "policy-penang-automation-cluster"),
        ("/id/programme/made-smarter.html", "programme-made-smarter"),
        ("/id/observation/wef-amhub-2020-michigan-manufacturing-share-of-gdp.html", "observation"),
        ("/id/source/wef-amhub-2021.html", "source-wef-amhub-2021"),
        ("/ontology.html", "ontology"),
    ],
)
def test_screenshots_of_main_pages(live_server: str, page: object, path: str, name: str) -> None:
    page.goto(f"{live_server}{path}")
    assert page.locator("h1").count() == 1
    errors = page.evaluate("() => [...document.querySelectorAll('img')].filter(i => !i.complete).length")
    assert errors == 0
    shot(page, name)
