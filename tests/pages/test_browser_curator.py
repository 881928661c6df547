"""Pages a curator can trust at a glance, as Chromium shows them at 1280 and 390 px.

Screenshots of the ten main pages at both widths go to ``tests/artifacts/`` (``{page}-{width}.png``) for
people to look at; no text is under 12 px at either width (SVG text measured as drawn, its scale included);
axe-core (npm, pinned in package-lock.json) finds no serious or critical violation on the main pages at
either width; a
keyboard walk reaches every link of a hub page with a visible focus; charts have axes and value cards;
``/compare`` clips no label and draws no rank as a bar; YASGUI's result links open this server's pages.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from support.browser import shot

pytestmark = pytest.mark.browser
PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "hub": "/id/hub/michigan.html",
    "firm": "/id/firm/aedesign.html",
    "case-study": "/id/case/china-baowu-steel-group.html",
    "impact": "/id/impact/china-baowu-steel-group-automation-rate.html",
    "compare": "/compare",
    "search": "/search?q=additive",
    "class-list": "/class/amkg:Hub",
    "scheme": "/id/scheme/technologies.html",
    "source": "/id/source/wef-amhub-2021.html",
    "ontology": "/ontology.html",
}
#: Pages checked besides the ten: the home page, the VoID page, an indicator, the expanded scheme.
MORE = {
    "home": "/",
    "void": "/.well-known/void",
    "indicator": "/id/indicator/population.html",
    "scheme-open": "/id/scheme/technologies.html?open=all",
}

#: Text nodes drawn smaller than 12 px: CSS size times the SVG's scale for text in a drawing; text that is
#: not drawn (closed details, visually hidden, SVG titles) is left out.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('title')) continue;
    const box = el.getBoundingClientRect();
    if (!el.getClientRects().length || (box.width <= 1 && box.height <= 1)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const text = node.textContent.trim().slice(0, 40);
    if (size < 11.95) small.push(`${el.tagName} ${size.toFixed(1)}px: ${text}`);
  }
  return small;
}"""


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_and_readable_text(live_server: str, tab: object, name: str) -> None:
    response = tab.goto(f"{live_server}{PAGES[name]}")
    assert response is not None and response.status == 200
    shot(tab, f"{name}-{tab.width}")
    assert tab.evaluate(SMALL_TEXT) == [], "no text under 12 px, charts' text included, at either width"
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= tab.width, "no sideways page scroll"


@pytest.mark.parametrize("name", list(MORE))
def test_other_pages_readable_on_a_phone(live_server: str, browser: object, name: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}{MORE[name]}", wait_until="load")
    assert page.evaluate(SMALL_TEXT) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()


