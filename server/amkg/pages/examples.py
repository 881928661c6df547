"""The competency questions as published examples: ``/.well-known/sparql-examples`` and ``/query/{name}``.

Both read the examples graph the build wrote (``catalogue/examples.py``), so what a page shows is what the
data says. ``/.well-known/sparql-examples`` is the whole graph in the RDF format ``Accept`` asks for (a list
of the questions for a browser); ``/query/{name}`` is one question's permalink: its text, its SPARQL, its
answer from the store, and a link that opens it in the query editor. Its RDF is the example's own
statements. A question that calls another endpoint (``SERVICE``) is not run here: the page says so and
offers the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, request
from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions
from werkzeug.wrappers import Response as BaseResponse

from amkg.catalogue.examples import PREFIX_NODE, TEXT_PREDICATES, WELL_KNOWN
from amkg.pages.documents import serialise
from amkg.pages.responses import cached, html, not_found
from amkg.rdf.namespaces import BASE, DCT, EXAMPLE_PREFIX, EXAMPLES_GRAPH, RDFS, SCHEMA
from amkg.rdf.scan import scan_query
from amkg.store import Dataset, Store
from amkg.store.values import with_values
from amkg.web.context import get_store
from amkg.web.formats import DOCUMENTS, GRAPH_FORMATS, Format, Kind, Unwritable, negotiate, prefers_html
from amkg.web.http import HttpError, choose_format
from amkg.web.public import is_ours, public_base, sparql_url, to_public

bp = Blueprint("examples", __name__)
#: Rows an answer shows on its page; the editor shows them all.
SHOWN_ROWS = 200


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""


@dataclass(frozen=True)
class Example:
    name: str
    label: str
    question: str
    sparql: str
    keywords: tuple[str, ...]

    @property
    def editor(self) -> str:
        return sparql_url(self.sparql)


def _graph_quads(store: Store) -> list[Quad]:
    graph = NamedNode(EXAMPLES_GRAPH)
    rows = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{EXAMPLES_GRAPH}> {{ ?s ?p ?o }} }}")
    return [Quad(t.subject, t.predicate, t.object, graph) for t in rows]


def examples(store: Store) -> list[Example]:
    """Every published question, in number order."""
    texts = " ".join(f"<{p}>" for p in TEXT_PREDICATES)
    rows = store.select(f"""
        SELECT ?e ?name ?label ?question ?sparql (GROUP_CONCAT(?k; SEPARATOR="\\u001f") AS ?keywords) WHERE {{
          GRAPH <{EXAMPLES_GRAPH}> {{
            ?e <{DCT}identifier> ?name ; <{RDFS}label> ?label ; <{RDFS}comment> ?question ; ?form ?sparql .
            VALUES ?form {{ {texts} }}
            OPTIONAL {{ ?e <{SCHEMA}keywords> ?k }}
          }}
        }} GROUP BY ?e ?name ?label ?question ?sparql ORDER BY ?name""")
    return [
        Example(
            r["name"].value,
            r["label"].value,
            r["question"].value,
            r["sparql"].value,
            tuple(sorted(k for k in r["keywords"].value.split("\u001f") if k)),
        )
        for r in rows
    ]


def _cell(term: object) -> Cell:
    if isinstance(term, NamedNode):
        return Cell(term.value, to_public(term.value) if is_ours(term.value) else term.value)
    return Cell(getattr(term, "value", str(term)))


def answer(store: Store, example: Example) -> dict[str, object]:
    """The answer as the page shows it: a table (SELECT), yes or no (ASK), or Turtle (CONSTRUCT, DESCRIBE)."""
    if "SERVICE" in example.sparql.upper():
        return {"kind": "remote"}
    result = store.query(example.sparql)
    if isinstance(result, QueryBoolean):
        return {"kind": "boolean", "value": bool(result)}
    if isinstance(result, QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[_cell(row[n]) if row[n] is not None else Cell("") for n in names] for row in result]
        return {"kind": "table", "columns": names, "rows": rows[:SHOWN_ROWS], "total": len(rows)}
    if scan_query(example.sparql).form == "DESCRIBE":  # with its values' statements, as the endpoint answers
        result = with_values(store, result, Dataset())
    triples = list(result)
    body = serialise([Quad(t.subject, t.predicate, t.object) for t in triples], DOCUMENTS["ttl"])
    return {"kind": "graph", "turtle": body.decode("utf-8"), "total": len(triples)}


@bp.get("/.well-known/sparql-examples")
def well_known() -> BaseResponse:
    """The examples graph as RDF (Turtle by default); a browser gets the list of questions."""
    if prefers_html(request.headers.get("Accept", "")) and not request.args.get("format"):
        response = _list_page()
    else:
        fmt = choose_format(Kind.GRAPH, request.args.getlist("format"))
        response = _document(_graph_quads(get_store()), fmt, str(PREFIX_NODE))
    response.headers["Vary"] = "Accept"
    return response


def _document(quads: list[Quad], fmt: Format, first: str) -> Response:
    try:
        return Response(serialise(quads, fmt, first), content_type=fmt.content_type)
    except Unwritable as exc:
        raise HttpError(406, str(exc)) from exc


@cached
def _list_page() -> BaseResponse:
    url = public_base() + WELL_KNOWN.removeprefix(BASE)
    return html("examples.html", examples=examples(get_store()), url=url)


@bp.get("/query/<name>")
def permalink(name: str) -> BaseResponse:
    """One question: its page, or its statements in the RDF format ``Accept`` asks for."""
    store = get_store()
    iri = EXAMPLE_PREFIX + name
    fmt = negotiate(Kind.DOCUMENT, request.headers.get("Accept", ""), request.args.getlist("format"))
    if fmt.ext == "html":
        response = _page(name)
    else:
        quads = [q for q in _graph_quads(store) if q.subject == NamedNode(iri)]
        if not quads:
            return not_found(iri)
        response = _document(quads, fmt, iri)
    response.headers["Vary"] = "Accept"
    return response


@cached
def _page(name: str) -> BaseResponse:
    store = get_store()
    found = next((e for e in examples(store) if e.name == name), None)
    if found is None:
        return not_found(EXAMPLE_PREFIX + name)
    url = to_public(EXAMPLE_PREFIX + name)
    return html(
        "query.html",
        example=found,
        answer=answer(store, found),
        url=url,
        formats=GRAPH_FORMATS,
    )
