"""Frame rules and the lexicon (issue 18): claims read by the classes of their words.

A frame rule names lexicon classes, never phrases; the engine inflects the
words (lemminflect), keeps slots within a clause and a word gap, and judges
each match in its context like any claim. Users extend classes with data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from run_helpers import lint_cost

from glowlint import lint_text
from glowlint.api import default_rules
from glowlint.cli import cli
from glowlint.lexicon_entries import entry_forms, plain

RULES = default_rules()  # shared with lint_text's, loaded once a process

PACK = """\
pack: t
lexicon:
  spell-verb:
    means: Verbs of magic.
    words: [enchant, "=cast a spell on"]
  body-target: [aura]
rules:
  - id: t-magic
    kind: frame
    category: medical-claim
    severity: error
    message: Claims magic on the body.
    basis: test
    sources: [{ref: test, fact: test}]
    frames:
      - {slots: [spell-verb, body-target], gap: 2}
    examples:
      flag: ["It enchants your cells."]
      pass: ["It does not enchant your cells."]
"""


def only(rule_id: str, text: str, fmt: str = "txt") -> list[tuple[int, int, str, str]]:
    """(line, column, match, note) of one built-in rule's findings on ``text``, alone."""
    rules = RULES.with_rules([r for r in RULES.rules if r.id == rule_id])
    return [(f.line, f.column, f.match, f.note) for f in lint_text(text, fmt, rules=rules)]


def test_a_frame_reads_words_the_rules_never_list() -> None:
    assert only("body-function-frame", "Our serum nudges your cells into renewal.") == [
        (1, 11, "nudges your cells",
         "frame: body-action 'nudges' + body-target 'cells' in one clause")]
    # inflection by the morphology library: "lay down" matches "laid down"
    assert [m for _, _, m, _ in only("body-function-frame",
                                     "After each session new elastin is laid down.")] == [
        "elastin is laid down"]
    assert [m for _, _, m, _ in only("harm-denied-frame", "It cannot burn or blister.")] == [
        "cannot burn"]


def test_claims_split_by_emoji_footnotes_capitals_or_hashtags_are_read() -> None:
    assert [m for _, _, m, _ in only("harm-denied-frame", "Scar \U0001f6ab free results.")] == [
        "Scar \U0001f6ab free"]
    assert [m for _, _, m, _ in only("harm-denied-frame", "SCAR-FREE\u00b9 results.")] == [
        "SCAR-FREE"]
    assert [(c, m) for _, c, m, _ in only("no-recovery-frame", "Loved it! #nodowntime")] == [
        (12, "nodowntime")]


def test_each_hashtag_of_a_run_is_a_clause_of_its_own() -> None:
    """The "no" of #nodowntime does not excuse the next hashtag's guarantee."""
    caption = "Love my peel! #painless #nodowntime #guaranteedresults"
    assert [(c, m) for _, c, m, _ in only("certain-outcome-frame", caption)] == [
        (38, "guaranteedresults")]


def test_slots_stay_in_one_clause_and_within_the_gap() -> None:
    assert only("body-function-frame", "It boosts your tired, dull skin's collagen.") == []
    assert only("body-function-frame", "It boosts, in time, collagen.") == []  # a comma
    assert only("harm-denied-frame", "Do not pick at flaking skin.") == []  # gap 1
    assert only("body-function-frame", "It hydrates. Collagen matters.") == []  # two sentences


def test_lists_let_a_slot_be_any_item() -> None:
    found = only("treats-condition-frame", "It treats redness, eczema and acne.")
    assert [m for _, _, m, _ in found] == ["treats redness, eczema"]
    # without lists, a comma ends the clause
    assert only("body-function-frame", "It boosts hydration, collagen and glow.") == []


def test_context_judges_every_frame_match() -> None:
    for text in ("Does it nudge your cells into renewal?",  # asked
                 "Some clinics claim it boosts collagen.",  # distanced
                 "It will not stimulate collagen."):  # negated
        assert only("body-function-frame", text) == [], text
    assert only("certain-outcome-frame", "You will usually see results.") == []  # hedged inside
    assert only("certain-outcome-frame", "You will see results.")[0][2] == "will see results"
    # first-person experience is a review, not a promise
    assert only("permanent-result-frame", "Within a week my lines were gone for good.") == []


