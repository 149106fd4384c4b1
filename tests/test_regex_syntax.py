"""The scanner's own reader of regex patterns (linter/regex_syntax.py): what it reads,
and that it refuses, rather than misreads, what it does not know."""

from __future__ import annotations

import pytest
import regex

from glowlint import anchors, textmap
from glowlint import regex_syntax as syn
from glowlint.rules import PROFILES, load_rules


@pytest.mark.parametrize("pattern", [
    r"(?x)a b", r"a(?i)b", r"\p{L}x", r"\N{BULLET}x", r"[[:alpha:]]x", r"[a--b]x", r"(?<n>a)b",
    r"(?(1)a|b)", r"(?R)", r"\Xab", r"a{2", "(a", "a)", r"a**", r"*a",
])
def test_what_it_does_not_read_has_no_anchors(pattern: str) -> None:
    assert anchors.find_anchors(pattern, regex.I) is None


@pytest.mark.parametrize(("pattern", "low", "high"), [
    (r"ab", 2, 2), (r"a|bcd", 1, 3), (r"(?:ab){2,3}", 4, 6), (r"a?b", 1, 2), (r"(?=x)ab", 2, 2),
    (r"a+", 1, syn.MAXREPEAT), (r"[a-z]\s(?P<n>x)", 3, 3), (r"(?>ab)c", 3, 3),
])
def test_width(pattern: str, low: int, high: int) -> None:
    assert syn.width(syn.parse(pattern)) == (low, high)


def test_a_repetition_applies_to_the_whole_group() -> None:
    # (?:side effect)? is optional as a whole: with it or without it
    clauses = anchors.find_anchors(r"no (?:side effect)?risk", regex.I)
    assert clauses is not None and frozenset({"no side effectrisk", "no risk"}) in clauses
    tree = syn.parse(r"x(?:ab)+")
    assert tree[0] == (syn.LITERAL, ord("x"))
    assert tree[1][0] == syn.MAX_REPEAT and len(tree[1][1][2]) == 2


def test_alternation_shapes() -> None:
    assert syn.parse("ab|ac") == [(syn.LITERAL, 97), (syn.IN, [(syn.LITERAL, 98),
                                                                (syn.LITERAL, 99)])]
    assert syn.parse("a|b") == [(syn.IN, [(syn.LITERAL, 97), (syn.LITERAL, 98)])]
    assert syn.parse("[^a]") == [(syn.NOT_LITERAL, 97)]


def test_every_shipped_pattern_is_anchored_where_it_matches() -> None:
    """Anchors are necessary: wherever a shipped pattern matches its examples, one string
    of each clause occurs in the match (lower-cased, white space squeezed)."""
    for profile in PROFILES:
        rules = load_rules(profile=profile).rules
        for rule in rules:
            pattern = getattr(rule, "pattern", None)
            if pattern is None:
                continue
            clauses = anchors.find_anchors(pattern.pattern, pattern.flags) or ()
            for text in rule.examples.get("flag", []) if hasattr(rule, "examples") else []:
                for m in regex.finditer(pattern.pattern, text, pattern.flags):
                    low, _ = textmap.squeeze(textmap.prefilter_text(m.group()))
                    for clause in clauses:
                        assert any(s in low for s in clause), (rule.id, text, clause)
