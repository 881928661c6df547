"""RDF terms as a reader sees them: IRIs as labelled links, literals formatted by datatype.

Only ``http``, ``https`` and ``mailto`` values ever become links; everything else is text, which the
templates escape. Numbers get thousands separators, years stay years, dates are written out, booleans are
yes/no, and the exact lexical form and datatype stay available as a tooltip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode

from amkg.pages.sources import Source
from amkg.rdf.names import is_value_iri, short_name
from amkg.rdf.namespaces import XSD
from amkg.web.public import is_ours, to_public

NUMERIC = {
    XSD + t
    for t in (
        "decimal",
        "integer",
        "double",
        "float",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
    )
}
#: Datatypes whose formatting makes the type plain to see.
SELF_EVIDENT = {XSD + t for t in ("gYear", "gYearMonth", "date", "dateTime", "boolean", "anyURI")}
LINKABLE = ("http://", "https://", "mailto:")


def link_target(iri: str) -> str | None:
    """Where an IRI may be linked to: our IRIs on this server, other web IRIs as they are, nothing else."""
    if is_ours(iri):
        return to_public(iri)
    if iri.lower().startswith(LINKABLE):
        return iri
    return None


def format_number(text: str) -> str:
    """``10500000`` → ``10,500,000``; ``12.50`` → ``12.5``; anything unparsable as it is."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    if number == number.to_integral_value():
        return f"{int(number):,}"
    formatted = f"{number:,f}"
    return formatted.rstrip("0").rstrip(".") if "." in formatted else formatted


def format_literal(text: str, datatype: str) -> str:
    """The literal's value the way people write it."""
    if datatype in NUMERIC:
        return format_number(text)
    if datatype == XSD + "boolean":
        return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(text.strip(), text)
    try:
        if datatype == XSD + "date":
            day = dt.date.fromisoformat(text[:10])
            return f"{day.day} {day:%B %Y}"
        if datatype == XSD + "gYearMonth":
            month = dt.date.fromisoformat(text[:7] + "-01")
            return f"{month:%B %Y}"
    except ValueError:
        return text
    return text


@dataclass
class Value:
    """One object of a statement, ready to render, with the sources that state it."""

    kind: str  # iri | literal | value (a structured value: money, a quantity)
    key: str  # identity for de-duplication and comparison (IRI, or lexical form + datatype + language)
    text: str  # what to show: label, formatted literal, or summary of a structured value
    href: str | None = None
    title: str = ""  # tooltip: full IRI, or lexical form and datatype
    lang: str = ""
    datatype: str = ""  # short datatype name for non-string literals
    has_label: bool = True
    external: bool = False
    sources: list[Source] = field(default_factory=list)
    parts: list[tuple[str, Value]] = field(default_factory=list)  # a structured value's own statements
    type_label: str = ""
    anchor: str = ""  # a structured value's fragment, so that its IRI leads to it on its owner's page

    @property
    def documents(self) -> list[Source]:
        return [s for s in self.sources if s.kind == "document"]

    @property
    def inferred_only(self) -> bool:
        return bool(self.sources) and all(s.kind == "inferred" for s in self.sources)

    def add_source(self, source: Source) -> None:
        if source not in self.sources:
            self.sources.append(source)
            self.sources.sort(key=lambda s: s.sort_key)


def iri_value(iri: str, label: str | None) -> Value:
    """A labelled link to ``iri`` (its short name when it has no label)."""
    href = link_target(iri)
    return Value(
        kind="iri",
        key=iri,
        text=label or short_name(iri),
        href=href,
        title=iri,
        has_label=label is not None,
        external=href is not None and not is_ours(iri),
    )


def literal_value(term: Literal) -> Value:
    """A literal formatted for reading; ``http(s)``/``mailto`` strings become links."""
    text = term.value
    datatype = term.datatype.value if term.datatype else ""
    lang = term.language or ""
    key = f"{text}\x00{datatype}\x00{lang}"
    shown = format_literal(text, datatype)
    href = None
    stripped = text.strip()
    if stripped.lower().startswith(LINKABLE) and not any(c.isspace() for c in stripped):
        href = stripped
    plain = not datatype or lang or datatype == XSD + "string"
    title = "" if plain else f"{text} ({short_name(datatype)})"
    # Formatting already says what a number, year or date is; only unusual datatypes get a visible tag.
    tag = "" if plain or datatype in SELF_EVIDENT or datatype in NUMERIC else short_name(datatype)
    return Value(
        kind="literal",
        key=key,
        text=shown,
        href=href,
        title=title,
        lang=lang,
        datatype=tag,
        external=href is not None,
    )


def term_value(term: object, labels: dict[str, str]) -> Value:
    """Any term as a value; structured values get a placeholder the caller fills with their statements."""
    if isinstance(term, NamedNode) and is_value_iri(term.value):
        return Value(kind="value", key=term.value, text="", anchor=term.value.partition("#")[2])
    if isinstance(term, NamedNode):
        return iri_value(term.value, labels.get(term.value))
    if isinstance(term, Literal):
        return literal_value(term)
    return Value(kind="literal", key=str(term), text=str(term))
