"""A SPARQL lexer that finds what the endpoint must know before it runs a query.

The engine (pyoxigraph) offers no parse tree, yet the endpoint must decide before running anything: which
SERVICE endpoints a query calls (to refuse all but allowed ones, since the engine would call them), whether
it is an update (refused), its form (to negotiate the result format) and where its outermost LIMIT is (so
the engine stops at the row limit instead of producing every row).

All of these are visible at the level of tokens: SERVICE, LIMIT and the update verbs are keywords
that appear nowhere else, so a lexer that tokenises exactly like the SPARQL grammar's terminals (strings,
IRIs, comments, prefixed names with escapes) sees every one of them. The single place where a context-free
lexer and a grammar-driven parser can disagree is ``<``: an IRI or the less-than operator. Only inside an
expression, after an operand, can the engine read ``<`` as an operator; if the text that the lexer took for
an IRI there holds a quote, ``#`` or parenthesis, the two readings could hide different code, so the scan
says :attr:`Scan.ambiguous` and callers fall back to conservative rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"

#: Token patterns, tried in this order at each position (first match wins, as in the grammar's terminals).
#: Every repetition is possessive or unambiguous, so no pattern backtracks over what it has read; what could
#: still make lexing quadratic (one failed attempt read again from many starts) :func:`_lex` prevents.
_TOKENS = [
    ("space", r"\s+"),
    ("comment", r"#[^\r\n]*+"),
    ("string", r"'''(?:'{0,2}+(?:[^'\\]|\\.))*+'''"),
    ("string", r'"""(?:"{0,2}+(?:[^"\\]|\\.))*+"""'),
    ("string", r"'(?:[^'\\\r\n]|\\.)*+'"),
    ("string", r'"(?:[^"\\\r\n]|\\.)*+"'),
    # A quote that starts no string: the engine cannot read past it either, so the rest is one token.
    ("unclosed", r"['\"].*"),
    ("iri", r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>"),
    ("var", f"[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*+"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX}):(?:{_PN_LOCAL})?"),
    ("pname", f":(?:{_PN_LOCAL})?"),
    ("lang", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*+(?:--[A-Za-z]+)?"),
    ("number", r"(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*+"),
    ("punct", r"\^\^|<=|>=|!=|&&|\|\||<<\(|\)>>|<<|>>|\{\||\|\}|."),
]
_KINDS = [kind for kind, _ in _TOKENS]
#: Indexes of the alternatives :func:`_lex` switches off once they are known to fail for a stretch of text.
_LONG_SINGLE, _LONG_DOUBLE, _PREFIXED = 2, 3, 10
#: A run of the characters a prefix can hold: a prefixed name that failed at its start fails anywhere in it.
_PREFIX_RUN = re.compile(f"[{_PN_CHARS}.]*+")
_PREFIX_START = re.compile(f"[{_PN_CHARS_BASE}]")


@functools.cache
def _lexer(off: frozenset[int] = frozenset()) -> re.Pattern[str]:
    """The lexer with the alternatives ``off`` never matching (group numbers, so kinds, stay the same)."""
    patterns = ("(?!)" if i in off else pattern for i, (_, pattern) in enumerate(_TOKENS))
    return re.compile("|".join(f"(?P<t{i}>{p})" for i, p in enumerate(patterns)), re.DOTALL)


_UPDATE_VERBS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
#: Tokens after which ``<`` may be the less-than operator (they end an operand).
_OPERAND_END = frozenset({"var", "iri", "pname", "string", "number", "lang", "bnode"})
#: Characters that, read as code instead of as part of an IRI, could start or end a string or comment.
_HIDING = frozenset("'#()")
#: Comments and plain PREFIX/BASE declarations, then the query form: most queries need no more than this.
_SIMPLE = re.compile(
    r"""(?:\s|\#[^\n]*+(?:\n|\Z)|PREFIX\s*[\w.\-]*:\s*<[^<>"{}|^`\\\s]*>|BASE\s*<[^<>"{}|^`\\\s]*>)*+"""
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w])",
    re.IGNORECASE,
)
#: Any occurrence of the keyword, whatever the lexing: used only when a scan is ambiguous.
_SERVICE_WORD = re.compile(r"(?<![A-Za-z0-9_])service(?![A-Za-z0-9_])", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        """The upper-cased word for keyword tokens (SPARQL keywords ignore case), else ``""``."""
        return self.text.upper() if self.kind == "word" else ""


@dataclass
class Scan:
    """What the tokens of one request's SPARQL text say."""

    text: str
    #: ``SELECT``, ``CONSTRUCT``, ``DESCRIBE``, ``ASK``, ``UPDATE`` or ``""`` (not recognisable).
    form: str = ""
    #: Offset where the prologue (BASE and PREFIX declarations) ends.
    prologue_end: int = 0
    #: The endpoint token of every SERVICE clause (an IRI, a prefixed name or a variable).
    services: list[Token] = field(default_factory=list)
    #: The number token of the outermost LIMIT, if any.
    limit: Token | None = None
    #: Offset where a LIMIT clause can go when there is none: before the trailing VALUES, or at the end.
    limit_at: int = 0
    #: True when ``<`` could be read two ways in a way that matters (see the module's docstring).
    ambiguous: bool = False

    def mentions_service(self) -> bool:
        """Whether the word SERVICE appears anywhere at all, in code, string, IRI or comment."""
        return _SERVICE_WORD.search(self.text) is not None

    def with_limit(self, limit: int) -> str | None:
        """The text with its outermost LIMIT lowered to ``limit``; ``None`` if it already returns no more.

        Only for SELECT queries, and only when the scan is unambiguous.
        """
        if self.limit is not None:
            digits = self.limit.text.lstrip("0") or "0"
            if not digits.isascii() or not digits.isdigit():
                return None  # not an integer: the engine reports the error
            # Compared by length first: Python refuses to convert integers of more than 4,300 digits.
            if len(digits) < len(str(limit)) or (len(digits) == len(str(limit)) and int(digits) <= limit):
                return None  # already small enough
            return f"{self.text[: self.limit.start]}{limit}{self.text[self.limit.end :]}"
        return f"{self.text[: self.limit_at]}\nLIMIT {limit}\n{self.text[self.limit_at :]}"


def _lex(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every token of ``text`` with its kind, in time linear in the text's length.

    Two failed attempts could otherwise be read again from many starts, each time to the end of the text: a
    long string that never closes (once a triple quote finds no end, no later one of its kind does: their
    escapes line up), and a prefixed name whose run of name characters is not followed by ``:`` (every start
    inside the run ends where it ends). After the first such failure that alternative is switched off, for
    the rest of the text or of the run, which leaves the tokens exactly as the full lexer reads them.
    """
    off: frozenset[int] = frozenset()
    full, in_run = _lexer(off), _lexer(off | {_PREFIXED})
    run_end = pos = 0
    while pos < len(text):
        match = (in_run if pos < run_end else full).match(text, pos)
        assert match is not None and match.lastindex is not None  # "." matches any character
        index = match.lastindex - 1
        kind = _KINDS[index]
        yield kind, match
        if kind == "string" and index > _LONG_DOUBLE and text[pos : pos + 3] in ("'''", '"""'):
            # A short string where a triple quote starts: the long string failed, and will again.
            off = off | {_LONG_SINGLE if text[pos] == "'" else _LONG_DOUBLE}
            full, in_run = _lexer(off), _lexer(off | {_PREFIXED})
        elif kind in ("word", "punct") and pos >= run_end and _PREFIX_START.match(text, pos):
            run_end = pos + len(_PREFIX_RUN.match(text, pos).group())  # type: ignore[union-attr]
        pos = match.end()


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text`` (no whitespace or comments)."""
    found = []  # a loop of its own: a list of :func:`iter_tokens` costs a third more
    for kind, match in _lex(text):
        if kind not in ("space", "comment"):
            found.append(Token(kind, match.group(), match.start(), match.end()))
    return found


def iter_tokens(text: str) -> Iterator[Token]:
    """:func:`tokens` one at a time, lexed as they are asked for (a caller may need only the first few)."""
    for kind, match in _lex(text):
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start(), match.end())


def code_only(text: str) -> str:
    """``text`` with comments and the insides of string literals blanked (same length, IRIs kept), so that
    keywords can be searched for without matching inside a string or a comment."""
    parts = []
    for kind, match in _lex(text):
        found = match.group()
        if kind == "comment":
            found = " " * len(found)
        elif kind == "string":
            found = found[0] + " " * (len(found) - 2) + found[-1]
        parts.append(found)
    return "".join(parts)


def scan_query(text: str) -> Scan:
    """Read off the form, SERVICE endpoints and outer LIMIT of ``text``.

    Without the word SERVICE anywhere, and for a SELECT without the words LIMIT and VALUES, nothing depends
    on the tokens after the query form, so a single pattern match answers; anything else is tokenised.
    """
    lowered = text.lower()
    if "service" not in lowered:
        simple = _SIMPLE.match(text)
        form = simple.group(1).upper() if simple else ""
        if simple and form and (form != "SELECT" or not ("limit" in lowered or "values" in lowered)):
            return Scan(text=text, form=form, prologue_end=simple.start(1), limit_at=len(text))
    result = Scan(text=text, limit_at=len(text))
    toks = tokens(text)
    i = _skip_prologue(toks)
    result.prologue_end = toks[i].start if i < len(toks) else len(text)
    first = toks[i].keyword if i < len(toks) else ""
    result.form = "UPDATE" if first in _UPDATE_VERBS else first if first in _FORMS else ""
    braces = parens = 0
    values_block = -1  # brace depth of the VALUES data block being read (it holds terms only), or -1
    values_pending = False
    previous: Token | None = None
    for n, tok in enumerate(toks):
        word = tok.keyword
        if tok.kind == "punct":
            if tok.text in ("{", "{|"):
                braces += 1
                if values_pending:
                    values_block, values_pending = braces, False
            elif tok.text in ("}", "|}"):
                if braces == values_block:
                    values_block = -1
                braces -= 1
            elif tok.text in ("(", "<<("):
                parens += 1
            elif tok.text in (")", ")>>"):
                parens -= 1
        elif tok.kind == "iri" and parens > 0 and values_block < 0 and _ends_operand(previous):
            result.ambiguous |= bool(_HIDING.intersection(tok.text))
        elif word == "SERVICE":
            nxt = n + 1
            if nxt < len(toks) and toks[nxt].keyword == "SILENT":
                nxt += 1
            result.services.append(toks[nxt] if nxt < len(toks) else tok)
        elif braces == 0 and word == "LIMIT" and n + 1 < len(toks) and toks[n + 1].kind == "number":
            result.limit = toks[n + 1]
        elif word == "VALUES":
            values_pending = True
            if braces == 0 and n > i:
                result.limit_at = min(result.limit_at, tok.start)
        previous = tok
    return result


def _ends_operand(tok: Token | None) -> bool:
    if tok is None:
        return False
    return tok.kind in _OPERAND_END or tok.text in (")", "]") or tok.keyword in ("TRUE", "FALSE")


def _skip_prologue(toks: list[Token]) -> int:
    """Index of the first token after the BASE and PREFIX declarations."""
    i = 0
    while i < len(toks):
        word = toks[i].keyword
        if word == "BASE":
            i += 2
        elif word == "PREFIX":
            i += 3
        else:
            break
    return min(i, len(toks))


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes (``foaf:``) that prefixed names in ``text`` use but no PREFIX declares, in order of use.

    Only for error messages: pyoxigraph reports a missing declaration as the list of characters it expected
    there, or as some other keyword it expected, which hides the commonest mistake in a hand-written query.
    """
    toks = tokens(text)
    declared = {toks[n + 1].text for n, tok in enumerate(toks[:-1]) if tok.keyword == "PREFIX"}
    missing: list[str] = []
    for tok in toks:
        prefix = tok.text.split(":", 1)[0] + ":"
        if tok.kind == "pname" and prefix not in declared and prefix not in missing:
            missing.append(prefix)
    return missing


class QueryTooLarge(ValueError):
    """The query text is longer, or has more tokens, than the endpoint accepts; the message says which."""


class QueryTooDeep(ValueError):
    """The query nests deeper than the endpoint accepts; the message gives both depths."""


#: Tokens that open and close a nesting level the engine's parser recurses into.
_OPENERS = frozenset({"{", "(", "[", "<<", "<<(", "{|"})
_CLOSERS = frozenset({"}", ")", "]", ">>", ")>>", "|}"})


def check_limits(text: str, max_bytes: int, max_tokens: int, max_nesting: int) -> None:
    """Refuse a query too long, too many tokens long or nested too deeply for the engine to be given it.

    The engine recurses while it parses and plans: about 2,200 nested braces, 950 nested function calls,
    830 nested ``FILTER EXISTS`` or 9,300 ``!`` overflow its stack, and so do long flat sequences (6,800
    ``+``, 6,400 ``UNION``, 9,300 ``FILTER``s: 14,000 tokens and more), killing the process (measured, see
    docs/decisions.md). So nesting (braces, parentheses, brackets and ``!`` together) and the number of
    tokens are bounded well below. Lexing stops at the token limit, so the check costs at most that many
    tokens (~8 ms for 5,000); a text with fewer characters than the limit and fewer opening characters
    than the depth costs three ``str.count`` calls.
    """
    if len(text) > max_bytes // 4 and (size := len(text.encode("utf-8"))) > max_bytes:
        raise QueryTooLarge(f"The query is {size:,} bytes long; this endpoint accepts at most {max_bytes:,}.")
    if len(text) <= max_tokens and sum(text.count(c) for c in "{([!") + text.count("<<") <= max_nesting:
        return
    depth = deepest = bangs = count = 0
    for kind, match in _lex(text):
        if kind in ("space", "comment"):
            continue
        count += 1
        if count > max_tokens:
            raise QueryTooLarge(
                f"The query has more than {max_tokens:,} tokens (names, values, operators, brackets); "
                f"this endpoint accepts at most {max_tokens:,}."
            )
        found = match.group() if kind == "punct" else ""
        bangs = bangs + 1 if found == "!" else 0  # each of ``!!!x`` is one more level of the parser's
        if found in _OPENERS:
            depth += 1
        elif found in _CLOSERS:
            depth = max(depth - 1, 0)
        deepest = max(deepest, depth + bangs)
    if deepest > max_nesting:
        raise QueryTooDeep(
            f"The query nests {deepest:,} levels deep (braces, parentheses, brackets and ! together); "
            f"this endpoint accepts at most {max_nesting:,}."
        )
