"""claim: a span of copy says too much, flagged where it stands.

Patterns are regex (module syntax) or phrases (see linter/patterns.py),
whole-word and case-insensitive. Every match goes through the shared context
judgement (linter/context.py): negated, asked, hedged (when ``hedge: true``),
distanced or skipped-sentence matches are not findings; a softened match
("virtually pain-free") is one severity level milder.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..model import Document, Finding, Severity
from .base import Rule
from .compile import compile_patterns

if TYPE_CHECKING:
    from ..context import Analysis


@dataclass
class ClaimRule(Rule):
    pattern: regex.Pattern[str] | None = None
    hedge: bool = True
    negation: bool = True
    questions: bool = True
    skip_sentences: tuple[str, ...] = ()
    fix: str | None = None
    fix_safe: bool = False

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"patterns", "phrases", "hedge", "negation", "questions", "skip-sentences", "fix",
         "fix-safe"}
    )

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        pattern = compile_patterns(data, ("patterns", "phrases"), terms, where, required=True)
        skip = where.str_list(data, "skip-sentences")
        return {
            "pattern": pattern,
            "hedge": where.boolean(data, "hedge", True),
            "negation": where.boolean(data, "negation", True),
            "questions": where.boolean(data, "questions", True),
            "skip_sentences": tuple(skip),
            "fix": where.string(data, "fix", None),
            "fix_safe": where.boolean(data, "fix-safe", False),
        }

    def matches(self, analysis: Analysis) -> Iterator[tuple[regex.Match[str], Any]]:
        """Every match with the context's verdict on it (for `explain`)."""
        assert self.pattern is not None
        for m in self.pattern.finditer(analysis.text):
            if m.end() == m.start():
                continue
            verdict = analysis.judge(
                m.start(), m.end(), negation=self.negation, hedge=self.hedge,
                questions=self.questions, skip_sentences=self.skip_sentences,
            )
            yield m, verdict

    def check(self, doc: Document, analysis: Analysis) -> Iterator[Finding]:
        for m, verdict in self.matches(analysis):
            if not verdict.counts or not doc.copy.is_mapped(m.start(), m.end()):
                continue
            severity, note = self.severity, ""
            if verdict.softened_by:
                severity = Severity(max(Severity.INFO, self.severity - 1))
                note = f"softened by {verdict.softened_by!r}: still a claim, one level milder"
            yield self.finding(doc, m.start(), m.end(), severity=severity, note=note)
