"""What every rule has, whatever its kind, and the protocol a kind implements.

A kind is one module of this package (and its YAML keys): a `Rule` subclass
registered in `KINDS` (kinds/__init__.py). Everything that differs by kind
lives in it, and the rest of glowlint asks the rule, never its kind's name:

- `kind_fields`: its YAML keys, validated and compiled (``KIND_KEYS``);
- `searched`: the patterns it searches, which the prefilter indexes
  (linter/scanner.py) to skip the rule where they cannot match;
- `may_fire`: a test of the whole document without a search (the lexicon
  classes it holds), by which the prefilter skips a rule that cannot fire;
- `check(doc, analysis, plan)`: its findings, searching through the plan;
- `explain` and `context_text`: its words for `glowlint explain`, `rules
  show` and `rules test` (and the class attributes below);
- `configure`: what the configuration file changes in it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ..model import Document, Finding, Severity

if TYPE_CHECKING:
    from ..context import Analysis
    from .explaining import Explanation
    from .searched import Search, Searched


class Source(NamedTuple):
    """One document or guideline a rule rests on, and the fact it takes from it."""

    ref: str
    fact: str


# The search plan (kinds/plan.py tells how it is made; what a rule searches,
# `searched.Searched`, is asked only to build a scanner or the reference plan).


def in_types(types: tuple[str, ...], lexicon: Any, doc: Any, analysis: Analysis) -> bool:
    """Whether ``doc`` is of one of the document ``types`` a rule reads (all when none
    are named, or no lexicon recognises types)."""
    if not types or lexicon is None:
        return True
    return doc is not None and analysis.document_type(doc, lexicon).name in types


class SearchPlan:
    """The rules to run on one document, and each rule's searches; this one plans
    nothing: every rule runs, every pattern is searched everywhere."""

    def __init__(self, analysis: Analysis, rules: Sequence[Rule], asked: bool = False) -> None:
        self.analysis = analysis
        self.rules = list(rules)
        # ``asked``: the rules were chosen by `Rule.may_fire` (the scanner's plan), so each
        # is known to pass it: a frame rule does not test its frames' classes again
        self._asked = frozenset(self.rules) if asked else frozenset()
        # What the rules that do not give way found, once they have run (the engine
        # runs them first): a rule that gives way need not judge a match found there.
        self.claimed: Claimed | None = None

    def may_fire(self, rule: Rule) -> bool:
        """`Rule.may_fire` of ``rule`` on this document, asked only of a rule not planned
        by it (``asked``)."""
        return rule in self._asked or rule.may_fire(self.analysis)

    def search(self, rule: Rule, name: str) -> Search:
        """The search of ``rule``'s pattern ``name`` (one of its `Rule.searched`)."""
        for searched in rule.searched():
            if searched.name == name:
                from .searched import reference_search

                return reference_search(searched, self.analysis)
        raise KeyError(f"rule {rule.id} searches no pattern {name!r}")


class Claimed:
    """The spans the findings of rules that do not give way cover, by category.

    A finding of a rule that gives way (`Rule.GIVES_WAY`: frames) overlapping one
    of its category's is dropped (`engine.one_finding_per_claim`), so its match
    needs no judgement but where it decides what else the rule takes. About
    four frame findings in five on a page end so: a judgement each saved.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        # findings' spans are in the source (`Finding.start`, `end`)
        spans: dict[str, list[tuple[int, int]]] = {}
        for f in findings:
            spans.setdefault(f.category, []).append((f.start, f.end))
        self._by: dict[str, tuple[list[int], list[int]]] = {}
        for category, mine in spans.items():
            mine.sort()
            # each span's start, and the furthest end up to it
            self._by[category] = [s for s, _ in mine], list(accumulate((e for _, e in mine), max))

    def overlaps(self, category: str, start: int, end: int) -> bool:
        """Whether the source span ``[start, end)`` overlaps a span found of ``category``."""
        found = self._by.get(category)
        if found is None:
            return False
        k = bisect_left(found[0], end)  # the spans that start before the end
        return k > 0 and found[1][k - 1] > start

    def unfound(self, doc: Document, category: str) -> Callable[[int, int], bool]:
        """Whether a finding of ``category`` on a copy span of ``doc`` would not be
        reported: the span has no source, or its source overlaps a span found."""
        copy = doc.copy

        def unfound(start: int, end: int) -> bool:
            return not copy.is_mapped(start, end) or self.overlaps(
                category, copy.src_start(start), copy.src_end(end))
        return unfound


@dataclass(eq=False)
class Rule:
    """Common fields; each kind adds its own and implements `check`."""

    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    basis: str
    sources: list[Source]
    examples_flag: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    name: str = ""
    pack: str = ""
    line: int = 0

    # Keys this kind accepts in YAML beyond the common ones.
    KIND_KEYS: ClassVar[frozenset[str]] = frozenset()
    # Whether every rule of the kind must have flag and pass examples.
    NEEDS_EXAMPLES: ClassVar[bool] = True
    # Its finding gives way to another rule's of the same category on the same span.
    GIVES_WAY: ClassVar[bool] = False
    # `rules show`: the heading of the kind's keys, of the suggestion, a note on examples.
    KEYS_HEADING: ClassVar[str] = "Matches"
    SUGGESTION_LABEL: ClassVar[str] = "Suggestion"
    EXAMPLES_NOTE: ClassVar[str] = ""
    # `explain -v`: the title of the kind's own section (none: no section).
    SECTION: ClassVar[str] = ""

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        """Validate and compile the kind's own keys (overridden per kind)."""
        return {}

    @classmethod
    def show_item(cls, key: str, item: Any) -> str:
        """One item of a list key as `rules show` prints it."""
        return str(item)

    def searched(self) -> tuple[Searched, ...]:
        """The patterns the rule searches through the plan, gates first; none: it always runs."""
        return ()

    def may_fire(self, analysis: Analysis) -> bool:
        """False when the rule cannot find anything in the document, known without a
        search (from what `Analysis` has worked out once for every rule); a planner
        skips it there, and `check` yields nothing there either."""
        return True

    def class_gates(self) -> tuple[frozenset[str], ...]:
        """Sets of lexicon classes of which the document must hold every class of one (a
        pattern class counts as held) for `may_fire` to be true; none: no such sets
        (`class_gates.ClassGates` indexes them to ask only the rules a document allows)."""
        return ()

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        raise NotImplementedError

    def explain(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Explanation:
        """What the rule made of ``doc``, in the words of its kind (`explaining.Explanation`)."""
        from .explaining import Explanation

        return Explanation(silent=["the rule did not fire"])

    def context_text(self) -> str:
        """How the context judgement applies to the rule (`rules show`); empty: say nothing."""
        return ""

    def configure(self, config: Any) -> Rule:
        """The rule as the configuration (`config.Config`) shapes it: itself, or a copy."""
        return self

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        severity: Severity | None = None,
        message: str | None = None,
        suggestion: str | None = None,
        note: str = "",
    ) -> Finding:
        """A finding for the copy span ``[start, end)``, placed in the source."""
        copy = doc.copy
        src_start, src_end = copy.src_start(start), copy.src_end(end)
        line, column = doc.position(src_start)
        end_line, end_column = doc.position(src_end)
        return Finding(
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=message or self.message,
            match=doc.source[src_start:src_end],
            suggestion=suggestion if suggestion is not None else self.suggestion,
            basis=self.basis,
            start=src_start,
            end=src_end,
            note=note,
        )
