"""The rule authoring tools: `rules test`, `rules show`, `rules list`, `explain`.

Every test runs on the small packs in tests/data/ (the built-in packs evolve):
`isolated` makes them the only packs glowlint knows, so outputs are exact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import authoring, explain, rule_examples, rules
from glowlint.cli import cli
from glowlint.rules import load_rules

DATA = Path(__file__).parent / "data"
GOOD = DATA / "authoring-good.yaml"
BAD = DATA / "authoring-bad.yaml"
SHOWN_GOOD, SHOWN_BAD = authoring.shown_path(GOOD), authoring.shown_path(BAD)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """The good pack stands in for the built-in packs."""
    monkeypatch.setattr(rules, "builtin_packs", lambda: [GOOD])


@pytest.fixture()
def no_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    """No built-in packs: `--rules` packs are all there is (ids cannot clash)."""
    monkeypatch.setattr(rules, "builtin_packs", lambda: [])


# --------------------------------------------------------------------------- rules test


def test_rules_test_passes_on_a_good_pack(no_builtin: None) -> None:
    code, out, err = run("rules", "test", str(GOOD))
    assert (code, err) == (0, "")
    assert out == "All 10 examples of 3 rules pass (1 pack).\n"


def test_rules_test_without_arguments_tests_the_builtin_packs(isolated: None) -> None:
    code, out, _ = run("rules", "test")
    assert code == 0
    # the built-in packs are tested with the built-in lexicon's examples
    lexicon, rules = out.splitlines()
    assert lexicon.startswith("Lexicon: all ") and lexicon.endswith(" examples pass.")
    assert rules == "All 10 examples of 3 rules pass (1 pack)."


def test_rules_test_reports_each_wrong_example(no_builtin: None) -> None:
    code, out, err = run("rules", "test", str(BAD))
    assert (code, err) == (1, "")
    assert out == f"""\
{SHOWN_BAD}:7: rule painless (claim): a flag example did not fire
  line 31: "It is not painless."
  matched "painless", set aside by the context: negated by 'not'

{SHOWN_BAD}:7: rule painless (claim): a pass example fired
  line 33: "Our peel is virtually painless."
  fired on "painless" at 1:23 (softened by 'virtually': still a claim, one level milder)

{SHOWN_BAD}:36: rule complete-removal (claim): a flag example did not fire
  line 54: "It fades scars over time."
  no pattern matched

{SHOWN_BAD}:58: rule sunscreen-advice (required): a flag example did not fire
  line 77:
    | Book a peel today.
    | Always wear sunscreen afterwards.
  triggered by "peel", but the advice is given by "sunscreen"

{SHOWN_BAD}:58: rule sunscreen-advice (required): a pass example fired
  line 81: "Book a peel today. We promise no sunscreen is needed."
  triggered by "peel" at 1:8, and no advice satisfies it
  "sunscreen" does not count: negated by 'no'

