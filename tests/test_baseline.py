"""Baselines: old findings stay hidden when lines move; new overclaims still fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

PACK = Path(__file__).parent / "data" / "adoption" / "rules.yaml"
PAGE_V1 = (
    "# Microdermabrasion\n"
    "\n"
    "Our treatment is painless. It is the best option for dull skin.\n"
    "\n"
    "Book today.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings(*args: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    code, out, err = run("check", "--format", "json", *args)
    assert code != 2, err
    return code, [(f["rule"], f["line"], f["column"], f["match"]) for f in json.loads(out)]


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".glowlint.yaml").write_text(
        f"extend-rules: ['{PACK}']\nselect: [adopt-painless, adopt-best]\n")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "micro.md").write_text(PAGE_V1)
    return tmp_path


def test_write_baseline_records_findings_and_exits_0(site: Path) -> None:
    code, out, err = run("check", "--write-baseline", "baseline.json", "pages")
    assert (code, out, err) == (0, "", "glowlint: recorded 2 findings in baseline.json\n")
    data = json.loads((site / "baseline.json").read_text())
    assert data == {
        "version": 1,
        "tool": data["tool"],
        "findings": [
            {"rule": "adopt-best", "path": "pages/micro.md", "match": "the best option",
             "before": "It is", "after": "for dull skin."},
            {"rule": "adopt-painless", "path": "pages/micro.md", "match": "painless",
             "before": "Our treatment is", "after": "."},
        ],
    }
    assert data["tool"].startswith("glowlint ")
    written = sorted(p.name for p in site.iterdir() if p.name != ".glowlint_cache")
    assert written == [".glowlint.yaml", "baseline.json", "pages"]


def test_old_findings_stay_hidden_after_lines_are_inserted_and_new_ones_fail(site: Path) -> None:
    run("check", "--write-baseline", "baseline.json", "pages")
    assert findings("--baseline", "baseline.json", "pages") == (0, [])
    page = site / "pages" / "micro.md"
    page.write_text(
        "---\ntitle: Microdermabrasion\n---\n\n"
        "A new introduction paragraph.\n\n" + PAGE_V1 + "\nAnd the laser is painless too.\n"
    )
    assert findings("--baseline", "baseline.json", "pages") == (
        1, [("adopt-painless", 13, 18, "painless")])
    # without the baseline, everything is back, at the new lines
    assert findings("pages")[1] == [
        ("adopt-painless", 9, 18, "painless"), ("adopt-best", 9, 34, "the best option"),
        ("adopt-painless", 13, 18, "painless"),
    ]


def test_rewording_the_sentence_around_a_claim_resurfaces_it(site: Path) -> None:
    run("check", "--write-baseline", "baseline.json", "pages")
    page = site / "pages" / "micro.md"
    page.write_text(PAGE_V1.replace("Our treatment is painless", "The new peel is painless"))
    # the claim's own sentence changed; the next sentence, and its claim, did not
    assert findings("--baseline", "baseline.json", "pages") == (1, [
        ("adopt-painless", 3, 17, "painless")])
    # a change in another line of the paragraph does not
    page.write_text(PAGE_V1.replace("Book today.", "Book today, or call us."))
    assert findings("--baseline", "baseline.json", "pages") == (0, [])


def test_each_entry_hides_one_finding(site: Path) -> None:
    page = site / "pages" / "micro.md"
    run("check", "--write-baseline", "baseline.json", "pages")
    page.write_text(PAGE_V1 + "\n" + PAGE_V1.split("\n")[2] + "\n")
    assert findings("--baseline", "baseline.json", "pages")[1] == [
        ("adopt-painless", 7, 18, "painless"), ("adopt-best", 7, 34, "the best option"),
    ]


def test_paths_are_relative_to_the_baseline_file(site: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    run("check", "--write-baseline", "baseline.json", "pages")
    monkeypatch.chdir(site / "pages")
    assert findings("--baseline", "../baseline.json", "micro.md") == (0, [])


def test_baseline_from_configuration(site: Path) -> None:
    (site / "ci").mkdir()
    run("check", "--write-baseline", "ci/baseline.json", "pages")
    with (site / ".glowlint.yaml").open("a") as fh:
        fh.write("baseline: ci/baseline.json\n")
    assert findings("pages") == (0, [])
    # --write-baseline ignores the baseline it rewrites
    code, _, err = run("check", "--write-baseline", "ci/baseline.json", "pages")
    assert (code, err) == (0, "glowlint: recorded 2 findings in ci/baseline.json\n")


@pytest.mark.parametrize(("content", "message"), [
    ("{", "base.json:1: not a glowlint baseline: invalid JSON (Expecting property name "
          "enclosed in double quotes)"),
    ('{"version": 7, "findings": []}',
     "base.json: not a glowlint baseline (expected version 1 with a 'findings' list)"),
    ('{"version": 1, "findings": [{"rule": "x"}]}',
     "base.json: baseline entry 1 needs the strings rule, path, match, before, after"),
])
def test_bad_baselines_are_one_line_errors(site: Path, content: str, message: str) -> None:
    (site / "base.json").write_text(content)
    code, out, err = run("check", "--baseline", "base.json", "pages")
    assert (code, out, err) == (2, "", f"glowlint: {message}\n")


def test_missing_baseline(site: Path) -> None:
    code, _, err = run("check", "--baseline", "nope.json", "pages")
    assert (code, err) == (
        2, "glowlint: nope.json: baseline file not found (create it with --write-baseline)\n")


def assert_one_hidden_one_stale() -> None:
    """The page's one baselined finding is still hidden and the other entry is stale."""
    assert run("check", "--baseline", "baseline.json", "pages") == (
        0,
        "All clear: 1 file checked, no new problems found (1 hidden by the baseline).\n",
        "glowlint: 1 baseline entry no longer matches; rewrite with --write-baseline\n",
    )


