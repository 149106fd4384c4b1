"""A pattern as the alternation of many small alternatives, for searches over the whole text.

An advice trigger is one large alternation of treatments (``(?<![\\w])(?:
{not-compared}(?:peels?|lasers?|...))(?![\\w])``): searched as a whole, the
regex module tries every treatment at every word start from the first one
the copy names to the last, most of them failing. Distributed over its
alternation, it is many small patterns (``(?<![\\w])(?:{not-compared}(?:
peels?))(?![\\w])``, ...), each with its own anchors (linter/anchors.py):
the scanner searches only those whose words the copy holds, each only near
them (`searches.whole_text_search`).

Distributing changes no match when everything before the alternation is
zero-width (look-arounds, which never backtrack) and no group on the way to
it repeats or has another alternative: at any one place the alternation
matches with its first alternative that matches there, so its leftmost match
is the leftmost of the alternatives' (the earlier alternative on a tie), as
for `kinds.compile.split`. A pattern with groups that refer to one another
or flags for the whole pattern is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .kinds.compile import BoundedPattern, alone

_LOOKAROUNDS = ("(?<!", "(?<=", "(?!", "(?=")
_MAX_ALTERNATIVES = 512  # more gain nothing a scan could not and cost memory
_MAX_GROWTH = 4  # distributed, a pattern is at most this many times as long (triggers: 2-3.5)
_ZERO = -1  # `_split_point`: the sequence is zero-width throughout


@dataclass(eq=False)
class Alternatives:
    """A pattern and the small alternatives it is the alternation of (`distribute`).

    Searches and matches are the whole pattern's; ``parts`` are the
    alternatives, ``positives`` each one without its leading look-behinds
    (`lookbehind.positive`, None when it has none), what a search looks for.
    """

    whole: Any
    parts: tuple[BoundedPattern, ...]
    positives: tuple[BoundedPattern | None, ...]

    @property
    def pattern(self) -> str:
        return str(self.whole.pattern)

    @property
    def flags(self) -> int:
        return int(self.whole.flags)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.whole.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.whole.match(string, pos, endpos)


def finer(pattern: Any) -> tuple[BoundedPattern, ...] | None:
    """The alternatives of ``pattern`` (or of each of its `BoundedPattern.parts`), each
    distributed over its alternations (`distribute`); None when none can be."""
    pieces = getattr(pattern, "parts", ()) or (pattern,)
    flags = int(pattern.flags)
    sources: list[str] = []
    for piece in pieces:
        sources.extend(distribute(piece.pattern, flags))
    if len(sources) <= len(pieces) or len(sources) > _MAX_ALTERNATIVES:
        return None
    return tuple(BoundedPattern(None, (s, flags)) for s in sources)


def distribute(source: str, flags: int) -> list[str]:
    """``source`` as the alternatives of its first alternation (`_split_point`), each
    compiled alone; ``[source]`` when it has none that can be distributed."""
    if not alone(source) or "[[" in source or "[:" in source:  # POSIX classes: not read here
        return [source]
    from . import regex_syntax as _s  # compiling a pack, not loading the cached rule set

    try:
        _s.parse(source)  # read as the scanner reads it, or left whole
    except (_s.Unsupported, RecursionError):
        return [source]
    point = _split_point(source, 0, len(source))
    if not isinstance(point, tuple):
        return [source]
    start, end, alternatives = point
    shared = len(source) - (end - start) + 4  # what each alternative repeats, "(?:" and ")"
    if shared * len(alternatives) + end - start > _MAX_GROWTH * len(source):
        return [source]  # a long look-behind before many alternatives: compiled many times
    out: list[str] = []
    for alternative in alternatives:
        one = f"{source[:start]}(?:{alternative}){source[end:]}"
        try:
            regex.compile(one, flags)
        except (regex.error, RecursionError, OverflowError, MemoryError):
            return [source]
        out.append(one)
    return out


def _split_point(source: str, pos: int, end: int) -> tuple[int, int, list[str]] | int | None:
    """The first group of ``source[pos:end]`` (one sequence) that is an alternation with
    only zero-width items before it, as (start, end, its alternatives); `_ZERO` when the
    sequence is zero-width throughout; None when something else comes first."""
    while pos < end:
        if source.startswith(_LOOKAROUNDS, pos):
            close = closing(source, pos)
            if close is None or _quantified(source, close):
                return None
            pos = close
            continue
        if not source.startswith("(?:", pos):
            return None
        close = closing(source, pos)
        if close is None or _quantified(source, close):
            return None
        alternatives = _alternatives(source, pos + 3, close - 1)
        if len(alternatives) > 1:
            return pos, close, alternatives
        inner = _split_point(source, pos + 3, close - 1)
        if inner != _ZERO:
            return inner
        pos = close
    return _ZERO


def _quantified(source: str, at: int) -> bool:
    return at < len(source) and source[at] in "?*+{"


def _structure(source: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """The group brackets and bars of ``source[start:end]``, outside escapes and classes."""
    in_class, i = False, start
    while i < end:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source.startswith(("[^]", "[]"), i):
                i += 2 if source[i + 1] == "]" else 3
                continue
        elif ch in "()|":
            yield i, ch
        i += 1


def _alternatives(source: str, start: int, end: int) -> list[str]:
    """``source[start:end]`` split at its top-level ``|``."""
    out: list[str] = []
    depth, last = 0, start
    for i, ch in _structure(source, start, end):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(source[last:i])
            last = i + 1
    out.append(source[last:end])
    return out


def closing(source: str, pos: int) -> int | None:
    """Just after the ``)`` that closes the group opened at ``pos``."""
    depth = 0
    for i, ch in _structure(source, pos, len(source)):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None
