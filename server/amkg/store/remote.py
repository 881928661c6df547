"""An external SPARQL engine as the store: the SPARQL 1.1 Protocol for queries, the Graph Store Protocol for
loading (``--store sparql+http://HOST:PORT/PATH``, see :mod:`amkg.store`).

The endpoint checks every query before it gets here (read-only, SERVICE policy, size and nesting limits)
and applies the row and byte limits to what comes back, so the engine is only ever handed what the embedded
store would have run. Here, in addition:

- the query is parsed by pyoxigraph first (lazily, over an empty store: nothing is evaluated for a SELECT or
  a CONSTRUCT), so a syntax error gets the same message over every engine, and an engine's own extensions
  (Virtuoso's ``DEFINE`` pragmas, its ``bif:``/``sql:`` functions) never reach it: SPARQL 1.1 only;
- the dataset is AMKG's own graphs, named on every request (``default-graph-uri`` and ``named-graph-uri``),
  so other data the engine holds is never seen, and an engine whose default graph is something else
  answers the same; the default graph is :data:`UNION_GRAPH`, the union of ours written at load time as
  the embedded store does (a set: a triple two documents state is in it once, which a merge of several
  ``default-graph-uri`` is not on every engine);
- answers are read as SPARQL XML or N-Triples into pyoxigraph objects, so everything above is unchanged;
- whatever goes wrong between us and the engine is a :class:`RemoteError` with the status a client should
  see (502: the engine failed or answered something unreadable; 504: it did not answer in time), never a
  partial or empty answer: Virtuoso's "anytime" partial results (``X-SQL-State``) are refused too.

Each process has its own HTTP session (a pool of kept-alive connections, ``store_connections`` of them):
a connection must not cross a fork. Credentials go to the engine only, and are never logged.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from amkg.rdf.namespaces import BASE
from amkg.rdf.scan import scan_query, tokens
from amkg.store.model import Dataset, RemoteError, Result, Term

log = logging.getLogger(__name__)

#: The union of AMKG's graphs, written at load time; the default graph of every query (not a named graph).
UNION_GRAPH = BASE + "graph/union"
#: URL schemes of engine built-ins that a SPARQL 1.1 query could name as functions (Virtuoso's SQL).
ENGINE_SCHEMES = ("bif", "sql")
SCHEME = "sparql+"
_RESULTS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
_GRAPHS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: What to ask for, by the query's form: one type each, as Virtuoso answers 406 to a list that starts with
#: a type of the other kind.
ACCEPT = {"CONSTRUCT": "application/n-triples", "DESCRIBE": "application/n-triples"}
RESULTS_XML = "application/sparql-results+xml"
_EMPTY = ox.Store()
_BNODE = re.compile(rb"<bnode>([^<]*)</bnode>")
_LABEL = re.compile(rb"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class Endpoints:
    """Where the engine is and how to talk to it (from :class:`amkg.config.Settings`)."""

    query: str
    update: str = ""
    data: str = ""
    user: str = ""
    password: str = ""
    auth: str = "basic"
    #: Seconds to connect, and to wait for an answer (the query deadline kills the process before that).
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    connections: int = 10
    #: Most bytes read from one answer of the engine.
    max_bytes: int = 256 << 20

    def __repr__(self) -> str:  # never the password, wherever an Endpoints is printed
        return f"Endpoints(query={self.query!r}, update={self.update!r}, data={self.data!r})"


def query_url(store: str) -> str:
    """The engine's query URL from a ``--store sparql+http(s)://…`` value, or ``ValueError``."""
    url = store.removeprefix(SCHEME)
    parts = urlsplit(url)
    if not store.startswith(SCHEME) or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--store {store!r} is not sparql+http://HOST:PORT/PATH (the engine's query URL)")
    return url