5 of 12 examples failed, in 3 of 3 rules (1 pack).
"""


def test_rules_test_tests_only_the_packs_given(isolated: None) -> None:
    # The good pack is "built in" here; testing the bad one alone must not
    # complain that its ids are already defined, nor test the good one.
    code, out, _ = run("rules", "test", str(BAD))
    assert code == 1
    assert out.endswith("5 of 12 examples failed, in 3 of 3 rules (1 pack).\n")


def test_rules_test_notes_ids_that_clash_with_builtin_rules(
    tmp_path: Path, isolated: None
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(GOOD.read_text().replace("id: complete-removal", "id: my-removal"))
    code, out, err = run("rules", "test", str(mine))
    assert (code, out) == (0, "All 10 examples of 3 rules pass (1 pack).\n")
    mine_shown = authoring.shown_path(mine)
    assert err == (
        f"note: {mine_shown}:7: rule id 'painless' is also a built-in rule ({SHOWN_GOOD}); "
        "'glowlint check --rules' will refuse this pack\n"
        f"note: {mine_shown}:57: rule id 'sunscreen-advice' is also a built-in rule "
        f"({SHOWN_GOOD}); "
        "'glowlint check --rules' will refuse this pack\n"
    )
    # Testing a built-in pack by its path is no clash.
    assert run("rules", "test", str(GOOD))[2] == ""


def test_rules_test_on_a_pack_that_does_not_load(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  - id: x\n    kind: claim\n    category: nonsense\n")
    code, out, err = run("rules", "test", str(broken))
    assert (code, out) == (2, "")
    assert err == f"glowlint: {broken}:4: rule x: unknown category 'nonsense' (see taxonomy.yaml)\n"


def test_rules_test_on_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [\n")
    code, _, err = run("rules", "test", str(bad))
    assert code == 2
    assert err.startswith(f"glowlint: {bad}:") and "invalid YAML" in err
    code, _, err = run("rules", "test", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"glowlint: {tmp_path / 'nope.yaml'}: file not found\n")


def test_rules_test_takes_a_folder(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(GOOD.read_text())
    code, out, _ = run("rules", "test", str(tmp_path))
    assert code == 0
    assert out == "All 10 examples of 3 rules pass (1 pack).\n"


def test_run_examples_api() -> None:
    report = rule_examples.run_examples(authoring.load_packs([BAD], builtin=False))
    assert not report.ok
    assert (report.rules, report.examples, len(report.failures)) == (3, 12, 5)
    first = report.failures[0]
    assert (first.rule.id, first.should_flag, first.text) == (
        "painless", True, "It is not painless.")


def test_rules_test_tests_rules_whatever_the_profile(tmp_path: Path) -> None:
    # A rule that is off in the default profile is still tested.
    pack = tmp_path / "off.yaml"
    pack.write_text(GOOD.read_text().replace("      us: warning", "      uk: 'off'"))
    assert load_rules([pack], builtin=False).by_id().get("painless") is None
    code, out, _ = run("rules", "test", str(pack))
    assert (code, out) == (0, "All 10 examples of 3 rules pass (1 pack).\n")


# --------------------------------------------------------------------------- rules show


def test_rules_show_a_known_rule(isolated: None) -> None:
    code, out, err = run("rules", "show", "painless")
    assert (code, err) == (0, "")
    assert out == f"""\
painless: Painless claim
========================

kind      claim
category  pain-free
          The copy promises that a procedure causes no pain or discomfort at all.
pack      {SHOWN_GOOD}:7

Message
    Promising no pain at all is a claim most clients will not experience.

