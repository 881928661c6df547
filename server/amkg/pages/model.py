"""The view model of an entity page: what :mod:`amkg.pages.describe` gathers and ``entity.html`` shows.

Templates ask these objects (``d.headline``, ``d.is_indicator``) rather than comparing IRIs themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amkg.pages.schemes import TreeNode
from amkg.pages.sources import Source
from amkg.pages.statistics import ObservationRow
from amkg.pages.values import Value
from amkg.rdf.namespaces import AMKG
from amkg.store import Term


@dataclass
class PropertyRow:
    """One property of the entity with all its values."""

    iri: str
    label: str
    href: str | None
    definition: str
    values: list[Value] = field(default_factory=list)


@dataclass
class Group:
    title: str
    rows: list[PropertyRow]


@dataclass
class IncomingGroup:
    """Resources that point at the entity through one property, one page of them."""

    prop: str
    key: str  # URL parameter naming the property
    label: str
    values: list[Value]
    total: int
    page: int
    pages: int


@dataclass
class Disagreement:
    """A property the documents state differently: one cell of values per document."""

    label: str
    cells: dict[Source, list[Value]]


@dataclass
class Provenance:
    """A document that states something about the entity, with the sections it cites."""

    source: Source
    sections: list[str]
    statements: int


@dataclass(frozen=True)
class Stated:
    """A statement the page shows as the entity's own: ``predicate`` ``object``, in ``graph``. For a
    statement of one of its structured values, ``value`` is that value's IRI."""

    predicate: str
    object: Term
    graph: str
    value: str | None = None


@dataclass(frozen=True)
class Pointing:
    """A statement that points at the entity (or at one of its values): ``subject`` ``predicate`` it."""

    subject: str
    predicate: str
    graph: str


@dataclass(frozen=True)
class Headline:
    """An observation's figure and what it is a figure of."""

    value: Value
    indicator: Value | None
    area: Value | None
    period: Value | None
    unit: Value | None
    #: Its qualifiers, shown with the figure rather than as rows of their own.
    bound: Value | None = None
    status: Value | None = None
    period_assumed: Value | None = None

    @property
    def qualifiers(self) -> list[str]:
        """``target``, ``period assumed``: what the figure is besides a measurement."""
        found = [self.status.text] if self.status and self.status.key != AMKG.measuredFigure else []
        if self.period_assumed and self.period_assumed.text == "yes":
            found.append("period assumed")
        return found

    @property
    def bound_text(self) -> str:
        """``more than``; nothing for an exact figure."""
        return self.bound.text if self.bound and self.bound.key != AMKG.exactly else ""


@dataclass
class Description:
    """The entity page's content."""

    iri: str
    label: str
    has_label: bool
    types: list[Value]
    type_iris: set[str]
    alt_labels: list[Value]
    descriptions: list[Value]
    definitions: list[Value]
    groups: list[Group]
    incoming: list[IncomingGroup]
    disagreements: list[Disagreement]
    provenance: list[Provenance]
    observations: list[ObservationRow]
    tree: list[TreeNode]
    outgoing_count: int
    labels: dict[str, str]

    @property
    def disagreement_sources(self) -> list[Source]:
        """The documents that take part in any disagreement: the columns of the side-by-side table."""
        return sorted({s for d in self.disagreements for s in d.cells}, key=lambda s: s.sort_key)

    @property
    def is_indicator(self) -> bool:
        """An indicator's page tables and charts its figures by hub or area, not by indicator."""
        return AMKG.Indicator in self.type_iris

    @property
    def headline(self) -> Headline | None:
        """An observation's figure with its indicator, area, period and unit, for the top of its page."""
        value = self.first(AMKG.obsValue)
        if value is None:
            return None
        return Headline(
            value,
            self.first(AMKG.indicator),
            self.first(AMKG.refArea),
            self.first(AMKG.refPeriod),
            self.first(AMKG.unit),
            self.first(AMKG.bound),
            self.first(AMKG.figureStatus),
            self.first(AMKG.periodAssumed),
        )

    def first(self, prop: str) -> Value | None:
        for group in self.groups:
            for row in group.rows:
                if row.iri == prop and row.values:
                    return row.values[0]
        return None
