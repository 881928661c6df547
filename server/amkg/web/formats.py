"""Every format the server writes, and the one content negotiation that picks one, for every route.

SELECT answers in the SPARQL results formats, ASK in the two of them that can say true or false (JSON and
XML: the CSV and TSV specifications define no boolean form, and a bare ``true`` reads as an empty table),
CONSTRUCT and DESCRIBE (and the endpoint's own descriptions, VoID, ``/service``) in RDF formats; an
entity's document is an HTML page or one of the same RDF formats, found at a suffix (``.ttl``) as well as
by negotiation. pyoxigraph writes all of them natively.
Media types and their aliases are defined here once, so that ``text/plain`` means N-Triples on an entity
IRI exactly as it does on ``/sparql``. A client chooses with ``Accept``
(q-values and wildcards as RFC 9110 says) or with a ``format=`` parameter that wins over ``Accept``, for
links and tools that cannot set headers. An unreadable ``Accept`` gets the default format; a readable one
that names nothing we can write gets 406 with the list of what we can.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum

from pyoxigraph import QueryResultsFormat, RdfFormat
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

_PREFIXED = {RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.N3, RdfFormat.RDF_XML}
_W3C_FORMAT_IRIS = {RdfFormat.JSON_LD: "http://www.w3.org/ns/formats/JSON-LD"}
#: What XML 1.0 cannot hold even as a character reference: C0 controls but tab, LF, CR; U+FFFE, U+FFFF.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


class Kind(Enum):
    """What a response holds: solutions (``RESULTS``), ASK's true or false (``BOOLEAN``), an RDF graph
    (``GRAPH``), or an entity's document, which is a page for people or an RDF graph (``DOCUMENT``)."""

    RESULTS = "results"
    BOOLEAN = "boolean"
    GRAPH = "graph"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Format:
    """One serialisation: the media type we send, the others we accept for it, and its ``format=`` names."""

    media_type: str
    #: pyoxigraph's serialiser; ``None`` for the HTML page.
    engine: QueryResultsFormat | RdfFormat | None
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    #: The suffix of a document in this format (``/id/hub/x.ttl``); ``""`` if documents are not offered in it.
    ext: str = ""
    #: What people call it, for links to the alternates of a document.
    label: str = ""

    @property
    def rdf(self) -> RdfFormat:
        """The RDF serialiser (only for RDF formats)."""
        if not isinstance(self.engine, RdfFormat):
            raise TypeError(f"{self.media_type} is not an RDF format")
        return self.engine

    @property
    def results(self) -> QueryResultsFormat:
        """The SPARQL results serialiser (only for results formats)."""
        if not isinstance(self.engine, QueryResultsFormat):
            raise TypeError(f"{self.media_type} is not a SPARQL results format")
        return self.engine

    @property
    def quads(self) -> bool:
        """TriG and N-Quads keep each statement in the graph of the document that states it."""
        return self.engine in (RdfFormat.TRIG, RdfFormat.N_QUADS)

    @property
    def xml(self) -> bool:
        """SPARQL XML and RDF/XML: what they write must be checked by :func:`xml_safe`."""
        return self.engine in (QueryResultsFormat.XML, RdfFormat.RDF_XML)

    @property
    def content_type(self) -> str:
        """Every format we write is UTF-8 text, and we say so."""
        return f"{self.media_type}; charset=utf-8"

    @property
    def takes_prefixes(self) -> bool:
        """Whether the serialiser writes prefix declarations (shorter, more readable output)."""
        return self.engine in _PREFIXED

    @property
    def iri(self) -> str:
        """The format's W3C identifier (``http://www.w3.org/ns/formats/…``), for service descriptions.

        pyoxigraph names JSON-LD ``https://www.w3.org/ns/formats/data/JSON-LD``, which no client looks
        for; the W3C's list (and Oxigraph's own server) say ``http://www.w3.org/ns/formats/JSON-LD``.
        """
        if self.engine is None:
            raise TypeError("the HTML page has no W3C format IRI")
        if isinstance(self.engine, RdfFormat) and self.engine in _W3C_FORMAT_IRIS:
            return _W3C_FORMAT_IRIS[self.engine]
        return self.engine.iri


