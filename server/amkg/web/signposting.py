"""FAIR Signposting: ``Link`` headers that tell a machine what a page or a file is, how to cite it, under
which licence, what describes it and what it belongs to (https://signposting.org/FAIR/).

- the home page, the dataset's landing page: ``cite-as`` the dataset's persistent IRI, ``describedby`` its
  VoID, ``type`` ``schema:Dataset`` and ``schema:AboutPage``, ``license``, and an ``item`` for each dump;
- an entity's page or document: ``cite-as`` its persistent IRI, ``describedby`` its Turtle and JSON-LD
  documents, ``type`` ``schema:AboutPage`` (the page), ``license``, ``collection`` the dataset;
- a dump: ``cite-as`` the dataset, ``describedby`` VoID, ``type`` ``schema:DataDownload``, ``license``,
  ``collection`` the dataset's landing page.

The headers are added after the view has answered (``200`` only), next to any ``Link`` it set itself.
"""

from __future__ import annotations

from flask import Response, request

from amkg.rdf.namespaces import ID
from amkg.web.context import get_dist
from amkg.web.dataset import CITE_AS, LICENSE
from amkg.web.formats import DOCUMENTS
from amkg.web.public import public_base

SCHEMA = "https://schema.org/"
#: The dumps a landing page lists as its items: the whole graph in each format, and the gzipped release.
ITEMS = ("amkg.nq", "amkg.trig", "amkg.jsonld")


def _link(target: str, rel: str, media: str = "") -> str:
    return f'<{target}>; rel="{rel}"' + (f'; type="{media}"' if media else "")


def home_links() -> list[str]:
    public, dist = public_base(), get_dist()
    links = [
        _link(CITE_AS, "cite-as"),
        _link(public + ".well-known/void", "describedby", "text/turtle"),
        _link(SCHEMA + "Dataset", "type"),
        _link(SCHEMA + "AboutPage", "type"),
        _link(LICENSE, "license"),
    ]
    names = [*ITEMS, str(dist.version.get("dump", ""))]
    for download in (dist.download(name) for name in names if name):
        if download is not None:
            links.append(_link(public + "downloads/" + download.name, "item", download.media_type))
    return links


def entity_links(path: str) -> list[str]:
    """For ``/id/{kind}/{slug}`` and its documents (``….html``, ``….ttl``…)."""
    stem, _, ext = path.removeprefix("/id/").rpartition(".")
    if not stem or ext not in DOCUMENTS:
        stem = path.removeprefix("/id/")
    url = public_base() + "id/" + stem
    links = [
        _link(ID + stem, "cite-as"),
        _link(url + ".ttl", "describedby", "text/turtle"),
        _link(url + ".jsonld", "describedby", "application/ld+json"),
        _link(LICENSE, "license"),
        _link(public_base(), "collection"),
    ]
    if ext == "html":
        links.insert(3, _link(SCHEMA + "AboutPage", "type"))
    return links


def dump_links() -> list[str]:
    return [
        _link(CITE_AS, "cite-as"),
        _link(public_base() + ".well-known/void", "describedby", "text/turtle"),
        _link(SCHEMA + "DataDownload", "type"),
        _link(LICENSE, "license"),
        _link(public_base(), "collection"),
    ]


def signpost(response: Response) -> Response:
    """Add the Signposting links for the home page, entity documents and dumps."""
    if response.status_code != 200:
        return response
    endpoint = request.endpoint or ""
    if endpoint == "pages.home":
        links = home_links()
    elif endpoint == "pages.entity":
        links = entity_links(request.path)
    elif endpoint == "pages.download":
        links = dump_links()
    else:
        return response
    existing = response.headers.get("Link")
    response.headers["Link"] = ", ".join([existing, *links] if existing else links)
    return response
