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

    def search(text: str, pos: int = 0) -> Any:
        k = max(0, bisect.bisect_right(starts, pos) - 1)
        for s, e, idxs in hot[k:]:
            if e <= pos:
                continue
            lo = max(pos, s)
            best = None
            for i in idxs:
                m = parts[i].search(text, lo, e)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
                    if m.start() == lo:
                        break
            if best is not None:
                return (pattern.match(text, best.start(), e) or best) if whole else best
        return None

    return search


# What makes a match depend on more than the alternative that matched and where:
# groups (numbered across the alternation), anchors to where a search starts,
# \K, back-references, backtracking verbs. Read textually; a false alarm (a "("
# in a class) only costs matching the whole alternation.
_SPECIAL_ESCAPE = re.compile(r"\\[AGKg1-9]")
_ESCAPED = re.compile(r"\\.", re.S)
_GROUP_OR_START = re.compile(r"\((?!\?)|\(\?P?<(?![=!])|\(\?'|(?<!\[)\^")


@functools.lru_cache(maxsize=4096)  # asked per page for each searched alternation
def _captures(pattern: str) -> bool:
    pattern = pattern.replace("\\\\", "")
    if _SPECIAL_ESCAPE.search(pattern):
        return True
    return _GROUP_OR_START.search(_ESCAPED.sub("_", pattern)) is not None


def whole_text_search(pattern: Any, plan: list[tuple[int | None, list[int]]],
                      runs: Runs | None = None,
                      memo: dict[tuple[str, int, int], Any] | None = None) -> Any:
    """A ``search(text, pos)`` of ``pattern`` over the whole text, from where it can match.

    ``plan`` holds (width, starts) per part of the pattern (or the whole) that
    may match: when the part matches at most ``width`` characters (None:
    unknown), ``starts`` are the sorted offsets of its rarest anchors. A match of the part holds
    one of them, so it starts at most ``width`` characters before the first
    one at or after ``pos``: the search starts at the earliest such place of
    any part, and stops, as ever, at the first match. With ``runs``, the
    starts are offsets in the squeezed text (`squeeze`), mapped back only
    when used. Searches of one text share ``memo``: rules often share a
    trigger (every advice rule names the same treatments), and the same
    pattern searched from the same place finds the same match.
    """
    runs = runs or Runs()
    memo = {} if memo is None else memo
    run_starts, spaces = runs.starts, runs.spaces()  # shared by the page's searches

    def search(text: str, pos: int = 0) -> Any:
        lo = None
        # the first anchor found at or after ``pos`` (`unsqueezed` of it is too)
        first = squeezed(pos, runs, run_starts, False) if runs else pos
        for width, starts in plan:
            if width is None:
                lo = pos
                break
            k = bisect.bisect_left(starts, first)
            if k < len(starts):  # else this part cannot match from ``pos``
                start = unsqueezed(starts[k], runs, spaces) if runs else starts[k]
                at = max(pos, start - width)
                lo = at if lo is None else min(lo, at)
        if lo is None:
            return None
        key = (pattern.pattern, pattern.flags, lo)
        if key not in memo:
            memo[key] = pattern.search(text, lo)
        return memo[key]

    return search