_JSON, _XML = ("application/json",), ("application/xml", "text/xml")
_TURTLE = ("application/x-turtle", "application/turtle")
_JSONLD = ("application/json", "application/x-json+ld")
RESULT_FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", QueryResultsFormat.JSON, ("json", "srj"), _JSON),
    Format("application/sparql-results+xml", QueryResultsFormat.XML, ("xml", "srx"), _XML),
    Format("text/csv", QueryResultsFormat.CSV, ("csv",)),
    Format("text/tab-separated-values", QueryResultsFormat.TSV, ("tsv",)),
)
_NT = ("text/plain",)
_N3 = ("text/rdf+n3", "application/n3")
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("text/turtle", RdfFormat.TURTLE, ("turtle", "ttl"), _TURTLE, "ttl", "Turtle"),
    Format(
        "application/n-triples", RdfFormat.N_TRIPLES, ("ntriples", "nt", "n-triples"), _NT, "nt", "N-Triples"
    ),
    Format(
        "application/ld+json", RdfFormat.JSON_LD, ("jsonld", "json-ld", "json"), _JSONLD, "jsonld", "JSON-LD"
    ),
    Format(
        "application/rdf+xml", RdfFormat.RDF_XML, ("rdfxml", "rdf+xml", "rdf", "xml"), _XML, "rdf", "RDF/XML"
    ),
    Format("text/n3", RdfFormat.N3, ("n3",), _N3, "n3", "N3"),
    Format("application/trig", RdfFormat.TRIG, ("trig",), (), "trig", "TriG (with source graphs)"),
    Format(
        "application/n-quads",
        RdfFormat.N_QUADS,
        ("nquads", "nq", "n-quads"),
        (),
        "nq",
        "N-Quads (with source graphs)",
    ),
)
HTML = ("text/html", "application/xhtml+xml")
#: An entity's page, the document a browser gets.
HTML_PAGE = Format(HTML[0], None, ("html",), HTML[1:], "html", "HTML page")
FORMATS = {
    Kind.RESULTS: RESULT_FORMATS,
    Kind.BOOLEAN: RESULT_FORMATS[:2],
    Kind.GRAPH: GRAPH_FORMATS,
    Kind.DOCUMENT: (HTML_PAGE, *GRAPH_FORMATS),
}
#: Document formats by suffix, in the order their alternates are listed.
DOCUMENTS: dict[str, Format] = {f.ext: f for f in FORMATS[Kind.DOCUMENT]}


class NotAcceptable(Exception):
    """No format of the kind asked for is acceptable; the message lists what is (for a 406)."""


class UnknownFormat(ValueError):
    """A ``format=`` value that names no format (for a 400)."""


class Unwritable(NotAcceptable):
    """The answer holds a character its format cannot carry (XML 1.0 and U+0001): a 406 naming another."""


def xml_safe(body: bytes, fmt: Format) -> bytes:
    """An XML document as pyoxigraph wrote it, made to mean what the data says, or :class:`Unwritable`.

    pyoxigraph writes a literal's carriage return raw, which every XML parser reads back as a line feed,
    and writes the characters XML 1.0 forbids, which makes the document unreadable. Data can be the only
    source of a raw CR (IRIs, names and tags cannot hold one), so each becomes ``&#13;``; a forbidden
    character has no escape at all, so the answer is refused with the formats that can carry it.
    """
    found = _NOT_XML.search(body)
    if found:
        char = found.group().decode("utf-8")
        results = fmt.engine is QueryResultsFormat.XML
        other = "SPARQL JSON (format=json)" if results else "N-Triples or JSON-LD"
        raise Unwritable(
            f"The answer holds the character U+{ord(char):04X}, which XML 1.0 cannot carry, so it cannot be "
            f"written as {fmt.media_type}; ask for {other} instead."
        )
    return body.replace(b"\r", b"&#13;")


