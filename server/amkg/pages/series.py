"""Figures arranged for reading: a series per indicator and area, and each hub's latest figure side by side.

A series joins one indicator's figures for one area only, so Istanbul's 2020 population and Turkey's 2021
population are two series, never a fall from 15.5 M to 84.3 M. A series of two years or more is a chart;
a single year is a value card (a lone bar without a scale says nothing). Ranks are never bars: a longer
bar would mean a worse place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from amkg.pages.charts import Bar, column_chart, compact
from amkg.pages.sources import Source
from amkg.pages.statistics import Cell, ObservationRow, Ref, StatTable, palette, stat_table, with_unit
from amkg.rdf.names import slug


@dataclass
class Series:
    """One indicator in one area: its figures, and a chart when it has two years or more."""

    indicator: Ref
    area: Ref | None
    unit: str
    points: list[ObservationRow]
    chart: Markup

    @property
    def title(self) -> str:
        return f"{self.indicator.label}, {self.area.label}" if self.area else self.indicator.label


def _key(obs: ObservationRow) -> tuple[str, str]:
    return (obs.indicator.label.lower(), obs.area.label.lower() if obs.area else "")


def indicator_series(observations: list[ObservationRow]) -> list[Series]:
    """One series per (indicator, area), in label order; charts for two years or more, ranks excepted."""
    colours = {source: i for i, source in enumerate(palette(observations))}
    split: dict[tuple[Ref, Ref | None], list[ObservationRow]] = defaultdict(list)
    for obs in observations:
        split[(obs.indicator, obs.area)].append(obs)
    result = []
    for (indicator, area), rows in sorted(split.items(), key=lambda kv: _key(kv[1][0])):
        units = ", ".join(sorted({o.unit.label for o in rows if o.unit}))
        periods = sorted({o.period for o in rows})
        chart = Markup("")
        if len(periods) >= 2 and not any(o.is_rank for o in rows):
            groups: dict[str, list[Bar]] = defaultdict(list)
            for obs in rows:
                groups[obs.period].append(_bar(obs, colours[obs.source]))
            place = f", {area.label}" if area else ""
            chart = column_chart(f"{indicator.label}{place} by year", sorted(groups.items()), units)
        result.append(Series(indicator, area, units, rows, chart))
    return result


def _bar(obs: ObservationRow, colour: int) -> Bar:
    qualifiers = f" ({', '.join(obs.qualifiers)})" if obs.qualifiers else ""
    text = compact(obs.value)
    if obs.unit and obs.unit.iri.endswith("/percent"):
        text = with_unit(text, obs.unit)
    return Bar(
        value=float(obs.value),
        text=text,
        colour=colour,
        href=obs.href,
        tooltip=f"{obs.source.badge}: {obs.display} ({obs.period}){qualifiers}",
        later=obs.not_yet,
    )


@dataclass(frozen=True)
class Latest:
    """One row's latest reported figure, as a share of the longest (``width`` in percent) for its bar."""

    label: str
    href: str
    area: Ref | None
    figure: ObservationRow
    width: float
    colour: int


def latest_reported(cells: dict[str, Cell]) -> ObservationRow | None:
    """A row's latest figure for a year its report had already seen (targets left out), from the newest
    report that gives one."""
    entries = [e for cell in cells.values() for e in cell.entries if not e.not_yet]
    return max(entries, key=lambda e: (e.period, e.source.sort_key), default=None)


def latest(table: StatTable, colours: dict[Source, int]) -> list[Latest]:
    """Each row's latest figure, largest first (ranks: first place first), with its bar's length."""
    found = [(row, f) for row in table.rows if (f := latest_reported(row.cells)) is not None]
    if not found:
        return []
    rank = all(f.is_rank for _, f in found)
    longest = max(abs(float(f.value)) for _, f in found) or 1.0
    rows = [
        Latest(
            label=row.ref.label,
            href=row.ref.href,
            area=row.area,
            figure=f,
            width=0.0 if rank else round(100 * abs(float(f.value)) / longest, 1),
            colour=colours[f.source],
        )
        for row, f in found
    ]
    return sorted(rows, key=lambda r: (float(r.figure.value) if rank else -float(r.figure.value), r.label))


@dataclass(frozen=True)
class Section:
    """One indicator on ``/compare``: each hub's latest figure, and the table by year."""

    indicator: Ref
    table: StatTable
    latest: list[Latest]
    is_rank: bool


@dataclass(frozen=True)
class Comparison:
    """The ``/compare`` page: per indicator a table by year and each hub's latest figure."""

    sections: list[Section]
    hubs: list[Ref]
    indicators: list[Ref]
    legend: list[Source]


def by_indicator(observations: list[ObservationRow]) -> dict[Ref, list[ObservationRow]]:
    """Observations split by indicator, indicators in label order."""
    split: dict[Ref, list[ObservationRow]] = defaultdict(list)
    for obs in observations:
        split[obs.indicator].append(obs)
    return dict(sorted(split.items(), key=lambda kv: kv[0].label.lower()))


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
        sections.append(Section(indicator, table, latest(table, colours), all(o.is_rank for o in rows)))
    sections.sort(key=lambda s: (-len(s.table.rows), s.indicator.label.lower()))
    return Comparison(
        sections=sections,
        hubs=sorted({o.hub for o in observations if o.hub}, key=lambda h: h.label.lower()),
        indicators=list(by_indicator(observations)),
        legend=palette(selected),
    )
