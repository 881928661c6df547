"""Where AMKG's persistent IRIs live on this server: the public base, and the mapping to and from it.

The data is written once with the persistent base (``https://w3id.org/amkg/``), but a deployment answers on
its own public base (``http://127.0.0.1:8080/`` while developing, the real domain in production). The two
differ only in their prefix, so the mapping is a prefix swap in both directions: ``{base}id/hub/michigan`` is
served at ``{public}id/hub/michigan``. Anything outside the base (schema.org, Wikidata…) is left alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import g, has_request_context, request

from amkg.rdf.namespaces import BASE
from amkg.web.context import settings


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
    return BASE


def _bases() -> tuple[str, str]:
    """(base, public) for the request being answered, worked out once per request: a page maps hundreds
    of IRIs."""
    if not has_request_context():
        return BASE, public_base()
    bases = g.get("amkg_bases")
    if bases is None:
        bases = g.amkg_bases = (BASE, public_base())
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


def sparql_url(query: str) -> str:
    """The SPARQL page with ``query`` filled in (YASGUI reads it from the ``query`` parameter)."""
    return public_base() + "sparql?" + urlencode({"query": query})