def test_unless_classes_set_a_match_aside() -> None:
    assert only("permanent-result-frame",
                "Laser hair removal gives a permanent reduction in hair.") == []
    assert only("unsourced-figures-frame", "7 in 10 testers saw firmer skin.") != []
    assert only("unsourced-figures-frame",
                "In a 2021 study of 40 women, 7 in 10 testers saw firmer skin.") == []
    assert only("harm-denied-frame", "Start your RISK-FREE trial today.") == []


def test_document_classes_decide_whether_a_rule_reads_a_page() -> None:
    assert only("toxin-by-area-frame", "Laser hair removal: 3 areas for £99.") == []
    assert [m for _, _, m, _ in only(
        "toxin-by-area-frame", "Anti-wrinkle injections: 3 areas for £199.")] == ["3 areas"]
    # a page that names the toxin is flagged where it names it (botox-promotion)
    assert only("toxin-indirect-frame", "Wrinkle relaxers, made with Botox.") == []


def test_a_phrase_rule_keeps_the_claim_a_frame_also_finds() -> None:
    # pain-denied-frame finds "do not hurt" too, alone; with every rule, the phrase
    # rule's finding (its message and fix are the more specific) is the one kept
    assert [m for _, _, m, _ in only("pain-denied-frame", "Our lasers do not hurt.")] == [
        "not hurt"]
    findings = lint_text("Our lasers do not hurt.", rules=RULES)
    assert [(f.rule, f.match) for f in findings if f.category == "pain-free"] == [
        ("no-pain", "do not hurt")]


def test_entries_spell_choices_digits_and_exact_words() -> None:
    assert entry_forms("=(in|within) (just)? # (day|days)") == {
        "in # day", "in # days", "in just # day", "in just # days",
        "within # day", "within # days", "within just # day", "within just # days"}
    assert entry_forms("=(#|##)%") == {"#%", "##%"}
    assert entry_forms("=won't") == {"won t"}
    # a space inside a choice breaks words, it is not glued to the next word
    assert entry_forms("=by (the )?morning") == {"by the morning", "by morning"}
    assert {"nudge", "nudges", "nudged", "nudging"} <= entry_forms("nudge")
    assert {"kick start", "kick started"} <= entry_forms("kick-start")
    # the copy is written the same way, character for character
    text = "Won't sting! 92% of 10 testers"
    assert plain(text) == "won t sting  ##% of ## testers" and len(plain(text)) == len(text)


def test_positions_are_exact_through_markup_and_emoji() -> None:
    text = "<p>✨ Our serum <b>nudges</b> your cells&nbsp;into renewal.</p>"
    found = only("body-function-frame", text, "html")
    assert [(line, col, m) for line, col, m, _ in found] == [
        (1, 19, "nudges</b> your cells")]


def test_a_pack_extends_the_lexicon_with_data_only(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("It enchanted my aura. We cast a spell on your collagen.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(pack),
                                      "--select", "t-magic", "--format", "json", str(page)])
    assert result.exit_code == 1, result.output
    assert '"match": "enchanted my aura"' in result.output
    assert '"match": "cast a spell on your collagen"' in result.output
    result = CliRunner().invoke(cli, ["rules", "test", str(pack)])
    assert result.exit_code == 0 and "All 2 examples of 1 rule pass" in result.output


@pytest.mark.parametrize(("change", "message"), [
    ("      - {slots: [spell-verb, no-such-class]}",
     "p.yaml:8: rule t-magic: unknown lexicon class 'no-such-class' (known: "),
    ("      - {slots: [spell-verb, body-target], gap: 40}",
     "p.yaml:15: rule t-magic: a frame's 'gap' is a number of words from 0 to 12"),
])
def test_a_broken_frame_is_one_line_naming_file_and_line(
        tmp_path: Path, change: str, message: str) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.replace("      - {slots: [spell-verb, body-target], gap: 2}", change),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(pack), "-"],
                                input="text")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glowlint: {tmp_path / message}")
    assert result.stderr.count("\n") == 1


