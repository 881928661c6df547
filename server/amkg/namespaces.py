"""The prefixes AMKG's build writes vocabulary terms with, in reports, in ``amkg stats`` and in dist/ files.

Instance IRIs (``https://w3id.org/amkg/id/…``) are deliberately left whole: that is how the data files write
them, so a curator can search the files for exactly what a report or a dump shows.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

PREFIXES: dict[str, str] = {
    "amkg": "https://w3id.org/amkg/ontology#",
    "shape": "https://w3id.org/amkg/shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "vann": "http://purl.org/vocab/vann/",
}


def short(term: Node) -> str:
    """A term as a curator writes it: ``amkg:region``, ``<https://w3id.org/amkg/id/hub/x>``, ``"2021"@en``."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            local = term[len(namespace) :]
            if term.startswith(namespace) and local and "/" not in local:
                return f"{prefix}:{local}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)
