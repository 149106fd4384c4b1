"""check-records and what check gives (issue 21, the gaps): the configuration file,
the not-English notice per record, --fix refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from run_helpers import check_records

PACK = Path(__file__).parent / "data" / "adoption" / "rules.yaml"  # rules that do not evolve
OURS = "adopt-painless, adopt-best, adopt-no-downtime, adopt-guaranteed, adopt-readability"
PEEL = {"sku": "B2", "description": "Our peel is completely painless."}
BEST = {"sku": "B3", "description": "The best option.\nThere is no downtime."}
CAPTION = {"sku": "S1", "description": "Glow season is here: book your glycolic peel this "
           "week! #peel #glow #skincare"}
FRENCH = ("Notre peeling est une solution douce pour votre peau. Il est sans douleur et les "
          "résultats sont visibles dès la première séance. Nous vous recommandons de protéger "
          "votre peau du soleil après le traitement, et de consulter un professionnel avant de "
          "commencer. Les effets secondaires sont rares et très légers dans la plupart des cas.")
ADVICE = ["missing-consultation", "missing-contraindications", "missing-side-effects",
          "missing-sunscreen"]


run = check_records


def jsonl(path: Path, *records: object) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path.name


def found(out: str) -> list[tuple[str, str, str, int]]:
    """(record, rule, severity, column) of each finding of the test pack's rules."""
    return [(f["record_id"], f["rule"], f["severity"], f["column"]) for f in json.loads(out)
            if f["rule"].startswith("adopt-")]


