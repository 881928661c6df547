"""The SPARQL 1.1 Protocol's query operation at ``/sparql``, read-only, with its query page.

A request becomes an :class:`Operation` (query text, protocol dataset, ``format=``), exactly as the W3C
protocol says, or an error that says what is wrong; then the query is scanned (form, SERVICE calls, outer
LIMIT), checked (read-only, federation allow-list), run in a process of the query pool (under ``amkg
serve``; see :mod:`amkg.sparql.pool`) with a deadline counted from the request's arrival, and answered in the
negotiated format. The answer is kept for the next identical request in the app's cache of answers, keyed by
the request as sent (method, URL parameters, body, Content-Type, Accept), so a hit is found before anything
is parsed, and it stands for the same checks and the same negotiation as the first time.
``GET /sparql`` without a query returns the service description to RDF clients and the query page (YASGUI)
to browsers; so does a browser's navigation to ``/sparql?query=…``, which is how the pages link to a query.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from amkg import __version__
from amkg.dist import DUMP
from amkg.rdf.scan import QueryTooDeep, QueryTooLarge, check_limits, scan_query
from amkg.sparql import answers, description, federation, jobs, pool, queryui
from amkg.sparql.answers import Answer
from amkg.sparql.watchdog import DeadlinePassed, Watchdog
from amkg.web import conditional, formats
from amkg.web.context import get_dist, get_store, settings
from amkg.web.formats import Format, Kind
from amkg.web.http import (
    CORS,
    ROW_LIMIT,
    TRUNCATED,
    HttpError,
    choose_format,
    preflight,
    query_hash,
)
from amkg.web.lru import LRU
from amkg.web.public import public_base

bp = Blueprint("sparql", __name__)
log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is not accepted."
#: Answers that may differ from one run to the next, never kept: remote SERVICE data (checked apart) and
#: the functions whose value is new each time.
_VOLATILE = re.compile(r"\b(?:now|rand|uuid|struuid|bnode)\s*\(", re.IGNORECASE)
#: What an answer depends on besides the URL and body: its format, and its content coding.
VARY = "Accept, Accept-Encoding"
#: Parameters that make a request a query request (without ``query`` it is then incomplete).
_PROTOCOL_PARAMS = ("query", "default-graph-uri", "named-graph-uri")


@dataclass(frozen=True)
class Operation:
    """One query request, as the protocol defines it."""

    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    #: ``format=`` values (empty: negotiate with ``Accept``).
    formats: tuple[str, ...]


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return preflight()
    key = _cache_key()
    tag = _entity_tag(key)
    copy = conditional.not_modified(request.headers.get("If-None-Match", ""), tag) if tag else None
    if copy is not None:
        return Response(
            status=304, headers={"ETag": copy, "Cache-Control": conditional.CACHEABLE, "Vary": VARY}
        )
    cached = answer_cache().get(key)
    if cached is not None:
        return respond(cached, key, tag, cacheable=True)
    operation = read_operation()
    if operation is None:
        return service_description()
    if not operation.formats and formats.prefers_html(request.headers.get("Accept", "")):
        return query_page()
    answer, cacheable = run(operation, key)
    return respond(answer, key, tag, cacheable)


#: (method, query string, body, Content-Type, Accept, endpoint URL): the request as sent, and where.
Key = tuple[str, str, bytes, str, str, str]
#: An answer's body in a content coding (``br``, ``gzip``), kept in the same cache as the answer.
EncodedKey = tuple[Key, str]


def _entity_tag(key: Key) -> str | None:
    """The tag of the answer to a GET (HEAD is the same answer) on this build; POSTs get none, since
    HTTP caches do not keep their answers."""
    if key[0] not in ("GET", "HEAD"):
        return None
    config = settings()
    build = get_dist().manifest.get("outputs", {}).get(DUMP, {}).get("sha256", "")
    return conditional.entity_tag(
        f"{build} {config.row_limit} {config.max_answer_bytes} {__version__}", ("GET", *key[1:])
    )


def _cache_key() -> Key:
    """The request as sent: what its answer depends on, with the URL relative IRIs resolve against (the
    host the request names, when no public base is configured)."""
    env = request.environ
    method = env["REQUEST_METHOD"]
    body = _body() if method == "POST" else b""
    query, accept = env.get("QUERY_STRING", ""), env.get("HTTP_ACCEPT", "")
    return method, query, body, env.get("CONTENT_TYPE", ""), accept, endpoint_url()


def endpoint_url() -> str:
    """The endpoint's public URL: the base IRI of every query (so ``<s>`` means ``<…/s>``, as a
    relative link in a document at this URL would) and the link a cut answer gives."""
    return public_base() + "sparql"


def _body() -> bytes:
    """The request body, or 413 when it is over the limit, also when it comes chunked (no Content-Length).

    The app lets Werkzeug read one byte more than the limit (``MAX_CONTENT_LENGTH``): a streamed body is
    then cut at that length rather than refused, so the extra byte is what shows that it was too long.
    """
    body = request.get_data()
    if len(body) > settings().max_body:
        raise RequestEntityTooLarge()
    return body


# ---------------------------------------------------------------- reading the request


def read_operation() -> Operation | None:
    """The request's query operation, ``None`` for a plain GET (no query), or :class:`HttpError`."""
    params = _params(request.query_string, "URL")
    if request.method != "POST":  # GET, or HEAD: the same answer without its body
        if not any(name in params for name in _PROTOCOL_PARAMS):
            if "update" in params:
                raise HttpError(403, READ_ONLY)
            return None
    else:
        params = _post_params(params)
    if "update" in params:
        raise HttpError(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1:
        raise HttpError(
            400,
            "Exactly one query is needed: send it as the query parameter or as an "
            f"{DIRECT} body (this request has {len(queries)}).",
        )
    named = _graphs(params, "named-graph-uri")
    default = _graphs(params, "default-graph-uri")
    if named is not None and default is None:
        default = ()  # the protocol's dataset then has an empty default graph
    if default is not None and named is None:
        named = ()
    return Operation(queries[0], default, named, tuple(params.get("format", ())))


def _post_params(url_params: dict[str, list[str]]) -> dict[str, list[str]]:
    """Parameters of a POST: a form body, or a query as the body with the other parameters in the URL."""
    mimetype = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if mimetype == UPDATE:
        raise HttpError(403, READ_ONLY)
    if mimetype not in (FORM, DIRECT):
        sent = f"Content-Type {mimetype!r}" if mimetype else "no Content-Type"
        raise HttpError(415, f"A POST needs Content-Type {FORM} or {DIRECT} (this one has {sent}).")
    if charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"Queries must be sent as UTF-8 (this one says charset={charset}).")
    body = _body()
    if mimetype == FORM:
        merged = {k: list(v) for k, v in url_params.items()}
        for name, values in _params(body, "body").items():
            merged.setdefault(name, []).extend(values)
        return merged
    if "query" in url_params:
        raise HttpError(400, "Exactly one query is needed: this request has one in the URL, one as body.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"The query is not valid UTF-8 (byte {exc.start}).") from exc
    return {**url_params, "query": [text]}


def _params(raw: bytes, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"The {where} parameters are not valid UTF-8 once decoded.") from exc


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...] | None:
    if name not in params:
        return None
    for iri in params[name]:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise HttpError(400, f"{name} must be an absolute IRI, not {iri!r}.") from exc
    return tuple(params[name])


