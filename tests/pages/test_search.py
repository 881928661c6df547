"""Search as a curator and an autocompleting field use it: ranked, on word boundaries, other names included,
a snippet showing why each hit matched, a class filter, and a JSON variant."""

from __future__ import annotations

from support.html import parse
from support.web import Web


def labels(web: Web, query: str, **params: str) -> list[dict]:
    response = web.get(f"{web.base}/search.json", params={"q": query, "limit": "50", **params})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def test_words_match_on_word_boundaries(web: Web) -> None:
    found = [h["label"] for h in labels(web, "AI")]
    assert found, "AI is a label and an other name"
    assert not [label for label in found if "Sustainab" in label or "Blockchain" in label]
    for hit in labels(web, "AI"):
        words = hit["matched"].replace("-", " ").split()
        assert any(w.lower().startswith("ai") for w in words), hit


def test_ranked_exact_then_prefix_then_whole_word_then_word_start(web: Web) -> None:
    found = [h["label"] for h in labels(web, "Michigan")]
    assert found[0] == "Michigan", "the exact label first"
    starts = [i for i, label in enumerate(found) if label.startswith("Michigan")]
    inside = [i for i, label in enumerate(found) if not label.startswith("Michigan")]
    assert starts and inside and max(starts) < min(inside), "labels starting with the query before the others"
    whole = [h["label"] for h in labels(web, "additive")]
    assert whole.index("Additive manufacturing") < whole.index("Danish Additive Manufacturing Hub")


def test_other_names_are_searched_and_shown(web: Web) -> None:
    hits = labels(web, "AI")
    ai = next(h for h in hits if h["label"] == "Artificial intelligence")
    assert ai["matched"] == "AI" and hits.index(ai) == 0, "an other name matching exactly ranks first"
    doc = parse(web.get(f"{web.base}/search", params={"q": "sao paulo"}).text)
    marked = [m.text for m in doc.iter("mark")]
    assert "São" in marked and "Paulo" in marked, "the snippet marks the matched words, accents and all"


def test_class_filter(web: Web) -> None:
    everything = parse(web.get(f"{web.base}/search", params={"q": "additive"}).text)
    facets = everything.find_id("main")
    links = [href for href, _ in facets.links() if "class=" in href]
    assert links, "the classes of the hits are offered as filters"
    params = {"q": "additive", "class": "amkg:TechnologyDomain"}
    only = parse(web.get(f"{web.base}/search", params=params).text)
    groups = only.texts("h2")
    assert len(groups) == 1 and groups[0].lower().startswith("technology domain")


def test_json_is_limited(web: Web) -> None:
    response = web.get(f"{web.base}/search.json", params={"q": "a", "limit": "3"})
    assert len(response.json()) == 3
    assert web.get(f"{web.base}/search.json", params={"q": ""}).json() == []


def test_json_refuses_a_bad_limit(web: Web) -> None:
    for bad in ("abc", "0", "51", "-1", "²", "1" * 500):
        answer = web.get(f"{web.base}/search.json", params={"q": "a", "limit": bad})
        assert answer.status_code == 400 and "limit must be a whole number from 1 to 50" in answer.text


def test_an_unknown_class_filter_says_so(web: Web) -> None:
    answer = web.get(f"{web.base}/search", params={"q": "additive", "class": "amkg:Nope"})
    assert answer.status_code == 400 and "No class is called" in answer.text
