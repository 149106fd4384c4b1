"""One document's lexicon words as compact arrays, and its sentences' words on demand.

A large page holds hundreds of thousands of lexicon words. Kept as a record
each (a tuple and three objects), they took more memory than the rest of the
lint; here they are three integer arrays (start, end, class), sorted as
frames read them, and a `Hit` is made only for the sentences a rule looks
at (`SentenceHits`). The scan sorts one integer per word (`Keys`), which
packs start, length and class so that their order is the order of the
words.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from heapq import merge
from itertools import compress, repeat
from operator import add, attrgetter, floordiv, mod, sub
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from .keysort import Keys


class Hit(NamedTuple):
    """A word (or words) of a lexicon class at ``[start, end)`` of the copy."""

    start: int
    end: int
    cls: str


def _order(h: Hit) -> tuple[int, int, str]:
    return (h.start, -h.end, h.cls)


_NEEDS = attrgetter("needs")  # a frame's classes (`Scan.may_fill`)


@dataclass(frozen=True)
class Shifts:
    """Offsets in a squeezed copy (`lexicon.squeeze_symbols`) mapped to the copy: from
    ``starts[i]`` on (up to the next), an offset is ``by[i]`` characters further on."""

    starts: list[int]
    by: list[int]

    def map(self, offsets: array[int]) -> array[int]:
        """Each offset mapped, at C speed (a binary search each)."""
        stretch = map(sub, map(bisect_right, repeat(self.starts), offsets), repeat(1))
        return array("q", map(add, offsets, map(self.by.__getitem__, stretch)))


@dataclass(eq=False)
class Scan:
    """One document's lexicon words, and per sentence its words and pattern matches.

    Every frame rule of a document reads the same scan. Word classes are found
    in one scan of the whole copy; pattern classes (counts, times) only in the
    sentences where some rule could use them, because a regex search of the
    whole copy per pattern costs more than all the rest.
    """

    lexicon: Any  # the `Lexicon` scanned with
    text: str
    starts: array[int]  # the words, in `Keys` order
    ends: array[int]
    classes: array[int]  # numbers into `names`
    names: tuple[str, ...]
    present: frozenset[str] = field(init=False)  # the word classes the document holds
    _sentences: SentenceHits | None = None
    _index: dict[str, int] | None = None  # `candidates`' index: class -> its sentences' bits
    _reach: frozenset[str] | None = None  # `may_fill`: `present` and the pattern classes

    def __post_init__(self) -> None:
        self.present = frozenset(map(self.names.__getitem__, set(self.classes)))

    def may_fill(self, frames: Iterable[Any]) -> bool:
        """Whether the document holds every class one of ``frames`` needs (``needs``), but
        for pattern classes (searched per sentence: never in `present`). Asked by every
        frame rule of every page: a subset test a frame, no set made."""
        if self._reach is None:
            self._reach = self.present | self.lexicon.patterned
        # each frame's ``needs`` tested in C (map), not in a generator a frame at a time
        return any(map(self._reach.issuperset, map(_NEEDS, frames)))

    @classmethod
    def of(cls, lexicon: Any, text: str, keys: Sequence[int], order: Keys,
           shifts: Shifts | None = None) -> Scan:
        """The scan of words given as sorted `Keys` integers; with ``shifts``, offsets in
        a squeezed copy (`lexicon.squeeze_symbols`), mapped back to the copy.

        The mapping keeps the order: it is increasing, so starts keep theirs, and of
        two words at one start the longer stays the longer.
        """
        per, count = order.per_start, len(order.names)
        starts = array("q", map(floordiv, keys, repeat(per)))
        lengths = map(sub, repeat(order.longest),
                      map(floordiv, map(mod, keys, repeat(per)), repeat(count)))
        ends = array("q", map(add, starts, lengths))
        if shifts is not None:  # a word's last character, mapped, and one past it
            ends = shifts.map(array("q", map(sub, ends, repeat(1))))
            ends = array("q", map(add, ends, repeat(1)))
            starts = shifts.map(starts)
        return cls(lexicon, text, starts, ends,  # "I": 4 bytes a class number, not 8
                   array("I", map(mod, keys, repeat(count))), order.names)

    @classmethod
    def of_rows(cls, lexicon: Any, text: str, names: tuple[str, ...],
                rows: list[tuple[int, int, int]]) -> Scan:
        """The scan of words given as ``(start, end, class number)``, in any order."""
        rows.sort(key=lambda r: (r[0], -r[1], r[2]))
        return cls(lexicon, text, array("q", [r[0] for r in rows]),
                   array("q", [r[1] for r in rows]), array("q", [r[2] for r in rows]), names)

    @property
    def hits(self) -> list[Hit]:
        """Every word, by start (a list of records: for tests and small copy)."""
        return list(self.hits_of(None))

    def hits_of(self, wanted: Iterable[str] | None) -> Iterator[Hit]:
        """The words of the classes ``wanted`` (None: all), by start."""
        if wanted is None:
            return self.hits_numbered(None)
        wanted = set(wanted)
        return self.hits_numbered({i for i, name in enumerate(self.names) if name in wanted})

    def hits_numbered(self, numbers: Container[int] | None) -> Iterator[Hit]:
        """The words of the classes numbered ``numbers`` in `names` (None: all), by start
        (numbers a caller keeps: `Lexicon.cue_numbers`, asked once a document)."""
        names = self.names
        indexes: Iterable[int] = range(len(self.starts))
        if numbers is not None:
            indexes = compress(indexes, map(numbers.__contains__, self.classes))
        starts, ends, classes = self.starts, self.ends, self.classes
        return (Hit(starts[j], ends[j], names[classes[j]]) for j in indexes)

    def sentences(self, spans: Sequence[tuple[int, int]]) -> SentenceHits:
        """The hits of each sentence that has any, and their classes."""
        if self._sentences is None:
            # the sentences hold the arrays, not the scan: no reference cycle
            self._sentences = SentenceHits(self.starts, self.ends, self.classes, self.names)
            self._sentences.take(spans, self.lexicon.patterns_for(self.present),
                                 partial(self.lexicon.pattern_hits, text=self.text))
        return self._sentences


# A sentence with more words than this is read through `Words`, not a list of hits
LONG = 1 << 12


class Words(Sequence[Hit]):
    """A long sentence's hits as three arrays, or views of the scan's: a `Hit` is made
    when one is read. A run-on sentence of megabytes holds a million words: as a list
    of hits, and a list of their starts, each frame rule took 15 times its size."""

    __slots__ = ("starts", "ends", "classes", "names")

    def __init__(self, starts: Sequence[int], ends: Sequence[int], classes: Sequence[int],
                 names: tuple[str, ...]) -> None:
        self.starts, self.ends, self.classes, self.names = starts, ends, classes, names

    @classmethod
    def of(cls, hits: Iterable[Hit]) -> Words:
        """Hits, in the order given, as arrays of their own."""
        starts, ends, classes = array("q"), array("q"), array("I")
        number: dict[str, int] = {}
        for h in hits:
            starts.append(h.start)
            ends.append(h.end)
            classes.append(number.setdefault(h.cls, len(number)))
        return cls(starts, ends, classes, tuple(number))

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Hit: ...

    @overload
    def __getitem__(self, i: slice) -> list[Hit]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        return Hit(self.starts[i], self.ends[i], self.names[self.classes[i]])

    def __iter__(self) -> Iterator[Hit]:
        return map(Hit, self.starts, self.ends, map(self.names.__getitem__, self.classes))


def starts_of(hits: Sequence[Hit]) -> Sequence[int]:
    """The starts of a sentence's hits (sorted): `Words` has them as they are."""
    return hits.starts if isinstance(hits, Words) else [h.start for h in hits]


