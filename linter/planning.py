"""What the scanner planner keeps for one rule set (linter/scanner.py).

Nothing of it is process-wide: the rule set owns it (`RuleSet.planning`), and
its pickle (the rule-set cache, worker processes) carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .anchors import AnchorMemo
from .scanner import Scanner

if TYPE_CHECKING:
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

    memo: AnchorMemo = field(default_factory=AnchorMemo)
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

    def shaped(self) -> Planning:
        return Planning(self.memo, self.built)

    def __getstate__(self) -> dict[str, Any]:
        return {"memo": self.memo, "built": self.built, "_asked": (None, 0)}
