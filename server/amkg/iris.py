"""Where AMKG's persistent IRIs live on this server, and how to write IRIs short.

The data is written once with the persistent base (``https://w3id.org/amkg/``), but a deployment answers on
its own public base (``http://127.0.0.1:8080/`` while developing, the real domain in production). The two
differ only in their prefix, so the mapping is a prefix swap in both directions: ``{base}id/hub/michigan`` is
served at ``{public}id/hub/michigan``. Anything outside the base (schema.org, Wikidata…) is left alone.
"""

from __future__ import annotations

from flask import current_app, g, has_app_context, has_request_context, request
from pyoxigraph import NamedNode

from amkg.config import BASE_IRI, Settings
from amkg.namespaces import PREFIXES as VOCABULARY_PREFIXES

#: Prefixes for compact names (CURIEs) in pages, class URLs and served documents: the build's, plus ``id:``.
PREFIXES: dict[str, str] = {**VOCABULARY_PREFIXES, "id": BASE_IRI + "id/"}


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


def _bases() -> tuple[str, str]:
    """(base, public) for the request being answered, worked out once per request: a page maps hundreds
    of IRIs."""
    if not has_request_context():
        return base_iri(), public_base()
    bases = g.get("amkg_bases")
    if bases is None:
        bases = g.amkg_bases = (base_iri(), public_base())
    return bases


def to_public(iri: str, public: str | None = None, base: str | None = None) -> str:
    """The URL at which ``iri`` is dereferenced on this deployment (``iri`` itself if not ours)."""
    if base is None or public is None:
        default_base, default_public = _bases()
        base, public = base or default_base, public or default_public
    return public + iri[len(base) :] if iri.startswith(base) else iri


def to_base(url: str, public: str | None = None, base: str | None = None) -> str:
    """The persistent IRI a public URL (or a path below the public base) stands for."""
    if base is None or public is None:
        default_base, default_public = _bases()
        base, public = base or default_base, public or default_public
    if url.startswith(public):
        return base + url[len(public) :]
    if url.startswith("/"):
        return base + url.lstrip("/")
    return url


def is_ours(iri: str) -> bool:
    """True when ``iri`` is under the persistent base, i.e. this server can describe it."""
    return iri.startswith(_bases()[0])


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
