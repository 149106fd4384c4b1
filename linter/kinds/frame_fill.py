"""Frames filled by a sentence's lexicon words: the matching of frame rules
(linter/kinds/frame.py) and of the questions answer rules read (kinds/answer.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..lexicon_scan import Hit

DEFAULT_GAP = 3
_WORD_CHARS = 40  # the longest word (with its space) a gap counts, in characters
_NO_BARRIER = re.compile(r"(?!)")  # a frame with ``scope: sentence`` crosses clauses


@dataclass(frozen=True)
class Frame:
    """One frame of a frame rule: the lexicon classes of its slots, in order or any."""

    slots: tuple[str, ...]
    any_order: bool = False
    gap: int = DEFAULT_GAP

    needs: frozenset[str] = frozenset()  # the classes a sentence must hold to fill it
    lists: bool = False  # a slot may be any item of a list (commas and "and" are no barrier)
    sentence: bool = False  # slots may stand in different clauses of one sentence (no barrier)


@dataclass(frozen=True)
class FrameMatch:
    """A frame filled in one sentence: the words of each slot, in text order."""

    hits: tuple[Hit, ...]

    def start(self) -> int:
        return self.hits[0].start

    def end(self) -> int:
        return self.hits[-1].end



def fill(frames: list[Frame], hits: Sequence[Hit], text: str, model: Any
          ) -> Iterator[FrameMatch]:
    """Every way the frames are filled by one sentence's hits, in frame order."""
    for frame in frames:
        barrier = (_NO_BARRIER if frame.sentence
                   else model.list_barrier if frame.lists else model.slot_barrier)
        orders = [frame.slots]
        if frame.any_order and len(frame.slots) == 2:
            orders.append(frame.slots[::-1])
        for slots in orders:
            for i, first in enumerate(hits):
                if first.cls != slots[0]:
                    continue
                chain, at = [first], i
                for cls in slots[1:]:
                    found = _next(hits, at, cls, frame.gap, text, barrier)
                    if found is None:
                        break
                    at = found
                    chain.append(hits[at])
                else:
                    yield FrameMatch(tuple(chain))


def _next(hits: Sequence[Hit], at: int, cls: str, gap: int, text: str, barrier: Any
          ) -> int | None:
    """The index of the nearest hit of ``cls`` after ``hits[at]``, within ``gap`` words
    and no barrier; only hits a few words away are looked at, so a run-on sentence
    full of lexicon words stays linear."""
    prev = hits[at]
    limit = prev.end + _WORD_CHARS * (gap + 1)
    for j in range(at + 1, len(hits)):
        h = hits[j]
        if h.start > limit:
            return None
        if h.start < prev.end or h.cls != cls:
            continue
        between = text[prev.end:h.start]
        words = sum(1 for token in between.split() if any(c.isalnum() for c in token))
        if words > gap or barrier.search(between):
            return None
        return j
    return None