Matches
    phrases:
      - painless
      - pain-free
      - (does not|doesn't) hurt

Context
    A match is set aside when it is negated, asked (a question), hedged or distanced
    (reported or hypothetical). A softener ("virtually") keeps the finding, one severity
    level milder.

Severity by profile
    us      warning
    uk      error  (default profile)
    eu      error
    strict  error

Why
    - seed 001
      Another seed says clients feel a scratching sensation.
    - CAP Code 3.7
      Marketers must hold evidence for objective claims.
    basis: CAP Code 3.1, 3.7

Examples
    flagged:
      "Our peel is completely painless."
      "A pain-free treatment."
    not flagged:
      "It is not painless."
      "Is microdermabrasion painless?"

Suggestion
    Say what clients usually feel, for example "most people feel mild tingling".

Fix
    - any match: 'comfortable' (unsafe)
    applied to the flagged examples:
      'Our peel is completely painless.'
        -> 'Our peel is comfortable.'
      'A pain-free treatment.'
        -> 'A comfortable treatment.'
    (unsafe: applied with --fix --unsafe-fixes; a case marked unsafe needs --unsafe-fixes)
"""


def test_rules_show_a_required_rule_with_terms(isolated: None) -> None:
    code, out, _ = run("rules", "show", "sunscreen-advice")
    assert code == 0
    assert "    triggers:\n      - {treatment}\n" in out
    assert "    terms:\n      {treatment} = (peel|microderm…|laser)\n" in out
    assert "    flagged (each a whole document):\n" in out
    assert "Advice to add\n    Add \"Wear a broad-spectrum SPF 30 sunscreen" in out
    assert "\nFix\n" not in out


def test_rules_show_an_unknown_rule(isolated: None) -> None:
    code, out, err = run("rules", "show", "painles")
    assert (code, out) == (2, "")
    assert err == "glowlint: unknown rule 'painles' (did you mean painless?)\n"
    code, _, err = run("rules", "show", "zzz")
    assert (code, err) == (2, "glowlint: unknown rule 'zzz' (see 'glowlint rules list')\n")


def test_rules_show_finds_rules_of_extra_packs(tmp_path: Path, no_builtin: None) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(GOOD.read_text().replace("id: painless", "id: my-painless"))
    code, out, _ = run("rules", "show", "my-painless", "--rules", str(pack))
    assert code == 0
    assert out.startswith("my-painless: Painless claim\n")


def test_closest_ids() -> None:
    ids = ["painless", "pain-free", "no-downtime"]
    assert authoring.closest_ids("painles", ids) == ["painless", "pain-free"]
    assert authoring.closest_ids("downtime", ids) == ["no-downtime"]


# --------------------------------------------------------------------------- rules list


def test_rules_list_text_and_json(isolated: None) -> None:
    code, out, _ = run("rules", "list")
    assert code == 0
    assert out == (
        "painless          claim     pain-free          error\n"
        "complete-removal  claim     complete-results   warning\n"
        "sunscreen-advice  required  missing-sunscreen  warning\n"
    )
    code, out, _ = run("rules", "list", "--profile", "us", "--category", "pain-free",
                       "--format", "json")
    assert code == 0
    (record,) = json.loads(out)
    assert (record["id"], record["severity"], record["basis"]) == (
        "painless", "warning", "CAP Code 3.1, 3.7")
    code, _, err = run("rules", "list", "--category", "pain")
    assert (code, err) == (2, "glowlint: unknown category 'pain' (did you mean pain-free?)\n")


# --------------------------------------------------------------------------- explain


SENTENCE = "It is not painless, and our facial is painless."


def test_explain_shows_the_rules_that_fire(isolated: None) -> None:
    code, out, err = run("explain", SENTENCE)
    assert (code, err) == (0, "")
    assert out == """\
error[painless] at 1:39: Promising no pain at all is a claim most clients will not experience.
  |
1 | It is not painless, and our facial is painless.
  |                                       ^^^^^^^^
  = suggestion: Say what clients usually feel, for example "most people feel mild
    tingling".

1 finding (1 error) from 1 rule (profile uk). Use --verbose to see the matches the context \
set aside.
"""


def test_explain_verbose_shows_why_a_match_was_set_aside(isolated: None) -> None:
    code, out, _ = run("explain", "--verbose", SENTENCE)
    assert code == 0
    assert out.endswith("""\
Set aside by the context:
    1:11 [painless] "painless": negated by 'not'

Required advice:
    not triggered: sunscreen-advice

1 finding (1 error) from 1 rule (profile uk); 1 match set aside.
""")


def test_explain_verbose_questions_hedges_and_required_rules(isolated: None) -> None:
    text = "Is the peel painless? It removes scars completely. No sunscreen is needed."
    code, out, _ = run("explain", "-v", text)
    assert code == 0
    assert '1:13 [painless] "painless": asked, not claimed (a question)' in out
    assert ("sunscreen-advice: missing (a finding); triggered by \"peel\" at 1:8\n"
            "        \"sunscreen\" at 1:55 does not count: negated by 'No'\n") in out
    assert "warning[complete-removal] at 1:26:" in out


def test_explain_required_rule_satisfied(isolated: None) -> None:
    code, out, _ = run("explain", "-v", "Book a peel. Wear SPF 30 afterwards.")
    assert code == 0
    assert ('    sunscreen-advice: satisfied by "SPF" at 1:19; triggered by "peel" at 1:8\n'
            in out)
    assert out.endswith("No rule fires (profile uk); 0 matches set aside.\n")


def test_explain_nothing_fires(isolated: None) -> None:
    code, out, _ = run("explain", "Our facials are relaxing.")
    assert code == 0
    assert out == ("No rule fires (profile uk). Use --verbose to see the matches the context "
                   "set aside.\n")


def test_explain_profile_changes_severity(isolated: None) -> None:
    code, out, _ = run("explain", "--profile", "us", "Our facial is painless.")
    assert code == 0
    assert out.startswith("warning[painless] at 1:15:")


def test_explain_reads_standard_input_in_a_format(isolated: None) -> None:
    code, out, _ = run("explain", "--format", "md", "-",
                       stdin="# Facials\n\nOur *facial* is **painless**.\n")
    assert code == 0
    assert out.startswith("error[painless] at 3:19:")
    assert "3 | Our *facial* is **painless**.\n  |                   ^^^^^^^^\n" in out


def test_explain_with_an_extra_pack(tmp_path: Path, no_builtin: None) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(GOOD.read_text().replace("id: painless", "id: my-painless"))
    code, out, _ = run("explain", "--rules", str(pack), "Our facial is painless.")
    assert code == 0
    assert out.startswith("error[my-painless] at 1:15:")


def test_explain_api() -> None:
    ruleset = load_rules([GOOD], builtin=False)
    out = explain.explain("Is it painless?", ruleset, verbose=True)
    assert '1:7 [painless] "painless": asked, not claimed (a question)' in out
    assert out.endswith("No rule fires (profile uk); 1 match set aside.\n")


# --------------------------------------------------------------------------- the guide


def test_the_example_pack_of_the_guide_passes(tmp_path: Path) -> None:
    guide = (Path(__file__).parent.parent / "docs" / "writing-rules.md").read_text()
    block = guide.split("## A pack\n\n```yaml\n", 1)[1].split("```", 1)[0]
    pack = tmp_path / "guide.yaml"
    pack.write_text(block)
    code, out, _ = run("rules", "test", str(pack))
    assert (code, out) == (0, "All 4 examples of 1 rule pass (1 pack).\n")


def test_metric_rules_without_examples_are_listed(tmp_path: Path, no_builtin: None) -> None:
    pack = tmp_path / "metric.yaml"
    pack.write_text("""\
rules:
  - id: long-sentences
    kind: metric
    category: readability
    severity: info
    message: Hard to read.
    basis: Plain English Campaign
    sources: [{ref: Plain English Campaign, fact: Keep sentences to 15-20 words.}]
    max-sentence-words: 5
""")
    code, out, _ = run("rules", "test", str(pack))
    assert (code, out) == (0, "No examples to run (1 rule, 1 pack).\n"
                              "Rules without examples: long-sentences\n")
    code, out, _ = run("explain", "--rules", str(pack), "One two three four five six seven.")
    assert code == 0
    assert "info[long-sentences] at 1:1: This sentence has 7 words" in out


def test_the_guide_documents_every_key() -> None:
    from glowlint.kinds import KINDS
    from glowlint.rules import COMMON_KEYS, PACK_KEYS, builtin_rules_dir
    from glowlint.yamlio import load_yaml

    guide = (Path(__file__).parent.parent / "docs" / "writing-rules.md").read_text()
    context = load_yaml(builtin_rules_dir() / "context.yaml")
    keys = set(COMMON_KEYS) | set(PACK_KEYS) | set(context) | set(context["sentence-kinds"])
    for cls in KINDS.values():
        keys |= cls.KIND_KEYS
    assert sorted(k for k in keys if f"`{k}`" not in guide) == []
