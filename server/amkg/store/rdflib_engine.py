"""rdflib's memory store and SPARQL engine, only to compare the default engine against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import Dataset as RdflibDataset
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow

from amkg.rdf.terms import from_ox, quad, to_ox, triple
from amkg.store.model import Dataset, Result, Term
from amkg.store.solutions import boolean, solutions


class RdflibBackend:
    """rdflib's memory store and SPARQL engine; answers converted to pyoxigraph objects."""

    def __init__(self, dump: Path) -> None:
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM must never fetch anything from the network
        self.dataset = RdflibDataset(default_union=True)
        self.dataset.parse(str(dump), format="nquads")

    def _graphs_for(self, dataset: Dataset) -> RdflibDataset:
        """rdflib takes no protocol dataset: copy the requested graphs into a dataset of their own."""
        view = RdflibDataset()
        default = view.graph(DATASET_DEFAULT_GRAPH_ID)
        for g in dataset.default or ():
            default += self.dataset.graph(URIRef(g))
        for g in dataset.named or ():
            named = view.graph(URIRef(g))
            named += self.dataset.graph(URIRef(g))
        return view

    def query(self, text: str, dataset: Dataset, base_iri: str | None = None) -> Result:
        target = self._graphs_for(dataset) if dataset.from_protocol else self.dataset
        try:
            result = target.query(text, base=base_iri)
        except ParseException as exc:
            raise SyntaxError(f"error at {exc.lineno}:{exc.col}: {exc.msg}") from exc
        if result.type == "ASK":
            return boolean(bool(result.askAnswer))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or ()]
            rows = (
                [None if value is None else to_ox(value) for value in row]
                for row in result
                if isinstance(row, ResultRow)
            )
            return solutions(names, rows)
        return iter([triple(s, p, o) for s, p, o in result.graph or ()])

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]:
        if isinstance(subject, ox.Triple) or isinstance(obj, ox.Triple):
            return  # the data holds no RDF-star statements
        pattern = (None if subject is None else from_ox(subject), None, None if obj is None else from_ox(obj))
        for s, p, o, g in self.dataset.quads(pattern):
            if g is not None:
                yield quad(s, p, o, g)

    def graph_names(self) -> list[str]:
        return [str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)]

    def __len__(self) -> int:
        """Statements in the named graphs, as the other backends count them (rdflib's own ``len`` counts
        distinct triples, so a triple two documents state once, and the start-up check would fail)."""
        return sum(len(g) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef))
