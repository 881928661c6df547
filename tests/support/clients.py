"""Clients from several loopback addresses, and what a server's whole process tree costs (CPU, memory).

The endpoint limits queries per client address, so tests and bench/load.py that stand for several clients
send from 127.0.0.x (all of 127/8 is loopback on Linux). The server's processes are the master, its web
worker, the query pool's manager and the query processes: :func:`tree` finds them all in /proc.
"""

from __future__ import annotations

import http.client
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HOSTILE = {
    #: pyoxigraph panics on it ("comparison function does not correctly implement a total order") on some
    #: runs and aborts its process; on others it sorts everything (heavy: it may meet its deadline).
    "panic": "SELECT ?o { ?s ?p ?o } ORDER BY DESC(?o)",
    #: 2,200 nested groups overflow the engine's stack; the scanner's nesting limit refuses it first (400).
    "deep": "SELECT * " + "{ " * 2200 + "}" * 2200,
    #: Each BIND doubles the string: 2^40 characters if nothing stopped it.
    "concat": 'SELECT ?b39 { BIND("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" AS ?b) '
    + " ".join(f"BIND(CONCAT(?b{i - 1 if i else ''},?b{i - 1 if i else ''}) AS ?b{i})" for i in range(40))
    + " }",
    #: A cartesian product the engine would run for hours.
    "endless": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str


def send(
    base: str,
    path: str,
    *,
    query: str | None = None,
    source: str = "127.0.0.1",
    accept: str = "application/sparql-results+json",
    timeout: float = 30,
) -> Reply:
    """GET ``path``, or POST ``query`` to it as a form, from the loopback address ``source``."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout, source_address=(source, 0))
    try:
        if query is None:
            conn.request("GET", path, headers={"Accept": accept})
        else:
            body = urlencode({"query": query})
            headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
            conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        return Reply(response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace"))
    finally:
        conn.close()


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants alive now."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found, frontier = [pid], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _rollup(pid: int) -> dict[str, int]:
    """The process's memory totals in bytes by field (``Pss``, ``Private_Dirty``…), from
    ``/proc/{pid}/smaps_rollup``; empty once it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    fields = (line.split() for line in rollup.splitlines()[1:])
    return {f[0].rstrip(":"): int(f[1]) * 1024 for f in fields if len(f) == 3 and f[2] == "kB"}


def private_bytes(pid: int) -> int:
    """Memory only this process has (its private pages, clean and dirty): what a leak or a filling cache of
    its own grows, unmoved by processes it shares pages with coming and going."""
    rollup = _rollup(pid)
    return rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are alive now."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def pss_bytes(pids: list[int]) -> int:
    """Proportional set size of the processes: each shared page divided among the processes sharing it,
    so the sum is the memory they really take."""
    return sum(_rollup(pid).get("Pss", 0) for pid in pids)


def demoted_threads(pids: list[int]) -> list[int]:
    """Threads of the processes that run at the lowest priority (nice 19)."""
    found = []
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[16]) == 19:  # nice (proc(5))
                found.append(int(tid))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the processes still alive."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of the processes, shared pages counted once per process (an upper bound)."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total
