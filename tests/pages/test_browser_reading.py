"""What a curator reads, as Chromium draws it at 1280 and 390 px: figures with their area and year, impacts
as a table, sortable lists, search typed in the header, the scheme's tree, a source's citation and the
ontology's persistent IRI and diagram (issue 12, items 1 and 3 to 7).

The server's HTML is checked in-process elsewhere (``test_figures.py``, ``test_lists.py``…); here a thing
counts as shown only when it is drawn, inside the window's width and inside every box that clips it (a
column of a table scrolled off to the right is not shown).
"""

from __future__ import annotations

import json
import re

import pytest
from support.server import DIST

pytestmark = pytest.mark.browser

#: Drawn, not hidden, inside the window's width and inside each ancestor that clips its overflow.
IS_SHOWN = """function isShown(e) {
  const box = e.getBoundingClientRect();
  if (!e.getClientRects().length || box.width < 1 || box.height < 1) return false;
  if (getComputedStyle(e).visibility === 'hidden') return false;
  if (box.left < -1 || box.right > document.documentElement.clientWidth + 1) return false;
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX === 'visible') continue;
    const clip = a.getBoundingClientRect();
    if (box.left < clip.left - 1 || box.right > clip.right + 1) return false;
  }
  return true;
}"""
SHOWN = f"(e) => {{ {IS_SHOWN}; return isShown(e); }}"
#: Each cell of a table row by the heading a reader sees for it: its column's heading where the table is a
#: table, the label drawn before it where the table is stacked (a phone); with its text and whether shown.
CELLS = f"""(tr) => {{
  {IS_SHOWN};
  const heads = [...tr.closest('table').querySelectorAll('thead th')]
    .map(th => th.innerText.replace(/[▲▼]/g, '').trim());
  return [...tr.children].map((cell, i) => {{
    const before = getComputedStyle(cell, '::before').content;
    const label = before && before !== 'none' ? before.replace(/^"|: "$|"$/g, '') : heads[i];
    return {{label, text: cell.innerText.trim().replace(/\\s+/g, ' '), shown: isShown(cell),
            links: cell.querySelectorAll('a').length}};
  }});
}}"""


def shown(locator: object) -> bool:
    return bool(locator.evaluate(SHOWN))


def words(text: str) -> str:
    return " ".join(text.split())


def cells(row: object) -> dict[str, dict]:
    return {c["label"]: c for c in row.evaluate(CELLS)}


def having(locator: object, inner: str, text: str, exact: bool = True) -> object:
    """The elements of ``locator`` holding an ``inner`` element whose text is ``text`` (or contains it)."""
    pattern = re.compile(f"^{re.escape(text)}$") if exact else text
    return locator.filter(has=locator.page.locator(inner, has_text=pattern))


def open_page(tab: object, url: str) -> object:
    response = tab.goto(url)
    assert response is not None and response.status == 200, url
    return tab


def test_turkey_keeps_each_figure_with_its_area_and_year(live_server: str, tab: object) -> None:
    """Istanbul's 2020 and Turkey's 2021 figures are never one series; each card says where and when."""
    stats = open_page(tab, f"{live_server}/id/hub/turkey.html").locator("#statistics")
    for label in stats.locator("svg.chart").evaluate_all("cs => cs.map(c => c.getAttribute('aria-label'))"):
        assert not ("Istanbul" in label and "Turkey" in label), label
    cards = stats.locator("figure.card-value")
    assert cards.count() == 7
    seen = {}
    for i in range(cards.count()):
        card = cards.nth(i)
        card.scroll_into_view_if_needed()
        area, year = card.locator("figcaption .area"), card.locator(".period")
        assert shown(card) and shown(area) and shown(year), "each figure shows its area and its year"
        assert re.fullmatch(r"in (Istanbul|Turkey)", words(area.inner_text()))
        assert re.fullmatch(r"20\d\d", year.inner_text())
        caption = words(card.locator("figcaption").inner_text())
        seen[caption] = (words(card.locator("strong.big").inner_text()), year.inner_text())
    assert seen["Population in Istanbul"] == ("15,500,000 persons", "2020")
    assert seen["Population in Turkey"] == ("84,300,000 persons", "2021")
    rows = having(stats.locator("table.stats tbody tr"), "th", "Population")
    assert [words(cells(rows.nth(i))["Area"]["text"]) for i in range(rows.count())] == ["Istanbul", "Turkey"]


