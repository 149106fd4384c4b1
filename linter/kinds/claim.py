"""claim: a span of copy says too much, flagged where it stands.

Patterns are regex (module syntax) or phrases (see linter/patterns.py),
whole-word and case-insensitive. Every match goes through the shared context
judgement (linter/context.py): negated, asked, hedged (when ``hedge: true``),
distanced, hypothetical or skipped-sentence matches are not findings; a
softened match ("virtually pain-free") is one severity level milder.

Keys of a claim rule besides the common ones:

- ``patterns`` (regex) and/or ``phrases`` (shorthand): what to flag;
- ``hedge`` (default true): a frequency or modal hedge ("usually", "may",
  "most people") excuses the match; false where the kind of claim matters,
  not its certainty (medical claims);
- ``negation``, ``questions``, ``distancing`` (default true): whether a
  negated, asked, or reported/hypothetical match is set aside;
- ``skip-sentences``: sentence kinds of rules/context.yaml in which the rule
  does not apply (``contraindication``: "not suitable during an eczema
  flare-up" is no claim to treat eczema);
- ``per-sentence`` (default false): report only the first match in a
  sentence ("Botox (Dysport, Vistabel, Azzalure)" is one finding);
- ``fix``, ``fix-safe``: a replacement for the span, and whether it is safe
  to apply automatically. ``fix`` is plain words plus ``\\g<name>``
  references to named groups of the patterns ("can soften the look of
  \\g<scar>"); the match's case is carried over; the span must be verbatim
  copy (no markup or entity inside) or the finding has no fix. Mark a fix
  ``fix-safe: true`` only when it strictly weakens the claim without changing
  its subject; see linter/fixes.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..context import Verdict
from ..fixes import FixCase, parse_fix, rewrite
from ..model import Document, Finding, Severity
from .base import Rule
from .compile import compile_patterns

if TYPE_CHECKING:
    from ..context import Analysis
    from .explaining import Explanation
    from .plan import Searched, SearchPlan


@dataclass(eq=False)
class ClaimRule(Rule):
    """A claim rule: its patterns' matches, judged in context, are findings (module docstring)."""

    pattern: regex.Pattern[str] | None = None
    hedge: bool = True
    negation: bool = True
    questions: bool = True
    distancing: bool = True
    per_sentence: bool = False
    skip_sentences: tuple[str, ...] = ()
    fix: str | None = None  # the first replacement of `fixes`
    fix_safe: bool = False
    fixes: tuple[FixCase, ...] = ()

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"patterns", "phrases", "hedge", "negation", "questions", "distancing", "skip-sentences",
         "per-sentence", "fix", "fix-safe"}
    )

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        pattern = compile_patterns(data, ("patterns", "phrases"), terms, where, required=True)
        skip = where.str_list(data, "skip-sentences")
        fixes = parse_fix(data, terms, where, pattern)
        return {
            "pattern": pattern,
            "hedge": where.boolean(data, "hedge", True),
            "negation": where.boolean(data, "negation", True),
            "questions": where.boolean(data, "questions", True),
            "distancing": where.boolean(data, "distancing", True),
            "per_sentence": where.boolean(data, "per-sentence", False),
            "skip_sentences": tuple(skip),
            "fix": fixes[0].template if fixes else None,
            "fix_safe": where.boolean(data, "fix-safe", False),
            "fixes": fixes,
        }

    def searched(self) -> tuple[Searched, ...]:
        """The pattern, searched sentence by sentence; no match, no finding."""
        from .searched import Searched  # asked to build a scanner, not on a page

        return (Searched("pattern", self.pattern, "sentence", gate=True),)

    def matches(self, analysis: Analysis, plan: SearchPlan
                ) -> Iterator[tuple[regex.Match[str], Any]]:
        """Every match with the context's verdict on it (for `explain`).

        A match never runs across a sentence or block: when the leftmost match
        would ("SKIN TAG REMOVER" + blank line + "Remove moles ..."), the
        search is repeated inside the sentence where it starts, so a claim
        that starts later in that sentence is still found.
        """
        assert self.pattern is not None
        text = analysis.text
        reported: set[int] = set()
        # A claim lies within one sentence: each is searched as the whole string
        # (the plan may search only the sentences holding the pattern's anchors).
        search = plan.search(self, "pattern")
        pos = 0
        while pos <= len(text):
            m = search(text, pos)
            if m is None:
                break
            s_start, s_end = analysis.sentence(m.start())
            if m.end() > s_end:
                bounded = self.pattern.search(text, m.start(), s_end)
                if bounded is None:
                    pos = max(s_end, m.start() + 1)
                    continue
                m = bounded
            pos = m.end() if m.end() > m.start() else m.start() + 1
            if m.end() == m.start():
                continue
            verdict = analysis.judge(
                m.start(), m.end(), negation=self.negation, hedge=self.hedge,
                questions=self.questions, distancing=self.distancing,
                skip_sentences=self.skip_sentences,
            )
            if self.per_sentence and verdict.counts:
                if s_start in reported:
                    verdict = Verdict("repeats this rule's finding in the same sentence")
                reported.add(s_start)
            yield m, verdict

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        for m, verdict in self.matches(analysis, plan):
            if not verdict.counts or not doc.copy.is_mapped(m.start(), m.end()):
                continue
            severity, note = self.severity, ""
            if verdict.softened_by:
                severity = Severity(max(Severity.INFO, self.severity - 1))
                note = f"softened by {verdict.softened_by!r}: still a claim, one level milder"
            finding = self.finding(doc, m.start(), m.end(), severity=severity, note=note)
            if self.fixes:
                edit = rewrite(doc, m, self.fixes, analysis.text, verdict.softened_by,
                               analysis.model.intensifier)
                if edit is not None:
                    finding.fix, finding.fix_span = edit[0], (edit[1], edit[2])
                    finding.fix_safe = edit[3]
            yield finding

    def explain(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Explanation:
        from .explaining import judged_matches

        trace = [(m.start(), m.end(), v) for m, v in self.matches(analysis, plan)]
        return judged_matches(doc, trace)

    def context_text(self) -> str:
        from .explaining import judged_context

        return judged_context(self)
