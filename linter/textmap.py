"""The text as the prefilter reads it: folded, lower-cased, white space squeezed.

Every transformation here keeps offsets, or records how to map them back
(`squeeze`, `squeezed`, `unsqueezed`), so that anchors found in the prefilter
text say where they are in the copy.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

from .folding import FOLD
from .lazyre import LazyPattern
from .spans import Spans

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
    if text.isascii():
        return text.lower()
    for odd, plain in _CASE_ODD.items():
        if odd in text:
            text = text.replace(odd, plain)
    return lower(text)


def lower(text: str, piece: int = 1 << 16) -> str:
    """``text.lower()``, a piece at a time on a long text beyond ASCII: CPython lower-cases
    it through a buffer of three 4-byte characters a character (107 MB for a 9 MB page).

    Only a capital sigma's lower case depends on its neighbours (final or not): a
    text holding one is lower-cased whole.
    """
    if len(text) <= piece or text.isascii() or "\u03a3" in text:
        return text.lower()
    return "".join(text[k:k + piece].lower() for k in range(0, len(text), piece))


# Runs of white space: the stdlib's \s, every character the regex module's \s matches
# and a few more (U+001C-U+001F), as str.split() splits at.
_LONG_RUN = re.compile(r"\s\s+")


class Runs(Sequence[tuple[int, int, int]]):
    """`squeeze`'s runs of white space, as ``(start, end, removed)``, in three integer arrays:
    a 10 MB page has some 200,000 runs, and a tuple of three integers takes 140 bytes."""

    __slots__ = ("_spaces", "ends", "removed", "starts")

    def __init__(self) -> None:
        self.starts, self.ends, self.removed = array("q"), array("q"), array("q")
        self._spaces: array[int] | None = None

    def append(self, start: int, end: int, removed: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.removed.append(removed)

    def spaces(self) -> array[int]:
        """Where each run's space is in the squeezed text (`unsqueezed`'s ``at``), once."""
        if self._spaces is None:
            self._spaces = array("q", map(int.__sub__, self.starts, self.removed))
        return self._spaces

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, k: int) -> tuple[int, int, int]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[int, int, int]]: ...

    def __getitem__(self, k: int | slice) -> tuple[int, int, int] | list[tuple[int, int, int]]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return self.starts[k], self.ends[k], self.removed[k]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable arrays: not a key


def squeeze(low: str, piece: int = 1 << 16) -> tuple[str, Runs]:
    r"""``low`` with every run of white space as one space, and where the longer runs were.

    Anchors hold a space wherever their pattern matches white space (``\s+``
    between words), so "you will" narrows where "you" alone would not. Each
    run of two or more characters is listed as (its start and end in ``low``,
    the characters removed before it).
    """
    if low.isprintable() and "  " not in low:  # no white space but single spaces
        return low, Runs()
    runs = Runs()
    removed = 0
    for m in _LONG_RUN.finditer(low):
        start, end = m.span()
        runs.append(start, end, removed)
        removed += end - start - 1
    return "".join(map(_squeezed_piece, _pieces(low, piece))), runs


# Where a piece of `squeeze`'s text may end: at a space after something else, so
# that no run of white space is cut in two.
_PIECE_END = LazyPattern(r"(?<=\S)\s", stdlib=True)


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


def scan(automaton: Any, text: str, piece: int = 1 << 18) -> Iterator[tuple[int, Any]]:
    """``automaton.iter(text)`` (pyahocorasick), a piece at a time on a long text: it
    copies what it scans as four bytes a character, 40 MB for a 10 MB page.

    The pieces overlap by the longest word less one character, and a match is taken
    from the piece where it ends: the automaton is in the same state at every offset
    taken as in one scan of the whole, so the matches and their order are the same.
    """
    if len(text) <= piece:
        return iter(automaton.iter(text))
    return _scan_pieces(automaton, text, piece, automaton.get_stats()["longest_word"])


def _scan_pieces(automaton: Any, text: str, piece: int, longest: int
                 ) -> Iterator[tuple[int, Any]]:
    for start in range(0, len(text), piece):
        lo = max(0, start - max(0, longest - 1))
        for end, value in automaton.iter(text[lo:start + piece]):
            if end + lo >= start:
                yield end + lo, value


def squeezed(x: int, runs: Sequence[tuple[int, int, int]], starts: Sequence[int], end: bool
             ) -> int:
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


def squeezed_spans(spans: Spans, runs: Runs) -> Spans:
    """Sentence spans as offsets in the squeezed text (`squeeze`), where anchors are found."""
    if not runs:
        return spans
    return Spans(squeezed_all(spans.starts, runs, False), squeezed_all(spans.ends, runs, True))


def squeezed_all(offsets: Sequence[int], runs: Runs, end: bool) -> array[int]:
    """`squeezed` of each of the sorted ``offsets``: the runs read alongside, once."""
    starts, stops, removed = runs.starts, runs.ends, runs.removed
    out: array[int] = array("q")
    k, last = -1, len(starts) - 1
    for x in offsets:
        key = x - 1 if end else x
        while k < last and starts[k + 1] <= key:
            k += 1
        if k < 0:
            out.append(x)
            continue
        start, stop, gone = starts[k], stops[k], removed[k]
        out.append(start - gone + end if x < stop or (end and x == stop)
                   else x - gone - (stop - start - 1))
    return out


def unsqueezed(x: int, runs: Sequence[tuple[int, int, int]], at: Sequence[int]) -> int:
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


_SPACE_CHAR = LazyPattern(r"\s", stdlib=True)


def pieces(text: str, size: int) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each ending just after white space
    (what re's ``\\s`` matches): the metric's token counts and the readability counts are
    made a piece at a time (here, not in `readability`: the metric needs it on every page,
    the readability counts only for long prose)."""
    start, n = 0, len(text)
    while start < n:
        end = start + size
        if end < n:
            space = _SPACE_CHAR.search(text, end)
            end = space.end() if space else n
        yield text[start:end]
        start = end
