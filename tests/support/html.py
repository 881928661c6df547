"""A page as tests see it: its links, headings, scripts and sections, parsed with the standard library.

Assertions then talk about what a reader gets ("a link labelled Automation Alley to the host's IRI") rather
than about markup details.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def find_id(self, ident: str) -> Element | None:
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)

    def links(self) -> list[tuple[str, str]]:
        """(href, visible text) of every link below this element."""
        return [(a.attrs.get("href", ""), " ".join(a.text.split())) for a in self.iter("a")]

    def texts(self, tag: str) -> list[str]:
        return [" ".join(e.text.split()) for e in self.iter(tag)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def jsonld(page: Element) -> list[dict]:
    """The JSON-LD objects embedded in a page."""
    return [json.loads(s.text) for s in page.iter("script") if s.attrs.get("type") == "application/ld+json"]