@pytest.fixture()
def here(stable_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a catalogue and the test pack (configuration: ``ours(extra)``).

    At the same path in every test, so its pack is compiled once (conftest.stable_tmp).
    """
    monkeypatch.chdir(stable_tmp)
    (stable_tmp / "rules").mkdir()
    (stable_tmp / "rules" / "ours.yaml").write_bytes(PACK.read_bytes())
    jsonl(stable_tmp / "cat.jsonl", PEEL, BEST)
    return stable_tmp


def ours(extra: str = "", name: str = ".glowlint.yaml") -> None:
    Path(name).write_text(f"extend-rules: [rules/ours.yaml]\nselect: [{OURS}]\n{extra}")


ALL = [("B2", "adopt-painless", "error", 24), ("B3", "adopt-best", "warning", 1),
       ("B3", "adopt-no-downtime", "info", 10)]


# -- 1. configuration ----------------------------------------------------------------


def test_configuration_is_found_from_the_working_folder_upwards(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ours("format: json\nfail-on: error\nignore: [adopt-best]\nseverity:\n"
         "  adopt-painless: warning\n  no-downtime: 'off'\n")
    code, out, err = run("cat.jsonl", "--id-field", "sku")
    # json from the file; adopt-painless re-rated under fail-on error; the others out
    assert (code, found(out), err) == (0, [("B2", "adopt-painless", "warning", 24)], "")
    (here / "exports").mkdir()
    monkeypatch.chdir(here / "exports")
    jsonl(here / "exports" / "cat.jsonl", PEEL)
    code, out, _ = run("cat.jsonl", "--id-field", "sku")
    assert (code, found(out)) == (0, [("B2", "adopt-painless", "warning", 24)])


def test_without_configuration_every_rule_runs(here: Path) -> None:
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json", "--rules",
                       "rules/ours.yaml")
    assert (code, found(out)) == (1, ALL)


def test_isolated_ignores_the_file_and_config_names_one(here: Path) -> None:
    ours("ignore: [adopt-best]\n")
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json")
    assert (code, found(out)) == (1, [ALL[0], ALL[2]])
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json", "--isolated")
    assert (code, found(out)) == (1, [])  # no pack: the built-in rules only
    (here / "other.toml").write_text(
        '[tool.glowlint]\nextend-rules = ["rules/ours.yaml"]\nselect = ["adopt-best"]\n')
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json", "--config",
                       "other.toml")
    assert (code, found(out)) == (1, [ALL[1]])


def test_pyproject_table_and_the_command_line_over_it(here: Path) -> None:
    (here / "pyproject.toml").write_text(
        '[tool.glowlint]\nextend-rules = ["rules/ours.yaml"]\nselect = ["adopt-best"]\n'
        'ignore = ["adopt-no-downtime"]\nfail-on = "error"\n')
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json")
    assert (code, found(out)) == (0, [ALL[1]])
    # --select replaces the file's list; --ignore adds to the file's; --fail-on wins
    code, out, _ = run("cat.jsonl", "--id-field", "sku", "-f", "json", "--fail-on", "info",
                       "--select", "adopt-painless,adopt-no-downtime,adopt-best",
                       "--ignore", "adopt-best")
    assert (code, found(out)) == (1, [ALL[0]])


def test_a_bad_configuration_is_one_line_naming_file_and_line(here: Path) -> None:
    ours("severity:\n  adopt-painles: info\n")
    assert run("cat.jsonl") == (2, "", "glowlint: .glowlint.yaml:3: 'severity': unknown rule "
                                "or category 'adopt-painles' (did you mean 'adopt-painless'?)\n")
    Path(".glowlint.yaml").write_text("profile: mars\n")
    assert run("cat.jsonl") == (2, "", "glowlint: .glowlint.yaml:1: 'profile': 'mars' is not "
                                "one of: us, uk, eu, strict\n")
    assert run("cat.jsonl", "--config", "missing.yaml") == (
        2, "", "glowlint: missing.yaml: configuration file not found\n")


def test_per_file_ignores_apply_to_the_catalogue_path(here: Path) -> None:
    (here / "legacy").mkdir()
    jsonl(here / "legacy" / "old.jsonl", PEEL)
    ours("per-file-ignores:\n  'legacy/**': [pain-free]\n")
    code, out, _ = run("cat.jsonl", "legacy/old.jsonl", "-f", "json", "--select",
                       "adopt-painless")
    assert (code, [(f["path"], f["rule"]) for f in json.loads(out)]) == (
        1, [("cat.jsonl", "adopt-painless")])


def test_keys_that_choose_pages_do_not_apply(here: Path) -> None:
    ours("baseline: missing-baseline.json\ninclude: ['*.md']\nexclude: [cat.jsonl]\n"
         "extensions: {.jsonl: html}\n")
    code, out, err = run("cat.jsonl", "--id-field", "sku", "-f", "json")
    assert (code, found(out), err) == (1, ALL, "")


def test_readability_thresholds_reach_the_rules(here: Path) -> None:
    jsonl(here / "long.jsonl", {"sku": "L1", "description": " ".join(
        ["The serum softens dry skin and"] * 12) + " calms it."})
    ours("readability:\n  max-sentence-words: 20\n")
    code, out, _ = run("long.jsonl", "--id-field", "sku", "-f", "json", "--select",
                       "adopt-readability")
    assert (code, found(out)) == (0, [("L1", "adopt-readability", "info", 1)])
    ours("readability:\n  max-sentence-words: 100\n")
    assert run("long.jsonl", "-f", "json", "--select", "adopt-readability")[:2] == (0, "[]\n")


def test_per_type_ignores_by_the_record_type_and_channel_by_path(here: Path) -> None:
    jsonl(here / "posts.jsonl", CAPTION, {"sku": "P1", "description": "Book your glycolic "
                                                                      "peel this week."})
    Path(".glowlint.yaml").write_text(
        "per-type-ignores:\n  social: [missing-sunscreen, missing-side-effects]\n")
    code, out, _ = run("posts.jsonl", "--id-field", "sku", "-f", "json", "--select",
                       ",".join(ADVICE))
    by_record: dict[str, list[str]] = {}
    for f in json.loads(out):
        by_record.setdefault(f["record_id"], []).append(f["rule"])
    assert code == 1 and by_record == {
        "S1": ["missing-consultation", "missing-contraindications"], "P1": ADVICE}
    Path(".glowlint.yaml").write_text(
        "channel:\n  'posts.jsonl': social\n"
        "per-type-ignores:\n  social: [missing-sunscreen, missing-side-effects]\n")
    out = run("posts.jsonl", "--id-field", "sku", "-f", "json", "--select", ",".join(ADVICE))[1]
    assert sorted({f["rule"] for f in json.loads(out)}) == ADVICE[:2]
    Path(".glowlint.yaml").write_text("channel: socal\n")
    code, _, err = run("posts.jsonl")
    assert code == 2 and err.startswith(
        "glowlint: .glowlint.yaml:1: 'channel': unknown document type 'socal' (one of: ")


def test_require_suppression_reason_leaves_a_reasonless_ignore_unapplied(here: Path) -> None:
    jsonl(here / "cat.jsonl", {**PEEL, "glowlint_ignore": "adopt-painless"},
          {**PEEL, "sku": "B4", "glowlint_ignore": "adopt-painless -- approved 2026-03"})
    ours()
    code, out, err = run("cat.jsonl", "--id-field", "sku", "-f", "json")
    assert (code, found(out)) == (0, [])
    assert err == ("glowlint: warning: cat.jsonl: row 1: glowlint_ignore without a reason "
                   "(write 'rule-id -- why'); applied\n")
    ours("require-suppression-reason: true\n")
    code, out, err = run("cat.jsonl", "--id-field", "sku", "-f", "json")
    assert (code, found(out)) == (1, [ALL[0]])
    assert err == ("glowlint: warning: cat.jsonl: row 1: glowlint_ignore without a reason "
                   "(write 'rule-id -- why'); not applied: the configuration requires a "
                   "reason\n")


def test_jobs_apply_the_same_configuration(here: Path) -> None:
    ours("severity:\n  superlative: error\n")
    one = run("cat.jsonl", "--id-field", "sku", "-f", "jsonl")
    assert one == run("cat.jsonl", "--id-field", "sku", "-f", "jsonl", "--jobs", "2",
                      "--batch-size", "1")
    assert [json.loads(line)["severity"] for line in one[1].splitlines()] == [
        "error", "error", "info"]


# -- 2. not English ------------------------------------------------------------------


def test_a_record_not_in_english_is_told_counted_and_not_linted(here: Path) -> None:
    jsonl(here / "cat.jsonl", PEEL, {"sku": "F1", "description": FRENCH})
    code, out, err = run("cat.jsonl", "--id-field", "sku", "--select", "painless")
    assert code == 1
    assert err == ("glowlint: cat.jsonl:row 2 [sku=F1]: not checked: glowlint's rules are "
                   "English (skipped)\n")
    assert out.endswith("Found 1 problem (1 error) in 1 record (1 record checked). 1 record "
                        "not checked (not English).\n")
    jsonl(here / "cat.jsonl", {"sku": "F1", "description": FRENCH + " Résultats garantis."})
    assert run("cat.jsonl", "--id-field", "sku") == (
        0, "No problems found in the 0 records checked. 1 record not checked (not English).\n",
        "glowlint: cat.jsonl:row 1 [sku=F1]: not checked: glowlint's rules are English "
        "(skipped)\n")


def test_thousands_of_foreign_records_are_told_twenty_times_then_counted(here: Path) -> None:
    jsonl(here / "cat.jsonl", *({"description": FRENCH} for _ in range(2000)), PEEL)
    code, out, err = run("cat.jsonl", "--select", "painless", "--jobs", "2")
    lines = err.splitlines()
    assert code == 1 and len(lines) == 21
    assert lines[19] == ("glowlint: cat.jsonl:row 20: not checked: glowlint's rules are "
                         "English (skipped)")
    assert lines[20] == "glowlint: cat.jsonl: 1980 more records not checked (not English)"
    assert out.endswith("in 1 record (1 record checked). 2000 records not checked "
                        "(not English).\n")


def test_a_record_is_judged_on_all_its_fields_and_short_copy_is_linted(here: Path) -> None:
    # a French title over an English description: English words win, as in a page
    jsonl(here / "cat.jsonl", {"title": "Peeling doux sans douleur", "description":
                               PEEL["description"] + " " + "It is gentle on the skin. " * 8},
          {"title": "Sans douleur", "description": "Sans douleur et sans danger, painless."})
    code, out, err = run("cat.jsonl", "--text-field", "title", "--text-field", "description",
                         "-f", "json", "--select", "painless")
    assert (code, err) == (1, "")
    assert [(f["row"], f["field"], f["match"]) for f in json.loads(out)] == [
        (1, "description", "painless"), (2, "description", "painless")]


# -- 4. --fix refused ----------------------------------------------------------------


@pytest.mark.parametrize("option", ["--fix", "--diff", "--unsafe-fixes"])
def test_fix_is_refused_with_one_line_and_nothing_written(here: Path, option: str) -> None:
    before = sorted(p.name for p in here.iterdir()), (here / "cat.jsonl").read_bytes()
    assert run("cat.jsonl", option) == (
        2, "", f"glowlint: {option} is not available for check-records: a catalogue is not "
        "rewritten; -f json gives each finding's fix (docs/catalogues.md)\n")
    assert (sorted(p.name for p in here.iterdir()), (here / "cat.jsonl").read_bytes()) == before


def test_a_rules_spec_carries_the_settings_to_the_api() -> None:
    from glowlint import lint_records
    from glowlint.records.rules import RulesSpec

    spec = RulesSpec(select=("painless",), severity=(("painless", "info"),))
    assert [(f.rule, str(f.severity), f.start) for f in lint_records([PEEL], rules=spec)] == [
        ("painless", "info", 23)]
    spec = RulesSpec(select=tuple(ADVICE), channel="social",
                     per_type_ignores=(("social", ("missing-sunscreen",)),))
    assert sorted({f.rule for f in lint_records([PEEL], rules=spec)}) == ADVICE[:3]
    assert sorted({f.rule for f in lint_records(
        [PEEL], rules=RulesSpec(select=tuple(ADVICE)))}) == ADVICE


def test_the_command_line_wins_over_the_profile_and_packs_add_up(here: Path) -> None:
    from glowlint.config import load
    from glowlint.records.settings import spec_of

    ours("profile: strict\n")
    cfg = load()
    spec = spec_of(cfg, None, (), None, [], 1.0)
    assert (spec.profile, spec.packs, spec.select) == (
        "strict", ("rules/ours.yaml",), tuple(OURS.split(", ")))
    Path("extra.yaml").write_text("pack: extra\nrules: []\n", encoding="utf-8")
    spec = spec_of(cfg, "eu", ("extra.yaml",), ["adopt-best"], ["adopt-best"], 1.0)
    assert (spec.profile, spec.packs, spec.select, spec.ignore) == (
        "eu", ("rules/ours.yaml", "extra.yaml"), ("adopt-best",), ("adopt-best",))
