"""The lexicon scan's word keys (`Keys`), sorted a batch at a time into an array.

A 10 MB page holds some 700,000 lexicon words: as one list of Python integers
sorted at once they took 30 MB (an object and a pointer each), in an integer
array 6 MB. The automaton reports a word where it ends, and a key orders words
by where they start: the two orders differ only within the longest word, so a
sorted batch can give away every key that no later word can come before.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from typing import NamedTuple


class Keys(NamedTuple):
    """One integer per word whose order is (start, longest first, class name).

    ``(start * (longest + 1) + longest - length) * classes + class``, where the
    classes are numbered in the order of their names. A plain value, kept with
    the lexicon in the rule-set cache: a lexicon unpickled needs only this
    module, not the scan's (`lexicon_scan`), until a page is scanned.
    """

    names: tuple[str, ...]  # class number -> name, sorted
    longest: int  # no word is longer

    @property
    def per_start(self) -> int:
        return (self.longest + 1) * len(self.names)

    def key(self, start: int, end: int, cls: int) -> int:
        return (start * (self.longest + 1) + self.longest - (end - start)) * len(self.names) + cls

    def offset(self, length: int, cls: int) -> int:
        """``key`` of a word of ``length`` less ``last * per_start``, where ``last`` is
        the offset of the space after it in the scanned text (two past its end)."""
        return (self.longest - length) * len(self.names) + cls - (length + 1) * self.per_start


def sorted_keys(matches: Iterator[tuple[int, int]], offsets: Sequence[tuple[int, ...]],
                per: int, longest: int, batch: int = 1 << 15) -> array[int]:
    """``sorted(last * per + offset for last, i in matches for offset in offsets[i])``.

    ``matches`` come as the automaton gives them, by ``last`` (the end of the form
    " word " in the scanned text); a key is ``start * per`` plus less than ``per``,
    where ``start = last - 1 - length`` and ``1 <= length <= longest``. Once a match
    ending at ``last`` is seen, no later word starts before ``last - 1 - longest``:
    the keys below that start are final.
    """
    out: array[int] = array("q")
    carry: list[int] = []
    for first in matches:
        keys = [last * per + offset for last, i in chain((first,), islice(matches, batch - 1))
                for offset in offsets[i]]
        # the last match's start is at most its last - 2
        final_start = keys[-1] // per + 2 - 1 - longest if keys else 0
        keys = carry + keys
        keys.sort()
        cut = bisect_left(keys, final_start * per)
        out.extend(islice(keys, cut))
        carry = keys[cut:]
    out.extend(carry)
    return out
