"""The rule-kind protocol (linter/kinds/base.py): a kind is one module and its YAML.

A toy kind, registered here and nowhere else, gets the prefilter (the scanner
indexes what it declares it searches), `glowlint explain`, `rules show`,
`rules test` and every report format, with no edit anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
import regex

from glowlint import authoring, explain, rule_examples, scanner
from glowlint.context import Analysis
from glowlint.engine import analyse, lint_document
from glowlint.kinds import KINDS
from glowlint.kinds.base import Rule
from glowlint.kinds.explaining import Explanation, said
from glowlint.kinds.plan import REFERENCE, Searched, SearchPlan
from glowlint.model import Document, Finding
from glowlint.readers import read_text
from glowlint.reporters import FORMATS, Report, get_stream
from glowlint.rules import RuleSet, load_rules


@dataclass(eq=False)
class WordRule(Rule):
    """toy: flags each listed word wherever it stands, whatever its context."""

    pattern: Any = None

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset({"words"})

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any
                    ) -> dict[str, Any]:
        words = where.str_list(data, "words")
        return {"pattern": regex.compile(
            r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")\b", regex.I)}

    def searched(self) -> tuple[Searched, ...]:
        return (Searched("words", self.pattern, "sentence", gate=True),)

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        search, pos = plan.search(self, "words"), 0
        while (m := search(analysis.text, pos)) is not None:
            yield self.finding(doc, m.start(), m.end())
            pos = m.end()

    def explain(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Explanation:
        found = [said(doc, m.start(), m.end()) for m in self.pattern.finditer(analysis.text)]
        return Explanation(silent=[f"found {', '.join(found)}" if found else "no word listed"])

    def context_text(self) -> str:
        return "Every word counts, whatever its context."


PACK = """\
pack: toy
rules:
  - id: toy-glow
    name: Says glow
    kind: toy
    category: superlative
    severity: warning
    message: Says 'glow', which the toy kind flags.
    suggestion: Say what the skin looks like.
    basis: a test of the rule-kind protocol
    sources:
      - ref: tests/test_kinds.py
        fact: the toy kind
    words: [glow, radiance]
    examples:
      flag: ["Get the glow."]
      pass: ["Get the look."]
"""


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[RuleSet, Path]:
    monkeypatch.setitem(KINDS, "toy", WordRule)
    pack = tmp_path / "toy.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return load_rules([pack]), pack


TEXT = "Our facial is lovely.\n\nLeave with a glow that lasts. Book now.\n"


def test_a_registered_kind_loads_and_lints(toy: tuple[RuleSet, Path]) -> None:
    ruleset, _ = toy
    rule = ruleset.by_id()["toy-glow"]
    assert isinstance(rule, WordRule) and rule.kind == "toy"
    found = [f for f in lint_document(read_text(TEXT, "p.md", "md"), ruleset)
             if f.rule == "toy-glow"]
    assert [(f.line, f.column, f.match) for f in found] == [(3, 14, "glow")]


def test_the_prefilter_indexes_what_the_kind_searches(toy: tuple[RuleSet, Path]) -> None:
    ruleset, _ = toy
    rule = ruleset.by_id()["toy-glow"]
    index = ruleset.rules.index(rule)
    sc = scanner.Scanner.build(ruleset.rules)
    assert index not in sc.always  # gated by its words' anchors
    assert {"glow", "radiance"} <= set(sc.anchors)

    quiet = analyse(read_text("Our facial is lovely.", "q.txt", "txt"), ruleset)
    assert rule not in sc.plan(quiet, ruleset.rules).rules  # skipped: its words are absent

    doc = read_text(TEXT, "p.md", "md")
    plan = sc.plan(analyse(doc, ruleset), ruleset.rules)
    assert rule in plan.rules
    assert isinstance(plan, scanner.AnchoredPlan) and ("toy-glow", "words") in plan.searches
    # the narrowed search finds what the reference plan finds
    fast = lint_document(doc, ruleset)
    slow = lint_document(doc, ruleset, single_pass=False)
    assert [f.to_dict() for f in fast] == [f.to_dict() for f in slow]
    assert isinstance(REFERENCE.plan(analyse(doc, ruleset), ruleset.rules), SearchPlan)


def test_explain_and_rules_show_and_test_speak_for_the_kind(toy: tuple[RuleSet, Path]) -> None:
    ruleset, pack = toy
    rule = ruleset.by_id()["toy-glow"]
    out = explain.explain(TEXT, ruleset, fmt="md", verbose=True)
    assert "warning[toy-glow] at 3:14: Says 'glow', which the toy kind flags." in out
    assert "= suggestion: Say what the skin looks like." in out

    shown = authoring.show_rule(rule, ruleset, pack)
    assert "kind      toy" in shown
    assert "Matches\n    words:\n      - glow\n      - radiance\n" in shown
    assert "Context\n    Every word counts, whatever its context.\n" in shown

    # a flag example that does not fire says why, in the kind's words
    assert rule_examples.run_example(rule, "Get the look.", ruleset, True) == ["no word listed"]
    assert rule_examples.run_example(rule, "Get the glow.", ruleset, False) == [
        'fired on "glow" at 1:9']


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_report_format_shows_the_kind(toy: tuple[RuleSet, Path], fmt: str) -> None:
    ruleset, _ = toy
    doc = read_text(TEXT, "p.md", "md")
    findings = [f for f in lint_document(doc, ruleset) if f.rule == "toy-glow"]
    report = Report(findings, ["p.md"], ruleset, {"p.md": doc.source},
                    read_document=lambda path: doc)
    out = "".join(get_stream(fmt)(report))
    assert "toy-glow" in out
    assert "which the toy kind flags" in out


def test_the_registry_names_every_kind_and_keeps_a_registered_class(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint import kinds
    from glowlint.kinds.claim import ClaimRule

    assert list(KINDS) == ["claim", "frame", "answer", "required", "metric"]
    assert KINDS["claim"] is ClaimRule and kinds.ClaimRule is ClaimRule
    assert all(issubclass(cls, Rule) and cls.__name__.lower().startswith(name)
               for name, cls in KINDS.items())
    monkeypatch.setitem(KINDS, "toy", WordRule)
    assert KINDS["toy"] is WordRule and "toy" in KINDS and len(KINDS) == 6
    with pytest.raises(KeyError):
        KINDS["nonesuch"]
    with pytest.raises(AttributeError):
        kinds.NoSuchRule  # noqa: B018
