"""Markdown code spans found in linear time (`markdown` reads inline text through
`tokens`): a code span as a regex, `(?P<code>`+).*?(?P=code)`, retries every shorter
opening run and every closing position, cubic in a run of backticks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..lazyre import LazyPattern

_BACKTICKS = LazyPattern(r"`+", stdlib=True)


def tokens(source: str, start: int, end: int, pattern: Any) -> Iterator[Any]:
    """The matches of ``pattern`` in ``source[start:end]`` as `markdown._INLINE_REGEX` with
    its code spans (`markdown._CODE_SPAN_REGEX`) would find them; a code span is a
    `_CodeSpan`."""
    if source.find("`", start, end) < 0:  # no code span: the matches as they come
        return pattern.finditer(source, start, end)
    return _with_code_spans(source, start, end, pattern)


def _with_code_spans(source: str, start: int, end: int, pattern: Any) -> Iterator[Any]:
    spans: _CodeSpans | None = None
    search = pattern.search
    pos = start
    while True:
        m = search(source, pos, end)
        if m is None:
            return
        at = m.start()
        if m.group("code") is None:
            pos = m.end()
            yield m
            continue
        after = -1
        if spans is None:
            # Most code spans close on the first run as long as the one that opens
            # them (`k` = the opening run): a search that the span then covers.
            run = 1
            if at + 1 < end and source[at + 1] == "`":
                run = _BACKTICKS.match(source, at, end).end() - at
            close = source.find("`" * run, at + run, end)
            if close >= 0 and source.find("\n", at + run, close) < 0:
                after = close + run
            else:  # once per line at most: then the runs of the whole line are known
                spans = _CodeSpans(source, start, end)
        if spans is not None:
            after = spans.end(at)
        if after < 0:  # no code span starts here: the search goes on after the backtick
            pos = at + 1
            continue
        pos = after
        yield _CodeSpan(at, after)


class _CodeSpan:
    """A code span, as `_inline` reads a match: it takes none of the groups it looks at."""

    __slots__ = ("_end", "_start")
    _GROUPS = ("`", None, None, None)

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def groups(self) -> tuple[str | None, ...]:
        return self._GROUPS


class _CodeSpans:
    """Where `_CODE_SPAN_REGEX` ends when matched at a backtick, found in linear time.

    The regex tries the opening run from longest to shortest: with ``k``
    backticks it ends after the first ``k`` backticks in a row that follow on
    the same line (`.` stops at a line feed). From a run of ``R`` backticks, the
    longest ``k`` that works is the longest run of the line after it, if that is
    at most ``R``, or else ``R``, but never less than ``R // 2``: then the run
    closes on itself. Each line's later runs are known from one pass from the
    right (their longest, and where it first comes); a search for the first
    run of ``R`` or more only passes over runs that the code span then takes.
    """

    __slots__ = ("_at", "_ends", "_first", "_longest", "_starts")

    def __init__(self, source: str, start: int, end: int) -> None:
        runs = [m.span() for m in _BACKTICKS.finditer(source, start, end)]
        self._starts = [s for s, _ in runs]
        self._ends = [e for _, e in runs]
        n = len(runs)
        # for run i: the longest of the later runs of its line and the first that long
        longest = [0] * n
        first = [-1] * n
        for i in range(n - 2, -1, -1):
            if source.find("\n", runs[i][1], runs[i + 1][0]) >= 0:
                continue
            length = runs[i + 1][1] - runs[i + 1][0]
            if length >= longest[i + 1]:
                longest[i], first[i] = length, i + 1
            else:
                longest[i], first[i] = longest[i + 1], first[i + 1]
        self._longest = longest
        self._first = first
        self._at = 0  # the run of the last query: queries come in order

    def end(self, p: int) -> int:
        """Where the code span that starts at backtick ``p`` ends, or -1 for none."""
        i = self._at
        ends = self._ends
        while ends[i] <= p:
            i += 1
        self._at = i
        run = ends[i] - p
        longest = self._longest[i]
        k = max(min(run, longest), run // 2)
        if k == 0:
            return -1
        if 2 * k <= run:  # closes on itself
            return p + 2 * k
        if k == longest:
            j = self._first[i]
        else:  # k == run < longest: the first later run at least as long
            starts = self._starts
            j = i + 1
            while ends[j] - starts[j] < k:
                j += 1
        return self._starts[j] + k
