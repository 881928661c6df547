"""A case study's impacts as one table: dimension, figure (value, unit, bound), direction, period.

An impact's figure is several statements (``schema:value``, ``amkg:unit``, ``amkg:result``, ``amkg:bound``…);
a reader wants one phrase: "more than 10,000 sensors", "up 6 %, to 98.5 %", "from 8 to 20 persons". The
phrase is made here, once, for the case study's (or firm's) table and for the impact's own page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from amkg.pages.describe import labels_for
from amkg.pages.sources import Source, source_for, sources
from amkg.pages.statistics import Ref, bounded, with_unit
from amkg.pages.values import format_number
from amkg.pages.vocabulary import vocabulary
from amkg.rdf.names import sparql_iri
from amkg.rdf.namespaces import AMKG, RDFS_LABEL, SCHEMA
from amkg.store import Store
from amkg.web.public import to_public

#: A figure's qualifiers: they ride with the figure, never in rows of their own.
QUALIFIERS = {AMKG.bound, AMKG.figureStatus, AMKG.periodAssumed}
#: The statements an impact's figure is made of: shown as one phrase, not one row each.
FIGURE_PROPERTIES = {
    SCHEMA + "value",
    SCHEMA + "minValue",
    SCHEMA + "maxValue",
    AMKG.unit,
    AMKG.result,
    AMKG.baseline,
    AMKG.bound,
    AMKG.figureStatus,
    AMKG.periodAssumed,
    AMKG.direction,
    AMKG.period,
    AMKG.startYear,
    AMKG.endYear,
}
DIRECTIONS = {AMKG.increase: "up", AMKG.decrease: "down", AMKG.noChange: "unchanged"}


@dataclass
class ImpactRow:
    """One impact in a row: what changed, on which dimension, by how much, which way, when."""

    iri: str
    label: str
    measure: str = ""
    dimension: Ref | None = None
    figure: str = ""
    direction: str = ""
    period: str = ""
    qualifiers: list[str] = field(default_factory=list)
    note: str = ""
    sources: list[Source] = field(default_factory=list)

    @property
    def href(self) -> str:
        return to_public(self.iri)


def impacts_of(store: Store, iri: str) -> list[ImpactRow]:
    """The impacts of a case study, or of the case studies of a firm; one query, then their labels."""
    node = sparql_iri(iri)
    rows = store.select(f"""
        SELECT ?i ?p ?o ?g WHERE {{
          {{ GRAPH ?c {{ {node} <{AMKG.impact}> ?i }} }}
          UNION {{ GRAPH ?c {{ ?case <{AMKG.studiesFirm}> {node} ; <{AMKG.impact}> ?i }} }}
          GRAPH ?g {{ ?i ?p ?o }}
        }}""")
    return _rows(store, rows)


def impact_figure(store: Store, iri: str) -> ImpactRow | None:
    """The one impact's row, for the top of its own page."""
    rows = store.select(
        f"SELECT ?i ?p ?o ?g WHERE {{ VALUES ?i {{ {sparql_iri(iri)} }} GRAPH ?g {{ ?i ?p ?o }} }}"
    )
    found = _rows(store, rows)
    return found[0] if found else None


def _rows(store: Store, rows: list) -> list[ImpactRow]:
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    graphs: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        subject, prop, obj = row["i"].value, row["p"].value, row["o"]
        if obj not in props[subject][prop]:
            props[subject][prop].append(obj)
        graphs[subject].add(row["g"].value)
    named = {o.value for p in props.values() for vs in p.values() for o in vs if isinstance(o, NamedNode)}
    labels = labels_for(store, named, vocabulary(store))
    known = sources(store)
    result = []
    for iri, found in props.items():
        impact = _impact(iri, found, labels)
        stated = {source_for(g, known) for g in graphs[iri]}
        impact.sources = sorted((s for s in stated if s.kind == "document"), key=lambda s: s.sort_key)
        result.append(impact)
    return sorted(result, key=lambda r: (r.dimension.label if r.dimension else "", r.label.lower()))


def _impact(iri: str, props: dict[str, list], labels: dict[str, str]) -> ImpactRow:
    def text(prop: str) -> str:
        values = props.get(prop)
        return values[0].value if values else ""

    def ref(prop: str) -> Ref | None:
        value = text(prop)
        return Ref(value, labels.get(value, value.rsplit("/", 1)[-1].rsplit("#", 1)[-1])) if value else None

    unit = ref(AMKG.unit)
    bound = ref(AMKG.bound)

    def amount(prop: str) -> str:
        value = text(prop)
        return with_unit(format_number(value), unit) if value else ""

    low, high = text(SCHEMA + "minValue"), text(SCHEMA + "maxValue")
    main = amount(SCHEMA + "value")
    if low and high:
        main = with_unit(f"{format_number(low)}–{format_number(high)}", unit)
    main = bounded(main, bound) if main else ""
    direction = DIRECTIONS.get(text(AMKG.direction), "")
    baseline, result = amount(AMKG.baseline), amount(AMKG.result)
    if baseline and result:
        main = f"{main}, from {baseline} to {result}" if main else f"from {baseline} to {result}"
    elif result:
        main = f"{main}, to {result}" if main else f"to {result}"
    elif baseline:
        main = f"{main}, from {baseline}" if main else f"from {baseline}"
    years = "–".join(dict.fromkeys(y for y in (text(AMKG.startYear), text(AMKG.endYear)) if y))
    period = ", ".join(p for p in (years, text(AMKG.period)) if p)
    status = ref(AMKG.figureStatus)
    qualifiers = [status.label] if status and status.iri != AMKG.measuredFigure else []
    if text(AMKG.periodAssumed) in ("true", "1"):
        qualifiers.append("period assumed")
    measure = next((o.value for o in props.get(AMKG.measure, []) if isinstance(o, Literal)), "")
    return ImpactRow(
        iri=iri,
        label=text(RDFS_LABEL) or iri.rsplit("/", 1)[-1],
        measure=measure,
        dimension=ref(AMKG.onSubDimension),
        figure=main,
        direction=direction,
        period=period,
        qualifiers=qualifiers,
        note=", ".join(o.value for o in props.get(AMKG.note, [])),
    )