# ---------------------------------------------------------------- answering

#: Over an external engine the engine would make the SERVICE call itself, past the checks of where it goes
#: (the relay that pins a call to its checked address runs on this machine, not the engine's).
SERVICE_OVER_ENGINE = (
    "SERVICE is not available while this endpoint answers from an external engine: the engine would make "
    "the call itself, where this endpoint cannot check it. Federate from the engine's own endpoint instead."
)


def run(operation: Operation, key: Key) -> tuple[Answer, bool]:
    """Scan, check and run the query; answer in the negotiated format, and remember the answer unless it
    may differ from one run to the next (then the second value, cacheable, is false).

    Under ``amkg serve`` the query runs in a process of the app's query pool, its deadline counted from when
    the request arrived; without a pool (the test client) it runs here, its deadline checked afterwards.
    """
    config = settings()
    try:
        check_limits(operation.query, config.max_query_bytes, config.max_query_tokens, config.max_nesting)
    except QueryTooLarge as exc:
        raise HttpError(413, str(exc)) from exc
    except QueryTooDeep as exc:
        raise HttpError(400, str(exc)) from exc
    arrived = request.environ.get(pool.ARRIVED) or time.monotonic()
    scan = scan_query(operation.query)
    if scan.form == "UPDATE":
        raise HttpError(403, READ_ONLY)
    choose = functools.partial(_choose, operation.formats)
    choose(answers.FORM_KINDS.get(scan.form, Kind.RESULTS))  # 406 before any work
    deadline = arrived + config.query_timeout
    try:
        services = federation.check(scan, config.service_allowlist, deadline, config.service_private)
    except federation.Refused as exc:
        raise HttpError(400, str(exc)) from exc
    if services and config.remote:
        raise HttpError(400, SERVICE_OVER_ENGINE)
    job = jobs.Job(
        operation.query,
        operation.default_graphs,
        operation.named_graphs,
        _choice(choose, Kind.RESULTS),
        _choice(choose, Kind.GRAPH),
        _choice(choose, Kind.BOOLEAN),
        config.row_limit,
        config.max_answer_bytes,
        endpoint_url(),
        services,
        max(0.1, min(config.service_timeout, deadline - time.monotonic() - 0.5)),
    )
    queries = current_app.extensions.get("amkg.pool")
    if isinstance(queries, pool.QueryPool):
        reply = _isolated(queries, job, arrived + config.query_timeout)
    else:
        with _deadline(config.query_timeout):
            reply = jobs.evaluate(get_store(), job)
    answer = reply.answer()
    cacheable = not scan.services and not _VOLATILE.search(operation.query)
    if cacheable:
        answer_cache().put(key, answer, len(answer.body) + sum(len(part) for part in key))
    return answer, cacheable


