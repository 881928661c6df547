"""HTTP caching that clients and proxies can use on answers that cannot change while a build is served.

The served graph is fixed for the life of the server: a new build is a restart. An answer is therefore a
function of the build and of the request, and its entity tag is a hash of both — the dump's SHA-256 from
the manifest, the settings that shape answers (row and size limits), the code's version, and the request
as the answer cache keys it. A client that sends the tag back (``If-None-Match``) gets ``304 Not Modified``
before anything is parsed or run. ``Cache-Control`` lets caches reuse an answer for :data:`MAX_AGE` seconds
and then revalidate it (a cheap 304). Bodies of :data:`MIN_COMPRESSED` bytes or more are compressed when
the client accepts it: brotli at a low quality (as small as gzip's level 5, about ten times faster:
docs/decisions.md §25), else gzip. Each encoding of an answer has a tag of its own, as RFC 9110 asks.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Hashable

import brotli  # type: ignore[import-untyped]

#: Seconds a cache may reuse an answer before it asks again with its tag.
MAX_AGE = 300
CACHEABLE = f"public, max-age={MAX_AGE}"
#: For answers that may differ from one run to the next (``NOW()``, ``RAND()``, remote ``SERVICE`` data).
UNCACHEABLE = "no-store"
#: Smaller bodies are sent as they are: compressing them saves less than a packet.
MIN_COMPRESSED = 1024
#: Encodings offered, the preferred first, with what makes them.
ENCODERS = {
    "br": lambda body: brotli.compress(body, quality=1),
    "gzip": lambda body: gzip.compress(body, compresslevel=5, mtime=0),
}


def entity_tag(build: str, request_key: Hashable) -> str:
    """The tag of the answer to ``request_key`` on ``build`` (without quotes or encoding)."""
    return hashlib.sha256(f"{build}\0{request_key!r}".encode()).hexdigest()[:32]


def quoted(tag: str, encoding: str | None) -> str:
    """The ``ETag`` value of one encoding of an answer."""
    return f'"{tag}-{encoding}"' if encoding else f'"{tag}"'


def not_modified(if_none_match: str, tag: str) -> str | None:
    """The ``ETag`` of the encoding of the answer tagged ``tag`` that ``If-None-Match`` names (weak
    comparison), or ``None``: the client's copy is that encoding, and the 304 names it."""
    if not if_none_match:
        return None
    sent = {value.strip().removeprefix("W/") for value in if_none_match.split(",")}
    return next((quoted(tag, e) for e in (None, *ENCODERS) if quoted(tag, e) in sent), None)


def encoding_for(accept_encoding: str, size: int) -> str | None:
    """The content coding to send a body of ``size`` bytes in, ``None`` for none (RFC 9110 §12.5.3)."""
    if size < MIN_COMPRESSED or not accept_encoding:
        return None
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    for encoding in ENCODERS:
        if weights.get(encoding, weights.get("*", 0.0)) > 0:
            return encoding
    return None


def encode(body: bytes, encoding: str) -> bytes:
    return ENCODERS[encoding](body)
