"""The five seed pages, linted as they are, give what a careful reviewer expects.

The seeds (copied from shared/seeds into tests/data/seeds) are the pages the
default claim packs derive from. Each contradicts or qualifies the others:
the claims below are the overclaims a compliance reviewer marks, and the
hedged sentences listed for each seed ("decrease, but not completely remove
acne scars") must stay free of claim findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glowlint.api import lint_paths
from glowlint.model import Finding
from glowlint.rules import RuleSet

SEEDS = Path(__file__).parent / "data" / "seeds"

# (rule, line, column, matched source text) of every claim finding.
EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "000_6a9829401791bc4b.txt": [
        ("wound-healing", 3, 169, "triggers wound healing"),
        ("collagen-stimulation", 3, 239, "production of collagen"),
        ("wound-healing", 3, 265, "repair damaged skin"),
        ("aggressive-settings", 3, 298, "coarse grit"),
        ("collagen-stimulation", 3, 313, "induce meaningful production of collagen"),
        ("no-pain", 8, 11, "doesn\u2019t hurt"),
        ("fixed-recovery", 8, 85, "heals after 24 hours"),
        ("clinically-proven", 11, 408, "proved to be most"),
        ("best-treatment", 11, 421, "most effective"),
        ("studies-show", 14, 1, "Studies found"),
        ("aggressive-settings", 16, 119, "coarse-grit"),
        ("skip-precautions", 16, 219, "protect you from the risk of getting infected"),
    ],
    "001_7de631b9891e8a32.txt": [
        ("no-pain", 12, 117, "isn\u2019t a painful procedure"),
        ("no-downtime", 15, 68, "no downtime"),
        ("fixed-recovery", 15, 267, "immediately continue with your normal daily activities"),
        ("suitable-for-all", 17, 1, "Suitable for all Skin Types"),
        ("suitable-for-all", 19, 158, "suitable for all"),
        ("treats-condition", 19, 194, "help with a number of skin conditions"),
        ("safe-claim", 21, 1, "Safe, Yet Effective"),
        ("completely-safe", 23, 80, "extremely safe"),
    ],
    "002_338600020fb02169.txt": [
        ("collagen-stimulation", 8, 286, "increased its collagen"),
        ("treats-condition", 14, 108, "reducing acne"),
        ("painless", 16, 14, "painless"),
        ("no-chemicals", 16, 28, "no chemicals"),
        ("suitable-for-all", 16, 70, "no need to worry if you have sensitive skin"),
        ("complete-removal", 18, 275, "clear skin"),
        ("best-treatment", 25, 14, "the best option"),
        ("suitable-for-all", 27, 10, "all skin types"),
        ("treats-condition", 33, 65, "reducing acne"),
        ("complete-removal", 33, 131, "clear and smooth skin"),
        ("best-treatment", 35, 179, "the best option"),
    ],
    "003_a8c24c72861a6fa6.txt": [
        ("suitable-for-all", 3, 396, "effective on all skin colors and types"),
        ("no-side-effects", 3, 450, "no side-effects"),
        ("better-than-alternatives", 9, 183, "more accurate than any cream"),
        ("cell-regeneration", 15, 61, "initiates cellular turnover"),
        ("cell-regeneration", 17, 23, "New Cellular Growth"),
    ],
    "004_96378b772b1b3bd2.txt": [
        ("cell-regeneration", 5, 147, "stimulate the production of new skin cells"),
        ("treats-condition", 7, 135,
         "alleviate the dryness and flakiness often associated with eczema"),
        ("treats-condition", 8, 189, "managing eczema"),
        ("collagen-stimulation", 9, 139, "promoting collagen"),
        ("cell-regeneration", 9, 173, "encouraging skin cell turnover"),
        ("treats-condition", 11, 54, "managing eczema"),
        ("treats-condition", 17, 49, "option for individuals with eczema"),
        ("cell-regeneration", 17, 153, "stimulating cell turnover"),
    ],
}

# Sentences that hedge, negate, compare carefully or state a contraindication:
# no claim finding may overlap them.
FINE: dict[str, list[str]] = {
    "000_6a9829401791bc4b.txt": [
        "decrease, but not completely remove acne scars",
        "it may be less effective than acid chemical peels at correcting skin color",
        "one of the most popular non-invasive cosmetic procedures",
        "are recommended for most people",
        "improve the appearance of dull, stressed skin",
    ],
    "001_7de631b9891e8a32.txt": [
        "the effects rarely last more than a day",
        "your safety cannot be guaranteed",
        "whilst getting the best results",
        "You may feel a mild scratching sensation",
        "you may need a number of session in order to get the best results",
    ],
    "002_338600020fb02169.txt": [
        "Microderm works best in unclogging clogged pores",
        "The Best Skin Types for Microdermabrasion Treatment",
        "Microderm does not have any direct impact on the size of pores",
        "ensure that you do not have any active inflammation, as it can make the treatment"
        " process slightly painful",
        "it is always advisable that a professional perform this procedure",
    ],
    "003_a8c24c72861a6fa6.txt": [
        "it would risk permanently embedding the tiny grains into the skin",
        "one of the most modern skin-care techniques",
        "affecting deeper layers of skin would be painful and harmful",
        "There are many factors that can influence cellular regeneration and epidermal growth",
    ],
    "004_96378b772b1b3bd2.txt": [
        "a gentler approach is usually advised",
        "can help minimize the appearance of these scars",
        "everyone\u2019s skin is unique",
        "what works for one person may not work for another",
        "Microdermabrasion should not be performed during active eczema flare-ups",
        "Eczema, also known as atopic dermatitis, is a common skin condition",
        "reduce the appearance of scars",
    ],
}


def claim_findings(name: str, ruleset: RuleSet) -> list[Finding]:
    result = lint_paths([SEEDS / name], rules=ruleset)
    assert not result.notices
    return [f for f in result.findings
            if not f.category.startswith("missing-") and f.category != "readability"]


def test_the_five_seeds_are_here() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_claims(ruleset: RuleSet, name: str) -> None:
    got = [(f.rule, f.line, f.column, f.match) for f in claim_findings(name, ruleset)]
    assert sorted(got) == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(FINE))
def test_seed_hedged_sentences_are_clean(ruleset: RuleSet, name: str) -> None:
    source = (SEEDS / name).read_text(encoding="utf-8")
    findings = claim_findings(name, ruleset)
    for quote in FINE[name]:
        start = source.index(quote)
        end = start + len(quote)
        overlapping = [(f.rule, f.match) for f in findings if f.start < end and start < f.end]
        assert overlapping == [], quote


def test_seed_softened_claim_is_milder(ruleset: RuleSet) -> None:
    # "virtually no side-effects": still a claim, one level below the rule's error
    findings = claim_findings("003_a8c24c72861a6fa6.txt", ruleset)
    soft = [f for f in findings if f.rule == "no-side-effects"]
    assert [(str(f.severity), "virtually" in f.note) for f in soft] == [("warning", True)]


def test_seeds_cover_the_main_claim_categories(ruleset: RuleSet) -> None:
    categories = {f.category for name in EXPECTED for f in claim_findings(name, ruleset)}
    assert {"absolute-safety", "pain-free", "no-downtime", "universal-suitability",
            "complete-results", "unsubstantiated-evidence", "superlative", "medical-claim",
            "unsafe-advice", "free-from"} <= categories
