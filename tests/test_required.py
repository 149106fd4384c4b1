"""`required` rules (rules/advice.yaml): advice that treatment copy must carry.

One finding per missing advice per document, at the first trigger; a
satisfier counts only when the shared context judgement accepts it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glowlint import lint_text
from glowlint.errors import GlowlintError
from glowlint.model import Finding, Severity
from glowlint.rules import RuleSet, load_rules

MISSING = ("missing-sunscreen", "missing-consultation", "missing-contraindications",
           "missing-side-effects")


def missing(text: str, ruleset: RuleSet, fmt: str = "txt") -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    for f in lint_text(text, fmt, rules=ruleset):
        if f.category.startswith("missing-"):
            assert f.rule not in found, f"two findings for {f.rule}"
            found[f.rule] = f
    return found


def test_trigger_without_advice_exact_finding(ruleset: RuleSet) -> None:
    text = "Smooth skin, fast\n\nOur glycolic peel lifts away dull cells in 30 minutes.\n"
    found = missing(text, ruleset)
    assert set(found) == set(MISSING)
    for f in found.values():
        assert (f.line, f.column, f.end_line, f.end_column) == (3, 5, 3, 18)
        assert f.match == "glycolic peel"
        assert f.severity is Severity.WARNING
        assert f.suggestion  # the advice to add
    assert "sun" in (found["missing-sunscreen"].suggestion or "").lower()


def test_position_in_html_source(ruleset: RuleSet) -> None:
    html = '<h1>Smooth skin</h1>\n<p>Our <b>laser</b> facial evens tone.</p>\n'
    f = missing(html, ruleset, "html")["missing-sunscreen"]
    assert (f.line, f.column, f.end_column, f.match) == (2, 11, 16, "laser")


def test_one_finding_per_document_at_first_trigger(ruleset: RuleSet) -> None:
    text = ("Microdermabrasion polishes the skin.\n"
            "Our chemical peels go deeper.\n"
            "Laser resurfacing goes deeper still.\n")
    found = missing(text, ruleset)
    assert set(found) == set(MISSING)
    assert all((f.line, f.column, f.match) == (1, 1, "Microdermabrasion") for f in found.values())


@pytest.mark.parametrize(("rule", "advice"), [
    ("missing-sunscreen", "Afterwards, wear a broad-spectrum sunscreen of SPF 30 every day."),
    ("missing-sunscreen", "Keep the treated area out of direct sun for two weeks after your peel."),
    ("missing-consultation", "Every course starts with a free consultation."),
    ("missing-consultation", "Talk to a qualified dermatologist before you book."),
    ("missing-consultation", "Our therapist will assess your skin and do a patch test first."),
    ("missing-contraindications", "Not suitable during an active eczema flare-up."),
    ("missing-contraindications", "Not suitable if you are pregnant."),
    ("missing-contraindications", "Ensure that you do not have any active inflammation."),
    ("missing-contraindications", "Avoid if you have cold sores or sunburnt skin."),
    ("missing-side-effects", "Your skin may be pink and a little swollen for a day."),
    ("missing-side-effects", "Side effects include temporary redness and sensitivity."),
    ("missing-side-effects", "A slight tingling is normal."),
])
def test_advice_given_gives_no_finding(ruleset: RuleSet, rule: str, advice: str) -> None:
    text = f"Our glycolic peel lifts away dull cells. {advice}"
    found = missing(text, ruleset)
    assert rule not in found
    assert set(found) == set(MISSING) - {rule}  # the other advice is still missing


@pytest.mark.parametrize(("rule", "denial"), [
    ("missing-side-effects", "It has no side effects."),
    ("missing-side-effects", "There are virtually no side-effects."),
    ("missing-side-effects", "You won't see any redness or swelling."),
    ("missing-consultation", "There is no need for a consultation."),
    ("missing-consultation", "There's no need to see a dermatologist."),
    ("missing-sunscreen", "You do not need sunscreen afterwards."),
])
def test_denial_does_not_satisfy(ruleset: RuleSet, rule: str, denial: str) -> None:
    assert rule in missing(f"Our glycolic peel lifts away dull cells. {denial}", ruleset)


@pytest.mark.parametrize(("rule", "question"), [
    ("missing-side-effects", "Will my skin be red afterwards?"),
    ("missing-sunscreen", "Do I need sunscreen after my peel?"),
    ("missing-consultation", "Do I need a consultation?"),
    ("missing-contraindications", "Is it safe if you are pregnant?"),
])
def test_question_does_not_satisfy(ruleset: RuleSet, rule: str, question: str) -> None:
    assert rule in missing(f"Our glycolic peel lifts away dull cells. {question}", ruleset)


@pytest.mark.parametrize("before", [
    "Avoid sun exposure for two weeks before your peel.",
    "Stay out of the sun beforehand.",
    "Wear SPF every day in the weeks leading up to your treatment.",
])
def test_sun_advice_only_before_treatment_does_not_satisfy(ruleset: RuleSet, before: str) -> None:
    text = f"Our glycolic peel lifts away dull cells. {before}"
    assert "missing-sunscreen" in missing(text, ruleset)


def test_sun_advice_before_and_after_satisfies(ruleset: RuleSet) -> None:
    text = "Our glycolic peel lifts away dull cells. Avoid the sun before and after your peel."
    assert "missing-sunscreen" not in missing(text, ruleset)


def test_performing_professional_is_not_advice_to_consult(ruleset: RuleSet) -> None:
    text = "Microdermabrasion should always be performed by a trained professional."
    assert "missing-consultation" in missing(text, ruleset)


@pytest.mark.parametrize("text", [
    "A rich night cream with shea butter that softens dry skin.",
    "Our vitamin C serum brightens a dull complexion in four weeks.",
    "Exfoliate the day before your spray tan, then arrive with clean skin.",
    "Foundation with SPF 15 for a natural finish.",
])
def test_non_treatment_copy_gets_none(ruleset: RuleSet, text: str) -> None:
    assert missing(text, ruleset) == {}


@pytest.mark.parametrize("text", [
    "Our serum smooths skin without a chemical peel.",
    "No lasers, no needles, no peels: just a cream.",
    "A gentle alternative to chemical peels for everyday use.",
])
def test_negated_or_compared_treatment_is_no_trigger(ruleset: RuleSet, text: str) -> None:
    assert missing(text, ruleset) == {}


def test_question_about_a_treatment_is_a_trigger(ruleset: RuleSet) -> None:
    found = missing("Is microdermabrasion painful?", ruleset)
    assert found["missing-side-effects"].match == "microdermabrasion"


def test_led_needs_advice_but_not_sunscreen(ruleset: RuleSet) -> None:
    found = missing("Our blue LED light therapy calms the look of breakouts.", ruleset)
    assert set(found) == set(MISSING) - {"missing-sunscreen"}


def test_careful_seed_advice_is_recognised(ruleset: RuleSet) -> None:
    # shared/seeds/004 gives consultation, contraindication and side-effect advice, no sun advice
    text = ("Microdermabrasion gently exfoliates the outer layer of the skin. It is essential to "
            "consult with a dermatologist before undergoing microdermabrasion. Microdermabrasion "
            "should not be performed during active eczema flare-ups, as it may further irritate "
            "the skin.")
    assert set(missing(text, ruleset)) == {"missing-sunscreen"}


def test_skip_sentences_names_a_sentence_kind(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: needs-patch-test\n"
        "    kind: required\n"
        "    category: missing-consultation\n"
        "    severity: info\n"
        "    message: No patch test.\n"
        "    basis: test\n"
        "    sources: [{ref: x, fact: y}]\n"
        "    triggers: ['hair dye']\n"
        "    satisfied-by: ['patch test']\n"
        "    skip-sentences: [before-treatment]\n"
        "    examples:\n"
        "      flag: ['Our hair dye is quick.']\n"
        "      pass: ['Our hair dye is quick. Do a patch test 48 hours ahead.']\n",
        encoding="utf-8",
    )
    rules = load_rules([pack], builtin=False)
    [rule] = rules.rules
    assert rule.skip_sentences == ("before-treatment",)  # type: ignore[attr-defined]
    fired = [f.rule for f in lint_text("Our hair dye is quick. Do a patch test.", rules=rules)]
    assert fired == []
    fired = [f.rule for f in lint_text(
        "Our hair dye is quick. Do a patch test before your appointment.", rules=rules)]
    assert fired == ["needs-patch-test"]


def _pack(tmp_path: Path, keys: str, flag: str = "a peel") -> Path:
    """A one-rule `required` pack whose own keys (after ``triggers``) are ``keys``."""
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: advice\n"
        "    kind: required\n"
        "    category: missing-sunscreen\n"
        "    severity: warning\n"
        "    message: m\n"
        "    basis: b\n"
        "    sources: [{ref: x, fact: y}]\n"
        "    triggers: ['peel']\n"
        f"{keys}"
        f"    examples: {{flag: ['{flag}'], pass: ['no']}}\n",
        encoding="utf-8",
    )
    return pack


def test_required_rule_needs_a_satisfier(tmp_path: Path) -> None:
    with pytest.raises(GlowlintError, match="satisfied-by"):
        load_rules([_pack(tmp_path, "")], builtin=False)


def test_advice_states_per_category(ruleset: RuleSet) -> None:
    """What the HTML report's checklist shows, as the lint takes it (`advice=`)."""
    from glowlint.engine import lint_document
    from glowlint.readers import read_text

    def states(text: str) -> dict[str, str]:
        advice: dict[str, str] = {}
        lint_document(read_text(text, "p.txt", "txt"), ruleset, [], advice=advice)
        return advice

    peel = states("Our glycolic peel resurfaces dull skin. Afterwards, wear a "
                  "broad-spectrum sunscreen of SPF 30 or higher every day.")
    assert peel["missing-sunscreen"] == "given"
    assert peel["missing-side-effects"] == "needed"  # a peel, and no word of side effects
    assert set(states("Smoother skin without a chemical peel.").values()) == {"n/a"}
    assert set(states("Our lip balm smells of vanilla.").values()) == {"n/a"}


