"""``/changes``: what the release served adds to and removes from the previous one, as a page or as RDF.

The build keeps the previous release's gzipped dump in ``dist/previous/`` and its summary in
``changes.json``; the statements themselves are compared here, once per app, with the build's own
:func:`amkg.release.diff`. As RDF each changed statement is an ``rdf:Statement`` (subject, predicate,
object, and the named graph it belongs to as ``dct:isPartOf``) that the release's build generated
(``prov:wasGeneratedBy``: added) or invalidated (``prov:wasInvalidatedBy``: removed).
"""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Blueprint, Response, request
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse
from werkzeug.wrappers import Response as BaseResponse

from amkg.pages.documents import serialise
from amkg.pages.responses import html
from amkg.rdf.namespaces import BASE, DCT, OWL, PROV, RDF, RDFS
from amkg.release import Changes, diff
from amkg.web.context import get_dist
from amkg.web.formats import Kind, Unwritable, negotiate
from amkg.web.http import HttpError

bp = Blueprint("changes", __name__)


@functools.lru_cache(maxsize=4)
def _changes(previous: Path, current: Path) -> Changes:
    return diff(previous, current)


def current_changes() -> Changes | None:
    """The changes of the release served, or ``None`` for a first release."""
    dist = get_dist()
    old = dist.version.get("previous")
    if not old:
        return None
    previous = dist.folder / "previous" / f"amkg-{old}.nq.gz"
    return _changes(previous, dist.dump) if previous.is_file() else None


def _rdf(changes: Changes, version: str) -> list[Quad]:
    build = NamedNode(f"{BASE}changes/{version}")
    quads = [
        Quad(build, NamedNode(RDF + "type"), NamedNode(PROV + "Activity")),
        Quad(build, NamedNode(OWL + "versionInfo"), Literal(version)),
        Quad(
            build, NamedNode(RDFS + "comment"), Literal(f"From {changes.old} to {changes.new}", language="en")
        ),
    ]
    for rows, verb in ((changes.added, "wasGeneratedBy"), (changes.removed, "wasInvalidatedBy")):
        text = "".join(
            " ".join(f"_:b{n}x{i}" if term == "[]" else term for i, term in enumerate(row)) + " .\n"
            for n, row in enumerate(rows)
        )  # a blank node, written [] by the comparison, stands for some node of that statement
        for found in parse(text.encode("utf-8"), format=RdfFormat.N_QUADS):
            node = BlankNode()
            quads += [
                Quad(node, NamedNode(RDF + "type"), NamedNode(RDF + "Statement")),
                Quad(node, NamedNode(RDF + "subject"), found.subject),
                Quad(node, NamedNode(RDF + "predicate"), found.predicate),
                Quad(node, NamedNode(RDF + "object"), found.object),
                Quad(node, NamedNode(DCT + "isPartOf"), found.graph_name),
                Quad(node, NamedNode(PROV + verb), build),
            ]
    return quads


@bp.get("/changes")
def changes() -> BaseResponse:
    """The changes since the previous release: a page for browsers, RDF for RDF clients."""
    fmt = negotiate(Kind.DOCUMENT, request.headers.get("Accept", ""), request.args.getlist("format"))
    found = current_changes()
    version = str(get_dist().version.get("version", ""))
    if fmt.ext == "html":
        response = html("changes.html", changes=found, release=get_dist().version)
    else:
        quads = _rdf(found, version) if found else []
        try:
            response = Response(serialise(quads, fmt), content_type=fmt.content_type)
        except Unwritable as exc:
            raise HttpError(406, str(exc)) from exc
    response.headers["Vary"] = "Accept"
    return response
