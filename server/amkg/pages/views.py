"""The linked-data pages: every IRI dereferenceable, and the pages curators read.

URL scheme (all paths below the public base; see the README):

- ``/id/{kind}/{slug}`` the thing: ``303 See Other`` to ``….html`` or an RDF document, chosen by ``Accept``;
- ``/id/{kind}/{slug}.{html,ttl,jsonld,rdf,nt,trig,nq}`` the documents about it;
- ``/ontology`` the vocabulary (303 to ``/ontology.html`` or ``/ontology.ttl``/``.rdf``…);
- ``/class/{curie}``, ``/classes``, ``/search``, ``/compare``, ``/downloads``, ``/`` the overview pages.

Pages are rendered from a handful of store queries and kept in a small in-process cache, since a loaded
store never changes while it serves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, send_from_directory
from pyoxigraph import NamedNode, RdfFormat, parse
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from amkg.pages import documents, overview
from amkg.pages.dataset import dataset_jsonld, how_to_cite
from amkg.pages.describe import describe, exists, labels_for
from amkg.pages.ontology_doc import ontology_doc
from amkg.pages.schemaorg import schema_jsonld
from amkg.pages.schemes import concept_schemes, sections
from amkg.pages.search import search as run_search
from amkg.pages.sources import sources
from amkg.pages.statistics import (
    Ref,
    comparison,
    hub_observations_query,
    indicator_charts,
    latest_chart,
    observation_rows,
    palette,
    stat_table,
)
from amkg.pages.vocabulary import vocabulary
from amkg.rdf.names import expand, slug, sparql_iri, value_owner
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
from amkg.store.summary import summary
from amkg.web.context import get_dist, get_store, settings
from amkg.web.formats import DOCUMENTS, GRAPH_FORMATS, Kind, Unwritable, link_header, negotiate
from amkg.web.http import HttpError, choose_format
from amkg.web.public import public_base, to_public

bp = Blueprint("pages", __name__)


def cached(view: Callable[..., BaseResponse]) -> Callable[..., BaseResponse]:
    """Serve a page from the app's page cache; only successful responses are kept.

    The cache belongs to the app, and so to its store; the key holds the public base, so another host name
    never sees a page with the wrong links.
    """

    @wraps(view)
    def wrapper(*args: object, **kwargs: object) -> BaseResponse:
        cache = current_app.extensions["amkg.pages"]
        key = (public_base(), request.path, request.query_string)
        hit = cache.get(key)
        if hit is None:
            response = view(*args, **kwargs)
            if response.status_code != 200 or response.direct_passthrough:
                return response
            hit = (response.status_code, list(response.headers.items()), response.get_data())
            size = len(hit[2]) + sum(len(k) + len(v) for k, v in hit[1]) + len(request.path)
            cache.put(key, hit, size)
        response = Response(hit[2], status=hit[0], headers=hit[1])
        response.add_etag()
        return response.make_conditional(request)

    return wrapper


@bp.before_request
def count_queries() -> None:
    g.queries_before = get_store().queries


@bp.after_request
def report_queries(response: Response) -> BaseResponse:
    """How many SPARQL queries the answer took, as a ``Server-Timing`` metric (browsers' developer tools
    show it); one served from the page cache took none."""
    before = g.get("queries_before")
    if before is not None:  # None: the request failed before the count began
        response.headers["Server-Timing"] = f'store;desc="SPARQL queries: {get_store().queries - before}"'
    return response


def html(
    template: str, status: int = 200, headers: dict[str, str] | None = None, **context: object
) -> Response:
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def see_other(url_without_suffix: str) -> BaseResponse:
    """303 to the document in the format ``Accept`` asks for, pointing to all alternates."""
    ext = negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext
    response = redirect(f"{url_without_suffix}.{ext}", code=303)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = link_header(url_without_suffix)
    return response


def valid_iri(iri: str) -> bool:
    """Whether a requested IRI is an IRI at all (anything else is simply not found)."""
    try:
        sparql_iri(iri)
    except ValueError:
        return False
    return True


def page_number(arg: str | None) -> int:
    """``?page=`` as a page number from 1: anything that is not a plain number (``-1``, ``abc``, ``²``) is
    the first page; callers bring numbers past the last page back to the last page.

    ``str.isdigit`` alone would let through digits ``int`` cannot read (``²``) and numbers too long for it
    (over 4,300 digits), both once a 500; any number of over nine digits is past the last page anyway.
    """
    digits = (arg or "").lstrip("0")
    if not digits.isascii() or not digits.isdigit():
        return 1
    return int(digits) if len(digits) <= 9 else 10**9


def split_suffix(path: str) -> tuple[str, str | None]:
    """``hub/michigan.ttl`` → (``hub/michigan``, ``ttl``); no known suffix → (path, None)."""
    head, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in DOCUMENTS:
        return head, ext
    return path, None


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
    if AMKG.Indicator in description.type_iris:
        # One indicator across hubs: bars per hub read better than a crowd of columns per year.
        colours = {s: i for i, s in enumerate(palette(description.observations))}
        units = ", ".join(sorted({r.unit for r in table.rows if r.unit}))
        chart = latest_chart(f"{description.label}: latest figure per hub or area", table, colours)
        charts = [(Ref(iri, description.label), units, chart)] if description.observations else []
    else:
        charts = indicator_charts(description.observations)
    tree_sections = sections(description.tree, vocab.label) if description.tree else []
    graph_size, graph_dump = None, None
    if AMKG.SourceDocument in description.type_iris:
        graph_size = summary(store).graph_size(iri)
        graph_dump = get_dist().download(f"graphs/{slug(iri)}.ttl")
    return html(
        "entity.html",
        headers=headers,
        d=description,
        url=url,
        charts=charts,
        table=table,
        legend=palette(description.observations),
        tree_sections=tree_sections,
        formats=GRAPH_FORMATS,
        jsonld=schema_jsonld(description, url + ".html"),
        describe_query=f"DESCRIBE <{iri}>",
        graph_size=graph_size,
        graph_dump=graph_dump,
    )


def _row_for_page(types: set[str]) -> Callable:
    """Statistics rows are indicators on a hub's or place's page, hubs (or areas) on an indicator's page."""
    if AMKG.Indicator in types:
        return lambda obs: obs.hub or obs.area
    return lambda obs: obs.indicator


