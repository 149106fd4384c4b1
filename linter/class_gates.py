"""Rules gated by lexicon classes: which frame and answer rules a document's classes allow.

A frame or answer rule has no pattern for the scanner to anchor, so it ran on
every document only to ask itself (`Rule.may_fire`) whether the document holds
every class of one of its frames: some thirty such questions a catalogue record,
nine in ten answered no. Here each frame is indexed, once per rule set, by one
of its classes (its key: the one with fewest words, a pattern class last); a
document asks only the rules one of whose keys it can hold (the classes of its
lexicon scan and the pattern classes, which the scan never lists), and each of
those still answers `Rule.may_fire` itself. A rule whose frames all hold their
key in the copy is one of them, so no rule that can fire is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .kinds.base import Rule


@dataclass(frozen=True, eq=False)
class ClassGates:
    """Rule indexes gated by a class (`Rule.class_gates`), indexed by each frame's key."""

    gated: frozenset[int] = frozenset()  # the rules these gates decide
    by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)  # class -> rules
    sample: int = -1  # a gated rule: its lexicon is every gated rule's (`allowed`)

    @classmethod
    def build(cls, rules: Sequence[Rule], candidates: frozenset[int]) -> ClassGates:
        """The gates of the ``candidates`` (rule indexes the scanner runs everywhere)
        that declare classes and share one lexicon; any other rule is asked as before."""
        lexicon: Any = None
        by_key: dict[str, set[int]] = {}
        gated: set[int] = set()
        for i in sorted(candidates):
            rule = rules[i]
            frames = rule.class_gates()
            mine = getattr(rule, "lexicon", None)
            if not frames or mine is None or (lexicon is not None and mine is not lexicon):
                continue
            lexicon = mine
            gated.add(i)
            for needs in frames:
                by_key.setdefault(_key(needs, mine), set()).add(i)
        return cls(frozenset(gated), {k: tuple(sorted(v)) for k, v in by_key.items()},
                   min(gated, default=-1))

    def firing(self, rules: Sequence[Rule], active: set[int], analysis: Any) -> list[Rule]:
        """The ``active`` rules (by index, the gated ones among them) that may fire on the
        document (`Rule.may_fire`: a frame rule whose classes the copy lacks cannot); of
        the gated rules, only those its classes allow are asked."""
        allowed = self.allowed(analysis, rules)
        if allowed is not None:
            active = (active - self.gated) | allowed
        return [r for i in sorted(active) if i < len(rules) and (r := rules[i]).may_fire(analysis)]

    def allowed(self, analysis: Any, rules: Sequence[Rule]) -> set[int] | None:
        """The gated rules whose keys the document can hold; None: every gated rule (no
        lexicon, or not the one the rules read)."""
        lexicon: Any = analysis.lexicon
        if lexicon is None or not self._reads(lexicon, rules):
            return None
        present = analysis.lexicon_scan(lexicon).present
        by_key = self.by_key
        out: set[int] = set()
        for name in by_key.keys() & (present | lexicon.patterned):
            out.update(by_key[name])
        return out

    def _reads(self, lexicon: Any, rules: Sequence[Rule]) -> bool:
        """Whether the gated rules read ``lexicon`` (they share one: `build`)."""
        return 0 <= self.sample < len(rules) and getattr(rules[self.sample], "lexicon",
                                                          None) is lexicon


def _key(needs: frozenset[str], lexicon: Any) -> str:
    """The class a frame is indexed by: of its classes, the one of fewest words (found in
    fewest documents, as a rule), a pattern class last; ties by name."""
    classes, patterned = lexicon.classes, lexicon.patterned
    return min(needs, key=lambda c: (c in patterned, len(getattr(classes.get(c), "words", ())), c))
