"""The SPARQL 1.1 Protocol's query operation at ``/sparql``, read-only, with its query page.

A request becomes an :class:`Operation` (query text, protocol dataset, ``format=``), exactly as the W3C
protocol says, or an error that says what is wrong; then the query is scanned (form, SERVICE calls, outer
LIMIT), checked (read-only, federation allow-list), run under the watchdog's deadline and answered in the
negotiated format; the answer is kept for the next identical request (:mod:`amkg.answercache`).
``GET /sparql`` without a query returns the service description to RDF clients and the query page (YASGUI)
to browsers; so does a browser's navigation to ``/sparql?query=…``, which is how the pages link to a query.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from amkg import federation, formats, queryui, results, sparqlscan, void
from amkg.answercache import AnswerCache, Key
from amkg.executor import WATCHDOG, raw_response, send_and_close
from amkg.formats import Format, Kind
from amkg.iris import PREFIXES, settings
from amkg.protocol import CORS, ROW_LIMIT, TRUNCATED, preflight, text_error
from amkg.results import Answer
from amkg.store import Dataset, get_store

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is not accepted."
#: Answers that may differ from one run to the next, never kept: remote SERVICE data (checked apart) and
#: the functions whose value is new each time.
_VOLATILE = re.compile(r"\b(?:now|rand|uuid|struuid|bnode)\s*\(", re.IGNORECASE)
ANSWERS = AnswerCache()
#: Parameters that make a request a query request (without ``query`` it is then incomplete).
_PROTOCOL_PARAMS = ("query", "default-graph-uri", "named-graph-uri")


class ProtocolError(Exception):
    """A request the protocol does not allow; becomes a plain-text answer with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
    cached = ANSWERS.get(key)
    if cached is not None:
        return respond(cached)
    operation = read_operation()
    if operation is None:
        return service_description()
    if not operation.formats and formats.prefers_html(request.headers.get("Accept", ""), Kind.RESULTS):
        return query_page()
    return respond(run(operation, key))


def _cache_key() -> Key:
    """The request as sent: what its answer depends on (see :mod:`amkg.answercache`)."""
    env = request.environ
    method = env["REQUEST_METHOD"]
    body = _body() if method == "POST" else b""
    return method, env.get("QUERY_STRING", ""), body, env.get("CONTENT_TYPE", ""), env.get("HTTP_ACCEPT", "")


def _body() -> bytes:
    """The request body, or 413 when it is over the limit, also when it comes chunked (no Content-Length).

    The app lets Werkzeug read one byte more than the limit (``MAX_CONTENT_LENGTH``): a streamed body is
    then cut at that length rather than refused, so the extra byte is what shows that it was too long.
    """
    body = request.get_data()
    if len(body) > settings().max_body:
        raise RequestEntityTooLarge()
    return body




@bp.errorhandler(ProtocolError)
def protocol_error(error: ProtocolError) -> Response:
    return text_error(error.status, error.message)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response:
    """Werkzeug's own refusals (413 for an oversized body…) as plain text too."""
    if error.code == 413:
        return text_error(413, f"The request body is larger than the endpoint's limit of "
                               f"{settings().max_body:,} bytes.")
    return text_error(error.code or 400, error.description or error.name)


# ---------------------------------------------------------------- reading the request


def read_operation() -> Operation | None:
    """The request's query operation, ``None`` for a plain GET (no query), or :class:`ProtocolError`."""
    params = _params(request.query_string, "URL")
    if request.method != "POST":  # GET, or HEAD: the same answer without its body
        if not any(name in params for name in _PROTOCOL_PARAMS):
            if "update" in params:
                raise ProtocolError(403, READ_ONLY)
            return None
    else:
        params = _post_params(params)
    if "update" in params:
        raise ProtocolError(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ProtocolError(400, "Exactly one query is needed: send it as the query parameter or as an "
                                 f"{DIRECT} body (this request has {len(queries)}).")
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
        raise ProtocolError(403, READ_ONLY)
    if mimetype not in (FORM, DIRECT):
        sent = f"Content-Type {mimetype!r}" if mimetype else "no Content-Type"
        raise ProtocolError(415, f"A POST needs Content-Type {FORM} or {DIRECT} (this one has {sent}).")
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"Queries must be sent as UTF-8 (this one says charset={charset}).")
    body = _body()
    if mimetype == FORM:
        merged = {k: list(v) for k, v in url_params.items()}
        for name, values in _params(body, "body").items():
            merged.setdefault(name, []).extend(values)
        return merged
    if "query" in url_params:
        raise ProtocolError(400, "Exactly one query is needed: this request has one in the URL, one as body.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"The query is not valid UTF-8 (byte {exc.start}).") from exc
    return {**url_params, "query": [text]}


def _params(raw: bytes, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"The {where} parameters are not valid UTF-8 once decoded.") from exc


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...] | None:
    if name not in params:
        return None
    for iri in params[name]:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise ProtocolError(400, f"{name} must be an absolute IRI, not {iri!r}.") from exc
    return tuple(params[name])