def test_no_serious_accessibility_violations(live_server: str, tab: object) -> None:
    """At 1280 and at 390 px: a phone's layout (stacked tables, wrapped navigation) is checked too."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    source = AXE.read_text(encoding="utf-8")
    found = {}
    for name, path in {**PAGES, "home": "/"}.items():
        tab.goto(f"{live_server}{path}")
        tab.evaluate(source)  # through the DevTools protocol: the page's CSP still applies to the page
        violations = tab.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        if violations:
            found[name] = violations
    assert found == {}


def test_keyboard_walk_through_a_hub_page(live_server: str, wide: object) -> None:
    """From the skip link to the last link, every stop is visible and shows its focus."""
    wide.goto(f"{live_server}/id/hub/michigan.html")
    wide.keyboard.press("Tab")
    assert wide.evaluate("() => document.activeElement.textContent.trim()") == "Skip to content"
    wide.keyboard.press("Enter")
    links = wide.evaluate("() => document.querySelectorAll('#main a[href], #main [tabindex=\"0\"]').length")
    seen = []
    for _ in range(links + 5):
        wide.keyboard.press("Tab")
        stop = wide.evaluate("""() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const box = el.getBoundingClientRect(), style = getComputedStyle(el);
          return {text: (el.textContent || '').trim().slice(0, 40), inMain: !!el.closest('#main'),
                  visible: box.width > 0 && box.height > 0,
                  focus: style.outlineStyle !== 'none' || style.boxShadow !== 'none'};
        }""")
        if stop is None or not stop["inMain"]:
            break
        seen.append(stop)
    assert len(seen) >= links * 0.9, "the walk reaches (almost) every link of the page's content"
    assert all(s["visible"] for s in seen)
    assert all(s["focus"] for s in seen), [s["text"] for s in seen if not s["focus"]][:5]
    assert "Query this in SPARQL" in [s["text"] for s in seen]


def test_charts_have_axes_and_single_figures_are_cards(live_server: str, tab: object) -> None:
    tab.goto(f"{live_server}/id/hub/michigan.html")
    chart = tab.locator("#statistics svg.chart").first
    assert (
        chart.locator("text.tick.y").count() == 2 and chart.locator("text.unit").text_content() == "percent"
    )
    assert chart.locator("text.tick:not(.y)").count() >= 2
    cards = tab.locator("#statistics .card-value")
    assert cards.count() >= 3 and cards.locator("svg").count() == 0
    assert "966,000 persons" in cards.all_inner_texts().__str__()
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        inner = cards.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        assert box is not None and box["x"] + box["width"] <= tab.width and inner, "nothing spills out"


def test_compare_clips_no_label_and_draws_no_rank(live_server: str, tab: object) -> None:
    tab.goto(f"{live_server}/compare")
    clipped = tab.evaluate(
        """(width) => [...document.querySelectorAll('ol.latest .what, ol.latest .who')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 1)
        .map(e => e.textContent.trim())""",
        tab.width,
    )
    assert clipped == []
    assert "213,000,000 persons 2021" in " ".join(tab.locator("#population ol.latest").inner_text().split())
    ranks = tab.locator("section.compare-section:has(h3:text('Latest rank per hub'))")
    assert ranks.count() >= 1 and ranks.locator("svg.hbar").count() == 0
    assert tab.locator("#population svg.hbar rect.bar").count() >= 5


def test_sources_side_by_side_readable_on_a_phone(live_server: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}/id/hub/michigan.html")
    cells = page.locator("#differ td")
    assert cells.count() >= 2
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, "every column on screen"
    labels = page.evaluate(
        "() => [...document.querySelectorAll('#differ td')]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )
    assert any("WEF 2021" in label for label in labels), "each stacked cell names its document"
    page.locator("#differ").screenshot(
        path=str(Path(__file__).resolve().parents[1] / "artifacts" / "differ-390.png")
    )
    context.close()


def test_yasgui_result_links_open_our_pages(live_server: str, wide: object) -> None:
    query = "PREFIX amkg: <https://w3id.org/amkg/ontology#> SELECT ?hub WHERE { ?hub a amkg:Hub } LIMIT 3"
    wide.goto(f"{live_server}/sparql?query={quote(query)}")
    wide.wait_for_function(
        "() => { const cm = document.querySelector('.CodeMirror');"
        " return cm && cm.CodeMirror && cm.CodeMirror.getValue().includes('LIMIT 3'); }",
        timeout=20000,
    )
    results = "() => document.querySelectorAll('.yasr a[href*=\"/id/hub/\"]').length >= 3"
    try:  # YASGUI runs a query given in the URL; its button would abort a run under way
        wide.wait_for_function(results, timeout=8000)
    except PlaywrightTimeout:
        wide.locator(".yasqe_queryButton").click()
        wide.wait_for_function(results, timeout=30000)
    hrefs = wide.evaluate(
        "() => [...document.querySelectorAll('.yasr a[href*=\"/id/hub/\"]')].map(a => a.href)"
    )
    assert hrefs and all(h.startswith(f"{live_server}/id/hub/") for h in hrefs)
    wide.goto(f"{live_server}/sparql")
    wide.wait_for_function("() => document.querySelector('.CodeMirror')", timeout=20000)
    text = wide.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert text.count("PREFIX") <= 3 and "amkg:Hub" in text
