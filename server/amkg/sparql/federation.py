"""Which SERVICE endpoints a query may call: none unless allowed, and never a private or loopback address.

pyoxigraph calls every SERVICE endpoint a query names, so the endpoint decides before the query runs:
each SERVICE must name an endpoint on the configured allow-list (exact IRIs, empty by default) whose host
resolves only to public addresses. A listed endpoint that points at this machine or a private network is
still refused, so that a mistaken allow-list cannot turn the server into a proxy into its own network —
unless the deployment says its listed endpoints live on such a network (``service_private``: endpoints of
one's own cluster, and the tests' loopback endpoints). The addresses checked are the ones the call will use:
the check returns them as :class:`~amkg.sparql.relay.Pin` s and the query's relay connects to them, so no
second look-up can send the call elsewhere. Endpoint IRIs are resolved by pyoxigraph itself (prefixes, BASE,
escapes), on an empty store, so the check reads each IRI exactly as the engine will.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ResolutionTimeout
from urllib.parse import urlsplit

import pyoxigraph as ox

from amkg.rdf.scan import Scan, Token
from amkg.sparql.relay import Pin

_EMPTY = ox.Store()
#: Name look-ups run here so that a slow resolver cannot hold a request past its deadline (a stuck look-up
#: keeps its thread, never the request; four of them bound the threads it can take).
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="amkg-resolve")
#: The most a look-up may take, deadline permitting.
RESOLVE_SECONDS = 2.0


class Refused(Exception):
    """A SERVICE call the endpoint will not make; the message names the endpoint and says why."""


def check(
    scan: Scan, allowlist: tuple[str, ...], deadline: float | None = None, private: bool = False
) -> tuple[Pin, ...]:
    """The checked addresses of each SERVICE call, in the query's order; :class:`Refused` unless every
    SERVICE calls an allowed endpoint whose addresses are public (or ``private`` allows any address).

    Host names are resolved within ``deadline`` (monotonic time), and within :data:`RESOLVE_SECONDS`.
    """
    if scan.ambiguous and scan.mentions_service():
        raise Refused(
            "The query mentions SERVICE, and a '<' right after a value inside an expression makes its text "
            "readable in two ways, so its SERVICE calls cannot be checked. Put a space after that '<'."
        )
    pins = []
    for token in scan.services:
        endpoint = _resolve(scan, token)
        if endpoint not in allowlist:
            allowed = ", ".join(f"<{iri}>" for iri in allowlist) or "none"
            raise Refused(
                f"SERVICE <{endpoint}> is not allowed: this endpoint only calls allowed endpoints "
                f"(allowed: {allowed})."
            )
        pins.append(Pin(endpoint, _addresses(endpoint, deadline, private)))
    return tuple(pins)


def _resolve(scan: Scan, token: Token) -> str:
    """The endpoint IRI as pyoxigraph reads it, with the query's own prologue."""
    if token.kind == "var":
        raise Refused(f"SERVICE {token.text} is not allowed: a SERVICE endpoint must be a fixed IRI.")
    if token.kind not in ("iri", "pname"):
        raise Refused(f"SERVICE must be followed by the endpoint's IRI, not {token.text!r}.")
    probe = f"{scan.text[: scan.prologue_end]}\nSELECT ({token.text} AS ?endpoint) {{}}"
    try:
        solutions = _EMPTY.query(probe)
        assert isinstance(solutions, ox.QuerySolutions)
        endpoint = next(iter(solutions))["endpoint"]
    except (SyntaxError, ValueError, StopIteration) as exc:
        raise Refused(f"SERVICE {token.text} is not allowed: its IRI cannot be read ({exc}).") from exc
    if not isinstance(endpoint, ox.NamedNode):
        raise Refused(f"SERVICE {token.text} is not allowed: it is not an IRI.")
    return endpoint.value


def _addresses(endpoint: str, deadline: float | None, private: bool) -> tuple[str, ...]:
    """The addresses of the endpoint's host; refused unless it is HTTP(S) and (``private`` aside) every
    address is public."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"SERVICE <{endpoint}> is not allowed: only http and https endpoints can be called.")
    wait = RESOLVE_SECONDS if deadline is None else min(RESOLVE_SECONDS, deadline - time.monotonic())
    lookup = _RESOLVER.submit(socket.getaddrinfo, parts.hostname, parts.port or 0, proto=socket.IPPROTO_TCP)
    try:
        infos = lookup.result(timeout=max(0.0, wait))
    except ResolutionTimeout as exc:
        raise Refused(f"SERVICE <{endpoint}> is not allowed: its host was not resolved in time.") from exc
    except (OSError, UnicodeError) as exc:
        raise Refused(f"SERVICE <{endpoint}> is not allowed: its host cannot be resolved.") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        addresses.append(str(address))
        if private:
            continue
        if not address.is_global or address.is_multicast:
            raise Refused(
                f"SERVICE <{endpoint}> is not allowed: its host has a private or loopback "
                f"address ({address}), which is never called."
            )
    return tuple(dict.fromkeys(addresses))
