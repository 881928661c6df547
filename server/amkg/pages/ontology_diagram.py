"""The ontology at a glance: its class hierarchy as a tree, and a diagram of the classes its object
properties link (domain → range), drawn on the server as SVG.

The diagram puts the linked classes on a circle, most connected first, and draws each property as an arrow
with its name; the same links are listed in a table under it, for reading and for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from amkg.pages.ontology_doc import Link, OntologyDoc, Term
from amkg.rdf.namespaces import AMKG


@dataclass
class ClassNode:
    """A class in the hierarchy: its link (an anchor on the page for ours) and its subclasses."""

    label: str
    href: str
    ours: bool
    children: list[ClassNode] = field(default_factory=list)


def class_tree(doc: OntologyDoc) -> list[ClassNode]:
    """Our classes under their superclasses; a class whose superclasses are all another vocabulary's sits
    under those (``org:Organization``), shown as theirs."""
    ours = {t.iri: t for t in doc.classes}

    def node(term: Term, seen: frozenset[str]) -> ClassNode:
        kids = [ours[c.iri] for c in term.children if c.iri in ours and c.iri not in seen]
        return ClassNode(
            term.label,
            f"#{term.anchor}",
            True,
            [node(k, seen | {k.iri}) for k in sorted(kids, key=lambda k: k.label.lower())],
        )

    roots: list[ClassNode] = []
    outside: dict[str, tuple[Link, list[Term]]] = {}
    for term in doc.classes:
        if any(p.iri in ours for p in term.parents):
            continue
        external = [p for p in term.parents if not p.iri.startswith(AMKG.namespace)]
        if external:
            outside.setdefault(external[0].iri, (external[0], []))[1].append(term)
        else:
            roots.append(node(term, frozenset({term.iri})))
    for link, terms in outside.values():
        kids = [node(t, frozenset({t.iri})) for t in sorted(terms, key=lambda t: t.label.lower())]
        roots.append(ClassNode(link.label, link.href, False, kids))
    return sorted(roots, key=lambda n: n.label.lower())


@dataclass(frozen=True)
class Relation:
    """An object property from its domain to its range."""

    domain: Link
    prop: Link
    range: Link


def relations(doc: OntologyDoc) -> list[Relation]:
    """Every (domain, property, range) the ontology states for its object properties."""
    found = []
    for term in doc.object_properties:
        prop = Link(term.iri, term.label, f"#{term.anchor}")
        found += [Relation(d, prop, r) for d in term.domain for r in term.range]
    return sorted(found, key=lambda r: (r.domain.label.lower(), r.prop.label.lower(), r.range.label.lower()))


def diagram(found: list[Relation]) -> Markup:
    """The linked classes on a circle, each property an arrow labelled at its middle."""
    degree: dict[str, int] = {}
    labels: dict[str, Link] = {}
    for rel in found:
        for end in (rel.domain, rel.range):
            degree[end.iri] = degree.get(end.iri, 0) + 1
            labels[end.iri] = end
    if not degree:
        return Markup("")
    order = sorted(degree, key=lambda iri: (-degree[iri], labels[iri].label))
    box_h = 24.0
    widths = {iri: 8.0 * len(labels[iri].label) + 18 for iri in order}
    spot = _layout(order, widths, box_h)
    width = max(x + widths[i] / 2 for i, (x, _) in spot.items()) + 20
    height = max(y for _, y in spot.values()) + box_h + 20
    cx, cy = width / 2, height / 2
    radius = min(cx, cy)
    parts = [
        f'<svg class="diagram" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="group" aria-label="Classes linked by object properties">',
        "<title>Classes linked by the ontology's object properties (domain to range)</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="head"/></marker></defs>',
    ]
    for rel in found:
        (x1, y1), (x2, y2) = spot[rel.domain.iri], spot[rel.range.iri]
        title = f"{rel.domain.label} {rel.prop.label} {rel.range.label}"
        if rel.domain.iri == rel.range.iri:  # a loop: a small arc outside the circle
            dx, dy = (x1 - cx) / radius, (y1 - cy) / radius
            ox, oy = x1 + dx * 50, y1 + dy * 50
            path = f"M{x1:.0f} {y1 - box_h / 2:.0f} Q{ox:.0f} {oy:.0f} {x1 + 8:.0f} {y1 + box_h / 2:.0f}"
            mx, my = (x1 + ox) / 2, (y1 + oy) / 2
        else:
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            path = f"M{x1 + ux * 30:.0f} {y1 + uy * 14:.0f} L{x2 - ux * 30:.0f} {y2 - uy * 14:.0f}"
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        parts.append(
            f'<a href="{escape(rel.prop.href)}"><path class="edge" d="{path}" marker-end="url(#arrow)">'
            f"<title>{escape(title)}</title></path>"
            f'<text class="edge-label" x="{mx:.0f}" y="{my - 3:.0f}">{escape(rel.prop.label)}</text></a>'
        )
    for iri in order:
        x, y = spot[iri]
        link = labels[iri]
        w = widths[iri]
        parts.append(
            f'<a href="{escape(link.href)}"><rect class="node" x="{x - w / 2:.0f}" y="{y - box_h / 2:.0f}" '
            f'width="{w:.0f}" height="{box_h:.0f}" rx="5"/>'
            f'<text class="node-label" x="{x:.0f}" y="{y + 5:.0f}">{escape(link.label)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _layout(order: list[str], widths: dict[str, float], box_h: float) -> dict[str, tuple[float, float]]:
    """Centres on an ellipse, widened until no two boxes overlap (they are wider than tall, so the
    ellipse is too)."""
    rx, ry = 380.0, 260.0
    while True:
        n = len(order)
        spot = {
            iri: (
                rx + 120 + rx * math.cos(2 * math.pi * i / n - math.pi / 2),
                ry + 40 + ry * math.sin(2 * math.pi * i / n - math.pi / 2),
            )
            for i, iri in enumerate(order)
        }
        if not overlaps(spot, widths, box_h) or rx > 2000:
            return spot
        rx, ry = rx * 1.1, ry * 1.1


def overlaps(spot: dict[str, tuple[float, float]], widths: dict[str, float], box_h: float) -> bool:
    """Whether any two boxes (with a few pixels between them) overlap."""
    items = list(spot.items())
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            if abs(ax - bx) < (widths[a] + widths[b]) / 2 + 6 and abs(ay - by) < box_h + 6:
                return True
    return False
