"""The phrase shorthand (linter/patterns.py): authors write one phrase, glowlint
matches its spelling, hyphenation and inflection variants."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from run_helpers import lint_cost

from glowlint import lint_text
from glowlint.kinds.claim import ClaimRule
from glowlint.patterns import expand_terms, phrase_to_regex, whole_words
from glowlint.rules import RuleSet, load_rules

FLAGS = regex.IGNORECASE


def compile_phrase(phrase: str, terms: dict[str, str] | None = None) -> regex.Pattern[str]:
    source = expand_terms(phrase_to_regex(phrase), terms or {})
    return regex.compile(whole_words(f"(?:{source})"), FLAGS)


def first(phrase: str, text: str, terms: dict[str, str] | None = None) -> str | None:
    m = compile_phrase(phrase, terms).search(text)
    return m.group() if m else None


@pytest.mark.parametrize(("phrase", "text", "match"), [
    # a space also matches a hyphen or a line break
    ("side effects", "virtually no side-effects", "side-effects"),
    ("side effects", "no side\neffects", "side\neffects"),
    ("pain-free", "a pain free facial", "pain free"),
    ("pain-free", "a painfree facial", "painfree"),
    # inflections
    ("remove~ scars", "it removed scars", "removed scars"),
    ("remove~ scars", "removing scars", "removing scars"),
    ("stop~ acne", "it stopped acne", "stopped acne"),
    ("apply~ daily", "she applies daily", "applies daily"),
    # UK and US spelling, both ways
    ("colour change", "no color change", "color change"),
    ("color change", "no colour change", "colour change"),
    ("anaesthetic", "no anesthetic needed", "anesthetic"),
    ("minimise~ redness", "minimizes redness", "minimizes redness"),
    ("analyse~ skin", "we analyzed skin", "analyzed skin"),
    ("ageing skin", "aging skin", "aging skin"),
    # curly apostrophes
    ("doesn't hurt", "it doesn\u2019t hurt", "doesn\u2019t hurt"),
    # up to three words in a gap
    ("remove~ ... scars", "removes deep acne scars", "removes deep acne scars"),
    # choices and optional groups
    ("(no|zero) downtime", "zero downtime", "zero downtime"),
    ("(totally)? safe", "totally safe", "totally safe"),
    ("(totally)? safe", "it is safe", "safe"),
    # pack terms
    ("{peel} peel", "a glycolic peel", "glycolic peel"),
])
def test_phrase_matches(phrase: str, text: str, match: str) -> None:
    assert first(phrase, text, {"peel": "glycolic|lactic"}) == match


@pytest.mark.parametrize(("phrase", "text"), [
    ("pain", "painful"),  # whole words only
    ("remove~ ... scars", "removes the dead skin cells and then softens scars"),  # gap of 3 at most
    ("colour", "colourful"),
])
def test_phrase_does_not_match(phrase: str, text: str) -> None:
    assert first(phrase, text) is None


def test_unknown_term_is_an_error() -> None:
    with pytest.raises(KeyError):
        expand_terms(phrase_to_regex("{nope} peel"), {})


def test_braces_of_a_regex_escape_are_not_terms() -> None:
    """Issue 20, item 21: `\\p{L}` is a Unicode class, not the term {L}."""
    terms = {"acid": "glycolic|lactic", "L": "nope"}
    assert expand_terms(r"\p{L}+ {acid}", terms) == r"\p{L}+ (?:glycolic|lactic)"
    for escape in (r"\p{Lu}", r"\P{L}", r"\N{BULLET}", r"\x{e9}", r"[\p{Ll}\d]", r"\{acid}"):
        assert expand_terms(escape, {}) == escape
    # an escaped backslash before `p` leaves `{acid}` a term; an unknown name is still refused
    assert expand_terms(r"\\p{acid}", terms) == r"\\p(?:glycolic|lactic)"
    with pytest.raises(KeyError):
        expand_terms(r"\p{L} {nope}", {})


def test_unicode_class_in_a_pack_pattern(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: p\nrules:\n  - id: p-zorblax\n    kind: claim\n    category: superlative\n"
        "    severity: error\n    message: Says zorblax.\n    basis: test\n"
        "    sources: [{ref: test, fact: a made-up word}]\n"
        "    patterns: ['\\p{L}orblax']\n"
        "    examples: {flag: [The zorblax cream.], pass: [The 4orblax cream.]}\n",
        encoding="utf-8",
    )
    rules = load_rules([pack], builtin=False)
    assert [f.match for f in lint_text("A zorblax, a 4orblax, a Żorblax.", rules=rules)] == [
        "zorblax", "Żorblax"]


# --------------------------------------------------------------------------- the claim packs

def test_claim_patterns_are_compiled_regexes(ruleset: RuleSet) -> None:
    claims = [r for r in ruleset.rules if isinstance(r, ClaimRule)]
    assert claims
    for rule in claims:
        # a compiled regex (possibly wrapped with a time limit): one pattern per rule
        assert isinstance(rule.pattern.pattern, str), rule.id
        assert callable(rule.pattern.finditer), rule.id


def test_claim_patterns_do_not_backtrack_catastrophically() -> None:
    """Adversarial copy (long runs of words and spaces, no claim) costs in proportion
    to its length: four times the copy, at most about four times the time. Both are
    measured in the same run (the best of three), so a loaded machine slows both."""
    rules = load_rules(profile="strict")
    hostile = " ".join(
        ["remove " + "very " * 40 + "skin", "no " * 200, "safe, " * 200, "a" * 5000,
         "clear " * 300, "studies " * 300, "the best " * 200]
    )

    lint_cost(hostile, rules)  # warm: patterns compiled
    assert lint_cost(hostile * 4, rules) / lint_cost(hostile, rules) < 6.0


@pytest.mark.parametrize(("text", "rule", "match"), [
    ("Removes scars completely.", "complete-removal", "Removes scars completely"),
    ("Completely removes scars.", "complete-removal", "Completely removes"),
    ("Goodbye wrinkles!", "complete-removal", "Goodbye wrinkles"),
    ("Say goodbye to problem hair forever.", "complete-removal",
     "Say goodbye to problem hair forever"),
    ("Suitable for every skin tone.", "suitable-for-all", "Suitable for every skin tone"),
    ("Stimulates collagen and elastin.", "collagen-stimulation", "Stimulates collagen"),
    ("Collagen production is boosted.", "collagen-stimulation", "Collagen production"),
    ("FDA-approved device.", "fda-approved", "FDA-approved"),
    ("Approved by the MHRA.", "fda-approved", "Approved by the MHRA"),
    ("No.1 clinic in London.", "best-treatment", "No.1"),
    ("Dysport from £120.", "botox-promotion", "Dysport"),
    ("The gold standard in skin tightening.", "best-treatment", "The gold standard"),
    ("Better results than surgery.", "better-than-alternatives", "Better results than"),
])
def test_pack_variants(ruleset: RuleSet, text: str, rule: str, match: str) -> None:
    assert [f.match for f in lint_text(text, rules=ruleset) if f.rule == rule] == [match]
