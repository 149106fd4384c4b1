"""A suggestion fits the match it is shown for (issue 19, item 3).

A rule's `suggestion` is shown for every match of the rule, so it may not name
a concern (scars, wrinkles, acne, rosacea ...) that the matched copy does not:
"Say goodbye to wrinkles forever" must not be told to write "can soften the
look of acne scars". Every rule's `flag` examples are linted and each
suggestion is checked against its example.
"""

from __future__ import annotations

import pytest
import regex

from glowlint import lint_text
from glowlint.api import default_rules

STRICT = default_rules("strict")  # shared, loaded once a process

CONCERNS = {
    "scars": r"\bscar", "wrinkles": r"\bwrinkl", "fine lines": r"\bfine\s+lines\b",
    "acne": r"\bacne\b", "rosacea": r"\brosacea\b", "eczema": r"\beczema\b",
    "psoriasis": r"\bpsoriasis\b", "dermatitis": r"\bdermatitis\b",
    "cellulite": r"\bcellulite\b", "stretch marks": r"\bstretch[\s-]+marks?\b",
    "pigmentation": r"pigment", "melasma": r"\bmelasma\b",
    "spots": r"\b(?:sun|age|dark|brown|liver)\s+spots?\b", "dark circles": r"\bdark\s+circles\b",
    "blemishes": r"\bblemish", "blackheads": r"\bblackheads?\b", "breakouts": r"\bbreakouts?\b",
    "pimples": r"\bpimples?\b", "pores": r"\bpores?\b", "veins": r"\b(?:thread|spider)\s+veins?\b",
    "sagging": r"\bsagg", "hair": r"\bhairs?\b", "warts": r"\bwarts?\b",
    "cold sores": r"\bcold\s+sores?\b",
}

# Rules whose suggestions still name a concern; this list may only shrink (strict xfail).
PENDING: set[str] = set()


def named(text: str) -> set[str]:
    """The concerns a text names."""
    return {c for c, pattern in CONCERNS.items() if regex.search(pattern, text, regex.I)}


def misfits(rule_id: str) -> list[tuple[str, list[str], str]]:
    rule = STRICT.by_id()[rule_id]
    alone = STRICT.with_rules([rule])
    out = []
    for example in rule.examples_flag:
        for f in lint_text(example, rules=alone):
            if f.rule == rule_id and f.suggestion:
                extra = named(f.suggestion) - named(example)
                if extra:
                    out.append((example, sorted(extra), f.suggestion))
    return out


@pytest.mark.parametrize("rule_id", [
    pytest.param(r.id, marks=pytest.mark.xfail(strict=True, reason="pack reworked elsewhere"))
    if r.id in PENDING else r.id
    for r in STRICT.rules if r.examples_flag
])
def test_suggestion_names_no_concern_the_example_does_not(rule_id: str) -> None:
    assert misfits(rule_id) == []


@pytest.mark.parametrize("text", [
    "Say goodbye to wrinkles forever.", "It erases wrinkles.", "A wrinkle-free face.",
    "It cures rosacea.", "Permanent hair removal at home.",
])
def test_issue_examples_get_a_fitting_suggestion(text: str) -> None:
    found = lint_text(text, profile="strict")
    assert found
    for f in found:
        assert named(f.suggestion or "") <= named(text), (f.rule, f.suggestion)


def test_the_concern_words_are_found() -> None:
    assert named("Can soften the look of acne scars") == {"acne", "scars"}
    assert named("Book a consultation about your wrinkle concerns") == {"wrinkles"}
    assert named("Results vary from person to person.") == set()
