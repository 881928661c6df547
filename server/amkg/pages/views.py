"""The linked-data pages: every IRI dereferenceable, and the pages curators read.

URL scheme (all paths below the public base; see the README):

- ``/id/{kind}/{slug}`` the thing: ``303 See Other`` to ``….html`` or an RDF document, chosen by ``Accept``;
- ``/id/{kind}/{slug}.{html,ttl,jsonld,rdf,nt,trig,nq}`` the documents about it;
- ``/ontology`` the vocabulary (303 to ``/ontology.html`` or ``/ontology.ttl``/``.rdf``…);
- ``/graph/{name}`` the named graphs.

The overview pages (``/``, ``/classes``, ``/class/{curie}``, ``/search``, ``/compare``, ``/downloads``) are
in :mod:`amkg.pages.lists`; what both share is in :mod:`amkg.pages.responses`.

Pages are rendered from a handful of store queries and kept in a small in-process cache, since a loaded
store never changes while it serves.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, redirect, request
from pyoxigraph import RdfFormat, parse
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from amkg.pages import documents, overview
from amkg.pages.citation import citation
from amkg.pages.describe import describe, exists
from amkg.pages.impacts import FIGURE_PROPERTIES, QUALIFIERS, impact_figure, impacts_of
from amkg.pages.ontology_diagram import class_tree, diagram, relations
from amkg.pages.ontology_doc import ontology_doc
from amkg.pages.responses import bp, cached, html, not_found, page_number, see_other, split_suffix, valid_iri
from amkg.pages.schemaorg import schema_jsonld
from amkg.pages.schemes import filtered, sections
from amkg.pages.search import fold
from amkg.pages.series import indicator_series, latest
from amkg.pages.statistics import palette, stat_table
from amkg.pages.vocabulary import vocabulary
from amkg.rdf.names import slug, value_owner
from amkg.rdf.namespaces import (
    AMKG,
    BASE,
    DCT_DESCRIPTION,
    EXAMPLES_GRAPH,
    INFERRED_GRAPH,
    LINKSET_PREFIX,
    ONTOLOGY,
    ONTOLOGY_GRAPH,
    OWL,
    RDFS_LABEL,
)
from amkg.store import Store
from amkg.web.context import get_dist, get_store
from amkg.web.formats import DOCUMENTS, GRAPH_FORMATS, Kind, Unwritable, link_header, negotiate
from amkg.web.http import HttpError, choose_format
from amkg.web.public import public_base, to_public

# ---------------------------------------------------------------- entities


@bp.get("/id/<path:path>")
@cached
def entity(path: str) -> BaseResponse:
    """Dereference an instance IRI (303) or serve one of the documents about it."""
    stem, ext = split_suffix(path)
    iri = BASE + "id/" + stem
    if not valid_iri(iri):
        return not_found(iri)
    owner = value_owner(iri)
    if owner is not None:  # a structured value (asked with %23) is part of its owner's page and documents
        fragment = iri.partition("#")[2]
        return redirect(f"{to_public(owner)}{'.' + ext if ext else ''}#{fragment}", code=303)
    url = to_public(iri)
    store = get_store()
    if ext is None:
        if not exists(store, iri):
            return not_found(iri)
        return see_other(url)
    links = {"Link": link_header(url, ext)}
    if ext == "html":
        return entity_page(store, iri, url, links)
    quads = documents.entity_quads(store, iri)
    if not quads:
        return not_found(iri)
    fmt = DOCUMENTS[ext]
    try:
        body = documents.serialise(quads, fmt, iri)
    except Unwritable as exc:
        raise HttpError(406, str(exc)) from exc
    return Response(body, content_type=fmt.content_type, headers=links)


def entity_page(store: Store, iri: str, url: str, headers: dict[str, str]) -> BaseResponse:
    page = page_number(request.args.get("page"))
    description = describe(store, iri, request.args.get("incoming", ""), page)
    if description is None:
        return not_found(iri)
    vocab = vocabulary(store)
    table = stat_table(description.observations, _row_for_page(description.type_iris))
    colours = {s: i for i, s in enumerate(palette(description.observations))}
    # One indicator across hubs reads as each hub's latest figure; a hub's or place's as a series per area.
    ranking = latest(table, colours) if description.is_indicator else []
    series = [] if description.is_indicator else indicator_series(description.observations)
    impacts = impacts_of(store, iri) if description.type_iris & {AMKG.CaseStudy, AMKG.Firm} else []
    impact = impact_figure(store, iri) if AMKG.Impact in description.type_iris else None
    # The figure's statements read as one phrase, the impacts as one table: not one bare row each.
    headline = description.headline  # read before the rows it gathers are hidden
    hidden = (FIGURE_PROPERTIES if impact else set()) | ({AMKG.impact} if impacts else set())
    if headline is not None:
        hidden |= QUALIFIERS
    for group in description.groups:
        group.rows = [row for row in group.rows if row.iri not in hidden]
    description.groups = [group for group in description.groups if group.rows]
    words = fold(request.args.get("filter", "")[:100]).split()
    tree = filtered(description.tree, words, fold) if words else description.tree
    tree_sections = sections(tree, vocab.label) if tree else []
    graph_dump, cited = None, None
    if AMKG.SourceDocument in description.type_iris:
        graph_dump = get_dist().download(f"graphs/{slug(iri)}.ttl")
        cited = citation(store, iri)
    return html(
        "entity.html",
        headers=headers,
        d=description,
        url=url,
        series=series,
        impacts=impacts,
        impact=impact,
        headline=headline,
        ranking=ranking,
        table=table,
        legend=palette(description.observations),
        tree_sections=tree_sections,
        tree_filter=" ".join(words),
        tree_tops=any(n.top for n in description.tree),
        tree_open=request.args.get("open") == "all",
        formats=GRAPH_FORMATS,
        jsonld=schema_jsonld(description, url + ".html"),
        describe_query=f"DESCRIBE <{iri}>",
        graph_dump=graph_dump,
        cited=cited,
    )


def _row_for_page(types: set[str]) -> Callable:
    """Statistics rows are indicators on a hub's or place's page, hubs (or areas) on an indicator's page."""
    if AMKG.Indicator in types:
        return lambda obs: obs.hub or obs.area
    return lambda obs: obs.indicator


