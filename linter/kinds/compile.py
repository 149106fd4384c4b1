"""Compile a rule's pattern lists (regex and phrases) into one whole-word regex.

Patterns come from rule packs, which are untrusted input: a pattern such as
``(a+)+$`` backtracks for ever on a long line of a's. Every pattern is
therefore a `BoundedPattern`: each search runs with the regex module's
``timeout=``, counted against the deadline of the rule being checked (see
`deadline`; the engine gives each rule ``RuleSet.time_limit`` seconds per
file). A search past the deadline raises `TimeoutError`, which the engine
reports as "rule X timed out" while the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import regex

from ..patterns import expand_terms, phrase_to_regex, whole_words

FLAGS = regex.IGNORECASE | regex.UNICODE
# Seconds of matching per rule and file (--rule-timeout); Semgrep's --timeout has the same default.
TIME_LIMIT = 5.0

_DEADLINE: ContextVar[float | None] = ContextVar("glowlint_rule_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every `BoundedPattern` search inside must end within ``seconds`` from now."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _timeout() -> float:
    end = _DEADLINE.get()
    if end is None:
        return TIME_LIMIT
    left = end - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


class BoundedPattern:
    """A compiled pattern whose searches are bounded in time; otherwise a `regex.Pattern`."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: regex.Pattern[str]) -> None:
        self.compiled = compiled

    def search(self, string: str, pos: int | None = None, endpos: int | None = None,
               **kw: Any) -> regex.Match[str] | None:
        return self.compiled.search(string, pos, endpos, timeout=_timeout(), **kw)

    def match(self, string: str, pos: int | None = None, endpos: int | None = None,
              **kw: Any) -> regex.Match[str] | None:
        return self.compiled.match(string, pos, endpos, timeout=_timeout(), **kw)

    def fullmatch(self, string: str, pos: int | None = None, endpos: int | None = None,
                  **kw: Any) -> regex.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos, timeout=_timeout(), **kw)

    def finditer(self, string: str, pos: int | None = None, endpos: int | None = None,
                 **kw: Any) -> Iterator[regex.Match[str]]:
        """The deadline covers the whole iteration, including the caller's work between matches."""
        return self.compiled.finditer(string, pos, endpos, timeout=_timeout(), **kw)

    def findall(self, string: str, pos: int | None = None, endpos: int | None = None,
                **kw: Any) -> list[Any]:
        return self.compiled.findall(string, pos, endpos, timeout=_timeout(), **kw)

    def sub(self, repl: Any, string: str, count: int = 0, **kw: Any) -> str:
        return self.compiled.sub(repl, string, count, timeout=_timeout(), **kw)

    def __getattr__(self, name: str) -> Any:
        # pattern, flags, groups, groupindex ... of the compiled pattern
        if name == "compiled":
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (BoundedPattern, (self.compiled,))

    def __repr__(self) -> str:
        return f"BoundedPattern({self.compiled.pattern!r})"


def compile_patterns(
    data: dict[str, Any],
    keys: tuple[str, ...],
    terms: dict[str, str],
    where: Any,
    *,
    required: bool,
) -> BoundedPattern | None:
    """One alternation of every pattern under ``keys``; errors name the pattern's line."""
    sources: list[str] = []
    for key in keys:
        is_phrase = key.endswith("phrases")
        for text in where.str_list(data, key):
            raw = phrase_to_regex(text) if is_phrase else text
            try:
                expanded = expand_terms(raw, terms)
            except KeyError as e:
                where.fail(f"unknown term {{{e.args[0]}}} in {key}: {text!r}", key)
            try:
                regex.compile(expanded, FLAGS)
            except regex.error as e:
                where.fail(f"invalid regex in {key}: {text!r}: {e}", key)
            sources.append(whole_words(f"(?:{expanded})"))
    if not sources:
        if required:
            where.fail(f"needs at least one of: {', '.join(keys)}", None)
        return None
    return BoundedPattern(regex.compile("|".join(sources), FLAGS))
