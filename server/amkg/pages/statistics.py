"""Statistical observations (W3C Data Cube) as tables: indicator and area by year, every figure with its
source and qualifiers (status, bound, assumed period).

A row is one indicator in one area, so figures for Istanbul and for Turkey never share a row or a series.
Where two reports give different figures for the same indicator, area and year, the cell holds both and is
marked, so the 2020 and 2021 reports can be read side by side rather than one silently winning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pyoxigraph import NamedNode, Quad, Triple

from amkg.pages.sources import Source, source_for
from amkg.pages.values import format_number
from amkg.rdf.namespaces import AMKG
from amkg.store import Store, Term
from amkg.web.public import to_public

OBS_FIELDS = "?obs ?ind ?hub ?area ?period ?value ?unit ?note ?status ?bound ?assumed ?g"


def _observation_pattern(selector: str) -> str:
    """The graph pattern binding one observation's fields, all from the graph that states it."""
    return f"""
        {selector}
        GRAPH ?g {{
          ?obs <{AMKG.indicator}> ?ind ; <{AMKG.refPeriod}> ?period ; <{AMKG.obsValue}> ?value .
          OPTIONAL {{ ?obs <{AMKG.unit}> ?unit }}
          OPTIONAL {{ ?obs <{AMKG.hub}> ?hub }}
          OPTIONAL {{ ?obs <{AMKG.refArea}> ?area }}
          OPTIONAL {{ ?obs <{AMKG.note}> ?note }}
          OPTIONAL {{ ?obs <{AMKG.figureStatus}> ?status }}
          OPTIONAL {{ ?obs <{AMKG.bound}> ?bound }}
          OPTIONAL {{ ?obs <{AMKG.periodAssumed}> ?assumed }}
        }}"""


#: The properties that tie an observation to a hub, a place or an indicator.
OBSERVATION_LINKS = {AMKG.hub, AMKG.refArea, AMKG.indicator}
FIELDS = {
    AMKG.indicator: "ind",
    AMKG.refPeriod: "period",
    AMKG.obsValue: "value",
    AMKG.unit: "unit",
    AMKG.hub: "hub",
    AMKG.refArea: "area",
    AMKG.note: "note",
    AMKG.figureStatus: "status",
    AMKG.bound: "bound",
    AMKG.periodAssumed: "assumed",
}
#: Statuses of figures not reached when their document was written: drawn hollow, labelled.
NOT_YET = {AMKG.targetFigure, AMKG.plannedFigure, AMKG.expectedFigure}


#: One observation's fields by name (``obs``, ``g``, ``ind``, ``period``, ``value``…), whether they come from
#: the comparison page's query or from the store's index: :func:`observation_rows` reads either.
Fields = dict[str, Term]


def observation_quads(store: Store, incoming: Iterable[Quad]) -> list[Fields]:
    """The fields of the observations among ``incoming`` statements (those linking an observation to the
    page's hub, place or indicator), one per graph stating it, read from the store's index (no query)."""
    found = []
    for obs in {q.subject for q in incoming if q.predicate.value in OBSERVATION_LINKS}:
        rows: dict[object, Fields] = {}
        for quad in store.quads_for(obs):
            name = FIELDS.get(quad.predicate.value)
            if quad.subject == obs and name and isinstance(quad.graph_name, NamedNode):
                rows.setdefault(quad.graph_name, {"obs": obs, "g": quad.graph_name})[name] = quad.object
        found += [row for row in rows.values() if {"ind", "period", "value"} <= row.keys()]
    return found


def hub_observations_query() -> str:
    """Every observation that belongs to a hub, for the comparison page."""
    selector = f"GRAPH ?g {{ ?obs <{AMKG.hub}> ?hub }}"
    return f"SELECT DISTINCT {OBS_FIELDS} WHERE {{ {_observation_pattern(selector)} }}"


@dataclass(frozen=True)
class Ref:
    """A labelled IRI (indicator, hub, area, unit)."""

    iri: str
    label: str

    @property
    def href(self) -> str:
        return to_public(self.iri)


@dataclass
class ObservationRow:
    """One figure as one source states it."""

    iri: str
    indicator: Ref
    period: str
    value: Decimal
    text: str
    source: Source
    unit: Ref | None = None
    hub: Ref | None = None
    area: Ref | None = None
    note: str = ""
    status: Ref | None = None
    bound: Ref | None = None
    period_assumed: bool = False

    @property
    def href(self) -> str:
        return to_public(self.iri)

    @property
    def display(self) -> str:
        """``12.5 %``, ``more than 10,500,000 persons``, ``USD 3,000``: the figure as people write it, its
        bound in front (an exact figure says nothing more)."""
        return bounded(with_unit(self.text, self.unit), self.bound)

    @property
    def not_yet(self) -> bool:
        """A target, plan or expectation: so stated, or (unstated) a figure for a year after its report."""
        if self.status is not None:
            return self.status.iri in NOT_YET
        return bool(self.source.year) and self.period > self.source.year

    @property
    def qualifiers(self) -> list[str]:
        """What the figure is besides a measurement: ``target``, ``period assumed``…"""
        found = []
        if self.status is not None and self.status.iri != AMKG.measuredFigure:
            found.append(self.status.label)
        elif self.status is None and self.not_yet:
            found.append("a year after its report")
        if self.period_assumed:
            found.append("period assumed")
        return found

    @property
    def is_rank(self) -> bool:
        return self.unit is not None and self.unit.iri.endswith("/rank")