# ---------------------------------------------------------------- ontology and graphs


@bp.get("/ontology")
def ontology() -> BaseResponse:
    return see_other(to_public(ONTOLOGY))


@bp.get("/ontology.<ext>")
@cached
def ontology_document(ext: str) -> BaseResponse:
    fmt = DOCUMENTS.get(ext)
    if fmt is None:
        raise NotFound()
    url = to_public(ONTOLOGY)
    links = {"Link": link_header(url, ext)}
    store = get_store()
    if ext == "html":
        counts = {c.iri: c for c in overview.class_counts(store)}
        doc = ontology_doc(store)
        links_between = relations(doc)
        return html(
            "ontology.html",
            headers=links,
            doc=doc,
            hierarchy=class_tree(doc),
            relations=links_between,
            diagram=diagram(links_between),
            counts=counts,
            url=url,
            formats=GRAPH_FORMATS,
        )
    try:
        body = documents.ontology_document(store, fmt)
    except Unwritable as exc:
        raise HttpError(406, str(exc)) from exc
    return Response(body, content_type=fmt.content_type, headers=links)


@bp.get("/ontology/<path:version>")
def ontology_version(version: str) -> BaseResponse:
    """Version IRIs: the current one leads to the ontology (303); an earlier one (``/ontology/0.1.0``) is
    that version's own document, as released, in the RDF format asked for (Turtle by default)."""
    current = get_store().select(f"SELECT ?v WHERE {{ GRAPH ?g {{ <{ONTOLOGY}> <{OWL}versionIRI> ?v }} }}")
    if any(r["v"].value == f"{ONTOLOGY}/{version}" for r in current):
        return redirect(to_public(ONTOLOGY), code=303)
    release = get_dist().ontology_release(version)
    if release is None:
        return not_found(f"{ONTOLOGY}/{version}")
    fmt = choose_format(Kind.GRAPH, request.args.getlist("format"))
    if fmt.rdf == RdfFormat.TURTLE:
        body = release.read_bytes()
    else:
        body = documents.serialise(list(parse(path=release, format=RdfFormat.TURTLE)), fmt)
    response = Response(body, content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/graph/<name>")
def graph(name: str) -> BaseResponse:
    """Graph IRIs lead to what the graph holds: the ontology graph is the ontology; the inferred graph, the
    linksets and the examples are their Turtle dump for RDF clients and a short page, counted by property,
    for people."""
    iri = BASE + "graph/" + name
    if iri == ONTOLOGY_GRAPH:
        return redirect(to_public(ONTOLOGY), code=303)
    if iri not in (INFERRED_GRAPH, EXAMPLES_GRAPH) and not iri.startswith(LINKSET_PREFIX):
        return not_found(iri)
    if get_dist().download(f"graphs/{name}.ttl") is None:
        return not_found(iri)
    dump = f"graphs/{name}.ttl"
    if negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext != "html" and any(
        d.name == dump for d in get_dist().downloads
    ):
        response = redirect(public_base() + "downloads/" + dump, code=303)
    else:
        response = inferred_page(iri)
    response.headers["Vary"] = "Accept"
    return response


@cached
def inferred_page(iri: str) -> BaseResponse:
    store = get_store()
    rows = store.select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} GROUP BY ?p ORDER BY DESC(?n)"
    )
    vocab = vocabulary(store)
    counts = [(vocab.label(r["p"].value), to_public(r["p"].value), int(r["n"].value)) for r in rows]
    about = store.select(
        f"SELECT ?l ?d WHERE {{ GRAPH <{iri}> {{ <{iri}> <{RDFS_LABEL}> ?l . "
        f"OPTIONAL {{ <{iri}> <{DCT_DESCRIPTION}> ?d }} }} }}"
    )
    title = about[0]["l"].value if about else ""
    intro = about[0]["d"].value if about and about[0].get("d") is not None else ""
    dump = get_dist().download(f"graphs/{iri.removeprefix(BASE + 'graph/')}.ttl")
    return html(
        "graph.html",
        iri=iri,
        counts=counts,
        total=sum(c[2] for c in counts),
        title=title,
        intro=intro,
        dump=dump,
    )
