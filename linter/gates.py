"""Gates: a proof, at the cost of one Aho-Corasick pass, that a list of patterns
cannot match a short string, so that a costly search of it can be skipped.

The context vocabulary's distancing list ("some clinics claim", "according to
the manufacturer", ...) is a long alternation that the regex module tries at
every word of the text before each match judged: the largest cost of a
judgement, though it rarely matches. Every match of an alternative holds one
string of each of its anchors' clauses (`anchors.find_anchors`: "claim" or
"promise" ..., and "clinics" or "salons" ...), so where no alternative has
every clause present, none can match, and the search would find nothing.
An alternative without a clause worth looking for (only a letter or two)
leaves the list without a gate: always searched.
"""

from __future__ import annotations

from typing import Any

from .textmap import prefilter_text, squeeze

_SHORTEST = 2  # an anchor shorter than this (a letter, a space) is in nearly every string


def prepare(text: str) -> str:
    """``text`` as anchors are found in: lower case, white space squeezed (`textmap`).
    Asked a few times per match judged: the few words before a match rarely hold
    white space but single spaces, and then nothing is squeezed (no runs made)."""
    low = prefilter_text(text)
    if low.isprintable() and "  " not in low:
        return low
    return squeeze(low)[0]


def _worth(clause: frozenset[str]) -> bool:
    return all(len(s.strip(" -'")) >= _SHORTEST for s in clause)


_CLAUSES = 2  # clauses kept per alternative, the rarest first
_STRINGS = 24  # strings a kept clause may hold (spelled-out combinations make thousands)


def _chosen(clauses: tuple[frozenset[str], ...]) -> list[frozenset[str]]:
    """The clauses an alternative is gated by: the rarest few worth looking for and not
    too many strings, else the smallest worth looking for (none: the list has no gate).
    Fewer clauses only open the gate more often: never a match hidden."""
    worth = [c for c in clauses if _worth(c)]
    kept = [c for c in worth if len(c) <= _STRINGS][:_CLAUSES]
    return kept or sorted(worth, key=len)[:1]


class Gate:
    """The anchors of a list of alternatives: ``automaton`` finds every anchor, its
    value the bits of the clauses it is a string of; an alternative may match where
    every bit of its ``needs`` entry was found. Its ``repr`` is its anchors (what a
    rule set's hash reads, `result_cache.ruleset_hash`), not the automaton's address.
    """

    __slots__ = ("automaton", "needs", "anchors", "masks")

    def __init__(self, automaton: Any, needs: tuple[int, ...], anchors: dict[str, int]) -> None:
        self.automaton, self.needs, self.anchors = automaton, needs, anchors
        # the automaton's values are plain integers, indexes into ``masks`` (quick to
        # unpickle with the rule set, as the lexicon's automaton is)
        self.masks = sorted(set(anchors.values()))

    def __repr__(self) -> str:
        return f"Gate({sorted(self.anchors.items())!r}, {self.needs!r})"

    @classmethod
    def of(cls, patterns: list[str], flags: int) -> Gate | None:
        """The gate of ``patterns`` (each searched as an alternative with ``flags``), or
        None when some alternative has no clause worth looking for."""
        import ahocorasick

        from .anchors import find_anchors  # here: gates come built with the rule-set cache

        bits: dict[str, int] = {}
        needs: list[int] = []
        bit = 1
        for pattern in patterns:
            clauses = _chosen(find_anchors(pattern, flags) or ())
            if not clauses:
                return None
            need = 0
            for clause in clauses:
                for s in clause:
                    bits[s] = bits.get(s, 0) | bit
                need |= bit
                bit <<= 1
            needs.append(need)
        if not needs:
            return None
        gate = cls(ahocorasick.Automaton(ahocorasick.STORE_INTS), tuple(needs), bits)
        index = {mask: i for i, mask in enumerate(gate.masks)}
        for s, b in bits.items():
            gate.automaton.add_word(s, index[b])
        gate.automaton.make_automaton()
        return gate

    def may_match(self, text: str) -> bool:
        """False only when no alternative can match in ``text``."""
        return self.opens(prepare(text))

    def opens(self, low: str) -> bool:
        """`may_match` of a text given as `prepare` makes it (made once for several gates)."""
        found, masks = 0, self.masks
        for _, i in self.automaton.iter(low):
            found |= masks[i]
        if found:
            for need in self.needs:
                if found & need == need:
                    return True
        return False
