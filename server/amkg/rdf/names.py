"""Compact and readable names for IRIs, and the one escaping rule for IRIs written into queries."""

from __future__ import annotations

from pyoxigraph import NamedNode

from amkg.rdf.namespaces import CURIE_PREFIXES, GENID, ID


def curie(iri: str) -> str | None:
    """``amkg:Hub`` for the ontology's ``…/ontology#Hub``; ``None`` when no known prefix fits."""
    best: tuple[str, str] | None = None
    for prefix, namespace in CURIE_PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(CURIE_PREFIXES[best[0]])):
            best = (prefix, iri[len(namespace) :])
    if best is None or not best[1] or any(c in best[1] for c in "/#?"):
        return None
    return f"{best[0]}:{best[1]}"


def expand(name: str) -> str | None:
    """The full IRI of a CURIE like ``qb:Observation``; ``None`` for unknown prefixes or odd names."""
    prefix, sep, local = name.partition(":")
    namespace = CURIE_PREFIXES.get(prefix)
    if not sep or namespace is None or not local or any(c in local for c in "/#?<> "):
        return None
    return namespace + local


def short_name(iri: str) -> str:
    """A readable stand-in for an IRI without a label: its CURIE, or its path below the base."""
    if iri.startswith(ID):
        return iri[len(ID) :]
    return curie(iri) or iri


def slug(iri: str) -> str:
    """The last path segment of an IRI: ``michigan`` for ``…/id/hub/michigan``."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def sparql_iri(iri: str) -> str:
    """``<iri>`` for a SPARQL query; raises ``ValueError`` for anything that is not an IRI.

    Request paths end up in queries, so every IRI is checked by the RDF library before it is written into
    one: no ``>``, space, quote or brace can ever change what a query means.
    """
    return str(NamedNode(iri))


def is_value_iri(iri: str) -> bool:
    """True for the IRI the build gives a structured value (money, a quantity): ``{owner}#{property}-{hash}``.

    Entities never have a fragment (``queries/checks/iri-pattern``), so a fragment under ``id/`` is a
    value's; values without an owner get a Skolem IRI (``/.well-known/genid/``). Pages show them as parts of
    their owner.
    """
    return (iri.startswith(ID) and "#" in iri) or iri.startswith(GENID)


def value_owner(iri: str) -> str | None:
    """The entity a value IRI belongs to (for a nested value, the entity at the top), or ``None``."""
    if iri.startswith(ID) and "#" in iri:
        return iri.partition("#")[0]
    return None


def sparql_entity(var: str) -> str:
    """A SPARQL condition: ``?var`` is an IRI but no structured value's, i.e. an entity with a page."""
    name = "?" + var
    return (
        f'isIRI({name}) && !(STRSTARTS(STR({name}), "{ID}") && CONTAINS(STR({name}), "#"))'
        f' && !STRSTARTS(STR({name}), "{GENID}")'
    )