def test_a_broken_lexicon_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.replace("    words: [enchant, \"=cast a spell on\"]",
                                 "    words: enchant"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(pack), "-"],
                                input="text")
    assert result.exit_code == 2
    assert result.stderr == (f"glowlint: {tmp_path / 'p.yaml'}:3: lexicon class 'spell-verb': "
                             "'words' must be a list of strings\n")


def test_the_scan_stays_linear_on_a_run_on_sentence() -> None:
    """A sentence of thousands of lexicon words costs in proportion to its length."""
    frames = RULES.with_rules([r for r in RULES.rules if r.kind == "frame"])  # made once

    def cost(n: int) -> float:
        return lint_cost("boost collagen cells, " * n, frames)

    cost(200)
    assert cost(4000) / cost(2000) < 2.6


def test_every_lexicon_class_has_examples_and_they_hold() -> None:
    lexicon = RULES.lexicon
    assert lexicon is not None
    assert [c.name for c in lexicon.classes.values() if not (c.flag and c.passing)] == []
    count, failures = lexicon.example_failures()
    assert count >= 3 * len(lexicon.classes) and failures == []


def test_a_lexicon_example_that_fails_is_reported(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.replace(
        '    words: [enchant, "=cast a spell on"]',
        '    words: [enchant, "=cast a spell on"]\n'
        '    examples: {flag: ["It bewitches you."], pass: ["It enchants."]}'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "test", str(pack)])
    assert result.exit_code == 1
    assert (f"{pack}: lexicon class spell-verb: no word of the class in the flag example "
            "'It bewitches you.'") in result.output
    assert (f"{pack}: lexicon class spell-verb: the pass example 'It enchants.' holds "
            "'enchants'") in result.output


