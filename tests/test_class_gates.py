"""Frame and answer rules asked only where their classes allow (`class_gates`): never
one that may fire. The findings themselves are compared in test_performance_equivalence."""

from __future__ import annotations

from glowlint import engine, scanner
from glowlint.api import default_rules
from glowlint.readers import read_text

RULES = default_rules("strict")


def test_every_rule_that_may_fire_is_allowed() -> None:
    gates = scanner.scanner_for(RULES).classed
    assert len(gates.gated) > 20  # the frame and answer rules
    kinds = {RULES.rules[i].kind for i in gates.gated}
    assert kinds == {"frame", "answer"}
    asked = fired = texts = 0
    for rule in RULES.rules:
        for text in (*rule.examples_flag, *rule.examples_pass):
            texts += 1
            analysis = engine.analyse(read_text(text, "<t>", "txt"), RULES)
            allowed = gates.allowed(analysis, RULES.rules)
            assert allowed is not None
            asked += len(allowed)
            for i in gates.gated:
                if RULES.rules[i].may_fire(analysis):
                    fired += 1
                    assert i in allowed, (RULES.rules[i].id, text)
    assert fired > 0 and asked < len(gates.gated) * texts / 2  # most are not asked


def test_rules_of_another_lexicon_are_all_asked() -> None:
    gates = scanner.scanner_for(RULES).classed
    analysis = engine.analyse(read_text("Painless.", "<t>", "txt"), RULES)
    analysis.lexicon = None
    assert gates.allowed(analysis, RULES.rules) is None
    assert gates.firing(RULES.rules, set(gates.gated), analysis) == [
        RULES.rules[i] for i in sorted(gates.gated) if RULES.rules[i].may_fire(analysis)]
