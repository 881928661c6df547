"""The ``amkg`` command: build, validate, stats, load and serve.

Every subcommand turns its flags into :class:`amkg.config.Settings` (defaults < ``AMKG_*`` environment <
flags), so the CLI, the build and every server worker agree on one configuration.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from amkg import __version__
from amkg.config import ROOT, STORES, Settings


def _settings(args: argparse.Namespace, **overrides: object) -> Settings:
    """Settings from the environment and the flags; ``--root`` alone also moves dist/ under the new root."""
    root = getattr(args, "root", None)
    dist = getattr(args, "dist", None)
    if root is not None and dist is None:
        dist = root / "dist"
    return Settings.from_env(root=root, dist=dist, **overrides)


def _build(args: argparse.Namespace) -> int:
    from amkg.build import BuildError, build

    settings = _settings(args)
    try:
        result = build(settings, force=args.force)
    except BuildError as exc:
        print(f"{exc}\n\namkg build failed; {settings.dist} is unchanged.", file=sys.stderr)
        return 1
    counts = result.manifest.get("counts", {})
    what = "up to date" if result.skipped else "built"
    print(
        f"{settings.dist} {what}: {counts.get('quads', '?')} statements "
        f"({counts.get('inferred', '?')} inferred), {counts.get('entities', '?')} entities, "
        f"in {result.seconds:.1f} s"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from amkg.build.inputs import InputError, load
    from amkg.build.validate import CheckError, validate

    settings = _settings(args)
    try:
        inputs = load(settings.root)
        report = validate(inputs, settings.root / "shapes", settings.root / "queries" / "checks")
    except (InputError, CheckError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(report.text(), file=sys.stdout if report.conforms else sys.stderr)
    return 0 if report.conforms else 1


def _stats(args: argparse.Namespace) -> int:
    from amkg.dist import DistError
    from amkg.store.report import collect

    try:
        stats = collect(_settings(args).dist)
    except (FileNotFoundError, DistError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(stats.as_json() if args.json else stats.table())
    return 0


def _serve(args: argparse.Namespace) -> int:
    from amkg.config import ConfigError
    from amkg.dist import DistError
    from amkg.serving import run  # the server's dependencies load only when serving

    settings = _settings(
        args,
        host=args.host,
        port=args.port,
        public_base=args.public_base,
        query_timeout=args.query_timeout,
        row_limit=args.row_limit,
        service_allowlist=tuple(args.service_allow) if args.service_allow else None,
        service_private=args.service_private or None,
        service_timeout=args.service_timeout,
        **_store_flags(args),
        max_query_bytes=args.max_query_bytes,
        max_query_tokens=args.max_query_tokens,
        max_nesting=args.max_nesting,
        allowed_hosts=tuple(args.allowed_host) if args.allowed_host else None,
        production=args.production or None,
        query_processes=args.query_processes,
        query_memory_mb=args.query_memory_mb,
        max_answer_bytes=args.max_answer_bytes,
        client_queries=args.client_queries,
        read_timeout=args.read_timeout,
        web_threads=args.threads,
        answer_cache_mb=args.answer_cache_mb,
        page_cache_mb=args.page_cache_mb,
    )
    try:
        run(settings, workers=args.workers)
    except (ConfigError, DistError, OSError) as exc:  # one line that says what to do, not a traceback
        print(f"amkg serve: {exc}", file=sys.stderr)
        return 1
    return 0


def _store_flags(args: argparse.Namespace) -> dict[str, object]:
    return {"store": args.store, "store_update": args.store_update, "store_data": args.store_data}


def _load(args: argparse.Namespace) -> int:
    """Put the build into the external engine named by --store (or AMKG_STORE)."""
    from amkg.config import ConfigError
    from amkg.dist import DistError
    from amkg.store import remote_backend
    from amkg.store.load import LoadError, load

    settings = _settings(args, **_store_flags(args))
    try:
        settings.check()
        if not settings.remote:
            raise ConfigError("amkg load needs --store sparql+http://HOST:PORT/PATH (an engine's query URL).")
        backend = remote_backend(settings)
        loaded = load(backend, settings.dist)
    except (ConfigError, DistError, LoadError, ValueError) as exc:
        print(f"amkg load: {exc}", file=sys.stderr)
        return 1
    total = sum(n for g, n in loaded.graphs.items() if g in backend.graphs)
    dropped = f", dropped {len(loaded.dropped)} graph(s) the build no longer has" if loaded.dropped else ""
    print(
        f"loaded {total:,} statements in {len(backend.graphs)} graphs (and their union) into "
        f"{backend.endpoints.query} in {loaded.seconds:.1f} s{dropped}; counts match the manifest"
    )
    return 0


def _queries(args: argparse.Namespace) -> int:
    """List the competency questions, re-run them into tests/expected/, and/or render their page."""
    from amkg.catalogue import catalogue
    from amkg.catalogue.answers import load_store, update_expected
    from amkg.catalogue.doc import render

    queries = catalogue()
    if args.update_expected:
        for path in update_expected(load_store(args.dist or ROOT / "dist"), queries):
            print(f"wrote {path.relative_to(ROOT)}")
    if args.doc:
        args.doc.write_text(render(queries), encoding="utf-8")
        print(f"wrote {args.doc}")
    if not (args.update_expected or args.doc):
        for query in queries:
            print(f"{query.name}: {query.question}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    """Statements added and removed between two dumps, per graph and per entity."""
    from amkg.release import diff

    for path in (args.old, args.new):
        if not path.is_file():
            print(f"amkg diff: {path} does not exist", file=sys.stderr)
            return 1
    try:
        changes = diff(args.old, args.new)
    except (SyntaxError, OSError, UnicodeDecodeError) as exc:
        print(f"amkg diff: cannot read the dumps as N-Quads: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False) if args.json else changes.text())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="amkg",
        description="AMKG, the Advanced Manufacturing Knowledge Graph: build, check and serve it.",
        epilog="Settings can also come from AMKG_* environment variables (e.g. AMKG_ROOT, AMKG_PORT).",
    )
    parser.add_argument("--version", action="version", version=f"amkg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_paths(sub: argparse.ArgumentParser, dist: bool = True) -> argparse.ArgumentParser:
        sub.add_argument("--root", type=Path, help="project folder (ontology/, graph/, shapes/, queries/)")
        if dist:
            sub.add_argument("--dist", type=Path, help="output folder of the build (default: ROOT/dist)")
        return sub

    def with_store(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--store",
            metavar="STORE",
            help=f"{', '.join(STORES)} (default {STORES[0]}), or an engine's query URL, sparql+http://HOST:PORT/PATH",
        )
        sub.add_argument("--store-update", metavar="URL", help="the engine's SPARQL Update URL")
        sub.add_argument("--store-data", metavar="URL", help="the engine's Graph Store Protocol URL")
        return sub

    build = with_paths(commands.add_parser("build", help="validate, reason and write dist/ (atomically)"))
    build.add_argument("--force", action="store_true", help="rebuild even if no input changed")
    build.set_defaults(handler=_build)

    validate = commands.add_parser("validate", help="check the data against shapes/ and queries/checks/ only")
    with_paths(validate, dist=False)
    validate.set_defaults(handler=_validate)

    stats = with_paths(commands.add_parser("stats", help="counts by class and by source graph, from dist/"))
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats.set_defaults(handler=_stats)

    serve = with_paths(commands.add_parser("serve", help="serve dist/ over HTTP: SPARQL endpoint and pages"))
    serve.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    serve.add_argument(
        "--workers",
        type=int,
        help="web worker processes (default: one per core; each has a share of the query processes)",
    )
    serve.add_argument("--threads", type=int, help="threads per web worker (default 32)")
    serve.add_argument(
        "--query-processes",
        type=int,
        help="processes running user queries, all workers together (default 4/core)",
    )
    serve.add_argument("--query-memory-mb", type=int, help="memory one query may take, MiB (default 1024)")
    serve.add_argument("--max-answer-bytes", type=int, help="largest answer, bytes (default 64 MiB)")
    serve.add_argument("--answer-cache-mb", type=int, help="MiB of answers kept per worker (default 64)")
    serve.add_argument("--page-cache-mb", type=int, help="MiB of rendered pages kept per worker (default 32)")
    serve.add_argument("--client-queries", type=int, help="queries one client may run at once (default 2)")
    serve.add_argument("--read-timeout", type=float, help="seconds to send a request (default 10)")
    serve.add_argument("--public-base", help="URL the server is reached at, e.g. http://127.0.0.1:8080/")
    serve.add_argument("--query-timeout", type=float, help="seconds before a query is stopped (default 30)")
    serve.add_argument("--row-limit", type=int, help="most result rows or triples returned (default 100000)")
    serve.add_argument(
        "--service-allow", nargs="+", action="extend", metavar="IRI", help="SPARQL endpoint SERVICE may call"
    )
    serve.add_argument(
        "--service-private",
        action="store_true",
        help="let listed endpoints be on private or loopback addresses",
    )
    serve.add_argument("--service-timeout", type=float, help="seconds a SERVICE call may take (default 10)")
    serve.add_argument("--max-query-bytes", type=int, help="longest query in bytes (default 1000000)")
    serve.add_argument("--max-query-tokens", type=int, help="most tokens in a query (default 5000)")
    serve.add_argument("--max-nesting", type=int, help="deepest nesting of a query (default 100)")
    serve.add_argument(
        "--allowed-host", nargs="+", action="extend", metavar="HOST", help="host name served (others: 400)"
    )
    serve.add_argument(
        "--production", action="store_true", help="refuse to start without --public-base or --allowed-host"
    )
    with_store(serve)
    serve.set_defaults(handler=_serve)

    difference = commands.add_parser("diff", help="statements added and removed between two N-Quads dumps")
    difference.add_argument("old", type=Path, help="the older dump (.nq or .nq.gz)")
    difference.add_argument("new", type=Path, help="the newer dump (.nq or .nq.gz)")
    difference.add_argument("--json", action="store_true", help="print JSON instead of a table")
    difference.set_defaults(handler=_diff)
    load = with_store(
        with_paths(commands.add_parser("load", help="put dist/ into an external SPARQL engine"))
    )
    load.set_defaults(handler=_load)

    queries = commands.add_parser("queries", help="the competency questions: list, answer, document")
    queries.add_argument("--dist", type=Path, help="built dist/ folder to run the questions against")
    queries.add_argument("--update-expected", action="store_true", help="re-run them into tests/expected/")
    queries.add_argument("--doc", type=Path, help="write the catalogue page here, e.g. docs/queries.md")
    queries.set_defaults(handler=_queries)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``amkg`` command with ``argv`` (default: the process's arguments); returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed what to say
        return exc.code if isinstance(exc.code, int) else 0
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader left early (`amkg stats | head`): not an error of ours, so no traceback. Python would
        # fail again flushing stdout at exit, so stdout is pointed at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