def test_the_fast_way_of_writing_copy_for_the_scan_is_the_plain_one() -> None:
    """Copy is translated as Latin-1 bytes; it must read as the character-by-character
    definition: punctuation and symbols are spaces, digits are "#", letters stay."""
    import random

    from glowlint.lexicon_entries import _NOT_WORD, _PLAIN
    from glowlint.textmap import prefilter_text

    rng = random.Random(3)
    alphabet = [chr(i) for i in range(256)] + ["\u20ac", "\u2014", "\u0130", "\U0001f600",
                                               "\u0142", "\u0436", "\u2079"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        general = _NOT_WORD.sub(" ", prefilter_text(text).translate(_PLAIN))
        fast = plain(text)
        assert len(fast) == len(text), repr(text)
        # the same, except that a letter beyond Latin-1 is read as "x"
        assert [" " if c == " " else "#" if c == "#" else "x" if c.isalnum() else c
                for c in fast] == [" " if c == " " else "#" if c == "#" else
                                   "x" if c.isalnum() else c for c in general], repr(text)


def test_rules_show_says_a_frame_in_words() -> None:
    result = CliRunner().invoke(cli, ["rules", "show", "harm-denied-frame"])
    assert result.exit_code == 0
    assert ("    frames:\n"
            "      - absence + harm, at most 1 word apart\n"
            "      - absence + experience-verb + harm, at most 2 words apart\n"
            "      - harm + free-word, side by side\n"
            "      - harm + never-happens, at most 2 words apart\n"
            "      - harmless\n") in result.output
    assert "A match is set aside when it is negated, asked (a question)" in result.output


def test_a_guarantee_of_results_is_read_but_a_shop_guarantee_is_not() -> None:
    assert [m for _, _, m, _ in only("certain-outcome-frame", "Guaranteed Hair Regrowth.")] == [
        "Guaranteed Hair Regrowth"]
    assert [m for _, _, m, _ in only(
        "certain-outcome-frame", "Visibly firmer skin in 4 weeks, guaranteed.")] == [
        "firmer skin in 4 weeks, guaranteed"]
    for text in ("100-day money back guarantee.", "Lowest price guarantee.",
                 "Satisfaction guarantee on every order."):
        assert [f.rule for f in lint_text(text, rules=RULES)
                if f.category == "guaranteed-results"] == [], text


def test_a_plain_safe_is_a_claim_unless_conditioned_hedged_or_about_who_it_suits() -> None:
    assert [(c, m) for _, c, m, _ in only("safety-frame", "The procedure is safe.")] == [
        (18, "safe")]
    for text in ("It is safe when performed by a trained practitioner.",
                 "A safer alternative to liposuction.",  # a comparison, not a promise
                 "Far safer than surgery.",
                 "Is it safe for me?",
                 "Erbium is also safe to use on most skin types.",
                 "Stay safe in the sun this summer.",
                 "Use the pen safely: read the leaflet.",
                 "Safe for every skin type."):  # universal-suitability's claim
        assert only("safety-frame", text) == [], text


def test_rankings_need_a_scope_and_comparisons_a_rival() -> None:
    assert [m for _, _, m, _ in only(
        "superlative-frame", "The longest-lasting threads on the market.")] == [
        "The longest-lasting threads on the market"]
    assert only("superlative-frame", "Far gentler than any chemical peel.") != []
    for text in ("Skin looks better than before.", "Our longest-lasting serum yet.",
                 "The best results come with a course of six."):
        assert only("superlative-frame", text) == [], text


def test_a_negator_between_the_slots_reverses_the_claim_unless_it_is_a_slot() -> None:
    assert only("permanent-result-frame", "Results are not permanent, so top-ups are needed.") == []
    assert [m for _, _, m, _ in only("permanent-result-frame", "Your results are permanent.")] == [
        "results are permanent"]
    assert [m for _, _, m, _ in only("harm-denied-frame", "It cannot burn or blister.")] != []


def test_an_faq_answer_makes_the_claim_its_question_asks() -> None:
    text = "## Does it hurt?\n\nNot at all! You can relax.\n\nIs it safe? Short answer: yes.\n"
    found = [(f.rule, f.category, f.line, f.column, f.match)
             for f in lint_text(text, "md", rules=RULES) if f.rule.endswith("-answer")]
    assert found == [("pain-denied-answer", "pain-free", 3, 1, "Not at all"),
                     ("safe-affirmed-answer", "absolute-safety", 5, 27, "yes")]


@pytest.mark.parametrize("text", [
    "Does it hurt? Not at all, but most people feel a slight tingling.",  # qualified
    "Does it hurt? Most people feel a mild scratching.",  # no flat answer
    "It does not hurt. No appointment is needed.",  # no question
    "Are there side effects? No, there are no side effects.",  # the answer says it itself
    "Does it hurt?\n\nWe will talk it through.\n\nNo appointment is needed.",  # not the next
])
def test_an_answer_that_qualifies_itself_or_is_not_the_next_sentence_is_no_claim(
        text: str) -> None:
    assert [f.rule for f in lint_text(text, "md", rules=RULES)
            if f.rule.endswith("-answer")] == []


def test_a_bare_answer_whose_next_sentence_states_the_claim_is_reported_there_once() -> None:
    """ "Yes!" alone, then the claim in the words the safety rules read: one finding, on
    those words; a qualifier in the next sentence may be about something else."""
    def found(text: str) -> list[tuple[str, str]]:
        return [(f.rule, f.match) for f in lint_text(text, "md", rules=RULES)
                if f.category in ("absolute-safety", "no-downtime")]

    assert found("Is it safe?\n\nYes! Both treatments are perfectly safe.\n") == [
        ("completely-safe", "perfectly safe")]
    assert found("Is it safe?\n\nYes! You will love the results.\n") == [
        ("safe-affirmed-answer", "Yes")]
    assert found("Is there downtime?\n\nNone. Your skin may turn slightly pink.\n") == [
        ("downtime-denied-answer", "None")]


def test_explain_names_the_question_and_the_answer() -> None:
    result = CliRunner().invoke(cli, ["explain", "Is there any downtime? None at all."])
    assert result.exit_code == 0
    assert ("answer: question with downtime 'downtime', answered answer-no 'None at all'"
            in " ".join(result.output.split()))


def test_a_sentence_scope_frame_reaches_across_clauses_and_a_clause_frame_does_not() -> None:
    text = "It will sting, but if you can bear it, leave it on."
    assert [(f.rule, f.match) for f in lint_text(text, "txt", rules=RULES)
            if f.category == "unsafe-advice"] == [
        ("pain-as-progress-frame", "sting, but if you can bear it")]
    # the same two clauses in two sentences are no claim
    assert [f.rule for f in lint_text("It will sting. If you can bear it, good.", "txt",
                                      rules=RULES) if f.category == "unsafe-advice"] == []


def test_a_word_buried_inside_a_hashtag_is_not_read() -> None:
    found = {f.rule for f in lint_text("Our balm. #nontoxic #cleanbeauty", "txt", rules=RULES)}
    assert not any(r.startswith("toxin") for r in found)  # "tox" inside "nontoxic"
    assert "no-downtime" in {f.category for f in lint_text("Glow up. #nodowntime", "txt",
                                                             rules=RULES)}


def test_a_word_filling_a_slot_does_not_excuse_its_own_match() -> None:
    # "free from" is absence here; that it can also mean a vanish ("free from
    # wrinkles") must not set the match aside as an 'unless' word
    assert [m for _, _, m, _ in only(
        "harm-denied-frame",
        "The results are faster and free from the adverse effects of peels.")] == [
        "free from the adverse effects"]


def test_a_frame_with_types_reads_only_pages_of_those_types() -> None:
    supplement = ("Take two capsules a day, one sachet per serving. "
                  "Biotin strengthens hair and nails.")
    shampoo = "Massage into wet hair and rinse. Biotin strengthens hair and nails."
    assert [m for _, _, m, _ in only("supplement-beauty-frame", supplement)] == [
        "strengthens hair"]
    assert only("supplement-beauty-frame", shampoo) == []
    # the authorised wording for a named nutrient is fine on a supplement's page
    assert only("supplement-beauty-frame", supplement.replace(
        "Biotin strengthens hair and nails",
        "Biotin contributes to the maintenance of normal hair")) == []


def test_a_frame_naming_an_unknown_document_type_is_one_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK.replace("    frames:\n", "    types: [brochure]\n    frames:\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(pack), "-"],
                                input="text")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"glowlint: {tmp_path / 'p.yaml'}:8: rule t-magic: unknown document type 'brochure'")
    assert result.stderr.count("\n") == 1