# ---------------------------------------------------------------- answering


def run(operation: Operation, key: Key) -> Answer:
    """Scan, check and run the query; answer in the negotiated format (and remember the answer)."""
    config = settings()
    scan = sparqlscan.scan(operation.query)
    if scan.form == "UPDATE":
        raise ProtocolError(403, READ_ONLY)
    choose = functools.partial(_choose, operation.formats)
    choose(results.FORM_KINDS.get(scan.form, Kind.RESULTS))  # 406 before any work
    try:
        federation.check(scan, config.service_allowlist)
    except federation.Refused as exc:
        raise ProtocolError(400, str(exc)) from exc
    dataset = Dataset(operation.default_graphs, operation.named_graphs)
    client = request.environ.get("gunicorn.socket")
    on_expiry = functools.partial(_answer_timeout, client, config.query_timeout)
    with WATCHDOG.deadline(config.query_timeout, on_expiry):
        try:
            answer = results.answer(get_store(), scan, dataset, choose, config.row_limit)
        except SyntaxError as exc:
            raise ProtocolError(400, syntax_error(operation.query, exc)) from exc
        except (ValueError, RuntimeError) as exc:
            raise ProtocolError(400, f"The query cannot be evaluated: {exc}") from exc
        except OSError as exc:
            if not scan.services:
                raise
            raise ProtocolError(502, f"A SERVICE endpoint did not answer properly: {exc}") from exc
    if not scan.services and not _VOLATILE.search(operation.query):
        ANSWERS.put(key, answer)
    return answer


def syntax_error(query: str, error: SyntaxError) -> str:
    """The parser's message on one line, with its line:column, naming any prefix the query forgot to
    declare (and the declaration to add for the project's own), which the parser's message does not."""
    message = " ".join(str(error).split())
    missing = sparqlscan.undeclared_prefixes(query)
    if not missing:
        return f"Syntax error in the query: {message}"
    undeclared = f"undeclared prefix {', '.join(missing)}"
    add = [f"PREFIX {p} <{PREFIXES[p[:-1]]}>" for p in missing if p[:-1] in PREFIXES]
    if add:
        undeclared += f" (add {' '.join(add)})"
    if "Prefix not found" in message:
        return f"Syntax error in the query: {message.split(': expected', 1)[0]}: {undeclared}."
    return f"Syntax error in the query: {message}; also, {undeclared}."


def respond(answer: Answer) -> Response:
    return Response(answer.body, headers=_headers(answer.format, answer.truncated, settings().row_limit))


@functools.cache
def _headers(fmt: Format, truncated: bool, row_limit: int) -> tuple[tuple[str, str], ...]:
    """An answer's headers, CORS included (built once: this is the path every cached answer takes)."""
    headers = (("Content-Type", fmt.content_type), ("Vary", "Accept"), (ROW_LIMIT, str(row_limit)))
    return (*headers, *CORS.items(), *([(TRUNCATED, "true")] if truncated else []))


def _choose(format_names: tuple[str, ...], kind: Kind) -> Format:
    try:
        return formats.negotiate(kind, request.headers.get("Accept", ""), format_names)
    except formats.UnknownFormat as exc:
        raise ProtocolError(400, str(exc)) from exc
    except formats.NotAcceptable as exc:
        raise ProtocolError(406, str(exc)) from exc


def _answer_timeout(sock: object, seconds: float) -> None:
    """Runs in the watchdog thread: the 503 goes straight to the client before the worker ends."""
    message = (f"The query was stopped after {seconds:g} seconds, the endpoint's time limit. "
               "Narrow it down (fewer patterns, a LIMIT) and try again.")
    headers = {"Content-Type": "text/plain; charset=utf-8", "Vary": "Accept", "Retry-After": "1", **CORS}
    send_and_close(sock, raw_response("503 Service Unavailable", headers, message + "\n"))


# ---------------------------------------------------------------- without a query


def service_description() -> Response:
    """The SPARQL Service Description for RDF clients, the query page for browsers."""
    if formats.prefers_html(request.headers.get("Accept", ""), Kind.GRAPH):
        return query_page()
    fmt = _choose(tuple(request.args.getlist("format")), Kind.GRAPH)
    body = void.service_description(get_store(), fmt)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def query_page() -> Response:
    config = settings()
    page = render_template("sparql.html", ui=queryui.config(config), settings=config)
    return Response(page, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
