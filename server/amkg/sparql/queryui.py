"""What the query page (YASGUI) is given: the endpoint, the project's prefixes and the example queries.

YASGUI is vendored from npm into ``static/yasgui/`` by ``make static`` (which ``make serve`` and ``make
test`` run); nothing is loaded from a CDN. Every competency question in ``queries/`` is offered as a named
example, its ``#`` header giving its name (the question) and description; a file that breaks the
catalogue's conventions is still offered, under its file name, since the page must not fail for one file.
"""

from __future__ import annotations

import functools
from pathlib import Path

from flask import current_app

from amkg.catalogue import CatalogueError, parse
from amkg.config import Settings
from amkg.rdf.namespaces import BASE, CURIE_PREFIXES
from amkg.web.public import public_base

#: The vendored build, relative to the static folder.
YASGUI_JS = "yasgui/yasgui.min.js"
YASGUI_CSS = "yasgui/yasgui.min.css"


def examples(folder: Path) -> list[dict[str, str]]:
    """``{"id", "name", "description", "query"}`` for every ``*.rq`` file of ``folder``, by file name."""
    paths = sorted(folder.glob("*.rq"))
    return _examples(tuple((p, p.stat().st_mtime_ns) for p in paths))


@functools.lru_cache(maxsize=4)
def _examples(files: tuple[tuple[Path, int], ...]) -> list[dict[str, str]]:
    found = []
    for path, _ in files:
        try:
            query = parse(path)
        except (CatalogueError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8", errors="replace")
            found.append({"id": path.stem, "name": path.stem, "description": "", "query": text})
            continue
        description = query.header
        found.append(
            {"id": path.stem, "name": query.question, "description": description, "query": query.text}
        )
    return found


#: The prefixes the default query uses; the editor adds others as they are typed (prefix completion).
DEFAULT_PREFIXES = ("amkg", "rdfs")


def default_query() -> str:
    """A new tab's query: short enough to read at a glance, with only the prefixes it uses."""
    lines = [f"PREFIX {prefix}: <{CURIE_PREFIXES[prefix]}>" for prefix in DEFAULT_PREFIXES]
    return "\n".join(
        [
            *lines,
            "",
            "SELECT ?hub ?label WHERE {",
            "  ?hub a amkg:Hub ; rdfs:label ?label .",
            "} ORDER BY ?label LIMIT 100",
            "",
        ]
    )


def config(settings: Settings) -> dict[str, object]:
    """Everything the page's script needs, as one JSON-ready dict."""
    static = Path(current_app.static_folder or "")
    return {
        "endpoint": public_base() + "sparql",
        # Result IRIs in AMKG's space open this server's pages (its public base), not the persistent IRI.
        "base": BASE,
        "publicBase": public_base(),
        "prefixes": CURIE_PREFIXES,
        "defaultQuery": default_query(),
        "examples": examples(settings.root / "queries"),
        "yasgui": (static / YASGUI_JS).is_file() and (static / YASGUI_CSS).is_file(),
    }
