"""Everything an entity page shows about one IRI, gathered in a handful of store queries.

1. its own statements, with the statements of its structured values (money, quantities), each with its graph;
2. the statements pointing at it (a structured value replaced by the resource that holds it);
3. when it is a hub, place or indicator: the observations about it; when it is a concept scheme: its concepts;
4. the labels of every IRI mentioned above (one ``VALUES`` query; the vocabulary's labels are cached).

The graph of each statement is its provenance: the source document whose IRI names the graph.
"""

from __future__ import annotations

from collections import defaultdict

from flask import url_for
from pyoxigraph import NamedNode, Quad, Triple

from amkg.pages.model import (
    Description,
    Disagreement,
    Group,
    IncomingGroup,
    Pointing,
    PropertyRow,
    Provenance,
    Stated,
)
from amkg.pages.neighbourhood import neighbourhood
from amkg.pages.schemes import build_tree, scheme_query
from amkg.pages.sources import Source, source_for, sources
from amkg.pages.statistics import observation_quads, observation_rows
from amkg.pages.values import Value, iri_value, term_value
from amkg.pages.vocabulary import GROUP_OF, HEADER_PROPERTIES, ORDER_IN_GROUP, Vocabulary, vocabulary
from amkg.rdf.names import curie, sparql_iri
from amkg.rdf.namespaces import (
    AMKG,
    DCT_DESCRIPTION,
    DCT_SOURCE,
    INFERRED_GRAPH,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA,
    SKOS,
    SKOS_ALT,
    SKOS_DEFINITION,
)
from amkg.store import Store, Term
from amkg.web.public import to_public

PAGE_SIZE = 25
STATS_TYPES = {
    AMKG.Hub,
    AMKG.Place,
    AMKG.Country,
    AMKG.Region,
    AMKG.City,
    AMKG.Indicator,
}


def exists(store: Store, iri: str) -> bool:
    """Whether the graph says anything about ``iri``, as subject or as object."""
    node = sparql_iri(iri)
    return store.ask(f"ASK {{ GRAPH ?g {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }} }}")


def labels_for(store: Store, iris: set[str], vocab: Vocabulary) -> dict[str, str]:
    """Labels of ``iris``: the vocabulary's from the cache, the rest in one query."""
    labels = {i: vocab.label(i) for i in iris if vocab.has_label(i)}
    missing = sorted(i for i in iris if i not in labels)
    if missing:
        values = " ".join(sparql_iri(i) for i in missing)
        rows = store.select(
            f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ ?x <{RDFS_LABEL}> ?l }} }}"
        )
        for row in sorted(rows, key=lambda r: r["l"].value):
            labels.setdefault(row["x"].value, row["l"].value)
    return labels


def describe(store: Store, iri: str, incoming_key: str = "", incoming_page: int = 1) -> Description | None:
    """The whole entity page for ``iri``; ``None`` when the graph does not mention it."""
    vocab = vocabulary(store)
    known = sources(store)
    near = neighbourhood(store, iri)
    if not near:
        return None
    out_rows = [Stated(q.predicate.value, q.object, _graph(q)) for q in near.outgoing]
    out_rows += [Stated(q.predicate.value, q.object, _graph(q), _name(q.subject)) for q in near.inner]
    in_rows = [Pointing(_name(q.subject), q.predicate.value, _graph(q)) for q in near.incoming]
    in_rows += [Pointing(_name(owner.subject), q.predicate.value, _graph(q)) for owner, q in near.via_value]
    type_iris = {_name(r.object) for r in out_rows if r.predicate == RDF_TYPE and r.value is None}
    obs_raw = observation_quads(store, near.incoming) if type_iris & STATS_TYPES else []
    tree_raw = store.select(scheme_query(iri)) if SKOS + "ConceptScheme" in type_iris else []

    mentioned: set[str] = set()
    for row in out_rows:
        if isinstance(row.object, NamedNode):
            mentioned.add(row.object.value)
        if row.value is not None:
            mentioned.add(row.value)
        mentioned.add(row.predicate)
    mentioned.update(r.subject for r in in_rows)
    for found in obs_raw + tree_raw:
        mentioned.update(t.value for t in found.values() if isinstance(t, NamedNode))
    labels = labels_for(store, mentioned | {iri}, vocab)

    props, parts = _collect_outgoing(out_rows, labels, known)
    observations = observation_rows(obs_raw, labels, known)
    shown_elsewhere = {o.iri for o in observations} | {r["c"].value for r in tree_raw}
    label = labels.get(iri)
    header = {p: props.pop(p, {}) for p in HEADER_PROPERTIES}
    _drop_redundant_inferences(props, in_rows, INFERRED_GRAPH, vocab)
    for values in props.values():
        for value in values.values():
            if value.kind == "value":
                _fill_value(value, parts, labels, vocab)
    return Description(
        iri=iri,
        label=label or _fallback_label(iri),
        has_label=label is not None,
        types=_types(header[RDF_TYPE]),
        type_iris=type_iris,
        alt_labels=list(header[SKOS_ALT].values()),
        descriptions=_by_source(header[DCT_DESCRIPTION]),
        definitions=_by_source(header[SKOS_DEFINITION]),
        groups=_groups(props, vocab),
        incoming=_incoming_groups(
            in_rows, labels, known, vocab, props, shown_elsewhere, incoming_key, incoming_page
        ),
        disagreements=_disagreements(props, header, vocab),
        provenance=_provenance(out_rows, header.get(AMKG.sourceSection, {}), known),
        observations=observations,
        tree=build_tree(tree_raw, labels) if tree_raw else [],
        outgoing_count=len(out_rows),
        labels=labels,
    )


