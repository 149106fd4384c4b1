"""Document types (issue 18): the type of a page decides whether advice is needed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glowlint import lint_text
from glowlint.api import default_rules
from glowlint.cli import cli
from glowlint.engine import analyse
from glowlint.readers import read_text

RULES = default_rules()  # shared with lint_text's, loaded once a process


def kind(text: str, fmt: str = "txt") -> str:
    doc = read_text(text, "page", fmt)
    return analyse(doc, RULES).document_type(doc, RULES.lexicon).name


def test_a_page_is_typed_by_its_cue_words() -> None:
    assert kind("Take two capsules a day; each sachet holds 5 g of collagen peptides.") == \
        "supplement"
    assert kind("Book your peel at our clinic: each session takes 30 minutes.") == "treatment"
    assert kind("Glow serum, 30 ml. How to use: apply a few drops. Add to basket.") == "product"
    assert kind("Loving my glow! #skincare #glow #selfcare") == "social"
    assert kind("Hello.") == "page"


def test_a_treatment_page_that_mentions_supplements_is_a_treatment_page() -> None:
    # supplement cues win only when they are at least as many as treatment cues ("over")
    text = ("Book a cryotherapy facial at our studio: each session takes 20 minutes. "
            "Skip the supplements; a course of facials works from the outside.")
    assert kind(text) == "treatment"
    assert kind("Take two capsules daily. Each sachet is one serving. Book a call.") == \
        "supplement"


def test_front_matter_names_the_type(tmp_path: Path) -> None:
    text = "---\ntitle: Peel day\ntype: supplement\n---\nBook your peel at our clinic today.\n"
    assert kind(text, "md") == "supplement"
    assert kind(text.replace("type: supplement", "type: nonsense"), "md") == "treatment"


def test_a_supplement_page_needs_no_treatment_advice() -> None:
    text = ("Our collagen drink: take one sachet a day, per serving 10 g. "
            "Our chemical peel brightens dull skin.")
    advice = [f.rule for f in lint_text(text, rules=RULES) if f.category.startswith("missing-")]
    assert advice == []
    as_page = "Our chemical peel brightens dull skin."
    assert sorted(f.rule for f in lint_text(as_page, rules=RULES)
                  if f.category.startswith("missing-")) == [
        "missing-consultation", "missing-contraindications", "missing-side-effects",
        "missing-sunscreen"]


def test_a_home_remedy_is_typed_diy_and_needs_the_advice_a_product_page_does_not() -> None:
    # Kitchen-ingredient recipes put on the skin read like a product page (toner, bottle)
    # but are a treatment the reader gives herself: the advice rules apply to them.
    text = ("My DIY toner: mix one tablespoon of apple cider vinegar with two tablespoons "
            "of water in a clean bottle. The acid exfoliates and brightens.")
    assert kind(text) == "diy"
    assert kind(text.replace("My DIY toner: mix one tablespoon of apple cider vinegar with "
                             "two tablespoons of water", "Our toner comes")) == "product"
    assert sorted(f.rule for f in lint_text(text, rules=RULES)
                  if f.category.startswith("missing-")) == [
        "missing-consultation", "missing-contraindications", "missing-side-effects",
        "missing-sunscreen"]


def test_a_regulators_ruling_reports_claims_and_needs_no_advice() -> None:
    # A ruling quotes the ad it judges; it sells no treatment, so it owes no advice.
    text = ("Ruling on Glow Rooms Ltd. The complainant challenged whether the ad's claim "
            "that the chemical peel was painless could be substantiated. The ASA upheld the "
            "complaint: the ad breached the CAP Code.")
    assert kind(text) == "ruling"
    assert [f.rule for f in lint_text(text, rules=RULES)
            if f.category.startswith("missing-")] == []


def test_an_unknown_type_in_a_rule_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("""\
rules:
  - id: t-advice
    kind: required
    category: missing-consultation
    severity: warning
    message: Say to consult.
    basis: test
    sources: [{ref: test, fact: test}]
    triggers: ['peel']
    satisfied-by: ['consult']
    types: [treatment, brochure]
    examples: {flag: ["A peel."], pass: ["A peel. Consult us."]}
""", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--rules", str(pack), "-"],
                                input="text")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"glowlint: {pack}:2: rule t-advice: unknown document type 'brochure' (one of: ")


def test_json_output_says_what_each_document_was_taken_to_be(tmp_path: Path) -> None:
    drink = "---\ntype: supplement\n---\nOur collagen drink is painless.\n"
    (tmp_path / "drink.md").write_text(drink, encoding="utf-8")
    (tmp_path / "peel.txt").write_text("Book your painless peel at our clinic today.\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "-f", "json", str(tmp_path)])
    assert result.exit_code == 1
    got = {(Path(f["path"]).name, f["rule"]): f["document_type"]
           for f in json.loads(result.output)}
    assert got[("drink.md", "painless")] == "supplement"
    assert got[("peel.txt", "painless")] == "treatment"
    assert got[("peel.txt", "missing-sunscreen")] == "treatment"


def test_explain_says_advice_is_not_needed_in_a_type_that_does_not_need_it() -> None:
    """A supplement page's peel mention triggers nothing; explain must not call the
    advice missing while the check reports nothing."""
    text = "---\ntype: supplement\n---\nTake two capsules. A peel resurfaces skin.\n"
    result = CliRunner().invoke(cli, ["explain", "-v", "-f", "md", "-"], input=text)
    assert result.exit_code == 0
    assert "    missing-sunscreen: not needed in a supplement document\n" in result.output
    assert "missing (a finding)" not in result.output
    assert "No rule fires" in result.output
