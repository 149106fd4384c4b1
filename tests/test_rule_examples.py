"""Every rule's own `examples` hold: each `flag` sentence fires it, no `pass` one does.

For `required` rules an example is a whole document.
"""

from __future__ import annotations

import pytest

from glowlint import lint_text
from glowlint.api import default_rules
from glowlint.rules import PROFILES, load_rules

STRICT = default_rules("strict")  # shared, loaded once a process
RULES = STRICT.rules
CASES = [
    pytest.param(rule.id, text, expect, id=f"{rule.id}-{'flag' if expect else 'pass'}{i}")
    for rule in RULES
    for expect, texts in ((True, rule.examples_flag), (False, rule.examples_pass))
    for i, text in enumerate(texts)
]


ALONE = {rule.id: STRICT.with_rules([rule]) for rule in RULES}


@pytest.mark.parametrize(("rule_id", "text", "expect"), CASES)
def test_rule_example(rule_id: str, text: str, expect: bool) -> None:
    # Each rule alone, as `glowlint rules test` runs it: a frame rule's finding
    # gives way to a phrase rule's on the same claim when all rules run.
    fired = [f for f in lint_text(text, rules=ALONE[rule_id]) if f.rule == rule_id]
    if expect:
        assert fired, f"{rule_id} should flag: {text!r}"
    else:
        assert not fired, f"{rule_id} should not flag: {text!r} (got {fired[0].match!r})"


def test_every_category_has_a_rule() -> None:
    taxonomy = load_rules().taxonomy
    covered = {r.category for r in RULES}
    assert set(taxonomy) - covered == set()


@pytest.mark.parametrize("profile", PROFILES)
def test_profiles_load(profile: str) -> None:
    assert load_rules(profile=profile).rules
