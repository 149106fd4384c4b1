"""The search plan: which rules run on one document, and how each searches its patterns.

A rule kind declares the patterns it searches (`Searched`: a name, the
pattern, whether it is matched sentence by sentence or over the whole text,
and whether a match is needed for any finding). The engine hands the kind's
``check`` a plan for the document, and the kind asks it for each search by
name (``plan.search(rule, "trigger")``): a ``search(text, pos)`` returning the
leftmost match at or after ``pos``, as ``pattern.search`` would within each
sentence (``scope="sentence"``) or over the whole text (``scope="text"``).

Two planners give the same matches, so the same findings:

- `REFERENCE` runs every rule and searches every pattern everywhere: plain,
  obviously right, and what `lint_document(..., single_pass=False)` uses;
- `scanner.Scanner` (the default) runs only the rules whose gates' literal
  anchors occur in the copy, and searches each pattern only where they do
  (`tests/test_performance_equivalence.py` compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..context import sentence_search

if TYPE_CHECKING:
    from ..context import Analysis
    from .base import Rule

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


class SearchPlan:
    """The rules to run on one document, and each rule's searches; this one plans
    nothing: every rule runs, every pattern is searched everywhere."""

    def __init__(self, analysis: Analysis, rules: Sequence[Rule]) -> None:
        self.analysis = analysis
        self.rules = list(rules)

    def search(self, rule: Rule, name: str) -> Search:
        """The search of ``rule``'s pattern ``name`` (one of its `Rule.searched`)."""
        for searched in rule.searched():
            if searched.name == name:
                return reference_search(searched, self.analysis)
        raise KeyError(f"rule {rule.id} searches no pattern {name!r}")


class Planner(Protocol):
    """What makes a document's plan: the reference, or an accelerator (the scanner)."""

    def plan(self, analysis: Analysis, rules: Sequence[Rule]) -> SearchPlan: ...


class ReferencePlanner:
    """Every rule, every pattern over every sentence (or the whole text)."""

    def plan(self, analysis: Analysis, rules: Sequence[Rule]) -> SearchPlan:
        return SearchPlan(analysis, rules)


REFERENCE = ReferencePlanner()
