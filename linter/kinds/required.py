"""required: advice that copy about a treatment must carry.

A ``triggers`` match makes the advice necessary; any ``satisfied-by`` match
that the shared context judgement (`Analysis.judge`) accepts gives it. One
finding per document, at the first trigger, with the advice as suggestion.
A negated trigger does not make advice necessary ("smoother skin without a
chemical peel" is not copy about a peel); asked or hedged triggers do ("Is
microdermabrasion painful?" is copy about microdermabrasion).

How a satisfier is judged:

- a denial never satisfies: "no side effects" does not disclose side effects
  (negation, as for claims);
- a question does not give advice: "Do I need sunscreen afterwards?";
- hedges do not matter: "your skin may be a little red" is a disclosure;
- neither do conditional or reported frames: "if you have a tan, wait" is
  advice;
- ``skip-sentences`` names sentence kinds of rules/context.yaml whose
  sentences do not count for this rule (sun advice given only for *before*
  the treatment does not protect the skin after it: ``before-treatment``).

``unless`` patterns exempt the whole document; ``types`` names the document
types (linter/doctypes.py) that need the advice: a supplement page or an
article does not, whatever treatments it names. ``min-triggers`` is how many
stated triggers make the copy about the treatment: a waxing page that says
"exfoliate the area" once is not copy about exfoliation, a peel page names
its peel again and again. Copy shorter than ``short-copy`` words (a post, an
ad) is about what it names once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..clauses import clause_start
from ..judgement import Verdict
from ..model import Document, Finding
from .base import Rule, in_types
from .compile import compile_patterns

if TYPE_CHECKING:
    from ..context import Analysis
    from .explaining import Explanation
    from .plan import Searched, SearchPlan


@dataclass(eq=False)
class RequiredRule(Rule):
    """A required rule: a trigger's match that no satisfier answers is one finding."""

    trigger: regex.Pattern[str] | None = None
    satisfier: regex.Pattern[str] | None = None
    unless: regex.Pattern[str] | None = None
    unless_clause: regex.Pattern[str] | None = None
    skip_sentences: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # document types the advice is needed in (all when empty)
    min_triggers: int = 1  # stated triggers that make the advice necessary
    short_copy: int = 0  # copy of fewer words needs only one trigger
    lexicon: Any = None  # what recognises document types (linter/doctypes.py)

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"triggers", "trigger-phrases", "satisfied-by", "satisfied-by-phrases", "unless",
         "unless-clause", "skip-sentences", "types", "min-triggers", "short-copy"}
    )
    KEYS_HEADING: ClassVar[str] = "Matches"
    SUGGESTION_LABEL: ClassVar[str] = "Advice to add"
    EXAMPLES_NOTE: ClassVar[str] = " (each a whole document)"
    SECTION: ClassVar[str] = "Required advice"

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        return {
            "trigger": compile_patterns(data, ("triggers", "trigger-phrases"), terms, where,
                                        required=True),
            "satisfier": compile_patterns(data, ("satisfied-by", "satisfied-by-phrases"), terms,
                                          where, required=True),
            "unless": compile_patterns(data, ("unless",), terms, where, required=False),
            "unless_clause": compile_patterns(data, ("unless-clause",), terms, where,
                                              required=False),
            "skip_sentences": tuple(where.str_list(data, "skip-sentences")),
            "types": tuple(where.str_list(data, "types")),
            "min_triggers": _count(data, "min-triggers", where),
            "short_copy": _count(data, "short-copy", where) if "short-copy" in data else 0,
        }

    def searched(self) -> tuple[Searched, ...]:
        """The trigger over the whole text (no trigger, no finding), then the satisfiers
        sentence by sentence, and what exempts the document (``unless``) over the whole
        text: searched only where its words are."""
        from .searched import Searched  # asked to build a scanner, not on a page

        return (Searched("trigger", self.trigger, "text", gate=True),
                Searched("satisfier", self.satisfier, "sentence"),
                Searched("unless", self.unless, "text"))

    def classes(self) -> set[str]:
        """Lexicon classes the rule names itself (none: its types name their own)."""
        return set()

    def lexicon_use(self) -> Any:
        from ..lexicon import Use

        return Use((), frozenset())

    def needed_in(self, doc: Document, analysis: Analysis) -> bool:
        """Whether this document's type needs the advice (``types``; all when unset)."""
        return in_types(self.types, self.lexicon, doc, analysis)

    def first_trigger(self, doc: Document, analysis: Analysis, plan: SearchPlan
                      ) -> regex.Match[str] | None:
        """The first trigger that the copy states (not negated), once it states
        ``min_triggers`` of them; else None."""
        if self.unless is not None and plan.search(self, "unless")(analysis.text, 0):
            return None
        first, seen = None, 0
        for m in self._stated(doc, analysis, plan):
            first, seen = first or m, seen + 1
            if seen >= self.min_triggers or self._short(analysis.text):
                return first
        return None

    def _short(self, text: str) -> bool:
        """Whether the copy is shorter than ``short_copy`` words (counted only when asked)."""
        return self.short_copy > 0 and len(text.split(None, self.short_copy)) <= self.short_copy

    def _stated(self, doc: Document, analysis: Analysis, plan: SearchPlan
                ) -> Iterator[regex.Match[str]]:
        """The triggers the copy states, in order."""
        assert self.trigger is not None
        text = analysis.text
        # The plan's search may start near the trigger's words: the same matches as
        # finditer (one after another), far less scanning.
        search = plan.search(self, "trigger")
        pos = 0
        while (m := search(text, pos)) is not None and m.end() > m.start():
            if self._states(doc, analysis, m):
                yield m
            pos = m.end()
        if m is None:
            return
        # an empty match: finditer steps past it its own way, so it decides from here
        yield from (m for m in self.trigger.finditer(text, pos)
                    if m.end() > m.start() and self._states(doc, analysis, m))

    @staticmethod
    def _states(doc: Document, analysis: Analysis, m: regex.Match[str]) -> bool:
        return doc.copy.is_mapped(m.start(), m.end()) and analysis.judge(
            m.start(), m.end(), hedge=False, questions=False, distancing=False).counts

    def satisfiers(self, analysis: Analysis, plan: SearchPlan
                   ) -> Iterator[tuple[regex.Match[str], Verdict]]:
        """Every satisfier match with the context's verdict on it (for `explain`).

        Advice is given within one sentence, so each sentence is searched as the
        whole string (the plan may narrow them to those holding the pattern's
        words); every start position counts, so a match the context
        rejects ("no redness") does not hide one that starts inside it.
        """
        assert self.satisfier is not None
        text = analysis.text
        search = plan.search(self, "satisfier")
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                return
            pos = m.start() + 1
            if m.end() == m.start():
                continue
            verdict = analysis.judge(m.start(), m.end(), hedge=False, distancing=False,
                                     skip_sentences=self.skip_sentences)
            if verdict.counts and self._other_subject(analysis, m.start()):
                verdict = Verdict("its clause is about a condition or another method, "
                                  "not this treatment ('unless-clause')")
            yield m, verdict

    def _other_subject(self, analysis: Analysis, pos: int) -> bool:
        """Whether an ``unless-clause`` pattern matches at the start of the clause
        holding ``pos``, before it ("*Keloids* can itch", "*shaving* can leave bumps")."""
        if self.unless_clause is None:
            return False
        start = clause_start(analysis.text, analysis.sentence(pos)[0], pos)
        return start is not None and self.unless_clause.match(analysis.text, start, pos) is not None

    def satisfied(self, analysis: Analysis, plan: SearchPlan) -> bool:
        return any(verdict.counts for _, verdict in self.satisfiers(analysis, plan))

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        if not self.needed_in(doc, analysis):
            return
        # The prefilter runs this rule only on copy holding the trigger's words, so the
        # trigger nearly always holds; whether the advice is given decides more often.
        if self.satisfied(analysis, plan):
            return
        trigger = self.first_trigger(doc, analysis, plan)
        if trigger is not None:
            yield self.finding(doc, trigger.start(), trigger.end())


    def context_text(self) -> str:
        text = ("One finding per document, at the first trigger, when no satisfying phrase "
                "counts. Advice that is denied (\"no side effects\") or asked does not count; "
                "hedged or conditional advice does.")
        if self.skip_sentences:
            text += " Nor does advice inside a " + " or ".join(self.skip_sentences) + " sentence."
        return text

    def explain(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Explanation:
        """The trigger, the satisfiers and the verdict on each: why advice is or is not
        missing."""
        from .explaining import INDENT, Explanation, said, set_aside, where, wrap

        unless = self.unless.search(analysis.text) if self.unless is not None else None
        trigger = self.first_trigger(doc, analysis, plan)
        satisfiers = sorted(((m.start(), m.end(), v) for m, v in self.satisfiers(analysis, plan)),
                            key=lambda t: (t[0], -t[1]))
        satisfied = self.satisfied(analysis, plan)
        counted = [(s, e) for s, e, v in satisfiers if v.counts]
        aside = set_aside(satisfiers)
        out = Explanation(fired_as=("triggered by", ", and no advice satisfies it"),
                          fired_more=[f"{said(doc, s, e)} does not count: {v.reason}"
                                      for s, e, v in aside])
        if unless is not None:
            quoted = said(doc, unless.start(), unless.end())
            out.silent = [f"not needed: 'unless' matched {quoted}"]
            out.section = [f"{INDENT}{self.id}: not needed ('unless' matched {quoted})"]
            return out
        if not self.needed_in(doc, analysis):
            kind = analysis.document_type(doc, self.lexicon).name
            out.silent = [f"not needed in a {kind} document"]
            out.section = [f"{INDENT}{self.id}: not needed in a {kind} document"]
            return out
        if trigger is None:
            out.silent = ["no trigger matched"]
            return out
        trig = said(doc, trigger.start(), trigger.end())
        out.silent = [f"triggered by {trig}, but the advice is given by {said(doc, *counted[0])}"
                      if counted else f"triggered by {trig}, but the rule did not fire"]
        if satisfied and counted:
            state = f"satisfied by {said(doc, *counted[0])} at {where(doc, counted[0][0])}"
        else:
            state = "satisfied" if satisfied else "missing (a finding)"
        out.section = wrap(f"{self.id}: {state}; triggered by {trig} at "
                           f"{where(doc, trigger.start())}", INDENT, hanging=INDENT * 2)
        for s, e, verdict in aside:
            out.section.extend(wrap(f"{said(doc, s, e)} at {where(doc, s)} does not count: "
                                    f"{verdict.reason}", INDENT * 2, hanging=INDENT * 3))
        return out


def advice_states(doc: Document, analysis: Analysis, rules: Iterable[Rule],
                  plan: SearchPlan) -> dict[str, str]:
    """What the copy says of each required rule's category, whatever the filters keep.

    ``given``: some rule of the category finds its advice; ``needed``: none
    does, and some rule's trigger is stated; ``n/a``: nothing calls for it.
    The HTML report's checklist shows these; the lint workers take them while
    the page's analysis is at hand.
    """
    by_category: dict[str, list[RequiredRule]] = {}
    for rule in rules:
        if isinstance(rule, RequiredRule):
            by_category.setdefault(rule.category, []).append(rule)
    return {
        category: "given" if any(r.satisfied(analysis, plan) for r in mine)
        else "needed" if any(r.needed_in(doc, analysis) and r.first_trigger(doc, analysis, plan)
                             for r in mine) else "n/a"
        for category, mine in by_category.items()
    }


def _count(data: dict[str, Any], key: str, where: Any) -> int:
    """A positive whole number (``min-triggers``, ``short-copy``), 1 when unset."""
    value = where.number(data, key, 1)
    if value < 1 or value != int(value):
        where.fail(f"{key!r} must be a whole number of at least 1", key)
    return int(value)
