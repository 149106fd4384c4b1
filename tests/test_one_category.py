"""One span, one category per meaning (issue 19, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glowlint import lint_text
from glowlint.api import default_rules
from glowlint.errors import GlowlintError
from glowlint.rules import load_taxonomy


def claims(text: str) -> list[tuple[str, str, str]]:
    taxonomy = default_rules().taxonomy
    return [(f.rule, f.category, text[f.start:f.end]) for f in lint_text(text, "txt")
            if taxonomy[f.category].kind == "claim"]


def test_a_cure_of_a_condition_is_one_medicinal_claim() -> None:
    assert claims("Our laser cures rosacea.") == [
        ("treats-condition", "medical-claim", "cures rosacea")]


def test_two_claims_in_one_span_keep_two_findings() -> None:
    # the cure and the promise of permanence: each finding covers words the other does not
    found = claims("It will cure hair loss for good.")
    assert {c for _, c, _ in found} == {"medical-claim", "complete-results"}


def test_reversing_ageing_is_reported_as_such_not_as_wound_healing() -> None:
    text = "This serum reverses the signs of ageing."
    assert claims(text) == [("reverses-ageing", "medical-claim", "reverses the signs of ageing")]
    finding = lint_text(text, "txt")[0]
    assert "ageing" in finding.message and "wound" not in finding.message.lower()


def test_no_flag_example_gets_two_categories_on_the_same_words() -> None:
    rules = default_rules()
    doubled = []
    for rule in rules.rules:
        for example in rule.examples_flag:
            found = [f for f in lint_text(example, "txt", rules=rules)
                     if rules.taxonomy[f.category].kind == "claim"]
            spans: dict[tuple[int, int], set[str]] = {}
            for f in found:
                spans.setdefault((f.start, f.end), set()).add(f.category)
            doubled += [(rule.id, example, cats) for cats in spans.values() if len(cats) > 1]
    assert doubled == []


def test_prevails_over_must_name_a_category(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text("categories:\n  a:\n    kind: claim\n    prevails-over: [nope]\n")
    with pytest.raises(GlowlintError, match="prevails-over names unknown category 'nope'"):
        load_taxonomy(path)