def _offers(kind: Kind) -> list[tuple[str, Format]]:
    """(media type, format) pairs in our order of preference: the first is the default for ``*/*``."""
    formats = FORMATS[kind]
    return [(f.media_type, f) for f in formats] + [(a, f) for f in formats for a in f.aliases]


_OFFERS = {kind: _offers(kind) for kind in Kind}
_TYPES = {kind: [media for media, _ in offers] for kind, offers in _OFFERS.items()}
_BY_TYPE = {kind: dict(reversed(offers)) for kind, offers in _OFFERS.items()}


def by_name(kind: Kind, name: str) -> Format:
    """The format a ``format=`` value names: a short name (``json``, ``ttl``) or a media type."""
    wanted = name.strip().lower()
    for f in FORMATS[kind]:
        if wanted in f.names or wanted == f.media_type or wanted in f.aliases:
            return f
    raise by_name_error(kind, name)


_ANSWERS = {
    Kind.RESULTS: "SELECT results",
    Kind.BOOLEAN: "ASK answers",
    Kind.GRAPH: "CONSTRUCT and DESCRIBE graphs",
    Kind.DOCUMENT: "documents",
}


def by_name_error(kind: Kind, name: str) -> UnknownFormat | NotAcceptable:
    """Say whether a name is wrong altogether or fits only the other kind of query (csv for a graph)."""
    known = ", ".join(n for f in FORMATS[kind] for n in f.names[:1])
    wanted = name.strip().lower()
    if kind is Kind.BOOLEAN and any(wanted in f.names or wanted == f.media_type for f in RESULT_FORMATS):
        return NotAcceptable(
            f"An ASK answer is true or false, which {name} cannot say (its specification defines only "
            f"tables); ask for one of: {known}."
        )
    other = Kind.RESULTS if kind is Kind.GRAPH else Kind.GRAPH
    if any(wanted in f.names or wanted == f.media_type for f in FORMATS[other]):
        return UnknownFormat(
            f"Format {name!r} is for {_ANSWERS[other]}; {_ANSWERS[kind]} can be written as: {known}, "
            "or a media type."
        )
    return UnknownFormat(f"Unknown format {name!r} for {kind.value}; use one of: {known}, or a media type.")


def negotiate(kind: Kind, accept: str, format_names: Sequence[str] = ()) -> Format:
    """The format to answer with: ``format=`` if given, else the best acceptable one, else the default.

    ``accept`` is the raw ``Accept`` header. Some clients send ``format=`` twice, a short name and a media
    type (SPARQLWrapper does): the first value we know wins. Matching an ``Accept`` header against a dozen
    media types costs more than answering a small query, and clients send the same few headers again and
    again, so decisions are remembered per header.
    """
    decided = _decided(kind, accept, tuple(format_names))
    if isinstance(decided, Format):
        return decided
    refusal, message = decided
    raise refusal(message)


@functools.lru_cache(maxsize=1024)
def _decided(
    kind: Kind, header: str, format_names: tuple[str, ...]
) -> Format | tuple[type[UnknownFormat | NotAcceptable], str]:
    """:func:`_negotiate`'s format, or its refusal as data: ``lru_cache`` keeps no exception, and the
    endpoint asks for every kind of answer a query might have, so a JSON-only ``Accept`` is refused for
    graphs on every request (0.1-0.3 ms each time, of a lookup's ~1 ms)."""
    try:
        return _negotiate(kind, header, format_names)
    except (UnknownFormat, NotAcceptable) as exc:
        return type(exc), str(exc)