def test_figures_by_year_fit_a_desktop_window(live_server: str, wide: object) -> None:
    """Michigan's table of figures (2019, 2020, 2021, 2025) needs no sideways scroll at 1280 px: every
    figure is on screen, its number and unit on one line."""
    stats = open_page(wide, f"{live_server}/id/hub/michigan.html").locator("#statistics table.stats")
    stats.scroll_into_view_if_needed()
    heads = stats.locator("thead th").all_inner_texts()
    assert heads[3:] == ["2019", "2020", "2021", "2025"]
    figures = stats.locator(".fig > a")
    assert figures.count() >= 7
    for i in range(figures.count()):
        lines = figures.nth(i).evaluate(
            "a => new Set([...a.getClientRects()].map(b => Math.round(b.top))).size"
        )
        assert shown(figures.nth(i)) and lines == 1, figures.nth(i).inner_text()


def test_ulsan_two_areas_are_not_sources_that_differ(live_server: str, tab: object) -> None:
    stats = open_page(tab, f"{live_server}/id/hub/ulsan.html").locator("#statistics")
    rows = having(stats.locator("table.stats tbody tr"), "th", "Population")
    assert rows.count() == 2
    for i in range(rows.count()):
        assert "differ" not in rows.nth(i).inner_text() and rows.nth(i).locator("td.differs").count() == 0
    assert "Population" not in tab.locator("#differ").inner_text(), "not among the statements that differ"
    chart = stats.locator("figure.chart-box:has(svg.chart[aria-label='Population, Ulsan by year'])")
    chart.scroll_into_view_if_needed()
    assert shown(chart) and words(chart.locator("figcaption").inner_text()) == "Population in Ulsan (persons)"
    bars = chart.locator("rect.bar title").all_text_contents()
    assert [b.split(": ")[1].split(" (")[0] for b in bars] == ["1,150,000 persons", "1,140,000 persons"]
    wider = having(stats.locator("figure.card-value"), ".area", "in Ulsan, Busan and Kyungnam area")
    wider.scroll_into_view_if_needed()
    assert shown(wider) and "7,900,000 persons 2020" in words(wider.inner_text())


def test_case_study_shows_each_impact_with_its_columns(live_server: str, tab: object) -> None:
    """Dimension, direction and figure on screen for each impact: a table at 1280 px, blocks at 390."""
    section = open_page(tab, f"{live_server}/id/case/china-baowu-steel-group.html").locator("#impacts")
    rows = section.locator("tbody tr")
    assert rows.count() == int(section.locator("h2 small").inner_text()) == 18
    if tab.width >= 1280:
        heads = section.locator("thead th")
        assert [heads.nth(i).inner_text() for i in range(heads.count())] == [
            "Impact",
            "Dimension",
            "Direction",
            "Figure",
            "Period",
            "Source",
        ]
        assert all(shown(heads.nth(i)) for i in range(heads.count())), (
            "every column on screen, none scrolled off"
        )
    rate = having(section.locator("tbody tr"), "th", "automation rate of the hot steel", exact=False)
    rate.scroll_into_view_if_needed()
    got = cells(rate)
    assert {k: got[k]["text"] for k in ("Dimension", "Direction", "Figure")} == {
        "Dimension": "Efficiency",
        "Direction": "up",
        "Figure": "6 %, to 98.5 %",
    }
    assert all(got[k]["shown"] for k in ("Dimension", "Direction", "Figure", "Source"))
    assert got["Figure"]["links"] == 0, "the figure is read in the table, not behind a link"
    for i in range(rows.count()):
        for name, cell in cells(rows.nth(i)).items():
            assert cell["shown"] or not cell["text"], f"row {i}: {name} has text that is not on screen"


def test_firm_impacts_give_their_period(live_server: str, tab: object) -> None:
    section = open_page(tab, f"{live_server}/id/firm/aedesign.html").locator("#impacts")
    row = having(section.locator("tbody tr"), "th", "once a week", exact=False)
    row.scroll_into_view_if_needed()
    got = cells(row)
    assert got["Figure"]["text"] == "about 21,600,000 cubic metres expected" and got["Figure"]["shown"]
    assert got["Period"]["text"] == "per year" and got["Period"]["shown"]
    assert got["Direction"]["text"] == "down" and got["Direction"]["shown"]


