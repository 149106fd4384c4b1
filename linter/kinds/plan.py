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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .base import SearchPlan
from .searched import Search, Searched, reference_search

if TYPE_CHECKING:
    from ..context import Analysis
    from .base import Rule

__all__ = ["REFERENCE", "Planner", "ReferencePlanner", "Search", "SearchPlan", "Searched",
           "reference_search"]


class Planner(Protocol):
    """What makes a document's plan: the reference, or an accelerator (the scanner)."""

    def plan(self, analysis: Analysis, rules: Sequence[Rule]) -> SearchPlan: ...


class ReferencePlanner:
    """Every rule, every pattern over every sentence (or the whole text)."""

    def plan(self, analysis: Analysis, rules: Sequence[Rule]) -> SearchPlan:
        return SearchPlan(analysis, rules)


REFERENCE = ReferencePlanner()
