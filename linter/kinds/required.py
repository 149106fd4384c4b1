"""required: advice that copy about a treatment must carry.

A ``triggers`` match makes the advice necessary; any ``satisfied-by`` match
that the context judgement accepts (not negated, not asked) gives it. One
finding per document, at the first trigger, with the advice as suggestion. A
denial never satisfies: "no side effects" does not disclose side effects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..model import Document, Finding
from .base import Rule
from .compile import compile_patterns

if TYPE_CHECKING:
    from ..context import Analysis


@dataclass
class RequiredRule(Rule):
    trigger: regex.Pattern[str] | None = None
    satisfier: regex.Pattern[str] | None = None
    unless: regex.Pattern[str] | None = None

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"triggers", "trigger-phrases", "satisfied-by", "satisfied-by-phrases", "unless"}
    )

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        return {
            "trigger": compile_patterns(data, ("triggers", "trigger-phrases"), terms, where,
                                        required=True),
            "satisfier": compile_patterns(data, ("satisfied-by", "satisfied-by-phrases"), terms,
                                          where, required=True),
            "unless": compile_patterns(data, ("unless",), terms, where, required=False),
        }

    def first_trigger(self, doc: Document, analysis: Analysis) -> regex.Match[str] | None:
        assert self.trigger is not None
        if self.unless is not None and self.unless.search(analysis.text):
            return None
        for m in self.trigger.finditer(analysis.text):
            if m.end() > m.start() and doc.copy.is_mapped(m.start(), m.end()):
                return m
        return None

    def satisfied(self, analysis: Analysis) -> bool:
        assert self.satisfier is not None
        for m in self.satisfier.finditer(analysis.text):
            if analysis.judge(m.start(), m.end(), hedge=False).counts:
                return True
        return False

    def check(self, doc: Document, analysis: Analysis) -> Iterator[Finding]:
        trigger = self.first_trigger(doc, analysis)
        if trigger is not None and not self.satisfied(analysis):
            yield self.finding(doc, trigger.start(), trigger.end())