def test_impact_page_reads_its_figure_as_one_phrase(live_server: str, tab: object) -> None:
    page = open_page(tab, f"{live_server}/id/impact/china-baowu-steel-group-automation-rate.html")
    figure = page.locator("p.headline-figure strong.figure")
    assert shown(figure) and figure.inner_text() == "up 6 %, to 98.5 %"
    lines = figure.evaluate("""e => { const r = document.createRange(); r.selectNodeContents(e);
      return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }""")
    assert lines == 1, "one phrase on one line: no number parted from its unit"
    labels = [words(t).lower() for t in page.locator("dl dt").all_inner_texts()]
    assert not {"value", "unit", "result"} & set(labels), "the figure is not split into rows"


def test_hub_list_columns_sort_when_their_heading_is_clicked(live_server: str, tab: object) -> None:
    page = open_page(tab, f"{live_server}/class/amkg:Hub")
    heads = page.locator("table.members thead th")
    names = [heads.nth(i).inner_text().rstrip(" ▲▼") for i in range(heads.count())]
    assert names == ["name", "region", "country", "host", "year joined", "year launched"]
    for i in range(heads.count()):
        heads.nth(i).scroll_into_view_if_needed()  # a phone scrolls the table's own region sideways
        assert shown(heads.nth(i)), names[i]

    def column(name: str) -> list[str]:
        rows = page.locator("table.members tbody tr")
        return [words(cells(rows.nth(i))[name]["text"]) for i in range(rows.count())]

    page.locator("table.members thead th a", has_text="country").click()
    page.wait_for_url("**/class/amkg:Hub?sort=country&desc=0")
    countries = column("country")
    filled = [c for c in countries if c]
    assert filled == sorted(filled, key=str.casefold) and countries[: len(filled)] == filled
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("country")
    page.locator("table.members thead th a", has_text="country").click()
    page.wait_for_url("**/class/amkg:Hub?sort=country&desc=1")
    assert [c for c in column("country") if c] == sorted(filled, key=str.casefold, reverse=True)
    assert page.locator("th[aria-sort='descending']").inner_text().startswith("country")
    page.locator("table.members thead th a", has_text="year joined").click()
    page.wait_for_url("**/class/amkg:Hub?sort=year+joined&desc=0")
    joined = column("year joined")
    assert column("name")[:2] == ["Qatar AMHUB", "Saudi Arabia AMHUB"] and joined[:2] == [
        "2020, 2021",
        "2020",
    ]
    assert not any(joined[2:]), "hubs no report gives a joining year come last"


def test_home_page_ways_in_start_with_hubs(live_server: str, tab: object) -> None:
    page = open_page(tab, f"{live_server}/")
    links = page.locator("#start .entry-points h3 a")
    drawn = links.evaluate_all(
        "as => as.map(a => { const b = a.getBoundingClientRect(); return [b.top, b.left, a.textContent]; })"
    )
    order = [name for _, _, name in sorted(drawn)]
    assert order[0] == "Hubs", "the first card a reader sees"
    assert {"Firms", "Case studies", "Impacts", "Observations"} <= set(order)
    assert all(shown(links.nth(i)) for i in range(links.count()))
    links.first.click()
    page.wait_for_url("**/class/amkg:Hub")
    assert page.locator("h1").inner_text() == "Hub"


def test_search_typed_in_the_header(live_server: str, tab: object) -> None:
    """ "AI" finds no word merely containing it; each hit marks why it matched; a class filter narrows."""
    page = open_page(tab, f"{live_server}/id/hub/michigan.html")
    field = page.locator("header.site input[type=search]")
    field.fill("AI")
    field.press("Enter")
    page.wait_for_url("**/search?q=AI")
    hits = page.locator("ul.results > li")
    labels = [words(t) for t in hits.locator("> a").all_inner_texts()]
    assert labels and not [t for t in labels if "ustainab" in t or "lockchain" in t]
    assert labels[0] == "Artificial intelligence" and "also known as AI" in hits.first.inner_text()
    for i in range(hits.count()):
        mark = hits.nth(i).locator("mark").first
        assert mark.inner_text().lower() == "ai" and shown(mark), labels[i]
    background = hits.first.locator("mark").evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the match is highlighted"
    assert f"{hits.count()} results" in page.locator("p.result-count").inner_text()
    page.locator("nav.facets a", has_text="priority").click()
    page.wait_for_url("**/search?q=AI&class=amkg%3APriority")
    groups = page.locator("section.result-group h2")
    assert groups.count() == 1 and groups.first.inner_text().startswith("Priority")
    assert page.locator("ul.results > li").count() == 2


