"""The pages blueprint and what every page view shares: the page cache, HTML answers, 303s, 404s, paging.

:mod:`amkg.pages.views` (entities, the ontology, graphs) and :mod:`amkg.pages.lists` (home, classes,
search, comparison, downloads) add their routes to the one blueprint here, so every endpoint is
``pages.<name>``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, g, redirect, render_template, request
from werkzeug.wrappers import Response as BaseResponse

from amkg.rdf.names import sparql_iri
from amkg.web.context import get_store
from amkg.web.formats import DOCUMENTS, Kind, link_header, negotiate
from amkg.web.public import public_base

bp = Blueprint("pages", __name__)
#: The query parameters an entity page reads: the incoming-links group and its page, a scheme's filter.
PAGE_PARAMETERS = ("incoming", "page", "filter", "open")


def cached(view: Callable[..., BaseResponse]) -> Callable[..., BaseResponse]:
    """Serve a page from the app's page cache; only successful responses are kept.

    The cache belongs to the app, and so to its store; the key holds the public base, so another host name
    never sees a page with the wrong links.
    """

    @wraps(view)
    def wrapper(*args: object, **kwargs: object) -> BaseResponse:
        cache = current_app.extensions["amkg.pages"]
        key = (public_base(), request.path, request.query_string)
        hit = cache.get(key)
        if hit is None:
            response = view(*args, **kwargs)
            if response.status_code != 200 or response.direct_passthrough:
                return response
            hit = (response.status_code, list(response.headers.items()), response.get_data())
            size = len(hit[2]) + sum(len(k) + len(v) for k, v in hit[1]) + len(request.path)
            cache.put(key, hit, size)
        response = Response(hit[2], status=hit[0], headers=hit[1])
        response.add_etag()
        return response.make_conditional(request)

    return wrapper


@bp.before_request
def count_queries() -> None:
    g.queries_before = get_store().queries


@bp.after_request
def report_queries(response: Response) -> BaseResponse:
    """How many SPARQL queries the answer took, as a ``Server-Timing`` metric (browsers' developer tools
    show it); one served from the page cache took none."""
    before = g.get("queries_before")
    if before is not None:  # None: the request failed before the count began
        response.headers["Server-Timing"] = f'store;desc="SPARQL queries: {get_store().queries - before}"'
    return response


def html(
    template: str, status: int = 200, headers: dict[str, str] | None = None, **context: object
) -> Response:
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def see_other(url_without_suffix: str) -> BaseResponse:
    """303 to the document in the format ``Accept`` asks for, pointing to all alternates. The page's own
    parameters (``?incoming=…&page=N``) go along, so a link to the IRI with them lands where it meant."""
    ext = negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext
    kept = urlencode([(k, v) for k in PAGE_PARAMETERS for v in request.args.getlist(k)])
    response = redirect(f"{url_without_suffix}.{ext}" + (f"?{kept}" if kept else ""), code=303)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = link_header(url_without_suffix)
    return response


def valid_iri(iri: str) -> bool:
    """Whether a requested IRI is an IRI at all (anything else is simply not found)."""
    try:
        sparql_iri(iri)
    except ValueError:
        return False
    return True


def page_number(arg: str | None) -> int:
    """``?page=`` as a page number from 1: anything that is not a plain number (``-1``, ``abc``, ``²``) is
    the first page; callers bring numbers past the last page back to the last page.

    ``str.isdigit`` alone would let through digits ``int`` cannot read (``²``) and numbers too long for it
    (over 4,300 digits), both once a 500; any number of over nine digits is past the last page anyway.
    """
    digits = (arg or "").lstrip("0")
    if not digits.isascii() or not digits.isdigit():
        return 1
    return int(digits) if len(digits) <= 9 else 10**9


def split_suffix(path: str) -> tuple[str, str | None]:
    """``hub/michigan.ttl`` → (``hub/michigan``, ``ttl``); no known suffix → (path, None)."""
    head, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in DOCUMENTS:
        return head, ext
    return path, None


def not_found(iri: str = "") -> Response:
    """The 404 page (HTML for browsers, a line of text for other clients)."""
    if negotiate(Kind.DOCUMENT, request.headers.get("Accept", "")).ext != "html":
        response = Response(f"Not found: {iri or request.path}\n", status=404, mimetype="text/plain")
    else:
        response = html("404.html", status=404, iri=iri)
    response.headers["Vary"] = "Accept"
    return response
