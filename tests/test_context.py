"""The shared context judgement, as every claim rule gets it.

Each case names the exact rule, the position (line, column: 1-based code
points in the source) and the matched source text, so a change in the
mechanism (linter/context.py), its vocabulary (rules/context.yaml) or the
claim packs shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import lint_text
from glowlint.api import default_rules
from glowlint.context import _SENTENCE_END, Analysis, ContextModel
from glowlint.model import Severity
from glowlint.rules import RuleSet, builtin_rules_dir, load_rules


def claims(text: str, ruleset: RuleSet, fmt: str = "txt") -> list[tuple[str, int, int, str]]:
    """(rule, line, column, match) of every claim finding."""
    return [
        (f.rule, f.line, f.column, f.match)
        for f in lint_text(text, fmt, rules=ruleset)
        if not f.category.startswith("missing-") and f.category != "readability"
    ]


def fired(text: str, ruleset: RuleSet, rule: str, fmt: str = "txt") -> list[tuple[int, int, str]]:
    return [(line, col, match) for r, line, col, match in claims(text, ruleset, fmt) if r == rule]


# --------------------------------------------------------------------------- claims that stand

STANDS = [
    # a general promise made in the first person is still a claim
    ("txt", "I love this serum because it stimulates collagen.", "collagen-stimulation", 1, 30,
     "stimulates collagen"),
    # "delivers" results is no parcel: not a logistics sentence
    ("txt", "It delivers visible results after your very first session.", "fast-result-frame",
     1, 13, "visible results after your very first session"),
    # the plain claim
    ("txt", "It completely removes scars.", "complete-removal", 1, 4, "completely removes"),
    ("txt", "It treats eczema.", "treats-condition", 1, 4, "treats eczema"),
    ("txt", "No side effects.", "no-side-effects", 1, 1, "No side effects"),
    # word order and inflection
    ("txt", "It removes scars completely.", "complete-removal", 1, 4, "removes scars completely"),
    ("txt", "It removed acne scars permanently.", "complete-removal", 1, 4,
     "removed acne scars permanently"),
    ("txt", "It stimulated collagen production.", "collagen-stimulation", 1, 4,
     "stimulated collagen"),
    ("txt", "Stimulating collagen and elastin.", "collagen-stimulation", 1, 1,
     "Stimulating collagen"),
    # hyphenation
    ("txt", "No side-effects.", "no-side-effects", 1, 1, "No side-effects"),
    ("txt", "A pain free facial.", "painless", 1, 3, "pain free"),
    ("txt", "A pain-free facial.", "painless", 1, 3, "pain-free"),
    # UK and US spelling
    ("txt", "Safe for all skin colours.", "suitable-for-all", 1, 1, "Safe for all skin colours"),
    ("txt", "Effective on all skin colors.", "suitable-for-all", 1, 1,
     "Effective on all skin colors"),
    ("txt", "It causes no colour change.", "no-harm", 1, 4, "causes no colour change"),
    ("txt", "It causes no color change.", "no-harm", 1, 4, "causes no color change"),
    # "not only" does not negate
    ("txt", "It is not only painless but fast.", "painless", 1, 16, "painless"),
    # medical claims are about the kind of claim: a hedge does not excuse them
    ("txt", "It may stimulate collagen production.", "collagen-stimulation", 1, 8,
     "stimulate collagen"),
    # a testimonial the copy repeats is the advertiser's claim
    ("txt", "Plenty of fans say it is painless.", "painless", 1, 26, "painless"),
    # "but" ends a distancing frame: the copy speaks in its own voice again
    ("txt", "Botox is often painted as a chemical, but it is really a natural protein.",
     "natural-so-safe", 1, 49, "really a natural protein"),
    # markup: the span maps back to the source, tags included
    ("html", "<p>Our peel is <b>completely</b> safe.</p>", "completely-safe", 1, 19,
     "completely</b> safe"),
    # a claim that starts after a heading is found even when a pattern could
    # have started in the heading and run over the block boundary
    ("txt", "SKIN TAG REMOVER\n\nRemove moles at home.", "diy-removal", 3, 1,
     "Remove moles at home"),
    # the safety condition comes after an intensifier: still a claim
    ("txt", "When performed by a qualified practitioner, it is an extremely safe procedure.",
     "completely-safe", 1, 54, "extremely safe"),
]


@pytest.mark.parametrize(("fmt", "text", "rule", "line", "column", "match"), STANDS)
def test_claim_stands(ruleset: RuleSet, fmt: str, text: str, rule: str, line: int, column: int,
                      match: str) -> None:
    assert (line, column, match) in fired(text, ruleset, rule, fmt)


# --------------------------------------------------------------------------- set aside

SET_ASIDE = [
    # negation scope
    ("txt", "It will not completely remove scars.", "complete-removal"),
    ("txt", "Microderm can decrease, but not completely remove acne scars.", "complete-removal"),
    ("txt", "Not suitable for everyone; ask us first.", "suitable-for-all"),
    ("txt", "No treatment is truly painless, and ours is no exception.", "painless"),
    ("txt", "Your safety cannot be guaranteed in a high street salon.", "guaranteed-results"),
    # questions, with and without "?", and FAQ headings in markup
    ("txt", "Is microdermabrasion painless?", "painless"),
    ("md", "## Is microdermabrasion painless\n\nMost people feel mild discomfort.", "painless"),
    ("html", "<h2>Does it hurt?</h2><p>Most clients feel a mild prickling.</p>", "no-pain"),
    ("txt", "Will it get rid of my acne scars for good?", "complete-removal"),
    # hedges where the category allows them, before or after the match
    ("txt", "Suitable for most skin types.", "suitable-for-all"),
    ("txt", "It is usually painless.", "painless"),
    ("txt", "It is painless for most people.", "painless"),
    ("txt", "There is little to no downtime.", "no-downtime"),
    ("txt", "Most patients can resume their normal activities immediately.", "fixed-recovery"),
    ("txt", "Microdermabrasion is one of the most popular treatments.", "best-treatment"),
    # first-person experience
    ("txt", "It didn't sting for me.", "no-pain"),
    ("txt", "I tried Botox about eight months ago.", "botox-promotion"),
    ("txt", "Honestly, I love Botox.", "botox-promotion"),
    ("txt", "Most mums tell us their skin feels softer within a week.", "fast-result-frame"),
    # "not yet" negates; it does not start a clause
    ("txt", "Skin boosters are not yet FDA approved in the US.", "fda-approved"),
    # reported speech and distancing
    ("txt", "Some clinics claim microneedling is painless.", "painless"),
    ("txt", "We will never tell you that it is painless.", "painless"),
    ("txt", "Be careful with any clinic that says its peel is completely safe.", "completely-safe"),
    ("txt", "It is not true that a peel erases acne scars.", "complete-removal"),
    ("txt", "It will not lift sagging skin or remove deep lines.", "complete-removal"),
    ("txt", "We avoid slogans such as \"no downtime\" because redness is common.", "no-downtime"),
    ("txt", "If a clinic promises no downtime, be sceptical.", "no-downtime"),
    ("txt", "Supporters claim the results are immediate.", "fast-result-frame"),
    ("txt", "They say the treatment is painless, but I found it uncomfortable.", "painless"),
    ("txt", "The brush should never break the skin, and it shouldn't hurt.", "no-pain"),
    ("txt", "Most modern keratin formulas are designed to be gentle.", "best-treatment"),
    # hypotheticals
    ("txt", "Many people would love them gone for good.", "complete-removal"),
    # contraindications are not claims to treat the condition
    ("txt", "Not suitable during an active eczema flare-up.", "treats-condition"),
    ("txt", "Microdermabrasion should not be performed during active eczema flare-ups.",
     "treats-condition"),
    ("txt", "Avoid the treatment if you have active acne or rosacea.", "treats-condition"),
    # "treatment" as the name of the service
    ("txt", "Book your treatment today.", "treats-condition"),
    ("txt", "Our treatment rooms are on the first floor.", "treats-condition"),
    # safety stated with its condition
    ("txt", "It is safe to use if you follow the instructions.", "safe-claim"),
    ("txt", "Glycolic acid is safe at concentrations of 10% or less, applied as directed.",
     "safety-frame"),
    ("txt", "With proper technique, at-home microneedling is safe.", "safety-frame"),
    # a named source substantiates where it stands
    ("txt", "In a 2019 study (Smith et al.), most adults saw smoother skin.", "studies-show"),
    # accurate regulatory wording
    ("txt", "The first FDA-cleared microneedling device.", "fda-approved"),
    ("txt", "Cleared by the FDA for permanent hair reduction.", "complete-removal"),
    ("txt", "An FDA-approved prescription injectable for improving moderate fat below the chin.",
     "body-function-frame"),
    # exfoliation acts on dead cells, not on the body's function
    ("txt", "The acid breaks down the build-up of dead skin cells.", "body-function-frame"),
]


@pytest.mark.parametrize(("fmt", "text", "rule"), SET_ASIDE)
def test_claim_set_aside(ruleset: RuleSet, fmt: str, text: str, rule: str) -> None:
    assert fired(text, ruleset, rule, fmt) == []


def test_negation_does_not_reach_across_a_clause(ruleset: RuleSet) -> None:
    text = "Not only is it quick to perform, but there is also no downtime afterwards."
    assert fired(text, ruleset, "no-downtime") == [(1, 52, "no downtime")]


def test_question_mark_only_excuses_its_own_sentence(ruleset: RuleSet) -> None:
    text = "Does it hurt? Microderm is painless."
    assert fired(text, ruleset, "painless") == [(1, 28, "painless")]


# --------------------------------------------------------------------------- softeners

@pytest.mark.parametrize(("text", "rule", "column", "match"), [
    ("The procedure is virtually pain-free.", "painless", 28, "pain-free"),
    ("It is effective with virtually no side-effects.", "no-side-effects", 32, "no side-effects"),
    ("There is basically no downtime.", "no-downtime", 20, "no downtime"),
])
def test_softener_keeps_the_finding_one_level_milder(ruleset: RuleSet, text: str, rule: str,
                                                     column: int, match: str) -> None:
    found = [f for f in lint_text(text, rules=ruleset) if f.rule == rule]
    assert [(f.column, f.match) for f in found] == [(column, match)]
    rule_obj = ruleset.by_id()[rule]
    assert found[0].severity == Severity(rule_obj.severity - 1)
    assert "softened by" in found[0].note


def test_unsoftened_claim_keeps_its_severity(ruleset: RuleSet) -> None:
    found = [f for f in lint_text("Microderm is painless.", rules=ruleset) if f.rule == "painless"]
    assert [f.severity for f in found] == [Severity.ERROR]


# --------------------------------------------------------------------------- per-sentence

def test_brand_list_is_one_finding_per_sentence(ruleset: RuleSet) -> None:
    text = "Botox (Dysport, Azzalure) from £99. Book your Botox today."
    assert fired(text, ruleset, "botox-promotion") == [(1, 1, "Botox"), (1, 47, "Botox")]


# --------------------------------------------------------------------------- the mechanism itself

@pytest.fixture(scope="module")
def model() -> ContextModel:
    return ContextModel.load(builtin_rules_dir() / "context.yaml")


def _judge(model: ContextModel, text: str, phrase: str, **kw: object):
    start = text.index(phrase)
    return Analysis(text, model).judge(start, start + len(phrase), **kw)  # type: ignore[arg-type]


def test_judge_reasons(model: ContextModel) -> None:
    assert _judge(model, "It is not painless.", "painless").reason == "negated by 'not'"
    assert _judge(model, "Is it painless?", "painless").reason.startswith("asked")
    assert _judge(model, "It is usually painless.", "painless").reason == "hedged by 'usually'"
    assert _judge(model, "Some clinics claim it is painless.", "painless").reason.startswith(
        "distanced")
    assert _judge(model, "If only it were painless.", "painless").reason.startswith(
        "hypothetical")
    assert _judge(model, "It is usually painless.", "painless", hedge=False).counts
    softened = _judge(model, "It is virtually painless.", "painless")
    assert softened.counts and softened.softened_by == "virtually"


def test_denial_is_not_a_disclosure(model: ContextModel) -> None:
    # what a required rule asks of a satisfier: "no side effects" does not
    # disclose side effects
    assert not _judge(model, "There are no side effects.", "side effects", hedge=False).counts
    assert _judge(model, "Side effects include redness.", "Side effects", hedge=False).counts


def test_skip_sentence_kind(model: ContextModel) -> None:
    text = "Not suitable during an active eczema flare-up."
    assert _judge(model, text, "eczema", negation=False).counts
    verdict = _judge(model, text, "eczema", negation=False, skip_sentences=("contraindication",))
    assert verdict.reason == "inside a contraindication sentence"


def test_match_across_blocks_is_not_judged_a_claim(model: ContextModel) -> None:
    text = "Painless\n\nfacials"
    assert _judge(model, text, "Painless\n\nfacials").reason == "runs across a sentence boundary"


def test_abbreviated_names_do_not_end_a_sentence(ruleset: RuleSet) -> None:
    text = "The first device approved by the U.S. Food and Drug Administration."
    assert fired(text, ruleset, "fda-approved") == [
        (1, 18, "approved by the U.S. Food and Drug Administration")]


# --------------------------------------------------------------------------- profiles

@pytest.mark.parametrize(("profile", "rule", "text", "severity"), [
    ("uk", "botox-promotion", "Book your Botox today.", "error"),
    ("eu", "botox-promotion", "Book your Botox today.", "error"),
    ("us", "botox-promotion", "Book your Botox today.", "info"),
    ("strict", "botox-promotion", "Book your Botox today.", "error"),
    ("uk", "hypoallergenic", "A hypoallergenic cream.", "warning"),
    ("eu", "hypoallergenic", "A hypoallergenic cream.", "error"),
    ("us", "hypoallergenic", "A hypoallergenic cream.", "info"),
    ("uk", "best-treatment", "The best option for oily skin.", "warning"),
    ("strict", "best-treatment", "The best option for oily skin.", "error"),
    ("us", "painless", "Microderm is painless.", "error"),
])
def test_profile_severity(profile: str, rule: str, text: str, severity: str) -> None:
    found = [f for f in lint_text(text, rules=_profile(profile)) if f.rule == rule]
    assert [str(f.severity) for f in found] == [severity]


_PROFILES: dict[str, RuleSet] = {}


def _profile(name: str) -> RuleSet:
    if name not in _PROFILES:
        _PROFILES[name] = default_rules(name)
    return _PROFILES[name]


def test_every_claim_category_is_covered_by_a_claims_pack() -> None:
    rules = load_rules(profile="strict").rules
    taxonomy = load_rules().taxonomy
    claim_categories = {name for name, c in taxonomy.items() if c.kind == "claim"}
    packs = {r.category for r in rules if r.kind == "claim" and r.pack.startswith("claims-")}
    assert claim_categories <= packs
    assert len(claim_categories) == 14


def test_claim_packs_cite_seeds_and_regulators() -> None:
    for path in sorted(Path(builtin_rules_dir()).glob("claims-*.yaml")):
        pack_rules = [r for r in load_rules(profile="strict").rules if r.pack == path.stem]
        assert pack_rules, path
        for rule in pack_rules:
            refs = " ".join(s.ref for s in rule.sources)
            assert "seeds/" in refs, rule.id
            assert any(k in refs + rule.basis for k in ("CAP", "FTC", "FD&C", "655/2013", "CFR",
                                                        "Regulations 2012")), rule.id


SENTENCE_END = regex.compile(_SENTENCE_END)  # as `ContextModel.load` compiles it
# The plain statement of where a sentence ends: no abbreviation just before the punctuation.
PLAIN_SENTENCE_END = regex.compile(
    r"(?<!\b(?:Dr|Mr|Mrs|Ms|St|Prof|vs|approx|e\.g|i\.e|etc|No|Ref|ref|Fig|\p{Lu}))"
    r"[.!?\u2026]+[\"')\]]*(?=\s+[\"'(\[]?[\p{Lu}\d])|\n\n"
)
PIECES = ["Dr.", "Mr.", "e.g.", "i.e.", "etc.", "No.", "A.", "b.", ".", "..", "!?", "\u2026", " ",
          "  ", "\n", "\n\n", "Word", "word", "1", ")", '"', "'", "(", "[", "Fig.", "vs.", "É."]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None, database=None)
def test_sentences_end_where_the_plain_definition_says(text: str) -> None:
    ends = [(m.span(), m.group()) for m in SENTENCE_END.finditer(text)]
    assert ends == [(m.span(), m.group()) for m in PLAIN_SENTENCE_END.finditer(text)]


def test_a_hedge_inside_the_match_or_opening_the_sentence_qualifies_it(ruleset: RuleSet) -> None:
    assert fired("These effects settle within 48 hours.", ruleset, "instant-results") != []
    assert fired("These effects usually settle within 48 hours.", ruleset, "instant-results") == []
    assert fired("Tattoos are fully cleared in three sessions.", ruleset, "complete-removal") != []
    assert fired("Typically, tattoos are fully cleared in three sessions.", ruleset,
                 "complete-removal") == []
    assert fired("Most of our patients return to work the same day.", ruleset,
                 "fixed-recovery") == []
    # an opening clause of more than a few words is a clause of its own
    assert fired("After years of trying every cream, tattoos are fully cleared in three "
                 "sessions.", ruleset, "complete-removal") != []


def test_a_trailing_hedge_may_stand_a_few_words_after_the_match(ruleset: RuleSet) -> None:
    text = "Erbium is safe to use on most skin types."
    assert [f.rule for f in lint_text(text, "txt", rules=ruleset)
            if f.category == "absolute-safety"] == []
    assert fired("Erbium is safe to use.", ruleset, "safe-claim") == [(1, 11, "safe to use")]


def test_a_hedge_after_a_comma_qualifies_what_follows_it(ruleset: RuleSet) -> None:
    """In "painless, generally safe" the hedge belongs to "safe"; at the end of its phrase
    ("painless, usually.") it qualifies the claim before it."""
    assert fired("A 100% painless, generally safe treatment.", ruleset, "painless") == [
        (1, 8, "painless")]
    assert fired("It is painless, usually.", ruleset, "painless") == []
    assert fired("It is painless (for most people).", ruleset, "painless") == []


def test_claims_reported_of_people_or_ads_in_general_are_not_made(ruleset: RuleSet) -> None:
    assert fired("LED therapy boosts collagen.", ruleset, "collagen-stimulation") != []
    assert fired("Some people say LED therapy boosts collagen, but the evidence is weak.",
                 ruleset, "collagen-stimulation") == []
    assert fired("Permanent results in one session.", ruleset, "complete-removal") != []
    assert fired("Ads that promise permanent results are misleading.", ruleset,
                 "complete-removal") == []
    assert fired("For me there was no downtime at all.", ruleset, "no-downtime") == []


def test_what_the_body_does_by_itself_is_a_fact_not_a_claim(ruleset: RuleSet) -> None:
    assert fired("Sun exposure breaks down collagen and elastin.", ruleset,
                 "body-function-frame") == []
    assert fired("Our serum nudges the lymphatic system awake.", ruleset,
                 "body-function-frame") != []


def test_a_run_on_sentence_is_read_once_for_all_its_matches(model: ContextModel) -> None:
    """Whether a sentence asks is known once per sentence: a page of one endless
    "sentence" with a claim every few words must not copy it once per claim."""
    import dataclasses

    asked: list[int] = []

    class Counting:
        def search(self, text: str, *args: object) -> object:
            asked.append(len(text))
            return model.question_start.search(text, *args)

    text = "Is it painless for everyone and " * 500  # no final punctuation anywhere
    analysis = Analysis(text, dataclasses.replace(model, question_start=Counting()))
    verdicts = [analysis.judge(m.start(), m.end()) for m in regex.finditer("painless", text)]
    assert len(verdicts) == 500
    assert all(v.reason == "asked, not claimed (a question)" for v in verdicts)
    assert asked == [len(text.strip())]  # the whole sentence, read once


def test_a_quotation_in_an_article_reports_a_claim_on_a_sales_page_makes_it(
        ruleset: RuleSet) -> None:
    """An article that debunks "Sunbeds are a safe way to get vitamin D" does not claim
    it; the same words quoted on a sunbed salon's page are the salon's claim."""
    article = ('# Sunbed myths, checked\n\nMyth or fact? We asked the experts about four '
               'common lines.\n\n"Sunbeds are a safe way to get vitamin D."\n\nMost lamps '
               'emit UVA, while vitamin D needs UVB.\n')
    page = ('Book your sunbed session today at Glow Studio.\n\n'
            '"Sunbeds are a safe way to get vitamin D."\n')
    claims = [(f.rule, f.line, f.column, f.match) for f in lint_text(page, "md", rules=ruleset)
              if not f.category.startswith("missing-")]
    assert claims == [("safe-claim", 3, 14, "a safe way"),
                      ("uv-health-benefit", 3, 28, "get vitamin D")]
    assert [f for f in lint_text(article, "md", rules=ruleset)
            if not f.category.startswith("missing-")] == []


def test_a_quoted_phrase_the_copy_talks_about_is_mentioned_not_claimed(
        ruleset: RuleSet) -> None:
    """On any page, a short quotation the sentence calls a claim, a phrase or a label
    is mentioned; the same words quoted without such talk are claimed."""
    def claims(text: str) -> list[tuple[str, str]]:
        return [(f.rule, f.match) for f in lint_text(text, "txt", rules=ruleset)
                if not f.category.startswith("missing-")]

    assert claims('Shoppers see the word "hypoallergenic" on many jars.') == []
    assert claims('"Clinically proven" is a slogan, not a study.') == []
    assert claims('Our cream is "hypoallergenic" and gentle.') == [
        ("hypoallergenic", "hypoallergenic")]
    # a long quotation is speech, not a phrase: whoever says it, it is claimed
    assert claims('"Our gentle daily cream is hypoallergenic, so even the most reactive '
                  'skin can use it from day one without a patch test," the label says.') != []


def test_a_ruling_reports_every_claim_a_sales_page_makes_them(ruleset: RuleSet) -> None:
    """A regulator's ruling states the ad's claims to rule on them, quoted or not."""
    claim = "The serum erases wrinkles permanently."
    ruling = ("# Ruling on Lumen Skin Ltd\n\nThe complaint was upheld. The ASA investigated "
              "the ad, which said the serum erased wrinkles. " + claim + " The advertiser "
              "breached the CAP Code.\n")
    page = "# Lumen Serum\n\n" + claim + " Buy now.\n"
    def claims(text: str) -> list[tuple[str, int]]:
        return [(f.category, f.line) for f in lint_text(text, "md", rules=ruleset)
                if not f.category.startswith("missing-")]

    assert claims(ruling) == []
    assert claims(page) == [("complete-results", 3)]


def test_a_claim_word_inside_an_address_or_handle_is_a_name(ruleset: RuleSet) -> None:
    """ "painless" in a URL, an e-mail address or an @handle names a site or a
    business; in a hashtag it is read as the claim it makes."""
    for text in ("Visit https://example.com/painless for more.", "Mail me@painless.com today.",
                 "Follow @painless.clinic for tips.", "See www.painless-laser.co.uk now.",
                 "Book at glowclinic.co.uk/painless today."):
        assert fired(text, ruleset, "painless") == [], text
    assert fired("Glow up #painless", ruleset, "painless") == [(1, 10, "painless")]
    assert fired("Painless/quick.", ruleset, "painless") == [(1, 1, "Painless")]


def test_first_person_experience_anywhere_in_the_clause_is_not_a_promise() -> None:
    from glowlint import lint_text

    def claims(text: str) -> list[str]:
        return [f.rule for f in lint_text(text) if not f.category.startswith("missing-")]

    assert "whitening-shades" in claims("It whitened teeth by six shades in a single week.")
    assert claims("It whitened my teeth by six shades in a single week.") == []
    assert claims("It didn't sting my eyes at all when I dived.") == []
    # a general promise inside a review has no first person in its clause
    assert claims("I loved it, and the peel is completely painless.") == ["painless"]
    # a predicate that denies the promise the match names sets it aside
    assert claims("Complete removal of a tattoo is not always possible.") == []
    assert claims("Complete removal of dark spots in three sessions.") == [
        "permanent-result-frame"]


@pytest.mark.parametrize("fmt, page", [
    ("md", "We won't treat you if you:\n\n- have had Botox recently\n"
           "- are pregnant\n"),
    ("html", "<p>We won't treat you if you:</p><ul><li>have had Botox recently"
             "</li><li>are pregnant</li></ul>"),
])
def test_a_list_item_reads_as_its_lead_in_says(fmt: str, page: str) -> None:
    from glowlint import lint_text

    # under "We won't treat you if you:" an item is a contraindication, not promotion
    assert [f.rule for f in lint_text(page, fmt) if f.category.endswith("medicine")] == []
    offer = page.replace("We won't treat you if you:", "This month's offers:")
    assert [(f.rule, f.match) for f in lint_text(offer, fmt)
            if f.category.endswith("medicine")] == [("botox-promotion", "Botox")]


def test_a_list_lead_in_is_found_only_for_a_list_item() -> None:
    from glowlint.list_lead import lead_in

    text = "Not suitable if you:\n\nare pregnant\n\nhave eczema\n\nIt is painless.\n"
    assert lead_in(text, text.index("have eczema")) == (0, len("Not suitable if you:"))
    assert lead_in(text, text.index("painless")) is None  # prose, with its full stop
    assert lead_in("Short line\nno colon above\n", 11) is None
    # a run-on line is no list item, and is not searched to its ends
    assert lead_in("Not suitable if you:\n" + "x " * 500_000, 600_000) is None


def test_an_unquoted_entry_holding_a_colon_is_named_not_a_regex_error(tmp_path: Path) -> None:
    """YAML reads "the majority(?: of)?" as a mapping; the error names the list and line."""

    from glowlint.errors import GlowlintError

    text = (builtin_rules_dir() / "context.yaml").read_text(encoding="utf-8")
    text = text.replace("hedges:\n", "hedges:\n  - the majority(?: of)?\n", 1)
    path = tmp_path / "context.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("hedges:") + 1
    with pytest.raises(GlowlintError) as info:
        ContextModel.load(path)
    assert str(info.value) == (f"{path}:{line}: 'hedges' must list strings "
                               "(quote an entry that holds ': ')")
