"""``/healthz``: whether this server can answer, for load balancers and operators, as JSON.

It reports what a person deciding whether to route traffic here needs: the store (backend, statements
loaded, and whether that is what the build counted), the build that is served (when, by which code, its
counts), the query execution (a process pool when one is installed as the ``amkg.pool`` extension, whose
``status()`` says whether it is healthy; otherwise the limits each worker applies) and how full the answer
and page caches are (bounded in bytes: the memory a long run gains levels off where they are full). 200
when healthy, 503 when not, so a plain HTTP check needs no JSON parsing.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app

from amkg.web.context import get_dist, get_store, settings
from amkg.web.http import CORS
from amkg.web.lru import LRU


def healthz() -> Response:
    store, dist, config = get_store(), get_dist(), settings()
    expected = dist.manifest.get("counts", {}).get("quads")
    statements = store.triple_count
    try:
        answers = bool(store.ask("ASK { ?s ?p ?o }"))
    except (OSError, RuntimeError, ValueError):
        answers = False
    problems = []
    if not answers or statements == 0:
        problems.append("the store answers no query")
    if statements != expected:
        problems.append(f"the store holds {statements} statements, the build {expected}")
    pool = current_app.extensions.get("amkg.pool")
    if pool is not None:
        pool_status: dict[str, Any] = dict(pool.status())
        if pool_status.get("healthy") is False:
            problems.append("the query pool is not healthy")
    else:
        pool_status = {
            "kind": "in-worker",
            "query_timeout": config.query_timeout,
            "row_limit": config.row_limit,
            "max_query_bytes": config.max_query_bytes,
            "max_query_tokens": config.max_query_tokens,
            "max_nesting": config.max_nesting,
        }
    manifest = dist.manifest
    report = {
        "status": "fail" if problems else "pass",
        "problems": problems,
        "store": {"backend": config.store, "statements": statements, "answers": answers},
        "build": {
            "built_at": dist.built_at,
            "generator": manifest.get("generator", ""),
            "code": manifest.get("code", ""),
            "counts": manifest.get("counts", {}),
        },
        "queries": pool_status,
        "caches": {name: _fill(current_app.extensions[f"amkg.{name}"]) for name in ("answers", "pages")},
    }
    body = json.dumps(report, indent=2, default=str) + "\n"
    headers = {"Cache-Control": "no-store", **CORS}
    return Response(body, status=503 if problems else 200, content_type="application/json", headers=headers)


def _fill(cache: LRU[Any, Any]) -> dict[str, int]:
    return {"entries": len(cache), "bytes": cache.size, "max_bytes": cache.max_bytes}
