"""`metric` rules (rules/readability.yaml): reading grade and sentence length with textstat."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from linter import lint_text
from linter.errors import GlowlintError
from linter.kinds.metric import MetricRule
from linter.model import Finding, Severity
from linter.rules import RuleSet, load_rules

HARD = (
    "Microdermabrasion constitutes a minimally invasive dermatological resurfacing methodology. "
    "Aluminium oxide microcrystals progressively exfoliate the stratum corneum. "
    "Concomitant vacuum extraction eliminates desquamated keratinocytes. "
) * 5  # 110 words of long words in mid-length sentences
EASY = "Our facial takes half an hour. It leaves your skin soft. You can go back to work. " * 8
LONG_SENTENCE = (
    "Our therapists will look at your skin, ask about the products you use at home, explain "
    "what the treatment can and cannot do for you, and then agree a plan with you that fits "
    "your budget and your diary."
)


def readability(text: str, ruleset: RuleSet, fmt: str = "txt") -> list[Finding]:
    return [f for f in lint_text(text, fmt, rules=ruleset) if f.category == "readability"]


def grade_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if "reading grade" in f.message]


def test_builtin_rule_uses_a_syllable_free_measure(ruleset: RuleSet) -> None:
    rule = ruleset.by_id()["hard-to-read"]
    assert isinstance(rule, MetricRule)
    assert rule.measure in ("automated-readability-index", "coleman-liau-index")
    assert rule.severity is Severity.INFO
    assert rule.max_grade == 10 and rule.max_sentence_words == 30 and rule.min_words == 100


def test_grade_above_threshold_is_flagged_with_info(ruleset: RuleSet) -> None:
    [f] = grade_findings(readability(HARD, ruleset))
    assert f.rule == "hard-to-read"
    assert f.severity is Severity.INFO
    assert "automated-readability-index" in f.message and "target is 10" in f.message
    first = ("Microdermabrasion constitutes a minimally invasive dermatological resurfacing "
             "methodology.")
    assert (f.line, f.column, f.match) == (1, 1, first)


def test_easy_copy_gets_no_grade_finding(ruleset: RuleSet) -> None:
    assert len(EASY.split()) >= 100
    assert readability(EASY, ruleset) == []


def test_long_sentence_is_flagged_at_its_exact_span(ruleset: RuleSet) -> None:
    text = f"# Your first visit\n\nIt takes an hour. {LONG_SENTENCE} Then we begin.\n"
    [f] = readability(text, ruleset, "md")
    assert f.rule == "hard-to-read" and f.severity is Severity.INFO
    assert f.match == LONG_SENTENCE
    start = text.index(LONG_SENTENCE) - text.index("It takes")
    assert (f.line, f.column) == (3, start + 1)
    assert (f.end_line, f.end_column) == (3, start + 1 + len(LONG_SENTENCE))
    assert "39 words" in f.message


def test_short_document_is_not_measured(ruleset: RuleSet) -> None:
    short = HARD.split(". ")[0] + ". " + HARD.split(". ")[1] + "."
    assert len(short.split()) < 100
    assert readability(short, ruleset) == []


def test_textstat_makes_no_network_access(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("textstat tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # import textstat afresh under the block, as the first lint of a run does
    for name in [m for m in sys.modules if m == "textstat" or m.startswith("textstat.")]:
        monkeypatch.delitem(sys.modules, name)
    [f] = grade_findings(readability(HARD, ruleset))
    assert f.severity is Severity.INFO


def _pack(tmp_path: Path, measure: str, extra: str = "") -> Path:
    pack = tmp_path / "metric.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: grade\n"
        "    kind: metric\n"
        "    category: readability\n"
        "    severity: info\n"
        "    message: Hard to read.\n"
        "    basis: test\n"
        "    sources: [{ref: x, fact: y}]\n"
        f"    measure: {measure}\n"
        f"{extra}",
        encoding="utf-8",
    )
    return pack


def test_coleman_liau_and_thresholds_from_the_rule(tmp_path: Path) -> None:
    rules = load_rules([_pack(tmp_path, "coleman-liau-index", "    max-grade: 40\n")],
                       builtin=False)
    assert readability(HARD, rules) == []  # grade ~35 is under this rule's 40
    pack = _pack(tmp_path, "coleman-liau-index", "    max-grade: 8\n    min-words: 20\n")
    rules = load_rules([pack], builtin=False)
    [f] = readability(HARD, rules)
    assert "coleman-liau-index" in f.message


def test_syllable_based_measures_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GlowlintError, match="unknown measure"):
        load_rules([_pack(tmp_path, "flesch-kincaid-grade")], builtin=False)