def not_found(iri: str = "") -> Response:
    """The 404 page (HTML for browsers, a line of text for other clients)."""
    if negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext != "html":
        response = Response(f"Not found: {iri or request.path}\n", status=404, mimetype="text/plain")
    else:
        response = html("404.html", status=404, iri=iri)
    response.headers["Vary"] = "Accept"
    return response


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
        return html(
            "ontology.html",
            headers=links,
            doc=ontology_doc(store),
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


# ---------------------------------------------------------------- overview pages


@bp.get("/")
def home() -> BaseResponse:
    """The dataset's IRI (``https://w3id.org/amkg/``): its VoID description for RDF clients, else the home
    page. Negotiated before the page cache, whose key holds no ``Accept``."""
    if negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext != "html":
        response = redirect(public_base() + ".well-known/void", code=303)
    else:
        response = home_page()
    response.headers["Vary"] = "Accept"
    return response


@cached
def home_page() -> BaseResponse:
    store = get_store()
    sizes = {g.iri: g.triples for g in summary(store).graphs}
    docs = sorted(
        (s for s in sources(store).values() if s.kind == "document"), key=lambda s: (s.year, s.label)
    )
    return html(
        "home.html",
        sources=[(s, sizes.get(s.iri, 0)) for s in docs],
        counts=overview.class_counts(store),
        questions=overview.example_questions(settings().root / "queries"),
        downloads=get_dist().downloads,
        total=sum(sizes.values()),
        schemes=[(s.label, to_public(s.iri)) for s in concept_schemes(store)],
        dataset=dataset_jsonld(store),
        cite=how_to_cite(),
    )


@bp.get("/classes")
@cached
def classes() -> BaseResponse:
    return html("classes.html", counts=overview.class_counts(get_store()))


@bp.get("/class/<name>")
@cached
def class_page(name: str) -> BaseResponse:
    """Instances of a class and its subclasses, 50 a page, sorted by label."""
    iri = expand(name)
    if iri is not None and not valid_iri(iri):
        iri = None
    store = get_store()
    vocab = vocabulary(store)
    known = {c.iri for c in overview.class_counts(store)}
    if iri is None or (iri not in known and iri not in vocab.subclasses and iri not in vocab.superclasses):
        return not_found(iri or name)
    members = overview.class_members(store, iri, vocab)
    size = overview.CLASS_PAGE_SIZE
    pages = max(1, -(-len(members) // size))
    page = min(page_number(request.args.get("page")), pages)
    subclasses = sorted(
        (c for c in overview.class_counts(store) if c.iri in vocab.descendants(iri) and c.iri != iri),
        key=lambda c: c.label,
    )
    return html(
        "class.html",
        iri=iri,
        name=name,
        label=vocab.label(iri),
        definition=vocab.definitions.get(iri, ""),
        members=members[(page - 1) * size : page * size],
        total=len(members),
        page=page,
        pages=pages,
        subclasses=subclasses,
        superclasses=sorted(vocab.superclasses.get(iri, ())),
        vocab=vocab,
        ours=iri.startswith(AMKG.namespace),
    )


@bp.get("/search")
def search() -> BaseResponse:
    query = request.args.get("q", "")[:200]
    groups, total = run_search(get_store(), query) if query.strip() else ([], 0)
    return html("search.html", q=query, groups=groups, total=total)


@bp.get("/compare")
@cached
def compare() -> BaseResponse:
    """Hubs side by side on each indicator: a table by year and a bar chart of each hub's latest figure."""
    store = get_store()
    chosen_hubs = set(request.args.getlist("hub"))
    chosen_indicators = set(request.args.getlist("indicator"))
    raw = store.select(hub_observations_query())
    iris = {t.value for row in raw for t in row.values() if isinstance(t, NamedNode)}
    observations = observation_rows(raw, labels_for(store, iris, vocabulary(store)), sources(store))
    view = comparison(observations, chosen_hubs, chosen_indicators)
    return html(
        "compare.html",
        sections=view.sections,
        hubs=view.hubs,
        indicators=view.indicators,
        chosen_hubs=chosen_hubs,
        chosen_indicators=chosen_indicators,
        slug=slug,
        legend=view.legend,
    )


@bp.get("/downloads")
@cached
def downloads() -> BaseResponse:
    return html("downloads.html", downloads=get_dist().downloads)


@bp.get("/downloads/<path:name>")
def download(name: str) -> BaseResponse:
    """A dump from ``dist/``, only the files the downloads page lists."""
    listed = {d.name: d for d in get_dist().downloads}
    if name not in listed:
        raise NotFound()
    response = send_from_directory(settings().dist, name, mimetype=listed[name].media_type, max_age=300)
    if not name.endswith(".gz"):  # every other dump is UTF-8 text
        response.headers["Content-Type"] = f"{listed[name].media_type}; charset=utf-8"
    return response
