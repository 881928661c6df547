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

from amkg.rdf.terms import from_ox, to_ox
from amkg.store import Dataset, Result, Term
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
            rows = ([None if row[i] is None else to_ox(row[i]) for i in range(len(names))] for row in result)
            return solutions(names, rows)
        return iter([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.graph])

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]:
        pattern = (None if subject is None else from_ox(subject), None, None if obj is None else from_ox(obj))
        for s, p, o, g in self.dataset.quads(pattern):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))

    def graph_names(self) -> list[str]:
        return [str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)]

    def __len__(self) -> int:
        return len(self.dataset)
