"""The overview pages: home, classes and class lists, search, the hub comparison, downloads.

Each is one or two store queries over the per-store counts and indexes, kept in the page cache.
"""

from __future__ import annotations

from flask import jsonify, redirect, request, send_from_directory, url_for
from pyoxigraph import NamedNode
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from amkg.pages import overview
from amkg.pages.columns import cells, columns_for
from amkg.pages.dataset import dataset_jsonld, how_to_cite
from amkg.pages.describe import labels_for
from amkg.pages.responses import bp, cached, html, not_found, page_number, valid_iri
from amkg.pages.schemes import concept_schemes
from amkg.pages.search import hits as search_hits
from amkg.pages.search import search as run_search
from amkg.pages.series import comparison
from amkg.pages.sources import sources
from amkg.pages.statistics import hub_observations_query, observation_rows
from amkg.pages.vocabulary import vocabulary
from amkg.rdf.names import expand, slug
from amkg.rdf.namespaces import AMKG
from amkg.store.summary import summary
from amkg.web.context import get_dist, get_store, settings
from amkg.web.formats import Kind, negotiate
from amkg.web.http import HttpError
from amkg.web.public import public_base, to_public

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
        main=overview.main_classes(store),
        questions=overview.example_questions(settings().root / "queries"),
        downloads=get_dist().downloads,
        total=sum(sizes.values()),
        entities=summary(store).entities,
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
    """Instances of a class and its subclasses, 50 a page, sorted by label or by a key column
    (``?sort=country``, ``&desc=1`` for the other way)."""
    iri = expand(name)
    if iri is not None and not valid_iri(iri):
        iri = None
    store = get_store()
    vocab = vocabulary(store)
    # Classes with members anywhere, the ontology's own individuals included (skos:ConceptScheme, amkg:Bound).
    known = {c.iri for c in overview.class_counts(store)} | {c for c, _ in summary(store).class_partitions}
    if iri is None or (iri not in known and iri not in vocab.subclasses and iri not in vocab.superclasses):
        return not_found(iri or name)
    members = overview.class_members(store, iri, vocab)
    columns = columns_for(iri, vocab)
    table = cells(store, [m.iri for m in members], columns, vocab)
    sort = request.args.get("sort", "")
    descending = request.args.get("desc") == "1"
    if sort in {c.name for c in columns}:  # members without a value come last either way
        present = sorted(
            (m for m in members if table[m.iri][sort].values), key=lambda m: table[m.iri][sort].key
        )
        absent = [m for m in members if not table[m.iri][sort].values]
        members = (present[::-1] if descending else present) + absent
    elif descending:
        members.reverse()
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
        columns=columns,
        table=table,
        sort=sort if sort in {c.name for c in columns} else "",
        descending=descending,
    )


@bp.get("/search")
def search() -> BaseResponse:
    """Ranked search by name, filtered by class (``?class=amkg:Hub``)."""
    query = request.args.get("q", "")[:200]
    name = request.args.get("class", "")[:100]
    cls = (expand(name) or "") if name else ""
    groups, total, facets = run_search(get_store(), query, cls) if query.strip() else ([], 0, [])
    if name and cls not in vocabulary(get_store()).labels and cls not in {f[0] for f in facets}:
        return html("search.html", status=400, q=query, groups=[], total=0, facets=[], cls="", bad_class=name)
    return html("search.html", q=query, groups=groups, total=total, facets=facets, cls=cls, bad_class="")


@bp.get("/search.json")
def search_json() -> BaseResponse:
    """The best hits as JSON, for completing a name as it is typed (``?q=mich&limit=10``)."""
    query = request.args.get("q", "")[:200]
    raw = request.args.get("limit", "10")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 2 and 1 <= int(raw) <= 50):
        raise HttpError(400, f"limit must be a whole number from 1 to 50, not {raw[:20]!r}.")
    limit = int(raw)
    found = search_hits(get_store(), query)[:limit] if query.strip() else []
    vocab = vocabulary(get_store())
    body = [
        {
            "label": h.entry.label,
            "iri": h.entry.iri,
            "href": h.entry.href,
            "class": vocab.label(h.type_iri) if h.type_iri else "",
            "matched": "".join(text for text, _ in h.snippet),
        }
        for h in found
    ]
    return jsonify(body)


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
    known_hubs = {slug(o.hub.iri) for o in observations if o.hub}
    known_indicators = {slug(o.indicator.iri) for o in observations}
    unknown = sorted(chosen_hubs - known_hubs) + sorted(chosen_indicators - known_indicators)
    if unknown:
        return html(
            "compare.html",
            status=404,
            unknown=unknown,
            sections=[],
            hubs=[],
            indicators=[],
            chosen_hubs=set(),
            chosen_indicators=set(),
            slug=slug,
            legend=[],
        )
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
        unknown=[],
    )


@bp.get("/favicon.ico")
def favicon() -> BaseResponse:
    """Browsers ask for ``/favicon.ico`` whatever the page says; the icon is one SVG."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


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
