"""Statistical observations (W3C Data Cube) as tables: indicator by year, every figure with its source.

Where two reports give different figures for the same indicator and year, the cell holds both and is
marked, so the 2020 and 2021 reports can be read side by side rather than one silently winning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from markupsafe import Markup
from pyoxigraph import NamedNode, Quad, Triple

from amkg.pages.charts import Bar, bar_chart, column_chart, compact
from amkg.pages.sources import Source, source_for
from amkg.pages.values import format_number
from amkg.rdf.names import slug
from amkg.rdf.namespaces import AMKG
from amkg.store import Store, Term
from amkg.web.public import to_public

OBS_FIELDS = "?obs ?ind ?hub ?area ?period ?value ?unit ?note ?g"


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
}


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

    @property
    def href(self) -> str:
        return to_public(self.iri)

    @property
    def display(self) -> str:
        """``12.5 %``, ``10,500,000 persons``, ``USD 3,000``: the figure as people write it."""
        return with_unit(self.text, self.unit)


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
        )
    return sorted(seen.values(), key=lambda o: (o.indicator.label.lower(), o.period, o.source.sort_key))


@dataclass
class Cell:
    """All figures for one row and year; ``differs`` when the sources disagree."""

    entries: list[ObservationRow] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return len({e.value for e in self.entries}) > 1


@dataclass
class StatRow:
    ref: Ref
    unit: str
    cells: dict[str, Cell]


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
    """Arrange observations as a table; ``row_of`` picks what a row stands for."""
    periods = sorted({o.period for o in observations})
    rows: dict[Ref, StatRow] = {}
    units: dict[Ref, set[str]] = defaultdict(set)
    for obs in observations:
        ref = row_of(obs)
        if ref is None:
            continue
        row = rows.setdefault(ref, StatRow(ref=ref, unit="", cells={}))
        row.cells.setdefault(obs.period, Cell()).entries.append(obs)
        if obs.unit:
            units[ref].add(obs.unit.label)
    for ref, row in rows.items():
        row.unit = ", ".join(sorted(units[ref]))
    return StatTable(rows=sorted(rows.values(), key=lambda r: r.ref.label.lower()), periods=periods)


def by_indicator(observations: list[ObservationRow]) -> dict[Ref, list[ObservationRow]]:
    """Observations split by indicator, indicators in label order."""
    split: dict[Ref, list[ObservationRow]] = defaultdict(list)
    for obs in observations:
        split[obs.indicator].append(obs)
    return dict(sorted(split.items(), key=lambda kv: kv[0].label.lower()))


def palette(observations: list[ObservationRow]) -> list[Source]:
    """The sources in a set of observations, in legend order; a source's index is its colour."""
    return sorted({o.source for o in observations}, key=lambda s: s.sort_key)


def indicator_charts(observations: list[ObservationRow]) -> list[tuple[Ref, str, Markup]]:
    """One small column chart per indicator: its years along, one column per source in each year."""
    colours = {source: i for i, source in enumerate(palette(observations))}
    charts = []
    for indicator, rows in by_indicator(observations).items():
        groups: dict[str, list[Bar]] = defaultdict(list)
        for obs in rows:
            later = bool(obs.source.year) and obs.period > obs.source.year
            tooltip = f"{obs.source.badge}: {obs.display} ({obs.period})" + (
                ", a year after the report: a target or projection" if later else ""
            )
            groups[obs.period].append(
                Bar(
                    value=float(obs.value),
                    text=with_unit(compact(obs.value), obs.unit)
                    if obs.unit and obs.unit.iri.endswith("/percent")
                    else compact(obs.value),
                    colour=colours[obs.source],
                    href=obs.href,
                    tooltip=tooltip,
                    later=later,
                )
            )
        units = sorted({o.unit.label for o in rows if o.unit})
        title = f"{indicator.label} by year" + (f" ({', '.join(units)})" if units else "")
        charts.append((indicator, ", ".join(units), column_chart(title, sorted(groups.items()))))
    return charts


def latest_reported(cells: dict[str, Cell]) -> ObservationRow | None:
    """A row's latest figure for a year its report had already seen (targets for later years left out),
    from the newest report that gives one."""
    entries = [
        e for cell in cells.values() for e in cell.entries if not e.source.year or e.period <= e.source.year
    ]
    return max(entries, key=lambda e: (e.period, e.source.sort_key), default=None)


def latest_chart(title: str, table: StatTable, colours: dict[Source, int]) -> Markup:
    """Horizontal bars, one per row of ``table`` (a hub), at its latest reported figure, largest first."""
    bars = []
    for row in table.rows:
        newest = latest_reported(row.cells)
        if newest is None:
            continue
        tooltip = f"{row.ref.label}: {newest.display} in {newest.period}, {newest.source.badge}"
        bar = Bar(
            float(newest.value),
            f"{newest.display} ({newest.period})",
            colours[newest.source],
            tooltip,
            newest.href,
        )
        bars.append((row.ref.label, bar))
    return bar_chart(title, sorted(bars, key=lambda item: -item[1].value))


@dataclass(frozen=True)
class Comparison:
    """The ``/compare`` page: per indicator a table by year and a chart of each hub's latest figure."""

    sections: list[tuple[Ref, StatTable, Markup]]
    hubs: list[Ref]
    indicators: list[Ref]
    legend: list[Source]


def comparison(observations: list[ObservationRow], hubs: set[str], indicators: set[str]) -> Comparison:
    """Hubs side by side on the chosen indicators (all when none is chosen), most complete tables first."""
    selected = [
        o
        for o in observations
        if (not hubs or (o.hub is not None and slug(o.hub.iri) in hubs))
        and (not indicators or slug(o.indicator.iri) in indicators)
    ]
    colours = {s: i for i, s in enumerate(palette(selected))}
    sections = []
    for indicator, rows in by_indicator(selected).items():
        table = stat_table(rows, lambda obs: obs.hub)
        sections.append(
            (indicator, table, latest_chart(f"{indicator.label}: latest figure per hub", table, colours))
        )
    sections.sort(key=lambda s: (-len(s[1].rows), s[0].label.lower()))
    return Comparison(
        sections=sections,
        hubs=sorted({o.hub for o in observations if o.hub}, key=lambda h: h.label.lower()),
        indicators=list(by_indicator(observations)),
        legend=palette(selected),
    )