def test_fixing_another_claim_of_the_sentence_keeps_the_entry(site: Path) -> None:
    page = site / "pages" / "micro.md"
    both = "# Peels\n\nOur painless peel is the best option for dull skin. Book today.\n"
    page.write_text(both)
    run("check", "--write-baseline", "baseline.json", "pages")
    # the other claim's span is masked in the entry: any text may stand there now
    page.write_text(both.replace("painless", "gentle"))
    assert_one_hidden_one_stale()
    page.write_text(both.replace("the best option", "the best choice"))
    assert findings("--baseline", "baseline.json", "pages") == (0, [])
    # the text around the claim, outside the other claim's span, still counts
    page.write_text(both.replace("dull skin", "tired skin"))
    assert findings("--baseline", "baseline.json", "pages") == (1, [
        ("adopt-painless", 3, 5, "painless"), ("adopt-best", 3, 22, "the best option")])


def test_deleting_a_neighbouring_sentence_and_its_claim_keeps_the_entry(site: Path) -> None:
    page = site / "pages" / "micro.md"
    run("check", "--write-baseline", "baseline.json", "pages")
    # "It is the best option for dull skin." goes; the painless sentence stays as it was
    page.write_text(PAGE_V1.replace(" It is the best option for dull skin.", ""))
    assert_one_hidden_one_stale()
    # and a sentence added after it on the same line is not its neighbourhood either
    page.write_text(PAGE_V1.replace("dull skin.", "dull skin. Ask us about it."))
    assert findings("--baseline", "baseline.json", "pages") == (0, [])


def test_stale_entries_are_reported_and_hidden_findings_counted(site: Path) -> None:
    (site / "pages" / "other.md").write_text("Painless. Painless again.\n")
    run("check", "--write-baseline", "baseline.json", "pages")
    (site / "pages" / "other.md").write_text("Comfortable.\n")
    (site / "pages" / "micro.md").write_text(
        PAGE_V1.replace("the best option", "a good option") + "\nThe best option for you.\n")
    code, out, err = run("check", "--baseline", "baseline.json", "pages")
    assert code == 1
    assert out.endswith("Found 1 problem (1 warning) in 1 file (2 checked). "
                        "1 more hidden by the baseline.\n")
    assert err == "glowlint: 3 baseline entries no longer match; rewrite with --write-baseline\n"
    # entries of files that were not checked are not stale
    code, out, err = run("check", "--baseline", "baseline.json", "pages/micro.md")
    assert (code, err) == (
        1, "glowlint: 1 baseline entry no longer matches; rewrite with --write-baseline\n")
