"""The query scanner runs before any deadline, so it must take time linear in its input, whatever the input.

A pathological 42-byte query (40 spaces and a letter) once held a worker for 40 s, doubling with each extra
space. Every shape below is 20 KB of what makes regular expressions backtrack: runs of one character,
unclosed strings and IRIs, escapes, prefixed names that never reach their colon, deep nesting. Each is
scanned by every entry point of the scanner, and each scan is held to a generous 1 s (linear code takes a
few tens of milliseconds; the quadratic lexer took 2-9 s on several of them, the exponential one forever).
"""

from __future__ import annotations

import contextlib
import random
import time

import pyoxigraph as ox
import pytest
from amkg.rdf import scan

SIZE = 20_000
#: Repeated fragments; each shape is one fragment repeated to SIZE characters (some with a head or tail).
FRAGMENTS = [
    " ",
    "\t\n",
    "<",
    "< ",
    '"',
    "'",
    "\\",
    ":",
    ".",
    "#",
    "é",
    "é.",
    "{",
    "(",
    "[",
    "a",
    "a.",
    "a-",
    "1.",
    "1e",
    "?",
    "_:a.",
    ":\\",
    ":%",
    ":a.",
    "@a-",
    "'a",
    '"a\n',
    "'''a",
    '"""\\"',
    "'''\\'",
    "<\\u",
    '<"',
    "STR(",
    "LIMIT ",
    "SERVICE",
    "PREFIX a: <",
    "PREFIX a: <x> ",
    " #\n",
    "\U0001f600",
    "a\u00b7",
    "<<",
]
HEADS = ["", "SELECT * { ", "PREFIX : <urn:> ", "SERVICE <urn:x> { "]
TAILS = ["", "X", ":", "}", "'''", '"""']
ENTRY_POINTS = [scan.scan_query, scan.tokens, scan.code_only, scan.undeclared_prefixes]


def shapes() -> list[tuple[str, str]]:
    """(name, text): every fragment repeated with the plainest head and tail, then mixed ones."""
    found = []
    for fragment in FRAGMENTS:
        for head, tail in ((HEADS[0], TAILS[0]), (HEADS[1], TAILS[1]), (HEADS[3], TAILS[2])):
            body = fragment * (SIZE // len(fragment))
            found.append((f"{head!r}+{fragment!r}*+{tail!r}", head + body + tail))
    rng = random.Random(20261203)  # deterministic: a failure names a text that can be made again
    for n in range(40):
        picked = rng.sample(FRAGMENTS, 3)
        body = "".join(rng.choice(picked) for _ in range(SIZE // 2))[:SIZE]
        found.append((f"mix{n}:{picked!r}", rng.choice(HEADS) + body + rng.choice(TAILS)))
    return found


@pytest.mark.parametrize(("name", "text"), shapes(), ids=[name for name, _ in shapes()])
def test_scanning_20_kb_of_any_shape_takes_under_a_second(name: str, text: str) -> None:
    for entry in ENTRY_POINTS:
        started = time.perf_counter()
        entry(text)
        assert time.perf_counter() - started < 1.0, f"{entry.__name__} on {name}"


def test_the_42_byte_query_of_the_report() -> None:
    started = time.perf_counter()
    assert scan.scan_query(" " * 40 + "X").form == ""
    assert time.perf_counter() - started < 0.1


def test_the_limits_check_is_linear_too() -> None:
    for _, text in shapes()[:: len(HEADS)]:
        started = time.perf_counter()
        with contextlib.suppress(scan.QueryTooDeep):
            scan.check_limits(text, 10**6, 10**6, 100)
        assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("seed", range(20))
def test_the_linear_lexer_reads_every_text_as_the_plain_one_does(seed: int) -> None:
    """The switched-off alternatives change no token: compare with the full pattern tried at every start."""
    rng = random.Random(seed)
    full = scan._lexer()
    for _ in range(300):
        text = "".join(rng.choice([*FRAGMENTS, "a:", "b", "''", '""', "}", "'''", '"""']) for _ in range(12))
        plain = [(m.start(), m.end()) for m in full.finditer(text)]
        assert [(m.start(), m.end()) for _, m in scan._lex(text)] == plain, text


UNCLOSED = [
    'SELECT * { ?s ?p "abc } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }',
    "SELECT * { ?s ?p 'abc } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }",
    'SELECT * { ?s ?p "a\\" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #"',
    'SELECT * { ?s ?p """a" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }',
    "SELECT * { ?s ?p '''a' . ?s ?p 'b' } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c }",
    'SELECT * { ?s ?p """a\\""" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #"',
]


@pytest.mark.parametrize("query", UNCLOSED)
def test_a_service_after_an_unclosed_quote_is_found_or_the_engine_cannot_parse(query: str) -> None:
    """The scanner reads a quote that opens no string as the end of the code; the engine must agree."""
    if scan.scan_query(query).services:
        return
    with pytest.raises(SyntaxError):
        ox.Store().query(query)