def _negotiate(kind: Kind, header: str, format_names: tuple[str, ...]) -> Format:
    names = [name for name in format_names if name]
    for name in names:
        with suppress(UnknownFormat):
            return by_name(kind, name)
    if names:
        raise by_name_error(kind, names[0])
    accept = parse_accept(header)
    if not accept:
        return FORMATS[kind][0]
    best = accept.best_match(_TYPES[kind])
    if best is not None:
        return _BY_TYPE[kind][best]
    if not _readable(accept) or kind is Kind.DOCUMENT:  # a document falls back on its page
        return FORMATS[kind][0]
    offered = ", ".join(f.media_type for f in FORMATS[kind])
    raise NotAcceptable(f"None of the accepted media types can be produced; available: {offered}.")


@functools.lru_cache(maxsize=1024)
def parse_accept(header: str) -> MIMEAccept:
    """An ``Accept`` header by type and subtype alone: media-type parameters other than ``q`` are dropped.

    Werkzeug lets ``application/sparql-results+xml; charset=utf-8`` or ``application/ld+json;
    profile="…"`` match only an offer with the very same parameters, so a client that names a charset or a
    JSON-LD profile would silently get the default format. We write one variant of each type (UTF-8), so,
    like Fuseki and Oxigraph, we match on the type; a range named twice keeps its higher quality. JSON-LD
    is expanded unless :func:`wants_compacted` finds the compacted profile asked for.
    """
    qualities: dict[str, float] = {}
    for value, quality in parse_accept_header(header, MIMEAccept):
        media = value.split(";", 1)[0].strip().lower()
        qualities[media] = max(quality, qualities.get(media, quality))
    return MIMEAccept(list(qualities.items()))


#: The JSON-LD profile (JSON-LD 1.1 §9, RFC 6906) a client names to get documents compacted.
JSONLD_COMPACTED = "http://www.w3.org/ns/json-ld#compacted"
_PROFILE = re.compile(r'profile\s*=\s*(?:"([^"]*)"|([^\s;,]+))', re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def wants_compacted(header: str) -> bool:
    """Whether ``Accept`` asks for JSON-LD with the compacted profile (``application/ld+json;
    profile="http://www.w3.org/ns/json-ld#compacted"``, the profile possibly one of several, space
    separated). Matching ignores the parameter (see :func:`parse_accept`); the form it asks for is this."""
    for value, quality in parse_accept_header(header, MIMEAccept):
        media, _, params = value.partition(";")
        if media.strip().lower() != "application/ld+json" or quality <= 0:
            continue
        for quoted, bare in _PROFILE.findall(params):
            if JSONLD_COMPACTED in (quoted or bare).split():
                return True
    return False


@functools.lru_cache(maxsize=1024)
def prefers_html(header: str) -> bool:
    """Whether a browser is asking: HTML is acceptable and strictly preferred to every format we write.

    Every machine format counts, whatever the query turns out to be: a client that ranks Turtle above HTML
    wants RDF even from a URL that could also show a page.
    """
    if "html" not in header:
        return False
    accept = parse_accept(header)
    html = max(accept.quality(t) for t in HTML)
    machine = max(accept.quality(t) for kind in (Kind.RESULTS, Kind.GRAPH) for t in _TYPES[kind])
    return html > 0 and html > machine


def link_header(url_without_suffix: str, current: str = "") -> str:
    """``Link`` header listing a document's other formats (``rel=alternate``)."""
    links = [
        f'<{url_without_suffix}.{f.ext}>; rel="alternate"; type="{f.media_type}"; title="{f.label}"'
        for f in DOCUMENTS.values()
        if f.ext != current
    ]
    return ", ".join(links)


def _readable(accept: MIMEAccept) -> bool:
    """Whether ``Accept`` names at least one well-formed media range (``type/subtype``)."""
    for value, _ in accept:
        major, slash, minor = value.partition("/")
        if slash and major.strip() and minor.strip() and " " not in value:
            return True
    return False
