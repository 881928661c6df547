"""The Flask application factory: one store, the SPARQL endpoint, the descriptions and the pages.

``create_app`` makes everything an app holds — the dist/ it serves, the store loaded from it, the caches of
answers and pages, the watchdog that enforces query deadlines — and keeps it in ``app.extensions``, so two
apps in one process share nothing. Under ``amkg serve`` it runs in the gunicorn master before the workers
fork, which then share the loaded graph. ``/ping`` is the cheapest route, for health checks and as the
benchmark's baseline.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, InternalServerError

from amkg.config import Settings
from amkg.dist import Dist
from amkg.pages import changes, examples, lists, responses, views
from amkg.rdf.names import curie
from amkg.rdf.namespaces import AMKG, ID, ONTOLOGY
from amkg.sparql import description, endpoint, service_terms
from amkg.sparql.watchdog import Watchdog
from amkg.store import RemoteError, open_store
from amkg.web import health, http, jsonld, signposting
from amkg.web.context import settings
from amkg.web.lru import LRU
from amkg.web.public import public_base, sparql_url, to_public

log = logging.getLogger(__name__)
#: One line per answer: status, milliseconds, method, path and a hash of the query string (see access_log).
access = logging.getLogger("amkg.access")

#: The most bytes one cached answer and one cached page may take (the totals are settings).
ANSWER_ENTRY, PAGE_ENTRY = 1 << 20, 2 << 20


def create_app(
    config: Settings | None = None, watchdog: Watchdog | None = None, dist: Dist | None = None
) -> Flask:
    """A ready app serving ``config.dist`` (default: settings from the environment).

    ``watchdog`` enforces query deadlines where there is no query pool (the test client, ``flask run``): it
    checks them once a query is done. Under ``amkg serve`` the web worker installs the pool, which kills a
    query's process at its deadline. ``dist`` is the dist/ that ``amkg serve`` has already opened and
    checked, so it is not read and hashed twice.
    """
    config = config or Settings.from_env()
    app = Flask("amkg")
    # One byte over the limit, so that a chunked body over it can be told apart (see endpoint._body).
    app.config.update(AMKG_SETTINGS=config, MAX_CONTENT_LENGTH=config.max_body + 1)
    app.extensions["amkg.dist"] = dist or Dist.open(config.dist)
    app.extensions["amkg.store"] = open_store(config)
    app.extensions["amkg.answers"] = LRU(config.answer_cache_mb << 20, ANSWER_ENTRY)
    app.extensions["amkg.pages"] = LRU(config.page_cache_mb << 20, PAGE_ENTRY)
    app.extensions["amkg.watchdog"] = watchdog or Watchdog()
    app.register_blueprint(endpoint.bp)
    app.register_blueprint(description.bp)
    app.register_blueprint(service_terms.bp)
    # The entity and overview pages share one blueprint (endpoints ``pages.<view>``).
    assert views.bp is lists.bp is responses.bp
    app.register_blueprint(responses.bp)
    app.register_blueprint(examples.bp)
    app.register_blueprint(changes.bp)
    app.add_url_rule("/ping", "ping", ping)
    app.add_url_rule("/healthz", "healthz", health.healthz)
    app.add_url_rule("/context.jsonld", "context", jsonld.context_document)
    app.context_processor(template_helpers)
    app.before_request(check_host)
    app.after_request(jsonld.compact_if_asked)
    app.after_request(signposting.signpost)
    app.after_request(http.cors)
    app.after_request(http.security_headers)
    app.after_request(access_log)
    app.register_error_handler(http.HttpError, http.from_http_error)
    app.register_error_handler(RemoteError, remote_error)
    app.register_error_handler(HTTPException, http_exception)
    app.register_error_handler(InternalServerError, internal_error)
    return app


def template_helpers() -> dict[str, object]:
    """What every template (pages and the query page alike) may use."""
    return {
        "public": to_public,
        "public_base": public_base,
        "sparql_url": sparql_url,
        "curie": curie,
        "AMKG": AMKG,
        "ID": ID,
        "ONTOLOGY": ONTOLOGY,
    }


def check_host() -> Response | None:
    """With ``allowed_hosts`` set, a request for another host is refused before anything is answered:
    without it, links and ``Location`` headers built from the request would point wherever ``Host`` said."""
    g.amkg_started = time.perf_counter()
    allowed = settings().allowed_hosts
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    if allowed and host.lower() not in {name.lower() for name in allowed}:
        return http.text_error(400, f"Host {host[:100]} is not served here.")
    return None


def access_log(response: Response) -> Response:
    """Log the answer; the query string is logged as its hash, the way timeouts name the query, so lines
    can be matched without the log holding (or being forged by) the client's text."""
    started = g.get("amkg_started")
    took = (time.perf_counter() - started) * 1000 if started is not None else 0.0
    query = request.query_string
    shown = f"{request.path}?{http.query_hash(query)}" if query else request.path
    access.info("%d %.1fms %s %s", response.status_code, took, request.method, shown)
    return response


def ping() -> Response:
    return Response(b"pong\n", content_type="text/plain; charset=utf-8")


def http_exception(error: HTTPException) -> Response | HTTPException:
    """Werkzeug's refusals: plain text on machine paths, the pages' own 404 page elsewhere."""
    if http.is_machine_path(request.path):
        return http.from_werkzeug(error, settings().max_body)
    if error.code == 404:
        return responses.not_found()
    return error


def remote_error(error: RemoteError) -> Response:
    """A page or description that needed an external engine which failed (502) or was late (504)."""
    log.warning("%d from the store: %s", error.status, error.message)
    return http.text_error(error.status, error.message)


def internal_error(error: InternalServerError) -> Response | InternalServerError:
    """A bug: logged with its trace by Flask, answered without one."""
    if not http.is_machine_path(request.path):
        return error
    return http.text_error(500, http.INTERNAL)
