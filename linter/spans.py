"""A page's sentences as two arrays of integers, read as a sequence of spans.

A 10 MB page has some 300,000 sentences: as a list of ``(start, end)`` tuples they
take about 100 bytes each, held by the analysis and again by every reader that
maps them (the scanner's squeezed offsets). Two ``array('q')`` take 16 bytes a
sentence; a span is made as a tuple only when it is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload


class Spans(Sequence[tuple[int, int]]):
    """``(start, end)`` spans, in order, kept as their starts and their ends."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: Iterable[int] = (), ends: Iterable[int] = ()) -> None:
        self.starts = starts if isinstance(starts, array) else array("q", starts)
        self.ends = ends if isinstance(ends, array) else array("q", ends)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> Spans: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | Spans:
        if isinstance(i, slice):
            return Spans(self.starts[i], self.ends[i])
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends)  # noqa: B905 (the two arrays have one length)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable arrays: not a key

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"