def _name(term: Term) -> str:
    """An IRI's or blank node's identifier; a quoted triple (which our data never holds) as N-Triples."""
    return str(term) if isinstance(term, Triple) else term.value


def _graph(quad: Quad) -> str:
    """The graph a statement was read from: always a named graph (the union's copies are not read)."""
    return quad.graph_name.value if isinstance(quad.graph_name, NamedNode) else ""


def _by_source(values: dict[str, Value]) -> list[Value]:
    """Values oldest source first, so the newest document's wording comes last."""
    return sorted(values.values(), key=lambda v: max((s.sort_key for s in v.sources), default=(0, "", "")))


def _fallback_label(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _collect_outgoing(
    rows: list[Stated], labels: dict[str, str], known: dict[str, Source]
) -> tuple[dict[str, dict[str, Value]], dict[str, list[tuple[str, Value]]]]:
    """Values per property (in first-seen order) with their sources, and each structured value's parts."""
    props: dict[str, dict[str, Value]] = {}
    parts: dict[str, dict[tuple[str, str], tuple[str, Value]]] = defaultdict(dict)
    for row in rows:
        source = source_for(row.graph, known)
        if row.value is not None:
            inner = term_value(row.object, labels)
            parts[row.value].setdefault((row.predicate, inner.key), (row.predicate, inner))
            continue
        value = term_value(row.object, labels)
        existing = props.setdefault(row.predicate, {}).setdefault(value.key, value)
        existing.add_source(source)
    return props, {v: list(found.values()) for v, found in parts.items()}


def _fill_value(
    value: Value, parts: dict[str, list[tuple[str, Value]]], labels: dict[str, str], vocab: Vocabulary
) -> None:
    """Give a structured value (MonetaryAmount, QuantitativeValue…) its parts and a one-line summary."""
    by_prop: dict[str, list[Value]] = defaultdict(list)
    for prop, inner in parts.get(value.key, []):
        by_prop[prop].append(inner)
    types = [v.key for v in by_prop.pop(RDF_TYPE, [])]
    value.type_label = ", ".join(vocab.label(t) for t in types)
    value.text = _summary(by_prop, types)
    # The qualifiers ride in the summary ("more than 10,000 sensors, target"), never in rows of their own.
    shown = {p: vs for p, vs in by_prop.items() if p not in (AMKG.bound, AMKG.figureStatus)}
    ordered = sorted(shown.items(), key=lambda kv: (kv[0] != SCHEMA + "value", kv[0]))
    value.parts = [(vocab.label(p), v) for p, vs in ordered for v in vs]


def _summary(by_prop: dict[str, list[Value]], types: list[str]) -> str:
    """``EUR 20,000,000,000 (2020–2025)`` or ``more than 500 companies supported``: the figure in one line,
    its bound in front and a status other than measured after it."""

    def first(prop: str) -> str:
        values = by_prop.get(prop)
        return values[0].text if values else ""

    amount = first(SCHEMA + "value")
    years = "–".join(dict.fromkeys(y for y in (first(AMKG.startYear), first(AMKG.endYear)) if y))
    if SCHEMA + "MonetaryAmount" in types:
        text = " ".join(x for x in (first(SCHEMA + "currency"), amount) if x)
    else:
        unit = first(AMKG.unit)
        text = " ".join(x for x in (amount, "" if unit in ("count", "") else unit) if x)
        measure = first(AMKG.measure)
        if measure:
            text = f"{text} {measure}".strip()
    bound = by_prop.get(AMKG.bound)
    if text and bound and bound[0].key != AMKG.exactly:  # "more than 10,000 sensors"
        text = f"{bound[0].text} {text}"
    status = by_prop.get(AMKG.figureStatus)
    if text and status and status[0].key != AMKG.measuredFigure:
        text = f"{text}, {status[0].text}"
    if years:
        text = f"{text} ({years})"
    return text or first(DCT_DESCRIPTION) or "structured value"


def _types(values: dict[str, Value]) -> list[Value]:
    """Asserted types first, each linked to its class page; types only the reasoner added are dropped."""
    result = []
    for value in values.values():
        if value.inferred_only:
            continue
        name = curie(value.key)
        if name:
            value.href = url_for("pages.class_page", name=name)
        result.append(value)
    return sorted(result, key=lambda v: v.text.lower())


def _groups(props: dict[str, dict[str, Value]], vocab: Vocabulary) -> list[Group]:
    """Properties grouped by meaning, in reading order, values sorted by label."""
    buckets: dict[tuple[int, str], list[PropertyRow]] = defaultdict(list)
    for prop, values in props.items():
        rank = GROUP_OF.get(prop, (len(GROUP_OF) + 1, "Other statements"))
        ordered = sorted(values.values(), key=lambda v: (v.inferred_only, v.kind == "value", v.text.lower()))
        buckets[rank].append(
            PropertyRow(
                iri=prop,
                label=vocab.label(prop),
                href=to_public(prop),
                definition=vocab.definitions.get(prop, ""),
                values=ordered,
            )
        )
    return [
        Group(title=title, rows=sorted(rows, key=lambda r: (ORDER_IN_GROUP.get(r.iri, 99), r.label)))
        for (_, title), rows in sorted(buckets.items())
    ]


def _drop_redundant_inferences(
    props: dict[str, dict[str, Value]], in_rows: list[Pointing], inferred: str, vocab: Vocabulary
) -> None:
    """Hide what the reasoner adds only in another form: a superproperty repeating a stated link, or an
    inverse repeating a link stated from the other side (which then shows with its source, under
    "Referenced by"). Inferences that say something new (a region's country, say) stay, marked inferred."""
    stated = {v.key for values in props.values() for v in values.values() if not v.inferred_only}
    pointing = {(r.subject, r.predicate) for r in in_rows if r.graph != inferred}
    for prop, values in props.items():
        inverse = vocab.inverses.get(prop, "")
        for key in [k for k, v in values.items() if v.inferred_only]:
            if key in stated or (key, inverse) in pointing:
                del values[key]
    for prop in [p for p, values in props.items() if not values]:
        del props[prop]


def _incoming_groups(
    rows: list[Pointing],
    labels: dict[str, str],
    known: dict[str, Source],
    vocab: Vocabulary,
    props: dict[str, dict[str, Value]],
    skip: set[str],
    key: str,
    page: int,
) -> list[IncomingGroup]:
    """Who points here, grouped by property; a link already shown as a stated statement of the page's own
    (through the inverse property) is not repeated, nor is a reasoner's link to something shown already."""
    inferred = INFERRED_GRAPH
    shown = {v.key for values in props.values() for v in values.values()}
    asserted_in = {row.subject for row in rows if row.graph != inferred}
    grouped: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        subject, prop, graph = row.subject, row.predicate, row.graph
        if subject in skip or prop == RDF_TYPE:
            continue
        inverse = vocab.inverses.get(prop)
        if inverse and subject in props.get(inverse, {}) and not props[inverse][subject].inferred_only:
            continue
        if graph == inferred and (subject in shown or subject in asserted_in):
            continue
        grouped[prop][subject].add(graph)
    result = []
    for prop, subjects in grouped.items():
        name = curie(prop) or prop
        ordered = sorted(subjects, key=lambda s: (s not in labels, (labels.get(s) or s).lower()))
        pages = max(1, -(-len(ordered) // PAGE_SIZE))
        current = min(max(page, 1), pages) if key == name else 1
        window = []
        for subject in ordered[(current - 1) * PAGE_SIZE : current * PAGE_SIZE]:
            value = iri_value(subject, labels.get(subject))
            for graph in subjects[subject]:
                value.add_source(source_for(graph, known))
            window.append(value)
        result.append(
            IncomingGroup(
                prop=prop,
                key=name,
                label=vocab.incoming_label(prop),
                values=window,
                total=len(ordered),
                page=current,
                pages=pages,
            )
        )
    return sorted(result, key=lambda g: (g.prop == DCT_SOURCE, g.label.lower()))


def _disagreements(
    props: dict[str, dict[str, Value]], header: dict[str, dict[str, Value]], vocab: Vocabulary
) -> list[Disagreement]:
    """Properties that two or more documents state with different values, document by document."""
    result = []
    candidates = {**props, DCT_DESCRIPTION: header.get(DCT_DESCRIPTION, {})}
    for prop, values in candidates.items():
        per_doc: dict[Source, list[Value]] = defaultdict(list)
        for value in values.values():
            for source in value.documents:
                per_doc[source].append(value)
        if len(per_doc) < 2:
            continue
        keysets = {frozenset(v.key for v in vs) for vs in per_doc.values()}
        if len(keysets) < 2:
            continue
        cells = {doc: sorted(vals, key=lambda v: v.text.lower()) for doc, vals in per_doc.items()}
        result.append(Disagreement(label=vocab.label(prop), cells=cells))
    return sorted(result, key=lambda d: d.label)


def _provenance(rows: list[Stated], sections: dict[str, Value], known: dict[str, Source]) -> list[Provenance]:
    """Each document stating something about the entity, with its sections and how many statements."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.value is None:
            counts[row.graph] += 1
    by_source: dict[str, list[str]] = defaultdict(list)
    for value in sections.values():
        for source in value.sources:
            by_source[source.iri].append(value.text)
    result = [
        Provenance(source=source_for(g, known), sections=sorted(by_source.get(g, [])), statements=n)
        for g, n in counts.items()
    ]
    return sorted(result, key=lambda p: p.source.sort_key)