def bounded(text: str, bound: Ref | None) -> str:
    """``more than 10,000 sensors``: a bound other than ``exactly`` rides in front of its figure."""
    if bound is None or bound.iri == AMKG.exactly:
        return text
    return f"{bound.label} {text}"


def with_unit(text: str, unit: Ref | None) -> str:
    """A formatted number with its unit: percent as ``%``, currencies (ISO codes) in front, counts bare."""
    if unit is None:
        return text
    code = unit.iri.rsplit("/", 1)[-1]
    if code == "percent":
        return f"{text} %"
    if code == "count":
        return text
    if len(code) == 3 and code.isalpha():
        return f"{code.upper()} {text}"
    return f"{text} {unit.label}"


def _text(term: Term) -> str:
    return str(term) if isinstance(term, Triple) else term.value


def _ref(term: Term | None, labels: dict[str, str]) -> Ref | None:
    if term is None or isinstance(term, Triple):
        return None
    return Ref(term.value, labels.get(term.value) or term.value.rsplit("/", 1)[-1].replace("-", " "))


def _label(ref: Ref | None) -> str:
    return ref.label if ref else ""


def observation_rows(
    rows: Iterable[Mapping[str, Term]], labels: dict[str, str], known: dict[str, Source]
) -> list[ObservationRow]:
    """Query rows to observations, one per (observation, graph)."""
    seen: dict[tuple[str, str], ObservationRow] = {}
    for found in rows:
        row = {name: _text(term) for name, term in found.items()}
        key = (row["obs"], row["g"])
        if key in seen:
            continue
        indicator = _ref(found["ind"], labels)
        try:
            number = Decimal(row["value"])
        except InvalidOperation:
            continue
        if indicator is None:  # the shapes require one; a row without it cannot be tabled
            continue
        seen[key] = ObservationRow(
            iri=row["obs"],
            indicator=indicator,
            period=row["period"][:4],
            value=number,
            text=format_number(row["value"]),
            source=source_for(row["g"], known),
            unit=_ref(found.get("unit"), labels),
            hub=_ref(found.get("hub"), labels),
            area=_ref(found.get("area"), labels),
            note=row.get("note", ""),
            status=_ref(found.get("status"), labels),
            bound=_ref(found.get("bound"), labels),
            period_assumed=row.get("assumed", "") in ("true", "1"),
        )
    return sorted(
        seen.values(),
        key=lambda o: (o.indicator.label.lower(), _label(o.area), o.period, o.source.sort_key),
    )


@dataclass
class Cell:
    """All figures for one row and year; ``differs`` when the sources disagree."""

    entries: list[ObservationRow] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return len({e.value for e in self.entries}) > 1


@dataclass
class StatRow:
    """One row: what it stands for (an indicator, a hub) in one area, by year."""

    ref: Ref
    unit: str
    cells: dict[str, Cell]
    area: Ref | None = None


@dataclass
class StatTable:
    """Rows (indicators, or hubs) by years."""

    rows: list[StatRow]
    periods: list[str]

    @property
    def disagreements(self) -> int:
        return sum(cell.differs for row in self.rows for cell in row.cells.values())


def stat_table(
    observations: list[ObservationRow], row_of: Callable[[ObservationRow], Ref | None]
) -> StatTable:
    """Arrange observations as a table; ``row_of`` picks what a row stands for, and each area it covers
    gets a row of its own (a row never mixes areas, so a cell's figures differ only for one area)."""
    periods = sorted({o.period for o in observations})
    rows: dict[tuple[Ref, Ref | None], StatRow] = {}
    units: dict[tuple[Ref, Ref | None], set[str]] = defaultdict(set)
    for obs in observations:
        ref = row_of(obs)
        if ref is None:
            continue
        key = (ref, obs.area if obs.area != ref else None)
        row = rows.setdefault(key, StatRow(ref=ref, unit="", cells={}, area=key[1]))
        row.cells.setdefault(obs.period, Cell()).entries.append(obs)
        if obs.unit:
            units[key].add(obs.unit.label)
    for key, row in rows.items():
        row.unit = ", ".join(sorted(units[key]))
    ordered = sorted(rows.values(), key=lambda r: (r.ref.label.lower(), _label(r.area)))
    return StatTable(rows=ordered, periods=periods)


def palette(observations: list[ObservationRow]) -> list[Source]:
    """The sources in a set of observations, in legend order; a source's index is its colour."""
    return sorted({o.source for o in observations}, key=lambda s: s.sort_key)
