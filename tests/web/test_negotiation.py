"""One format table and one negotiator for every route: the same Accept value means the same format on an
entity IRI, the ontology, ``/sparql`` (a CONSTRUCT and the service description), VoID and ``/service``.

The pure negotiator is tested as a table first; then every Accept value is sent to every route of the app.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from amkg.web.formats import (
    GRAPH_FORMATS,
    HTML_PAGE,
    Kind,
    NotAcceptable,
    UnknownFormat,
    negotiate,
    parse_accept,
)
from flask.testing import FlaskClient

#: Accept value → the media type every RDF route must answer with.
RDF_ACCEPT = {
    "text/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",
    "application/ld+json": "application/ld+json",
    'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"': "application/ld+json",
    "application/json": "application/ld+json",
    "application/x-json+ld": "application/ld+json",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "text/n3": "text/n3",
    "text/rdf+n3": "text/n3",
    "application/n3": "text/n3",
    "application/trig": "application/trig",
    "application/n-quads": "application/n-quads",
    "text/html;q=0.5, text/turtle": "text/turtle",
    "application/rdf+xml;q=0.9, text/turtle;q=0.1": "application/rdf+xml",
}
RESULT_ACCEPT = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml; charset=utf-8": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "*/*": "application/sparql-results+json",
    "": "application/sparql-results+json",
}


@pytest.mark.parametrize(("accept", "media"), RDF_ACCEPT.items())
def test_graph_formats_by_accept(accept: str, media: str) -> None:
    assert negotiate(Kind.GRAPH, accept).media_type == media
    assert negotiate(Kind.DOCUMENT, accept).media_type == media


@pytest.mark.parametrize(("accept", "media"), RESULT_ACCEPT.items())
def test_result_formats_by_accept(accept: str, media: str) -> None:
    assert negotiate(Kind.RESULTS, accept).media_type == media


@pytest.mark.parametrize("accept", ["", "*/*", "text/html", "application/xhtml+xml", "image/png", "garbage"])
def test_a_document_is_the_page_unless_an_rdf_format_is_asked_for(accept: str) -> None:
    assert negotiate(Kind.DOCUMENT, accept) is HTML_PAGE


def test_format_names_win_and_unknown_ones_say_what_fits() -> None:
    assert negotiate(Kind.GRAPH, "text/turtle", ["nt"]).media_type == "application/n-triples"
    assert negotiate(Kind.RESULTS, "", ["bogus", "csv"]).media_type == "text/csv"
    with pytest.raises(UnknownFormat, match="is for SELECT results"):
        negotiate(Kind.GRAPH, "", ["csv"])
    with pytest.raises(NotAcceptable, match="available: text/turtle"):
        negotiate(Kind.GRAPH, "image/png")


def test_media_type_parameters_do_not_stop_a_match() -> None:
    accept = parse_accept('application/ld+json; profile="x"; q=0.8, text/turtle; charset=utf-8; q=0.5')
    assert accept.quality("application/ld+json") == 0.8 and accept.quality("text/turtle") == 0.5


CONSTRUCT = quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2")


@pytest.mark.parametrize(("accept", "media"), RDF_ACCEPT.items())
@pytest.mark.parametrize("route", ["/sparql?query=" + CONSTRUCT, "/sparql", "/.well-known/void", "/service"])
def test_every_rdf_route_answers_in_the_same_format(
    client: FlaskClient, route: str, accept: str, media: str
) -> None:
    response = client.get(route, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.mimetype == media


@pytest.mark.parametrize(("accept", "media"), RDF_ACCEPT.items())
@pytest.mark.parametrize("route", ["/id/hub/michigan", "/ontology"])
def test_every_document_redirects_to_the_same_format(
    client: FlaskClient, route: str, accept: str, media: str
) -> None:
    response = client.get(route, headers={"Accept": accept})
    assert response.status_code == 303
    ext = next(f.ext for f in GRAPH_FORMATS if f.media_type == media)
    assert response.headers["Location"].endswith(f".{ext}")
    document = client.get(response.headers["Location"])
    assert document.status_code == 200 and document.mimetype == media


@pytest.mark.parametrize(("accept", "media"), RESULT_ACCEPT.items())
def test_select_answers_in_the_negotiated_results_format(
    client: FlaskClient, accept: str, media: str
) -> None:
    response = client.get(
        "/sparql?query=" + quote("SELECT ?s { ?s ?p ?o } LIMIT 1"), headers={"Accept": accept}
    )
    assert response.status_code == 200 and response.mimetype == media