def test_scheme_tree_is_collapsed_opens_to_a_filter_and_marks_two_parents(
    live_server: str, tab: object
) -> None:
    page = open_page(tab, f"{live_server}/id/scheme/technologies.html")
    tree = page.locator("#tree")
    assert tree.locator("details[open]").count() == 0 and tree.locator("details").count() > 10
    assert shown(tree.get_by_role("link", name="Additive manufacturing", exact=True))
    binder = tree.get_by_role("link", name="Binder jetting", exact=True)
    assert not binder.is_visible(), "narrower concepts wait behind their summary"
    summary = having(tree.locator("details"), "a", "Binder jetting").last.locator(":scope > summary")
    marker = "s => getComputedStyle(s, '::before').content"
    assert "▸" in summary.evaluate(marker), "a closed branch shows it opens"
    summary.click()
    assert "▾" in summary.evaluate(marker)
    assert binder.is_visible(), "a summary opens its branch in the browser, no script needed"
    field = page.locator("#tree-q")
    field.fill("nanobio")
    field.press("Enter")
    page.wait_for_url("**/id/scheme/technologies.html?filter=nanobio*")
    matches = tree.locator("a.match")
    assert matches.count() >= 1 and set(matches.all_inner_texts()) == {"Nanobiotechnology"}
    for i in range(matches.count()):
        matches.nth(i).scroll_into_view_if_needed()
        assert shown(matches.nth(i)), "opened down to the match"
        mark = matches.nth(i).locator("xpath=following-sibling::small[contains(@class, 'two-parents')]")
        assert shown(mark) and mark.inner_text() == "2 broader: Biotechnology, Nanotechnology"
    assert tree.get_by_role("link", name="Additive manufacturing", exact=True).count() == 0


def test_source_page_shows_its_citation_and_sections(live_server: str, tab: object) -> None:
    page = open_page(tab, f"{live_server}/id/source/wef-amhub-2021.html")
    cite = page.locator("#citation p.cite")
    assert shown(cite)
    assert words(cite.inner_text()) == (
        "World Economic Forum. Global Network of Advanced Manufacturing Hubs: annual report for 2021. 2022. "
        "The document states no public URL of its own."
    )
    graphs = json.loads((DIST / "manifest.json").read_text(encoding="utf-8"))["graphs"]
    triples = next(g["triples"] for g in graphs if g["iri"].endswith("/source/wef-amhub-2021"))
    assert f"{triples:,} statements" in words(page.locator("#citation").inner_text())
    michigan = having(page.locator("table.sections-cited tbody tr"), "th", "Hub profile: Michigan, USA")
    michigan.scroll_into_view_if_needed()
    count = michigan.locator("td").first
    assert shown(michigan.locator("th")) and shown(count) and int(count.inner_text()) > 0


def test_ontology_page_shows_its_persistent_iri_and_a_diagram(live_server: str, tab: object) -> None:
    page = open_page(tab, f"{live_server}/ontology.html")
    iri = page.locator("p.iri")
    assert shown(iri) and words(iri.inner_text()).startswith(
        "Persistent IRI https://w3id.org/amkg/ontology ·"
    )
    assert shown(iri.locator("code").first) and iri.locator("code").first.inner_text() == (
        "https://w3id.org/amkg/ontology"
    )
    organisation = having(page.locator("#hierarchy li"), ":scope > a", "organisation")
    association = organisation.locator("> ul a", has_text="association").first
    association.scroll_into_view_if_needed()
    assert shown(association)
    inner = association.bounding_box()["x"] - organisation.locator("> a").bounding_box()["x"]
    assert inner > 8, "a subclass is drawn indented under its superclass"
    diagram = page.locator("#diagram svg.diagram")
    diagram.scroll_into_view_if_needed()
    box = diagram.bounding_box()
    assert box is not None and box["width"] >= 300 and box["height"] >= 200
    nodes = diagram.evaluate("""svg => [...svg.querySelectorAll('rect.node')].map(r => {
      const b = r.getBoundingClientRect(), t = r.nextElementSibling.getBoundingClientRect();
      return {label: r.nextElementSibling.textContent, box: [b.left, b.top, b.right, b.bottom],
              fits: t.left >= b.left - 0.5 && t.right <= b.right + 0.5
                    && t.top >= b.top - 0.5 && t.bottom <= b.bottom + 0.5};
    })""")
    assert len(nodes) >= 20
    assert [n["label"] for n in nodes if not n["fits"]] == [], "each class name fits in its box as drawn"
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            assert ar <= bl or br <= al or ab <= bt or bb <= at, (a["label"], b["label"])
    region = page.locator("#diagram .diagram-box")
    assert region.bounding_box()["width"] <= tab.width, "a wide diagram scrolls in its own region"
