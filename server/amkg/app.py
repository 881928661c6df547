"""The Flask application factory: one store, the SPARQL endpoint, the VoID description and the pages.

``create_app`` loads the store once; under ``amkg serve`` that happens in the gunicorn master before it
forks the workers, which then share the loaded graph. ``/ping`` is the cheapest route of the same app, for
health checks and as the benchmark's baseline.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, InternalServerError

from amkg import servicevocab, sparql, void
from amkg.config import Settings
from amkg.protocol import METHODS, cors, is_protocol_path, text_error
from amkg.store import open_store

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Flask:
    """A ready app serving ``settings.dist`` (default: settings from the environment)."""
    settings = settings or Settings.from_env()
    app = Flask("amkg")
    # One byte over the limit, so that a chunked body over it can be told apart (see sparql._body).
    app.config.update(AMKG_SETTINGS=settings, MAX_CONTENT_LENGTH=settings.max_body + 1)
    app.extensions["amkg.store"] = open_store(settings)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(void.bp)
    app.register_blueprint(servicevocab.bp)
    _register_pages(app)
    app.add_url_rule("/ping", "ping", ping)
    app.after_request(cors)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(InternalServerError, internal_error)
    return app


def _register_pages(app: Flask) -> None:
    """The linked-data pages, when their module is there (they are developed alongside)."""
    try:
        from amkg.pages import bp as pages
    except ModuleNotFoundError as exc:
        if exc.name != "amkg.pages":
            raise
        log.warning("amkg.pages is missing: serving the SPARQL endpoint and VoID only")
        return
    app.register_blueprint(pages)


def ping() -> Response:
    return Response(b"pong\n", content_type="text/plain; charset=utf-8")


def http_error(error: HTTPException) -> Response | HTTPException:
    """Errors raised before a view runs (405, 404) on the protocol's paths: plain text (CORS is added to
    every answer)."""
    if not is_protocol_path(request.path):
        return error
    if error.code == 405:
        allowed = METHODS[request.path]
        response = text_error(405, f"{request.method} is not allowed here; use {allowed}.")
        response.headers["Allow"] = allowed
        return response
    return text_error(error.code or 400, error.description or error.name)


def internal_error(error: InternalServerError) -> Response | InternalServerError:
    """A bug: logged with its trace here, answered without one."""
    if not is_protocol_path(request.path):
        return error
    return text_error(500, "Internal error: the query could not be answered. It has been logged.")
