"""The index a `Scanner` (linter/scanner.py) is built from: each searched pattern's
anchored parts as entries, the words that start each entry, the clauses that must
also hold, and the look-behind words that gate a part by document. Gathered once
per rule set, entry by entry; the scanner keeps the result frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from .alternatives import Alternatives, finer
from .anchors import AnchorMemo, anchored_parts, behind_anchors, max_reach, max_width
from .lookbehind import behind_reach, positive

_T = TypeVar("_T")
Key = tuple[str, str]  # (rule id, name of the searched pattern)


@dataclass(eq=False)
class Builder:
    """The fields of a `Scanner` as `Scanner.build` gathers them, entry by entry."""

    memo: AnchorMemo  # the anchors of each pattern, read once per rule set
    # (pattern, rule it gates or -1, key of its search), in rule order
    wanted: list[tuple[Any, int, Key]] = field(default_factory=list)
    whole: set[Key] = field(default_factory=set)  # keys searched over the whole text
    always: set[int] = field(default_factory=set)
    first: dict[str, set[int]] = field(default_factory=dict)
    rest: dict[int, tuple[frozenset[str], ...]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    gates: list[int] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    parts: list[int] = field(default_factory=list)
    patterns: dict[Key, Any] = field(default_factory=dict)
    everywhere: dict[Key, tuple[int, ...]] = field(default_factory=dict)
    widths: dict[int, int] = field(default_factory=dict)
    reaches: dict[int, int] = field(default_factory=dict)
    heads: dict[int, frozenset[str]] = field(default_factory=dict)
    behind: dict[int, tuple[frozenset[str], ...]] = field(default_factory=dict)
    behind_reach: dict[int, int] = field(default_factory=dict)  # `lookbehind.behind_reach`
    # key searched over the whole text -> its pattern without its leading look-behinds
    positive: dict[Key, Any] = field(default_factory=dict)
    _positive: dict[tuple[str, int], Any] = field(default_factory=dict)  # by pattern, once
    _finer: dict[tuple[str, int], Any] = field(default_factory=dict)  # `alternatives`, once
    _shared: dict[Any, Any] = field(default_factory=dict)  # `shared`

    def add(self, pattern: Any, gated: int, key: Key) -> None:
        """An entry per anchored part of ``pattern``; a gate without anchors always runs."""
        if key in self.whole:  # a trigger: searched an alternative at a time
            pattern = self._alternatives(pattern)
        analysed = anchored_parts(pattern, self.memo)
        if analysed is None:
            if gated >= 0:
                self.always.add(gated)
            return
        pieces, unanchored = analysed
        if unanchored and gated >= 0:
            self.always.add(gated)
        self.patterns[key] = pattern
        if key in self.whole:
            source = (pattern.pattern, int(pattern.flags))
            if source not in self._positive:  # rules share a trigger
                self._positive[source] = positive(pattern)
            if self._positive[source] is not None:
                self.positive[key] = self._positive[source]
        if unanchored:
            self.everywhere[key] = unanchored
        for part, found in pieces:
            entry = len(self.gates)
            self.gates.append(gated)
            self.keys.append(key)
            self.parts.append(part)
            piece = pattern.parts[part] if part >= 0 else pattern
            if key not in self.whole:
                before = behind_anchors(piece.pattern, int(piece.flags))
                if before:  # scanned for too: the part is searched only if they are there
                    self.behind[entry] = before
                    self.words.update(*before)
                    reach = behind_reach(piece.pattern, int(piece.flags))
                    if reach is not None:  # and only in sentences they can reach
                        self.behind_reach[entry] = reach
            else:
                width = max_width(piece.pattern, int(piece.flags))
                if width is not None:
                    self.widths[entry], self.heads[entry] = width, self.shared(found[0])
                    reach = max_reach(piece.pattern, int(piece.flags))
                    if reach is not None:
                        self.reaches[entry] = reach
            for a in found[0]:
                self.first.setdefault(a, set()).add(entry)
            if len(found) > 1:
                self.rest[entry] = self.shared(tuple(self.shared(c) for c in found[1:]))
            for clause in found:
                self.words |= clause

    def _alternatives(self, pattern: Any) -> Any:
        """``pattern`` as `Alternatives` when it distributes (`alternatives.finer`), else
        itself; once per pattern (rules share a trigger)."""
        source = (pattern.pattern, int(pattern.flags))
        if source not in self._finer:
            parts = finer(pattern)
            self._finer[source] = pattern if parts is None else Alternatives(
                pattern, parts, tuple(positive(p) for p in parts))
        return self._finer[source]

    def split_first(self) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """`first` split into the entries searched by sentence and the others."""
        sentence_first, document_first = {}, {}
        for word, found_in in self.first.items():
            by_sentence = tuple(sorted(i for i in found_in if self.keys[i] not in self.whole))
            if by_sentence:
                sentence_first[word] = self.shared(by_sentence)
            other = tuple(sorted(found_in.difference(by_sentence)))
            if other:
                document_first[word] = self.shared(other)
        return sentence_first, document_first

    def shared(self, value: _T) -> _T:
        """One object for equal values: some 5,600 anchors head some 600 distinct sets of
        entries, and the rule-set cache pickles (and loads) each object once."""
        return self._shared.setdefault(value, value)
