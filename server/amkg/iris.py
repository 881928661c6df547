"""Where AMKG's persistent IRIs live on this server, and how to write IRIs short.

The data is written once with the persistent base (``https://w3id.org/amkg/``), but a deployment answers on
its own public base (``http://127.0.0.1:8080/`` while developing, the real domain in production). The two
differ only in their prefix, so the mapping is a prefix swap in both directions: ``{base}id/hub/michigan`` is
served at ``{public}id/hub/michigan``. Anything outside the base (schema.org, Wikidata…) is left alone.
"""

from __future__ import annotations

from flask import current_app, has_app_context, has_request_context, request
from pyoxigraph import NamedNode

from amkg.config import BASE_IRI, Settings

#: Prefixes used for compact names (CURIEs) in pages, class URLs and serialised documents.
PREFIXES: dict[str, str] = {
    "amkg": "https://w3id.org/amkg/ontology#",
    "id": "https://w3id.org/amkg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
}


def settings() -> Settings:
    """The running app's settings, or the defaults outside an app (scripts, the build)."""
    if has_app_context():
        found = current_app.config.get("AMKG_SETTINGS")
        if isinstance(found, Settings):
            return found
    return Settings()


def base_iri() -> str:
    """The persistent IRI base the data is written with."""
    return settings().base_iri or BASE_IRI


def public_base() -> str:
    """Where this deployment is reached, always ending in ``/``.

    The configured public base wins; without one, the base is derived from the request being answered, so
    the same data serves from any host name without configuration.
    """
    configured = settings().public_base
    if configured:
        return configured if configured.endswith("/") else configured + "/"
    if has_request_context():
        return request.url_root
    return base_iri()


def to_public(iri: str, public: str | None = None, base: str | None = None) -> str:
    """The URL at which ``iri`` is dereferenced on this deployment (``iri`` itself if not ours)."""
    base = base or base_iri()
    public = public or public_base()
    return public + iri[len(base) :] if iri.startswith(base) else iri


def to_base(url: str, public: str | None = None, base: str | None = None) -> str:
    """The persistent IRI a public URL (or a path below the public base) stands for."""
    base = base or base_iri()
    public = public or public_base()
    if url.startswith(public):
        return base + url[len(public) :]
    if url.startswith("/"):
        return base + url.lstrip("/")
    return url


def is_ours(iri: str) -> bool:
    """True when ``iri`` is under the persistent base, i.e. this server can describe it."""
    return iri.startswith(base_iri())


def curie(iri: str) -> str | None:
    """``amkg:Hub`` for the ontology's ``…/ontology#Hub``; ``None`` when no known prefix fits."""
    best: tuple[str, str] | None = None
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(PREFIXES[best[0]])):
            best = (prefix, iri[len(namespace) :])
    if best is None or not best[1] or any(c in best[1] for c in "/#?"):
        return None
    return f"{best[0]}:{best[1]}"


def expand(name: str) -> str | None:
    """The full IRI of a CURIE like ``qb:Observation``; ``None`` for unknown prefixes or odd names."""
    prefix, sep, local = name.partition(":")
    namespace = PREFIXES.get(prefix)
    if not sep or namespace is None or not local or any(c in local for c in "/#?<> "):
        return None
    return namespace + local


def short_name(iri: str) -> str:
    """A readable stand-in for an IRI without a label: its CURIE, or its path below the base."""
    if iri.startswith(PREFIXES["id"]):
        return iri[len(PREFIXES["id"]) :]
    return curie(iri) or iri


def sparql_iri(iri: str) -> str:
    """``<iri>`` for a SPARQL query; raises ``ValueError`` for anything that is not an IRI.

    Request paths end up in queries, so every IRI is checked by the RDF library before it is written into
    one: no ``>``, space, quote or brace can ever change what a query means.
    """
    return str(NamedNode(iri))