def _choice(choose: Callable[[Kind], Format], kind: Kind) -> jobs.Choice:
    """The request's format for answers of ``kind``, or its refusal, as data for the query process."""
    try:
        return jobs.choice(kind, choose(kind))
    except HttpError as exc:
        return jobs.choice(kind, exc)


def _isolated(queries: pool.QueryPool, job: jobs.Job, deadline: float) -> jobs.Reply:
    """The job's reply from the query pool; every way a query can fail there becomes a one-line answer."""
    config = settings()
    try:
        reply = queries.run(job, deadline, request.remote_addr or "", request.environ.get(pool.CLIENT_SOCKET))
    except pool.ClientLimit as exc:
        message = (
            f"This client already has {exc.args[0]} queries running, the most one client may run at once; "
            "send this one when one of them has finished."
        )
        raise HttpError(429, message, {"Retry-After": "1"}) from exc
    except pool.Busy as exc:
        message = "Every query process is busy with other clients' queries; try again in a few seconds."
        raise HttpError(503, message, {"Retry-After": "5"}) from exc
    except pool.TimedOut as exc:
        seconds = config.query_timeout
        log.warning("503 query %s stopped after %g s (time limit)", query_hash(job.query), seconds)
        raise HttpError(503, _timeout_message(config.query_timeout)) from exc
    except pool.HungUp as exc:  # nobody reads this; the log says why the query ended
        raise HttpError(503, "The client closed the connection, so its query was stopped.") from exc
    except pool.Crashed as exc:
        message = (
            "The query was stopped: the engine failed on it, or it needed more than the limit of "
            f"{config.query_memory_mb:,} MiB of memory per query. Other queries were not affected; "
            "change this one (fewer or smaller values, a LIMIT) before trying again."
        )
        raise HttpError(500, message) from exc
    assert isinstance(reply, jobs.Reply)
    return reply


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """The app's in-process watchdog: a deadline found passed afterwards is the same 503."""
    watchdog = current_app.extensions["amkg.watchdog"]
    assert isinstance(watchdog, Watchdog)
    try:
        with watchdog.deadline(seconds):
            yield
    except DeadlinePassed as exc:
        raise HttpError(503, _timeout_message(exc.seconds)) from exc


def _timeout_message(seconds: float) -> str:
    return (
        f"The query was stopped after {seconds:g} seconds, the endpoint's time limit. "
        "Narrow it down (fewer patterns, a LIMIT) and try again."
    )


def answer_cache() -> LRU[Key | EncodedKey, Answer]:
    """The app's cache of recent answers (see :func:`_cache_key`), and of their compressed bodies."""
    cache = current_app.extensions["amkg.answers"]
    assert isinstance(cache, LRU)
    return cache


def respond(answer: Answer, key: Key, tag: str | None, cacheable: bool) -> Response:
    """The answer, compressed when the client accepts it and it is large enough; a GET's with its entity
    tag and ``Cache-Control``, or ``no-store`` when it may change from run to run (not ``cacheable``)."""
    headers = _headers(answer.format, answer.truncated, settings().row_limit)
    body = answer.body
    encoding = conditional.encoding_for(request.headers.get("Accept-Encoding", ""), len(body))
    if encoding is not None:
        encoded = answer_cache().get((key, encoding))
        if encoded is None:
            encoded = Answer(conditional.encode(body, encoding), answer.format, answer.truncated)
            if cacheable:  # kept with the answer, so a hit costs no compression
                answer_cache().put((key, encoding), encoded, len(encoded.body) + sum(len(p) for p in key))
        body, headers = encoded.body, (*headers, ("Content-Encoding", encoding))
    if tag is not None and cacheable:
        cache = ("Cache-Control", conditional.CACHEABLE)
        headers = (*headers, ("ETag", conditional.quoted(tag, encoding)), cache)
    elif tag is not None:
        headers = (*headers, ("Cache-Control", conditional.UNCACHEABLE))
    return Response(body, headers=headers)


@functools.cache
def _headers(fmt: Format, truncated: bool, row_limit: int) -> tuple[tuple[str, str], ...]:
    """An answer's headers, CORS included (built once: this is the path every cached answer takes)."""
    headers = (("Content-Type", fmt.content_type), ("Vary", VARY), (ROW_LIMIT, str(row_limit)))
    return (*headers, *CORS.items(), *([(TRUNCATED, "true")] if truncated else []))


def _choose(format_names: tuple[str, ...], kind: Kind) -> Format:
    return choose_format(kind, format_names)


# ---------------------------------------------------------------- without a query


def service_description() -> Response:
    """The SPARQL Service Description for RDF clients, the query page for browsers."""
    if formats.prefers_html(request.headers.get("Accept", "")):
        return query_page()
    fmt = _choose(tuple(request.args.getlist("format")), Kind.GRAPH)
    body = description.service_description(get_store(), fmt)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def query_page() -> Response:
    config = settings()
    page = render_template("sparql.html", ui=queryui.config(config), settings=config)
    return Response(page, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