@pytest.mark.parametrize("advice", [
    "Your practitioner will take a full medical history first.",
    "Every patient has a check-up with one of our dentists first.",
    "One of our dentists will examine your teeth and gums before we book your session.",
    "Visit a studio for a free analysis with one of our consultants.",
])
def test_consultation_described_by_the_check_itself_counts(ruleset: RuleSet, advice: str) -> None:
    text = f"Our chemical peel brightens dull skin. {advice}"
    assert "missing-consultation" not in missing(text, ruleset)
    assert "missing-consultation" in missing("Our chemical peel brightens dull skin.", ruleset)


def test_treatments_named_by_their_technique_need_advice(ruleset: RuleSet) -> None:
    found = missing("FUE transplants in Budapest from £1,190.", ruleset)
    first = found["missing-consultation"]
    assert (first.line, first.column, first.match) == (1, 1, "FUE transplants")
    assert "missing-sunscreen" not in found


_WAXING = (
    "Leg waxing at our studio takes about forty minutes. Your therapist trims long hairs, "
    "cleans the skin and applies warm wax in small sections, then removes it against the "
    "direction of growth. Most clients find the first visit the most uncomfortable and later "
    "visits easier, because the hair grows back finer. Come with hair about the length of a "
    "grain of rice. Gently exfoliate the area two days later to help stop ingrown hairs. "
    "Skip hot baths, saunas and the gym for a day, and wear loose cotton clothes. Redness "
    "and small bumps are common and usually settle within a few hours. If you use retinoid "
    "creams or acne medication, tell us first, as waxing may lift the skin; we will not wax "
    "over broken, sunburnt or irritated skin, moles or varicose veins. Book a consultation "
    "and patch test before your first appointment, and ask us anything about aftercare, "
    "regrowth, prices or our loyalty card at any time before or after your visit to the "
    "studio.\n"
)