class RemoteBackend:
    """AMKG's graphs in an external engine; ``graphs`` and ``statements`` are what the build holds."""

    def __init__(self, endpoints: Endpoints, graphs: list[str], statements: int) -> None:
        self.endpoints = endpoints
        self.graphs = graphs
        self.statements = statements
        self._local = threading.local()
        self._pid = -1
        self._session: requests.Session | None = None

    # ------------------------------------------------------------ HTTP

    @property
    def session(self) -> requests.Session:
        """This process's session: kept-alive connections to the engine, never inherited over a fork."""
        if self._session is None or self._pid != os.getpid():
            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=self.endpoints.connections)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.auth = _auth(self.endpoints)  # None: requests reads ~/.netrc (or $NETRC) itself
            self._session, self._pid = session, os.getpid()
        return self._session

    def request(self, method: str, url: str, **kwargs: object) -> requests.Response:
        """One call to the engine, its body read in full (up to ``max_bytes``); a failure is a
        :class:`RemoteError` that names the engine's URL and what it said, never the credentials."""
        timeout = (self.endpoints.connect_timeout, self.endpoints.read_timeout)
        where = _shown(url)
        try:
            response = self.session.request(method, url, timeout=timeout, stream=True, **kwargs)  # type: ignore[arg-type]
            body = _read(response, self.endpoints.max_bytes, where)
        except requests.Timeout as exc:
            raise RemoteError(504, f"The SPARQL engine at {where} did not answer in time.") from exc
        except requests.RequestException as exc:
            reason = type(exc).__name__
            raise RemoteError(502, f"The SPARQL engine at {where} cannot be reached ({reason}).") from exc
        response._content = body  # what .text and .content give from now on
        if response.status_code >= 400:
            said = " ".join(response.text.split())[:300] or response.reason
            status = 504 if response.status_code in (408, 504) else 502
            if response.status_code == 400:
                raise ValueError(f"the SPARQL engine refused it: {said}")
            raise RemoteError(status, f"The SPARQL engine at {where} failed ({response.status_code}): {said}")
        state = response.headers.get("X-SQL-State")
        if state:  # Virtuoso's anytime query: a partial answer at its time limit
            raise RemoteError(
                504, f"The SPARQL engine at {where} answered only partially (its time limit, {state})."
            )
        return response

    # ------------------------------------------------------------ the Backend protocol

    def query(self, text: str, dataset: Dataset, base_iri: str | None = None) -> Result:
        _EMPTY.query(text, base_iri=base_iri)  # SyntaxError as the embedded store gives it; lazy otherwise
        found = tokens(text)
        clauses: list[tuple[int, int]] = []  # FROM [NAMED] <graph>: where each dataset clause is in the text
        for n, token in enumerate(found):
            if token.kind == "iri" and token.text[1:].split(":", 1)[0].lower() in ENGINE_SCHEMES:
                raise ValueError(
                    f"{token.text} names an engine's built-in, which this endpoint does not call"
                )
            if token.keyword == "FROM":  # only ever a dataset clause: the parse above has checked the syntax
                graph = found[n + 2] if found[n + 1].keyword == "NAMED" else found[n + 1]
                clauses.append((token.start, graph.end))
        params: list[tuple[str, str]] = []
        if dataset.from_protocol:
            # The protocol's dataset replaces the query's (SPARQL 1.1 Protocol, 2.1.4); Virtuoso merges the
            # two instead, so the query's own clauses are taken out before it is sent.
            text = _without(text, clauses)
            params += [("default-graph-uri", g) for g in dataset.default or ()]
            params += [("named-graph-uri", g) for g in dataset.named or ()]
            if not dataset.default:  # an empty default graph: no URI names one, so name one nobody has
                params.append(("default-graph-uri", BASE + "graph/empty"))
            if not dataset.named:
                params.append(("named-graph-uri", BASE + "graph/empty"))
        elif not clauses:  # FROM in the query takes precedence over the service's dataset
            params += [("default-graph-uri", UNION_GRAPH)]
            params += [("named-graph-uri", g) for g in self.graphs]
        # The protocol has no base parameter; a BASE on the first line keeps the client's line numbers.
        sent = f"BASE <{base_iri}> {text}" if base_iri else text
        # A form, not an application/sparql-query body: Virtuoso 7.2 waits for ever on the latter.
        response = self.request(
            "POST",
            self.endpoints.query,
            data=[("query", sent), *params],
            headers={"Accept": ACCEPT.get(scan_query(text).form, RESULTS_XML)},
        )
        return _parse(response, self.endpoints.query)

    def quads(self, subject: Term | None, obj: Term | None) -> Iterator[ox.Quad]:
        """Statements with this subject or object in AMKG's graphs; none for a blank node, which an
        engine's answer names with labels of its own that no later query can refer to."""
        if isinstance(subject, ox.BlankNode | ox.Triple | ox.Literal) or isinstance(obj, ox.BlankNode):
            return
        if isinstance(obj, ox.Triple):
            return
        s = "?s" if subject is None else str(subject)
        o = "?o" if obj is None else str(obj)
        query = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ {s} ?p {o} }} }}"
        result = self.query(query, Dataset(default=(), named=tuple(self.graphs)))
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            found_s = subject if subject is not None else row["s"]
            found_o = obj if obj is not None else row["o"]
            yield ox.Quad(found_s, row["p"], found_o, row["g"])

    def graph_names(self) -> list[str]:
        return list(self.graphs)

    def __len__(self) -> int:
        return self.statements

    def counts(self) -> dict[str, int]:
        """Statements the engine holds in each of AMKG's graphs (the union graph included)."""
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        names = (*self.graphs, UNION_GRAPH)
        result = self.query(query, Dataset(default=(), named=names))
        assert isinstance(result, ox.QuerySolutions)
        found = {row["g"].value: int(row["n"].value) for row in result}
        return {g: found.get(g, 0) for g in names}


def _auth(endpoints: Endpoints) -> AuthBase | None:
    if not endpoints.user:
        return None
    if endpoints.auth == "digest":
        return HTTPDigestAuth(endpoints.user, endpoints.password)
    return HTTPBasicAuth(endpoints.user, endpoints.password)


def _shown(url: str) -> str:
    """The URL without any user or password written into it."""
    parts = urlsplit(url)
    return parts._replace(netloc=(parts.hostname or "") + (f":{parts.port}" if parts.port else "")).geturl()


def _read(response: requests.Response, limit: int, where: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(1 << 16):
        size += len(chunk)
        if size > limit:
            response.close()
            raise RemoteError(413, f"The SPARQL engine at {where} answered more than {limit:,} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(response: requests.Response, url: str) -> Result:
    """The engine's answer as pyoxigraph objects; an answer in a format we did not ask for is a 502."""
    media = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    try:
        if media in _RESULTS:
            content = response.content
            if media == RESULTS_XML:  # Virtuoso labels blank nodes "nodeID://b1", which no syntax allows
                content = _BNODE.sub(lambda m: b"<bnode>" + _LABEL.sub(b"_", m[1]) + b"</bnode>", content)
            return ox.parse_query_results(content, _RESULTS[media])
        if media in _GRAPHS:
            return iter(
                [q.triple for q in ox.parse(response.content, _GRAPHS[media], base_iri=BASE, lenient=True)]
            )
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(
            502, f"The SPARQL engine at {_shown(url)} sent an unreadable answer: {exc}"
        ) from exc
    raise RemoteError(502, f"The SPARQL engine at {_shown(url)} answered in {media or 'no format'}.")


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span replaced by a space (so that neighbouring tokens stay apart)."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], " "]
        at = end
    return "".join(out) + text[at:]
