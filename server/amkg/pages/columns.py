"""The key columns of a class page: what a curator scans a list of hubs, firms or figures for.

A hub's region, country, host, year joined and year launched; a firm's country, activity and case study;
an observation's indicator, area, period, value and source. The columns are read for every member in one
query (the lists are small), so the page can sort on any of them, on the server (``?sort=country&desc=1``),
without script.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from amkg.pages.describe import labels_for
from amkg.pages.search import fold
from amkg.pages.statistics import Ref, bounded, with_unit
from amkg.pages.values import format_number, link_target
from amkg.pages.vocabulary import Vocabulary
from amkg.rdf.names import sparql_iri
from amkg.rdf.namespaces import AMKG, DCT_SOURCE, QB
from amkg.store import Store


@dataclass(frozen=True)
class Column:
    """A column: its heading, the property it shows (``inverse``: pointing at the member), how it sorts."""

    name: str
    prop: str
    inverse: bool = False
    numeric: bool = False


#: Per class, its key columns, in reading order.
COLUMNS: dict[str, tuple[Column, ...]] = {
    AMKG.Hub: (
        Column("region", AMKG.region),
        Column("country", AMKG.country),
        Column("host", AMKG.hostedBy),
        Column("year joined", AMKG.yearJoined, numeric=True),
        Column("year launched", AMKG.launchYear, numeric=True),
    ),
    AMKG.Firm: (
        Column("country", AMKG.country),
        Column("activity", AMKG.activity),
        Column("case study", AMKG.studiesFirm, inverse=True),
    ),
    QB + "Observation": (
        Column("indicator", AMKG.indicator),
        Column("area", AMKG.refArea),
        Column("period", AMKG.refPeriod, numeric=True),
        Column("value", AMKG.obsValue, numeric=True),
        Column("source", DCT_SOURCE),
    ),
}
#: What a figure's value needs besides the number.
_VALUE_PARTS = (AMKG.unit, AMKG.bound)


@dataclass
class Cell:
    """One member's values in one column, as (text, link) pairs; ``key`` sorts it."""

    values: list[tuple[str, str | None]] = field(default_factory=list)
    key: tuple = ()


def columns_for(cls: str, vocab: Vocabulary) -> tuple[Column, ...]:
    """The class's own columns, else those of the nearest superclass that has some."""
    if cls in COLUMNS:
        return COLUMNS[cls]
    for parent in sorted(vocab.superclasses.get(cls, ())):
        if parent in COLUMNS:
            return COLUMNS[parent]
    return ()


def cells(store: Store, members: list[str], columns: tuple[Column, ...], vocab: Vocabulary) -> dict:
    """``{member: {column name: Cell}}`` for every member, read in one query."""
    if not columns or not members:
        return {}
    values = " ".join(sparql_iri(m) for m in members)
    forward = " ".join(f"<{p}>" for p in {c.prop for c in columns if not c.inverse} | set(_VALUE_PARTS))
    inverse = " ".join(f"<{c.prop}>" for c in columns if c.inverse) or f"<{AMKG.studiesFirm}>"
    rows = store.select(f"""
        SELECT ?s ?p ?o ?back WHERE {{
          VALUES ?s {{ {values} }}
          {{ VALUES ?p {{ {forward} }} GRAPH ?g {{ ?s ?p ?o }} }}
          UNION {{ VALUES ?p {{ {inverse} }} GRAPH ?g {{ ?o ?p ?s }} BIND(true AS ?back) }}
        }}""")
    found: dict[str, dict[tuple[str, bool], list]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        key = (row["p"].value, row.get("back") is not None)
        if row["o"] not in found[row["s"].value][key]:
            found[row["s"].value][key].append(row["o"])
    named = {
        o.value for props in found.values() for os in props.values() for o in os if isinstance(o, NamedNode)
    }
    labels = labels_for(store, named, vocab)
    table = {}
    for member in members:
        props = found.get(member, {})
        table[member] = {c.name: _cell(c, props, labels) for c in columns}
    return table


def _ref(term: object, labels: dict[str, str]) -> Ref | None:
    if not isinstance(term, NamedNode):
        return None
    return Ref(term.value, labels.get(term.value, term.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]))


def _cell(column: Column, props: dict, labels: dict[str, str]) -> Cell:
    terms = props.get((column.prop, column.inverse), [])
    cell = Cell()
    for term in terms:
        if isinstance(term, NamedNode):
            cell.values.append(
                (labels.get(term.value) or term.value.rsplit("/", 1)[-1], link_target(term.value))
            )
        elif column.prop == AMKG.obsValue:
            unit = next(iter(props.get((AMKG.unit, False), [])), None)
            bound = next(iter(props.get((AMKG.bound, False), [])), None)
            text = with_unit(format_number(term.value), _ref(unit, labels))
            cell.values.append((bounded(text, _ref(bound, labels)), None))
        else:
            cell.values.append((term.value, None))
    cell.values.sort()
    if column.numeric:  # the earliest or smallest of its values (two reports may give two years)
        numbers = [_number(t.value) for t in terms]
        cell.key = (not terms, min(numbers) if numbers else 0.0)
    else:
        cell.key = (not terms, fold(cell.values[0][0]) if cell.values else "")
    return cell


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
