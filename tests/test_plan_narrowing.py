"""The scanner's plan runs fewer rules and searches less, and finds the same.

Each narrowing is checked two ways: what the plan leaves out (so the test
fails if it stops narrowing), and that the findings are those of the
reference plan, every rule over the whole copy (so it fails if it narrows
wrongly). No timings are asserted here (see bench/run.py).
"""

from __future__ import annotations

from dataclasses import astuple

from glowlint.api import default_rules
from glowlint.engine import analyse, lint_document
from glowlint.kinds.frame import FrameRule
from glowlint.readers import read_text
from glowlint.scanner import scanner_for

STRICT = default_rules("strict")  # shared, loaded once a process


def planned(text: str) -> set[str]:
    """The ids of the rules the scanner plans to run on ``text``."""
    analysis = analyse(read_text(text, "<t>", "txt"), STRICT)
    return {rule.id for rule in scanner_for(STRICT).plan(analysis, STRICT.rules).rules}


def same_findings(text: str) -> list[tuple[object, ...]]:
    doc = read_text(text, "<t>", "txt")
    fast = [astuple(f) for f in lint_document(doc, STRICT)]
    assert fast == [astuple(f) for f in lint_document(doc, STRICT, single_pass=False)]
    return fast


def test_no_frame_rule_runs_on_copy_without_their_classes() -> None:
    framed = {r.id for r in STRICT.rules if isinstance(r, FrameRule)}
    assert len(framed) > 5
    text = "Opening hours: Monday to Friday. Parking is at the back."
    assert planned(text).isdisjoint(framed)
    assert same_findings(text) == []


def test_a_frame_rule_runs_where_its_example_fills_it() -> None:
    """Each frame (and answer) rule is planned on its own flag examples, and the plan
    finds there what the reference finds."""
    checked = 0
    for rule in STRICT.rules:
        if not isinstance(rule, FrameRule):
            continue
        for text in rule.examples_flag:
            assert rule.id in planned(text), (rule.id, text)
            same_findings(text)
            checked += 1
    assert checked > 20


def test_may_fire_is_what_the_rule_checks_first() -> None:
    """A frame rule that the plan leaves out finds nothing with the reference plan either."""
    texts = [r.examples_flag[0] for r in STRICT.rules
             if isinstance(r, FrameRule) and r.examples_flag]
    skipped = 0
    for text in texts:
        doc = read_text(text, "<t>", "txt")
        analysis = analyse(doc, STRICT)
        for rule in STRICT.rules:
            if isinstance(rule, FrameRule) and not rule.may_fire(analysis):
                assert list(rule.matches(analysis)) == [], (rule.id, text)
                skipped += 1
    assert skipped > 0
