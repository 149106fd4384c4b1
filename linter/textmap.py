"""The text as the prefilter reads it: folded, lower-cased, white space squeezed.

Every transformation here keeps offsets, or records how to map them back
(`squeeze`, `squeezed`, `unsqueezed`), so that anchors found in the prefilter
text say where they are in the copy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from .folding import FOLD

# Non-ASCII characters that the regex module's IGNORECASE matches with an ASCII
# letter (computed over all of Unicode); they are mapped before lower-casing.
_CASE_ODD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _fold_pairs(table: dict[int, Any]) -> list[tuple[str, str]] | None:
    """`str.translate`'s table as replacements, when doing them in turn gives the same text."""
    pairs = []
    for key, value in table.items():
        new = chr(value) if isinstance(value, int) else (value or "")
        pairs.append((chr(key), new))
    keys = {k for k, _ in pairs}
    if any(ch in keys for _, new in pairs for ch in new):
        return None
    return pairs


_FOLD_PAIRS = _fold_pairs(FOLD)
_FOLD_NON_ASCII = _FOLD_PAIRS is not None and not any(old.isascii() for old, _ in _FOLD_PAIRS)


def fold(text: str) -> str:
    """``text.translate(context.FOLD)``, several times faster on typical copy.

    ``str.translate`` with a dict costs a lookup per character; most copy has
    none of the folded characters, and the rest only a few, replaced at C speed.
    """
    if _FOLD_PAIRS is None:
        return text.translate(FOLD)
    if _FOLD_NON_ASCII and text.isascii():
        return text
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def prefilter_text(text: str) -> str:
    """The text as the anchors are searched in: lower case, odd case letters mapped."""
    if not text.isascii():
        for odd, plain in _CASE_ODD.items():
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


# Runs of white space: the stdlib's \s, every character the regex module's \s matches
# and a few more (U+001C-U+001F), as str.split() splits at.
_LONG_RUN = re.compile(r"\s\s+")


def squeeze(low: str, piece: int = 1 << 16) -> tuple[str, list[tuple[int, int, int]]]:
    r"""``low`` with every run of white space as one space, and where the longer runs were.

    Anchors hold a space wherever their pattern matches white space (``\s+``
    between words), so "you will" narrows where "you" alone would not. Each
    run of two or more characters is listed as (its start and end in ``low``,
    the characters removed before it).
    """
    if low.isprintable() and "  " not in low:  # no white space but single spaces
        return low, []
    runs: list[tuple[int, int, int]] = []
    removed = 0
    for m in _LONG_RUN.finditer(low):
        start, end = m.span()
        runs.append((start, end, removed))
        removed += end - start - 1
    return "".join(map(_squeezed_piece, _pieces(low, piece))), runs


# Where a piece of `squeeze`'s text may end: at a space after something else, so
# that no run of white space is cut in two.
_PIECE_END = re.compile(r"(?<=\S)\s")


def _pieces(low: str, size: int) -> Iterator[str]:
    """``low`` in pieces of about ``size`` characters, each run of white space whole in one."""
    start, n = 0, len(low)
    while start < n:
        end = _PIECE_END.search(low, start + size) if start + size < n else None
        stop = end.start() if end else n
        yield low[start:stop]
        start = stop


def _squeezed_piece(low: str) -> str:
    r"""Every run of white space of ``low`` as one space (re.sub(r"\s+", " ", low)), at C
    speed; a piece at a time, as the list of every word of a 10 MB page takes eight times
    its size."""
    squeezed = " ".join(low.split())
    if low[:1].isspace():
        squeezed = " " + squeezed
    if low[-1:].isspace() and squeezed != " ":
        squeezed += " "
    return squeezed


def squeezed(x: int, runs: list[tuple[int, int, int]], starts: list[int], end: bool) -> int:
    """The offset in the squeezed text of offset ``x`` of the text (`squeeze`).

    A span that holds any character of a run holds its space: a start inside a
    run goes to its space, an end inside it (or at its end) just after it.
    """
    k = bisect.bisect_right(starts, x - 1 if end else x) - 1
    if k < 0:
        return x
    start, stop, removed = runs[k]
    if x < stop or (end and x == stop):
        return start - removed + end
    return x - removed - (stop - start - 1)


def unsqueezed(x: int, runs: list[tuple[int, int, int]], at: list[int]) -> int:
    """The offset in the text of the start of an anchor found at ``x`` in the squeezed text.

    An anchor that starts with the space of a run starts, at the latest, at the
    run's last character (``at``: the runs' offsets in the squeezed text).
    """
    k = bisect.bisect_right(at, x) - 1
    if k < 0:
        return x
    start, stop, removed = runs[k]
    if x == at[k]:
        return stop - 1
    return x + removed + (stop - start - 1)

