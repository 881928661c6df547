"""The Flask application factory: one store, the SPARQL endpoint, the descriptions and the pages.

``create_app`` makes everything an app holds — the dist/ it serves, the store loaded from it, the caches of
answers and pages, the watchdog that enforces query deadlines — and keeps it in ``app.extensions``, so two
apps in one process share nothing. Under ``amkg serve`` it runs in the gunicorn master before the workers
fork, which then share the loaded graph. ``/ping`` is the cheapest route, for health checks and as the
benchmark's baseline.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, InternalServerError

from amkg.config import Settings
from amkg.dist import Dist
from amkg.pages import views
from amkg.rdf.names import curie
from amkg.rdf.namespaces import AMKG, ID, ONTOLOGY
from amkg.sparql import description, endpoint, service_terms
from amkg.sparql.watchdog import Watchdog
from amkg.store import open_store
from amkg.web import http
from amkg.web.context import settings
from amkg.web.lru import LRU
from amkg.web.public import public_base, sparql_url, to_public

log = logging.getLogger(__name__)

#: Bytes of answers and of pages each app keeps, and the most one entry may take.
ANSWER_CACHE = (64 << 20, 1 << 20)
PAGE_CACHE = (32 << 20, 2 << 20)


def create_app(config: Settings | None = None, watchdog: Watchdog | None = None) -> Flask:
    """A ready app serving ``config.dist`` (default: settings from the environment).

    ``watchdog`` enforces query deadlines; the default checks them once a query is done, which is right for
    an app served in-process. ``amkg serve`` passes one that ends the worker at the deadline.
    """
    config = config or Settings.from_env()
    app = Flask("amkg")
    # One byte over the limit, so that a chunked body over it can be told apart (see endpoint._body).
    app.config.update(AMKG_SETTINGS=config, MAX_CONTENT_LENGTH=config.max_body + 1)
    app.extensions["amkg.dist"] = Dist.open(config.dist)
    app.extensions["amkg.store"] = open_store(config)
    app.extensions["amkg.answers"] = LRU(*ANSWER_CACHE)
    app.extensions["amkg.pages"] = LRU(*PAGE_CACHE)
    app.extensions["amkg.watchdog"] = watchdog or Watchdog()
    app.register_blueprint(endpoint.bp)
    app.register_blueprint(description.bp)
    app.register_blueprint(service_terms.bp)
    app.register_blueprint(views.bp)
    app.add_url_rule("/ping", "ping", ping)
    app.context_processor(template_helpers)
    app.after_request(http.cors)
    app.register_error_handler(http.HttpError, http.from_http_error)
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


def ping() -> Response:
    return Response(b"pong\n", content_type="text/plain; charset=utf-8")


def http_exception(error: HTTPException) -> Response | HTTPException:
    """Werkzeug's refusals: plain text on machine paths, the pages' own 404 page elsewhere."""
    if http.is_machine_path(request.path):
        return http.from_werkzeug(error, settings().max_body)
    if error.code == 404:
        return views.not_found()
    return error


def internal_error(error: InternalServerError) -> Response | InternalServerError:
    """A bug: logged with its trace by Flask, answered without one."""
    if not http.is_machine_path(request.path):
        return error
    return http.text_error(500, http.INTERNAL)