# Of a sentence that is not simply its words' range in the scan's arrays: the indexes
# kept of it (None: all), and its hits themselves when patterns were searched there,
# or when a long sentence keeps only some (None: made when read).
_Extra = tuple["list[int] | None", "list[Hit] | Words | None"]


class SentenceHits(Sequence[tuple[list[Hit], frozenset[str]]]):
    """The sentences holding lexicon words, as (their hits by start, their classes).

    A sentence's hits are made when it is read; its classes are kept (`classes`),
    one set shared by every sentence with the same ones, and its words' range in
    two integer arrays (a tuple a sentence took 130 bytes: issue 20).
    """

    def __init__(self, starts: array[int], ends: array[int], classes: array[int],
                 names: tuple[str, ...]) -> None:
        self.starts, self.ends, self.numbers, self.names = starts, ends, classes, names
        self.los, self.his = array("q"), array("q")  # each sentence's words' range
        self.extra: dict[int, _Extra] = {}  # by sentence, when not the whole range
        self.classes: list[frozenset[str]] = []
        self._shared: dict[frozenset[str], frozenset[str]] = {}

    def take(self, spans: Sequence[tuple[int, int]], patterns: Callable[[frozenset[str]], Any],
             pattern_hits: Callable[..., list[Hit]]) -> None:
        """Take each sentence that holds a word, or a match of a pattern class searched
        there (``patterns``: `Lexicon.patterns_for`; ``pattern_hits``: their matches in
        ``[start, end)``, `Lexicon.pattern_hits`)."""
        starts, ends, numbers, names = self.starts, self.ends, self.numbers, self.names
        bare = patterns(frozenset())  # searched in a sentence without any word
        shared, n, hi = self._shared, len(starts), 0
        for s, e in spans:
            if (hi == n or starts[hi] >= e) and not bare:
                continue  # no word of the lexicon, no pattern to search
            lo = bisect_left(starts, s, hi)
            hi = bisect_left(starts, e, lo)
            kept: list[int] | None = None
            if lo < hi and max(ends[lo:hi]) > e:  # a word runs past the sentence: not in it
                kept = [j for j in range(lo, hi) if ends[j] <= e]
            classes = frozenset(map(names.__getitem__, numbers[lo:hi] if kept is None
                                    else [numbers[j] for j in kept]))
            searched = patterns(classes)
            made: list[Hit] | Words | None = None
            if searched:
                found = pattern_hits(searched, start=s, end=e)
                made = self._merged(lo, hi, kept, found)
                classes = frozenset(h.cls for h in found).union(classes)
            elif kept is not None and hi - lo > LONG:  # kept as arrays, not as a list
                made, kept = Words.of(self._words(lo, hi, kept)), None
            if classes:
                if kept is not None or made is not None:
                    self.extra[len(self.los)] = (kept, made)
                self.los.append(lo)
                self.his.append(hi)
                self.classes.append(shared.setdefault(classes, classes))

    def _hits(self, lo: int, hi: int, kept: list[int] | None, made: list[Hit] | Words | None
              ) -> list[Hit] | Words:
        if made is not None:
            return made if isinstance(made, Words) else list(made)
        if kept is None and hi - lo > LONG:  # views of the scan's arrays: nothing copied
            return Words(memoryview(self.starts)[lo:hi], memoryview(self.ends)[lo:hi],
                         memoryview(self.numbers)[lo:hi], self.names)
        return list(self._words(lo, hi, kept))

    def _words(self, lo: int, hi: int, kept: list[int] | None) -> Iterator[Hit]:
        starts, ends, classes, names = self.starts, self.ends, self.numbers, self.names
        at: Iterable[int] = range(lo, hi) if kept is None else kept
        return (Hit(starts[j], ends[j], names[classes[j]]) for j in at)

    def _merged(self, lo: int, hi: int, kept: list[int] | None, found: list[Hit]
                ) -> list[Hit] | Words:
        """A sentence's words and pattern matches ``found``, in order: a list, or for
        a long sentence `Words` merged from the two in order (the same sequence)."""
        if hi - lo <= LONG:
            made = list(self._words(lo, hi, kept)) + found
            made.sort(key=_order)
            return made
        return Words.of(merge(self._words(lo, hi, kept), sorted(found, key=_order), key=_order))

    def __len__(self) -> int:
        return len(self.los)

    @overload
    def __getitem__(self, i: int) -> tuple[list[Hit], frozenset[str]]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[list[Hit], frozenset[str]]]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        i = range(len(self))[i]  # a negative index counts from the end
        return self._hits(self.los[i], self.his[i], *self.extra.get(i, (None, None))), \
            self.classes[i]


