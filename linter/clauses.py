"""Where a clause starts: what its subject is tells who acts in it.

"UV makes skin produce melanin" explains the body; "our serum makes skin
produce collagen" claims something for the product. "Keloids can itch" names a
condition's symptom; "the peel can itch for a day" discloses a side effect. The
words that tell them apart stand first in the clause, so the rule kinds that
care (`kinds.frame`'s and `kinds.required`'s ``unless-clause``) look there.
"""

from __future__ import annotations

from .lazyre import LazyPattern

# punctuation that ends a clause, and a line end (a heading ends where its line does);
# not brackets: "Stretch marks (striae) are harmless" keeps its subject
_BREAK = LazyPattern(r"[,;:\u2013\u2014#\n]", stdlib=True)
# how far before a position its clause's start is looked for: a run-on sentence
# costs each match a bounded look
REACH = 240


def clause_start(text: str, sentence_start: int, pos: int) -> int | None:
    """The start of the clause holding ``pos``, or None when it starts out of reach."""
    lo = max(sentence_start, pos - REACH)
    found = False
    for brk in _BREAK.finditer(text, lo, pos):
        lo, found = brk.end(), True
    if not found and lo > sentence_start:
        return None
    return lo
