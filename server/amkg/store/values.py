"""The statements of the structured values a DESCRIBE reaches, followed as the engine follows blank nodes.

One definition for the two places that answer a DESCRIBE: the SPARQL endpoint and the catalogue's stored
answers (``amkg queries --update-expected``), so the expected answers are what the endpoint serves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from amkg.rdf.names import is_value_iri
from amkg.store.model import Dataset, Store


def with_values(store: Store, triples: Iterable[ox.Triple], dataset: Dataset) -> Iterator[ox.Triple]:
    """A DESCRIBE's triples and the statements of the structured values they reach.

    The engine's DESCRIBE gives a resource's statements and follows blank nodes (its concise bounded
    description); the build gave values IRIs of their owner's (``{owner}#funding-…``), which the engine does
    not follow, so a money amount would come without its figure. They are followed here, as the engine
    followed their blank nodes, over the statements of the dataset's graphs.
    """
    seen: set[ox.Triple] = set()
    pending: list[ox.NamedNode] = []
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple
            if isinstance(triple.object, ox.NamedNode) and is_value_iri(triple.object.value):
                pending.append(triple.object)
    done: set[ox.NamedNode] = set()
    graphs = None if not dataset.from_protocol else set(dataset.default or ())
    while pending:
        value = pending.pop()
        if value in done:
            continue
        done.add(value)
        for quad in store.quads_for(value):
            graph = quad.graph_name
            if quad.subject != value or (
                graphs is not None and not (isinstance(graph, ox.NamedNode) and graph.value in graphs)
            ):
                continue
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if triple not in seen:
                seen.add(triple)
                yield triple
                if isinstance(triple.object, ox.NamedNode) and is_value_iri(triple.object.value):
                    pending.append(triple.object)
