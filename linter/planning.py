"""What the scanner planner keeps for one rule set (linter/scanner.py).

Nothing of it is process-wide: the rule set owns it (`RuleSet.planning`), and
its pickle (the rule-set cache, worker processes) carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .scanner import Scanner

if TYPE_CHECKING:
    from .anchors import AnchorMemo
    from .kinds.base import Rule


@dataclass(eq=False)
class Planning:
    """What the scanner keeps for one rule set: the anchors of its patterns and the
    scanner built from them, for the rules it was built for.

    A rule set owns one (`RuleSet.planning`), and its pickle (the rule-set
    cache, worker processes) carries it. A rule set shaped by configuration
    gets its own (`shaped`), sharing the anchors: with the same rules the
    scanner still fits, with fewer it is built again without reading a pattern.
    """

    # the anchors of the patterns analysed so far (`anchors.AnchorMemo`), or their pickle
    # (`AnchorMemo.pickled`) until a scanner has to be built again: a run that finds its
    # scanner ready (a rule set from the cache) neither unpickles nor imports them
    analysed: AnchorMemo | bytes | None = None
    built: tuple[tuple[str, ...], Scanner] | None = None  # (rule ids, their scanner)
    # the rules last asked for, and their number: asked again (each page), nothing to compare
    _asked: tuple[Sequence[Rule] | None, int] = field(default=(None, 0), repr=False)

    def scanner(self, rules: Sequence[Rule]) -> Scanner:
        """The scanner of ``rules``: built on first use, kept while the rules are these."""
        if self.built is not None and self._asked == (rules, len(rules)):
            return self.built[1]
        ids = tuple(rule.id for rule in rules)
        if self.built is None or self.built[0] != ids:
            self.built = (ids, Scanner.build(rules, self.memo))
        self._asked = (rules, len(rules))
        return self.built[1]

    @property
    def memo(self) -> AnchorMemo:
        """The anchors analysed so far, unpickled when first asked (to build a scanner)."""
        if self.analysed is None or isinstance(self.analysed, bytes):
            from .anchors import AnchorMemo

            self.analysed = AnchorMemo(pending=self.analysed)
        return self.analysed

    def shaped(self) -> Planning:
        return Planning(self.analysed, self.built)

    def __getstate__(self) -> dict[str, Any]:
        analysed = self.analysed
        if analysed is not None and not isinstance(analysed, bytes):
            analysed = analysed.pickled()
        return {"analysed": analysed, "built": self.built, "_asked": (None, 0)}
