"""What a rule searches through the plan (`Searched`), and its plain search.

Asked of a rule (`Rule.searched`) only to build a scanner (linter/scanner.py)
or to plan by reference (kinds/plan.py): a check whose scanner comes built
from the rule-set cache never imports this module nor defines the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..context import sentence_search

if TYPE_CHECKING:
    from ..context import Analysis

Search = Callable[[str, int], Any]  # search(text, pos) -> the leftmost match, or None
Scope = Literal["sentence", "text"]


@dataclass(frozen=True)
class Searched:
    """A pattern a rule searches through the plan (what the prefilter indexes).

    ``gate``: without a match of this pattern the rule has no finding, so a
    planner may skip the rule where the pattern cannot match. ``scope``:
    ``sentence`` searches each sentence as the whole string
    (`context.sentence_search`); ``text`` searches the whole text, as
    ``pattern.search(text, pos)``.
    """

    name: str
    pattern: Any
    scope: Scope = "sentence"
    gate: bool = False


def reference_search(searched: Searched, analysis: Analysis) -> Search:
    """The plain search of a pattern: every sentence, or the whole text."""
    if searched.scope == "text":
        search: Search = searched.pattern.search
        return search
    return sentence_search(searched.pattern, analysis.sentence_spans())