def test_a_side_effect_promised_gone_in_a_fixed_time_is_a_no_downtime_claim() -> None:
    assert [m for _, _, m, _ in only(
        "healing-time-frame", "The bruising and swelling clear in 2 to 3 days.")] == [
        "bruising and swelling clear in 2 to 3 days"]
    assert only("healing-time-frame", "Redness usually settles within a few hours.") == []
    assert only("healing-time-frame",
                "You may have slight swelling that settles within 48 hours.") == []


def test_unless_clause_sets_aside_what_nature_does_not_what_the_product_does() -> None:
    # the clause's subject is the sun, or a gland: it explains the body
    assert only("body-function-frame", "UV makes skin produce extra melanin.") == []
    assert only("body-function-frame",
                "Why acne happens\nTiny oil glands under the skin produce sebum.") == []
    # the same words as the object of the product's verb: a claim
    assert [m for _, _, m, _ in only(
        "body-function-frame", "The tonic lowers stress and supports serotonin production.")
    ] == ["supports serotonin"]
    # a new clause has its own subject: "UV" does not excuse what the serum does
    assert [m for _, _, m, _ in only(
        "body-function-frame", "UV ages skin, but our serum boosts collagen production.")
    ] == ["boosts collagen"]


def test_explain_says_why_unless_clause_set_a_match_aside() -> None:
    result = CliRunner().invoke(cli, ["explain", "-v", "UV makes skin produce extra melanin."])
    assert result.exit_code == 0
    assert ('1:15 [body-function-frame] "produce extra melanin": tells what nature does, '
            "not the\n        product ('unless-clause')") in result.output
