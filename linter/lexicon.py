"""Lexicon classes: words that mean one thing to a reviewer, whatever their form.

A frame rule (linter/kinds/frame.py) reads a sentence by the classes of its
words ("nudges" is a *body-action*, "cells" a *body-target*), not by the
phrases a corpus happened to use. Classes are data (``rules/lexicon.yaml``
and the ``lexicon:`` key of any pack, which adds words to a class or defines
a new one).

An entry is a word or a few words:

- the engine adds every inflection of the first and the last word with
  `lemminflect` (a morphology library): "nudge" matches "nudges", "nudged",
  "nudging"; "lay down" matches "laid down", "get rid of" "got rid of", "hair
  follicle" "hair follicles". No rule writes suffix patterns by hand;
- an entry starting with ``=`` is taken exactly ("=cannot");
- ``(a|b|c)`` is a choice of words and ``(a|b)?`` an optional one ("=(in|within)
  (just|only)? # (minutes|hours)");
- ``#`` is any digit ("=# in ##" is "7 in 10");
- punctuation is a space ("kick-start" = "kick start", "won't" = "won t").

``patterns:`` holds regular expressions (regex module syntax) for what no
entry can say; they are searched sentence by sentence, only where a rule could
use them.

Matching is one Aho-Corasick scan (pyahocorasick, in C) of the copy as the
entries are written: lower case, punctuation as spaces, digits as ``#``, each
form between spaces so only whole words match. Linear in the copy whatever
the number of words.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .keysort import Keys
from .lazyre import LazyPattern

if TYPE_CHECKING:  # the classes as the YAML wrote them: read only to compile a lexicon
    from .lexicon_records import LexiconClass, TypeSpec
    from .lexicon_scan import Hit, Scan, Shifts

__all__ = ["Lexicon", "Use"]

MAX_FORMS = 50_000  # every form of every class together; more is a pack error

_HASHTAG = LazyPattern(r"(?<![\w&])#(\p{L}[\p{L}\p{N}]{2,59})(?![\p{L}\p{N}])")


class Use(NamedTuple):
    """What one frame rule reads: the classes of each frame, and every class it names
    (a plain value, kept with the lexicon in the rule-set cache)."""

    frames: tuple[frozenset[str], ...]
    reads: frozenset[str]
    requires: frozenset[str] = frozenset()
    unless_document: frozenset[str] = frozenset()


class Lexicon:
    """Every class's forms and patterns, compiled for one scan per document."""

    def __init__(self, classes: dict[str, LexiconClass], types: tuple[TypeSpec, ...] = ()
                 ) -> None:
        import regex

        from .lexicon_entries import entry_forms

        self.classes = classes
        self.types = types  # document types, recognised by their cue classes
        by_form: dict[str, set[str]] = {}
        for cls in classes.values():
            for entry in cls.words:
                for form in entry_forms(entry):
                    by_form.setdefault(form, set()).add(cls.name)
        if len(by_form) > MAX_FORMS:
            raise ValueError(f"the lexicon has {len(by_form)} word forms (at most {MAX_FORMS})")
        # equal tuples shared: the rule-set cache then stores and unpickles each once
        # (14,000 forms have fewer than 300 sets of classes)
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._forms: dict[str, tuple[str, ...]] | None = {
            f: shared.setdefault(names, names)
            for f, names in ((f, tuple(sorted(c))) for f, c in by_form.items())}
        self.form_count = len(by_form)
        self.patterns: dict[str, Any] = {
            cls.name: regex.compile(
                r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in cls.patterns) + r")(?!\w)",
                regex.I)
            for cls in classes.values() if cls.patterns
        }
        # the order of the scan's words, packed in one integer each (`Keys`)
        self.order = Keys(tuple(sorted(classes)) or ("",),
                          max(64, max(map(len, self.forms), default=0)))
        self._automaton: Any = None  # of every form, its value an index into `_offsets`
        self._offsets: list[tuple[int, ...]] = []  # per form, its `Keys.offset` per class
        # hashtags: every form with its spaces removed, packed as one string and the
        # forms' numbers (`_pack_joined`), unpacked into `_joined_forms` when first read
        self._joined_packed: tuple[str, array[int]] | None = None
        self._joined_forms: dict[str, int] | None = None
        self._joined_longest = 0  # the longest of `_joined_forms`, found with them
        self.patterned = frozenset(self.patterns)  # classes with patterns
        # the uses that read pattern classes (`plan`): (use, frames' word classes, reads)
        self.pattern_uses: list[tuple[Use, tuple[frozenset[str], ...], list[str]]] = []
        self._cue_numbers: frozenset[int] | None = None  # `cue_numbers`, made when first asked
        # what the lexicon matches, as one stable string (the result cache's key)
        content = repr((sorted(self.forms.items()),
                        sorted((k, p.pattern) for k, p in self.patterns.items()), types))
        self.digest = hashlib.sha256(content.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"Lexicon({self.digest})"

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_joined_forms"] = None
        if self._automaton is not None:  # it holds every form: `forms` rebuilds them
            state["_forms"] = None
        return state

    @property
    def forms(self) -> dict[str, tuple[str, ...]]:
        """Every form and its classes (sorted names), in the order of the entries.

        Not pickled with a built automaton, which holds them all: a scan reads only
        the automaton, and these are rebuilt from it when first asked (a hashtag).
        """
        if self._forms is None:
            names, count = self.order.names, len(self.order.names)
            shared: dict[tuple[str, ...], tuple[str, ...]] = {}
            forms = {}
            # each form is " form " in the automaton, its value its index in `_offsets`,
            # whose offsets are its classes' numbers modulo their count (`Keys.offset`)
            for key, i in sorted(self._automaton.items(), key=lambda item: item[1]):
                found = tuple(names[offset % count] for offset in self._offsets[i])
                forms[key[1:-1]] = shared.setdefault(found, found)
            self._forms = forms
        return self._forms

    def automaton(self) -> Any:
        """The Aho-Corasick automaton of every form, built once and pickled with the
        lexicon (the rule-set cache builds it first): building it takes about 12 ms,
        unpickling it 2 ms, as its values are plain integers (indexes into `_offsets`)."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            number = {name: i for i, name in enumerate(self.order.names)}
            offsets: list[tuple[int, ...]] = []
            shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # equal tuples stored once
            for i, (form, names) in enumerate(self.forms.items()):
                automaton.add_word(f" {form} ", i)
                found = tuple(self.order.offset(len(form), number[n]) for n in names)
                offsets.append(shared.setdefault(found, found))
            automaton.make_automaton()
            self._joined_packed = self._pack_joined()
            self._automaton, self._offsets = automaton, offsets
        return self._automaton

    def scan(self, text: str) -> Scan:
        """Every whole-word occurrence of every word class in ``text``, by start.

        Each word is one integer (`Keys`): the form " word " ending at ``last`` in
        the scanned text is the word ``[last - 1 - len, last - 1)`` of ``text``. The
        keys are made in one comprehension and decoded into arrays at C speed; words
        found in the squeezed copy (`squeeze_symbols`) are mapped back in bulk.
        """
        from .lexicon_scan import Scan

        keys: Sequence[int] = ()
        shifts = None
        if self.form_count:
            from .keysort import sorted_keys
            from .lexicon_entries import plain
            from .textmap import scan as scan_pieces

            automaton = self.automaton()  # builds `_offsets` too
            per, offsets = self.order.per_start, self._offsets
            scanned, shifts = squeeze_symbols(f" {plain(text)} ", text)
            keys = sorted_keys(scan_pieces(automaton, scanned), offsets, per, self.order.longest)
        scan = Scan.of(self, text, keys, self.order, shifts)
        if "#" in text:
            tags = self.hashtag_hits(text)
            if tags:
                number = {name: i for i, name in enumerate(self.order.names)}
                scan = Scan.of_rows(self, text, self.order.names, [
                    *zip(scan.starts, scan.ends, scan.classes, strict=True),
                    *((h.start, h.end, number[h.cls]) for h in tags)])
        return scan

    def hashtag_hits(self, text: str) -> list[Hit]:
        """The words run together in hashtags ("#nodowntime" is "no" + "downtime").

        Each tag is split into lexicon forms by dynamic programming, keeping the
        split that leaves the fewest characters unexplained; the forms become
        hits inside the tag, so frames read a tag as they read a phrase. A form
        with unexplained letters on both sides is a piece of some other word
        ("tox" in "#nontoxic") and is dropped.
        """
        from .lexicon_scan import Hit

        joined = self._joined()
        longest = self._joined_longest
        out: list[Hit] = []
        for m in _HASHTAG.finditer(text):
            tag, base = m.group(1).lower(), m.start(1)
            if len(tag) != len(m.group(1)):
                continue  # lower-casing changed the length: offsets would not hold
            # best[i]: (characters unexplained, segments) for tag[:i]
            best: list[tuple[int, list[tuple[int, int, tuple[str, ...]]]]] = [(0, [])]
            for i in range(1, len(tag) + 1):
                cost, parts = best[i - 1][0] + 1, best[i - 1][1]
                for k in range(max(0, i - longest), i):
                    number = joined.get(tag[k:i])
                    if number is not None and best[k][0] < cost:
                        cost, parts = best[k][0], best[k][1] + [(k, i, self._classes(number))]
                best.append((cost, parts))
            parts = best[-1][1]
            ends, starts = {0} | {i for _, i, _ in parts}, {len(tag)} | {k for k, _, _ in parts}
            for k, i, names in parts:
                if k in ends or i in starts:  # not a word buried in others ("non-tox-ic")
                    out.extend(Hit(base + k, base + i, name) for name in names)
        return out

    def _joined(self) -> dict[str, int]:
        """Every form with its spaces removed, as it stands in a hashtag, and the number
        of the last form so written (whose classes it has: `_classes`)."""
        if self._joined_forms is None:
            if self.form_count:
                self.automaton()  # `_classes` reads `_offsets`
            keys, numbers = self._joined_packed or self._pack_joined()
            self._joined_forms = dict(zip(keys.split("\n"), numbers, strict=True)) \
                if numbers else {}
            # once a process, not once a page with a hashtag (a millisecond)
            self._joined_longest = max(map(len, self._joined_forms), default=0)
        return self._joined_forms

    def _pack_joined(self) -> tuple[str, array[int]]:
        """`_joined`'s entries as one string of keys and an array of numbers: pickled
        with the lexicon at next to no cost (the forms are not: rebuilding them from
        the automaton took some 40 ms, paid by any page with a hashtag)."""
        joined: dict[str, int] = {}
        for i, form in enumerate(self.forms):
            if "#" not in form and len(form) > 1:
                joined[form.replace(" ", "")] = i
        return "\n".join(joined), array("I", joined.values())  # MAX_FORMS fits in 4 bytes

    def cue_numbers(self) -> frozenset[int]:
        """The numbers of the classes that cue a document type (`doctypes.classify`) in
        the scan's order of classes (`Scan.names`): worked out once, not once a page."""
        if self._cue_numbers is None:
            cues = {cls for spec in self.types for cls in spec.cues}
            self._cue_numbers = frozenset(
                i for i, name in enumerate(self.order.names) if name in cues)
        return self._cue_numbers

    def _classes(self, number: int) -> tuple[str, ...]:
        """The classes of the form numbered ``number`` (its value in the automaton)."""
        names = self.order.names
        return tuple(names[offset % len(names)] for offset in self._offsets[number])

    def pattern_hits(self, names: Iterable[str], text: str, start: int, end: int) -> list[Hit]:
        """The matches of these pattern classes within ``text[start:end]``."""
        from .lexicon_scan import Hit

        return [Hit(m.start(), m.end(), name) for name in names
                for m in self.patterns[name].finditer(text, start, end) if m.end() > m.start()]

    def plan(self, uses: Iterable[Use]) -> None:
        """Learn which rules read which pattern classes (see `patterns_for`): of each use
        that reads one, its frames' word classes and the pattern classes it reads, worked
        out here once per rule set (and kept with it) rather than for every document."""
        self.uses = list(uses)
        with_patterns = self.patterned
        self.pattern_uses = [
            (use, tuple(needs - with_patterns for needs in use.frames),
             sorted(use.reads & with_patterns))
            for use in self.uses if use.reads & with_patterns]

    def patterns_for(self, present: frozenset[str]) -> Any:
        """For a document holding the word classes ``present``: a function from a
        sentence's word classes to the pattern classes worth searching there.

        A pattern class is searched in a sentence only when some rule reads it
        and one of that rule's frames could be filled there: its word classes
        are in the sentence, and what it needs of the document holds.
        """
        if not self.patterns:
            return lambda classes: ()
        active = [(frames, reads) for use, frames, reads in self.pattern_uses
                  if (not use.requires or not present.isdisjoint(use.requires))
                  and present.isdisjoint(use.unless_document)]
        # a frame's classes are all in these: only they decide, so the memo keeps few keys
        relevant = frozenset().union(*(needs for frames, _ in active for needs in frames))
        memo: dict[frozenset[str], tuple[str, ...]] = {}

        def needed(classes: frozenset[str]) -> tuple[str, ...]:
            key = classes & relevant
            names = memo.get(key)
            if names is None:
                found: set[str] = set()
                for frames, reads in active:
                    if any(needs <= key for needs in frames):
                        found.update(reads)
                names = memo[key] = tuple(sorted(found))
            return names

        return needed

    def names(self) -> Iterable[str]:
        return self.classes.keys()

    def example_failures(self, origins: set[str] | None = None) -> tuple[int, list[str]]:
        """Run the examples of every class defined in ``origins`` (files; None: all):
        how many, and one line per failure."""
        count, failures = 0, []
        for cls in self.classes.values():
            if origins is not None and cls.origin not in origins:
                continue
            for should_find, texts in ((True, cls.flag), (False, cls.passing)):
                for text in texts:
                    count += 1
                    scan = self.scan(text)
                    found = [text[h.start:h.end] for h in scan.hits if h.cls == cls.name]
                    # a class's own patterns, whether or not a rule of this run reads them
                    if cls.patterns:
                        found += [text[h.start:h.end]
                                  for h in self.pattern_hits([cls.name], text, 0, len(text))]
                    if should_find and not found:
                        failures.append(f"{cls.origin}: lexicon class {cls.name}: no word of the "
                                        f"class in the flag example {text!r}")
                    elif not should_find and found:
                        failures.append(f"{cls.origin}: lexicon class {cls.name}: the pass "
                                        f"example {text!r} holds {found[0]!r}")
        return count, failures


# A run of symbols between words (currency, emoji, trade marks, footnote asterisks,
# spaces), not punctuation, which ends a phrase. Every one of these characters is a
# space in the scanned copy (tests/test_lexicon.py checks all of Unicode).
_SYMBOL_RUN = LazyPattern(r"[ \t\p{Sc}\p{So}\p{Sk}\p{Cf}*]{2,}")
# where such runs can be: the ASCII symbols and anything beyond ASCII (stdlib re scans
# for this class several times faster than the regex module for the one above), that is
# [\t $*^`\x80-\U0010ffff] written as what it leaves out of ASCII: a class reaching
# U+10FFFF took stdlib re 3.5 ms to compile at every start, this one 0.1 ms (the same
# characters: tests/test_startup.py)
_MAYBE_SYMBOLS = LazyPattern(r"[^\x00-\x08\n-\x1f!-#%-)+-\]_a-\x7f]{2,}", stdlib=True)


def squeeze_symbols(low: str, text: str) -> tuple[str, Shifts | None]:
    """``low`` (the copy as scanned, between two spaces) with each run of spaces that
    stands for symbols between words made one space, and how an offset in it (less
    one, for the first space) maps to ``text`` (None: nothing to squeeze).

    A symbol is written as a space, so "from £150" or "say 👋 goodbye" would put two
    or three spaces between words that an entry such as "from ###" separates by one.
    A run that stands for punctuation or a line break keeps its spaces: a phrase does
    not run on across a comma, a full stop or into the next paragraph. So a run is
    squeezed when its characters in ``text`` are all symbols and the scanned copy
    has no space just outside it; runs are found in ``text`` (rare in most copy),
    not among the spaces of ``low`` (one at every comma and full stop).
    """
    n = len(text)
    runs = [(m.start() + 1, m.end() + 1) for maybe in _MAYBE_SYMBOLS.finditer(text)
            for m in _SYMBOL_RUN.finditer(text, maybe.start(), maybe.end())
            if (m.start() == 0 or low[m.start()] != " ")
            and (m.end() == n or low[m.end() + 1] != " ")]
    if not runs:
        return low, None
    from .lexicon_scan import Shifts

    parts: list[str] = []
    shifts = Shifts([0], [0])
    at, k = 0, -1  # in ``low`` (whose character ``i`` is ``text[i - 1]``); ``low[at]``'s offset
    for start, end in runs:
        parts.append(low[at:start + 1])
        k += start + 1 - at  # the offset of ``low[end]``, the character after the space kept
        shifts.starts.append(k)
        shifts.by.append(end - 1 - k)
        at = end
    parts.append(low[at:])
    return "".join(parts), shifts