def test_a_long_page_naming_a_resurfacing_step_once_needs_no_sun_advice(ruleset: RuleSet) -> None:
    """min-triggers: 2 on missing-sunscreen: one "exfoliate" on a waxing page is not
    copy about exfoliation; the other advice rules still read the page."""
    assert len(_WAXING.split()) >= 150
    assert "missing-sunscreen" not in missing(_WAXING, ruleset)
    twice = _WAXING.replace("two days later", "two days later, and exfoliate weekly")
    found = missing(twice, ruleset)
    assert set(found) == {"missing-sunscreen"}
    assert found["missing-sunscreen"].match == "exfoliate"  # the first trigger
    assert found["missing-sunscreen"].line == 1


def test_short_copy_is_about_what_it_names_once(ruleset: RuleSet) -> None:
    """short-copy: 150: a post that names a peel once needs sun advice."""
    found = missing("Glow season! Book our glycolic peel this week for £45.\n", ruleset)
    assert "missing-sunscreen" in found
    assert found["missing-sunscreen"].match == "glycolic peel"


@pytest.mark.parametrize("value", ["0", "1.5", "two", "-3"])
def test_min_triggers_must_be_a_whole_number(tmp_path: Path, value: str) -> None:
    pack = _pack(tmp_path, f"    satisfied-by: ['sunscreen']\n    min-triggers: {value}\n",
                 flag="a peel and a peel")
    with pytest.raises(GlowlintError, match="min-triggers") as err:
        load_rules([pack], builtin=False)
    assert err.value.line == 11


def test_unless_clause_effect_of_a_condition_is_not_a_side_effect(ruleset: RuleSet) -> None:
    """An effect said of a condition or another method is not this treatment's side
    effect: the advice is still missing, at the first trigger."""
    text = "Our laser flattens keloid scars. Keloids can itch or feel sore.\n"
    found = missing(text, ruleset)
    assert "missing-side-effects" in found
    assert (found["missing-side-effects"].line, found["missing-side-effects"].column) == (1, 5)
    # the same effect said of the treatment discloses it
    assert "missing-side-effects" not in missing(
        "Our laser flattens keloid scars. The area can itch or feel sore for a day.\n", ruleset)
    # a treatment named after the condition is still the subject
    assert "missing-side-effects" not in missing(
        "Our laser peel clears acne marks. Acne treatments can cause dryness.\n", ruleset)


def test_explain_names_unless_clause_as_why_advice_does_not_count() -> None:
    from click.testing import CliRunner

    from glowlint.cli import cli

    result = CliRunner().invoke(cli, ["explain", "-v", "Our laser flattens keloid scars. "
                                      "Shaving can leave bumps and redness."])
    assert result.exit_code == 0
    assert "its clause is about a condition or another method, not this treatment" in \
        " ".join(result.output.split())
