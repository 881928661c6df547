"""The Flask application factory: one store, the SPARQL endpoint, the VoID description and the pages.

``create_app`` loads the store once; under ``amkg serve`` that happens in the gunicorn master before it
forks the workers, which then share the loaded graph. ``/ping`` is the cheapest route of the same app, for
health checks and as the benchmark's baseline.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, InternalServerError

from amkg import sparql, void
from amkg.config import Settings
from amkg.protocol import cors, is_protocol_path, text_error
from amkg.store import open_store

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Flask:
    """A ready app serving ``settings.dist`` (default: settings from the environment)."""
    settings = settings or Settings.from_env()
    app = Flask("amkg")
    app.config.update(AMKG_SETTINGS=settings, MAX_CONTENT_LENGTH=settings.max_body)
    app.extensions["amkg.store"] = open_store(settings)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(void.bp)
    _register_pages(app)
    app.add_url_rule("/ping", "ping", ping)
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
    """Errors raised before a view runs (405, 404) on the protocol's paths: plain text with CORS."""
    if not is_protocol_path(request.path):
        return error
    response = text_error(error.code or 400, error.description or error.name)
    valid = getattr(error, "valid_methods", None)
    if error.code == 405 and valid:
        response.headers["Allow"] = ", ".join(valid)
    return cors(response)


def internal_error(error: InternalServerError) -> Response | InternalServerError:
    """A bug: logged with its trace here, answered without one."""
    if not is_protocol_path(request.path):
        return error
    return cors(text_error(500, "Internal error: the query could not be answered. It has been logged."))
