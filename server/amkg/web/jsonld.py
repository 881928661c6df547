"""JSON-LD people can read: compacted with AMKG's published context when the client asks for it.

Every JSON-LD answer is written expanded (full IRIs), which any JSON-LD processor reads. A client that
names the compacted profile (``Accept: application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"``,
JSON-LD 1.1 §9) gets the same graph compacted with the context published at ``/context.jsonld`` — our
prefixes, so ``rdfs:label`` and ``amkg:hostedBy`` instead of full IRIs — and a ``@context`` that points
there. It is done on the way out (an ``after_request`` hook), after the page and answer caches; the
compacted form is kept in the page cache by the hash of the expanded one. pyld compacts with the context
given inline and never fetches.
"""

from __future__ import annotations

import hashlib
import json

from flask import Response, current_app, request

from amkg.rdf.namespaces import CURIE_PREFIXES
from amkg.web.formats import JSONLD_COMPACTED, wants_compacted
from amkg.web.http import text_error
from amkg.web.public import public_base

#: The published context: one term per prefix of the project.
CONTEXT: dict[str, str] = dict(CURIE_PREFIXES)
#: The largest JSON-LD answer compacted in the web worker; larger ones are refused with a 406.
MAX_COMPACTED = 4 << 20


def context_url() -> str:
    return public_base() + "context.jsonld"


def context_document() -> Response:
    """``/context.jsonld``: the context, as a JSON-LD context document."""
    body = json.dumps({"@context": CONTEXT}, indent=2, sort_keys=True).encode("utf-8")
    return Response(body, content_type="application/ld+json; charset=utf-8")


def compact(body: bytes) -> bytes:
    """An expanded JSON-LD document compacted with :data:`CONTEXT`, its ``@context`` the published URL."""
    from pyld import jsonld  # only when a client asks

    def no_fetching(url: str, options: dict) -> dict:
        raise jsonld.JsonLdError(f"{url} is not fetched", "loading document failed")

    compacted = jsonld.compact(json.loads(body), {"@context": CONTEXT}, {"documentLoader": no_fetching})
    compacted["@context"] = context_url()
    return json.dumps(compacted, ensure_ascii=False).encode("utf-8")


def compact_if_asked(response: Response) -> Response:
    """Compact a JSON-LD answer (an entity's document, a CONSTRUCT or DESCRIBE answer, VoID…) when the
    request names the compacted profile."""
    if (
        response.status_code != 200
        or response.mimetype != "application/ld+json"
        or response.direct_passthrough  # a dump sent from its file: always as built
        or request.path == "/context.jsonld"
    ):
        return response
    response.vary.add("Accept")  # the same URL is written in either form
    if not wants_compacted(request.headers.get("Accept", "")):
        return response
    body = response.get_data()
    if len(body) > MAX_COMPACTED:
        return text_error(
            406,
            f"This JSON-LD answer is {len(body):,} bytes; answers over {MAX_COMPACTED:,} bytes are sent "
            "expanded only: ask for application/ld+json without the compacted profile.",
        )
    cache = current_app.extensions["amkg.pages"]  # pyld takes 0.4-0.9 s for a 10-120 kB document
    key = ("compacted", hashlib.sha256(body).digest())
    compacted = cache.get(key)
    if compacted is None:
        compacted = compact(body)
        cache.put(key, compacted, len(compacted) + 64)
    response.set_data(compacted)
    response.headers["Content-Type"] = f'application/ld+json; profile="{JSONLD_COMPACTED}"; charset=utf-8'
    if "ETag" in response.headers:
        response.add_etag(overwrite=True)
    return response