def candidates(scan: Scan, spans: Sequence[tuple[int, int]], needs: Iterable[frozenset[str]]
               ) -> list[int]:
    """The sentences (indexes into `Scan.sentences`) holding every class of some ``needs``.

    Each class's sentences are the bits of one integer (`_bits`): intersections and
    unions at C speed, so a rule looks only at the few sentences it could fill
    instead of testing each sentence of the page in Python, and a large page's
    index takes a bit per sentence and class rather than a set entry.
    """
    sentences = scan.sentences(spans)
    if scan._index is None:
        scan._index = _bits(sentences.classes)
    found = 0
    for need in needs:
        if not need:
            found = (1 << len(sentences)) - 1
            break
        both = -1
        for cls in need:
            both &= scan._index.get(cls, 0)
        found |= both
    return _set_bits(found)


# Up to this many sentences, `_bits` sets each bit on the integer itself: short copy (a
# catalogue record's dozen sentences) builds its index in a third of the time, and the
# integers stay within a few machine words, so no OR costs more than a few steps.
_FEW_SENTENCES = 256


def _bits(classes: list[frozenset[str]], few: int = _FEW_SENTENCES) -> dict[str, int]:
    """Per class, the sentences holding it as the bits of an integer (bit i: sentence i);
    of many sentences built in byte arrays, linear in the page (an OR on an integer of
    the page's size per sentence and class would be quadratic)."""
    if len(classes) <= few:
        index: dict[str, int] = {}
        get = index.get
        for i, held in enumerate(classes):
            bit = 1 << i
            for cls in held:
                index[cls] = get(cls, 0) | bit
        return index
    maps: dict[str, bytearray] = {}
    size = len(classes) // 8 + 1
    for i, held in enumerate(classes):
        for cls in held:
            bitmap = maps.get(cls)
            if bitmap is None:
                bitmap = maps[cls] = bytearray(size)
            bitmap[i >> 3] |= 1 << (i & 7)
    return {cls: int.from_bytes(bitmap, "little") for cls, bitmap in maps.items()}


def _set_bits(n: int) -> list[int]:
    """The indexes of the bits set in ``n`` (not negative), in order."""
    if not n:
        return []
    digits = format(n, "b")[::-1]
    out, i = [], digits.find("1")
    while i >= 0:
        out.append(i)
        i = digits.find("1", i + 1)
    return out
