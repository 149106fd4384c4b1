"""Searches of a pattern over only the places where it can match.

Each is a ``search(text, pos)`` that returns what ``pattern.search`` (within a
sentence, or over the whole text) would return, having looked only where the
pattern's anchors are: `parts_search` over the sentences holding them,
`whole_text_search` from the earliest place a match can start.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

import regex

from .alternatives import Alternatives
from .lazyre import LazyPattern
from .textmap import Runs, squeezed, unsqueezed


def nowhere(text: str, pos: int = 0) -> None:
    """The search of a pattern whose anchors are not in the copy: it cannot match."""
    return None


def parts_search(pattern: Any, hot: list[tuple[int, int, tuple[int, ...]]]) -> Any:
    """A ``search(text, pos)`` of ``pattern`` over the sentences ``hot``, part by part.

    ``hot`` holds (start, end, parts) per sentence, sorted: ``parts`` are the
    indexes into ``pattern.parts`` of the alternatives whose words the sentence
    holds; the others cannot match there. Their leftmost match (the earlier
    alternative on a tie) is where the whole alternation matches, and what it
    matches there. A pattern without groups takes that match as it is; one
    with groups is matched whole there, so that its groups are numbered as the
    alternation's (compiling the whole alternation costs far more than its
    parts: a large one takes 20 ms).
    """
    parts = pattern.parts
    starts = [s for s, _, _ in hot]
    whole = _captures(pattern.pattern)
    # Per part, its last search in the sentence searched last, and the match: a match
    # found from ``lo`` is also the first from any later place up to its start (an
    # attempt at a place does not depend on where the search began, but for \G and a
    # reverse search), so a run-on sentence is not searched again to its end for each
    # match of another part.
    last: dict[int, tuple[str, int, int, Any]] = {}
    memo: dict[int, bool] = {}  # per part searched: its match may be remembered

    def part_search(text: str, s: int, i: int, lo: int, e: int) -> Any:
        seen = last.get(i)
        if seen is not None and seen[0] is text and seen[1] == s and seen[2] <= lo and (
                seen[3] is None or seen[3].start() >= lo):
            return seen[3]
        part = parts[i]
        m = part.search(text, lo, e)
        keep = memo.get(i)
        if keep is None:  # asked of the parts searched only: a page searches few
            keep = memo[i] = _memoizable(part)
        if keep:
            last[i] = (text, s, lo, m)
        return m

    def search(text: str, pos: int = 0) -> Any:
        k = max(0, bisect.bisect_right(starts, pos) - 1)
        for s, e, idxs in hot[k:]:
            if e <= pos:
                continue
            lo = max(pos, s)
            best = None
            for i in idxs:
                m = part_search(text, s, i, lo, e)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
                    if m.start() == lo:
                        break
            if best is not None:
                return (pattern.match(text, best.start(), e) or best) if whole else best
        return None

    return search


def _memoizable(part: Any) -> bool:
    """A part's match found from one place is the first from any later place up to its
    start: not for a reverse search, nor one anchored where the search starts (\\G)."""
    return not int(part.flags) & int(regex.REVERSE) and "\\G" not in part.pattern


# What makes a match depend on more than the alternative that matched and where:
# groups (numbered across the alternation), anchors to where a search starts,
# \K, back-references, backtracking verbs. Read textually; a false alarm (a "("
# in a class) only costs matching the whole alternation.
_SPECIAL_ESCAPE = LazyPattern(r"\\[AGKg1-9]", stdlib=True)
_ESCAPED = LazyPattern(r"\\.", re.S, stdlib=True)
_GROUP_OR_START = LazyPattern(r"\((?!\?)|\(\?P?<(?![=!])|\(\?'|(?<!\[)\^", stdlib=True)


@functools.lru_cache(maxsize=4096)  # asked per page for each searched alternation
def _captures(pattern: str) -> bool:
    pattern = pattern.replace("\\\\", "")
    if _SPECIAL_ESCAPE.search(pattern):
        return True
    return _GROUP_OR_START.search(_ESCAPED.sub("_", pattern)) is not None


Plan = list[tuple[int | None, list[int], int | None, int]]  # (width, starts, reach, part)


def whole_text_search(pattern: Any, plan: Plan, runs: Runs | None = None,
                      memo: dict[tuple[str, int, int, int | None], Any] | None = None,
                      positive: Any = None) -> Any:
    """A ``search(text, pos)`` of ``pattern`` over the whole text, from where it can match
    to where it can no longer start.

    ``plan`` holds (width, starts, reach, part) per part of the pattern (or the
    whole, part -1) that may match: when the part matches at most ``width``
    characters (None: unknown), ``starts`` are the sorted offsets of its rarest
    anchors. A match of the part holds one of them, so it starts at most
    ``width`` characters before the first one at or after ``pos``, and at the
    latest where the last one starts; a search of the text cut ``reach``
    characters (`anchors.max_reach`: what a match attempt can read; None:
    unknown) after that finds what a search of the whole does. With ``runs``,
    the starts are offsets in the squeezed text (`squeeze`), mapped back only
    when used. Searches of one text share ``memo``: rules often share a trigger
    (every advice rule names the same treatments), and the same pattern
    searched from the same place finds the same match.

    A pattern of small alternatives (`alternatives.Alternatives`) is searched an
    alternative at a time, each only where its own anchors are (`_by_part`);
    any other from the earliest place any part can match, up to the latest,
    for ``positive`` (the pattern without its leading look-behinds:
    `lookbehind.positive`) when it has one, testing the whole pattern only
    where that matches.
    """
    runs = Runs() if runs is None else runs  # one empty `Runs` a text, not one a search
    memo = {} if memo is None else memo
    run_starts, spaces = runs.starts, runs.spaces()  # shared by the page's searches

    def at(x: int) -> int:  # an anchor's offset in the text
        return unsqueezed(x, runs, spaces) if runs else x

    if isinstance(pattern, Alternatives) and all(
            width is not None and part >= 0 for width, _, _, part in plan):
        return _by_part(pattern, plan, runs, memo, at)

    def search(text: str, pos: int = 0) -> Any:
        lo: int | None = None
        hi: int | None = 0
        # the first anchor found at or after ``pos`` (`unsqueezed` of it is too)
        first = squeezed(pos, runs, run_starts, False) if runs else pos
        for width, starts, reach, _ in plan:
            if width is None:
                lo, hi = pos, None
                break
            k = bisect.bisect_left(starts, first)
            if k < len(starts):  # else this part cannot match from ``pos``
                start = max(pos, at(starts[k]) - width)
                lo = start if lo is None else min(lo, start)
                hi = None if hi is None or reach is None else max(hi, at(starts[-1]) + reach)
        if lo is None:
            return None
        if hi is not None and hi >= len(text):
            hi = None
        return _find(pattern, positive, text, lo, hi, memo)

    return search


def _by_part(pattern: Alternatives, plan: Plan, runs: Runs,
             memo: dict[tuple[str, int, int, int | None], Any], at: Any) -> Any:
    """`whole_text_search` of the alternatives of ``plan`` (every one with a width), each
    from near its own anchors: the leftmost match of any, the earlier alternative on a
    tie, is the whole pattern's (matched whole there when its groups count)."""
    parts, positives, run_starts = pattern.parts, pattern.positives, runs.starts
    whole = _captures(pattern.pattern)

    def search(text: str, pos: int = 0) -> Any:
        first = squeezed(pos, runs, run_starts, False) if runs else pos
        best, best_part = None, -1
        for width, starts, reach, part in plan:
            k = bisect.bisect_left(starts, first)
            if k == len(starts):  # this part cannot match from ``pos``
                continue
            lo = max(pos, at(starts[k]) - (width or 0))
            if best is not None and lo > best.start():  # it cannot start first
                continue
            hi = None if reach is None else at(starts[-1]) + reach
            m = _find(parts[part], positives[part], text, lo,
                      None if hi is None or hi >= len(text) else hi, memo)
            if m is not None and (best is None or (m.start(), part) < (best.start(), best_part)):
                best, best_part = m, part
        if best is None or not whole:
            return best
        return pattern.match(text, best.start())

    return search


def first_match(pattern: Any, rest: Any, text: str, pos: int, endpos: int | None) -> Any:
    """``pattern.search(text, pos, endpos)``, searching for ``rest`` (`positive`) and
    matching the whole pattern only where it matches. Here, not with the analysis
    that finds ``rest`` (linter/lookbehind.py): a run from the cache never imports it."""
    while (m := rest.search(text, pos, endpos)) is not None:
        found = pattern.match(text, m.start(), endpos)
        if found is not None:
            return found
        pos = m.start() + 1
    return None


def _find(pattern: Any, positive: Any, text: str, lo: int, hi: int | None,
          memo: dict[tuple[str, int, int, int | None], Any]) -> Any:
    """``pattern.search(text, lo, hi)`` (by way of ``positive`` when given), remembered."""
    key = (pattern.pattern, pattern.flags, lo, hi)
    if key not in memo:
        memo[key] = (pattern.search(text, lo, hi) if positive is None
                     else first_match(pattern, positive, text, lo, hi))
    return memo[key]
