"""Configuration: discovery, every key, CLI overrides, and one-line errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import config, starter
from glowlint.cli import cli

PACK = Path(__file__).parent / "data" / "adoption" / "rules.yaml"
OURS = "adopt-painless, adopt-best, adopt-no-downtime, adopt-guaranteed, adopt-readability"
PAGE = "It is painless. It is the best option. There is no downtime. Guaranteed results.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def found(*args: str) -> tuple[int, list[tuple[str, str, int, str]]]:
    """Exit status and (path, rule, column, severity) of `check --format json`.

    Only the test pack's rules and the suppression rules: a test that selects a
    category also runs the built-in rules of that category, which evolve.
    """
    code, out, err = run("check", "--format", "json", *args)
    assert code != 2, err
    return code, [(f["path"], f["rule"], f["column"], f["severity"]) for f in json.loads(out)
                  if f["rule"].startswith("adopt-") or f["category"] == "suppression"]


@pytest.fixture()
def site(stable_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose configuration runs only the test pack (the built-in packs evolve).

    At the same path in every test, so its pack is compiled once (conftest.stable_tmp).
    """
    monkeypatch.chdir(stable_tmp)
    (stable_tmp / "rules").mkdir()
    (stable_tmp / "rules" / "ours.yaml").write_bytes(PACK.read_bytes())
    (stable_tmp / "page.txt").write_text(PAGE)
    write(stable_tmp, "")
    return stable_tmp


def write(site: Path, extra: str, name: str = ".glowlint.yaml") -> None:
    (site / name).write_text(f"extend-rules: [rules/ours.yaml]\nselect: [{OURS}]\n{extra}")


ALL_FOUR = [
    ("page.txt", "adopt-painless", 7, "error"),
    ("page.txt", "adopt-best", 23, "warning"),
    ("page.txt", "adopt-no-downtime", 49, "info"),
    ("page.txt", "adopt-guaranteed", 62, "error"),
]


# -- discovery ------------------------------------------------------------------


def test_found_from_a_subfolder_with_paths_relative_to_the_file(site: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    (site / "blog").mkdir()
    monkeypatch.chdir(site / "blog")
    code, findings = found("../page.txt")
    assert code == 1
    assert findings == [("../page.txt",) + f[1:] for f in ALL_FOUR]


def test_yaml_wins_over_pyproject_in_the_same_folder(site: Path) -> None:
    (site / "pyproject.toml").write_text("[tool.glowlint]\nselect = ['adopt-best']\n")
    assert config.find(site) == Path(".glowlint.yaml")
    (site / ".glowlint.yaml").unlink()
    assert config.find(site) == Path("pyproject.toml")
    (site / "pyproject.toml").write_text(
        "[tool.glowlint]\nextend-rules = ['rules/ours.yaml']\nselect = ['adopt-best']\n"
        "fail-on = 'error'\n"
    )
    assert found("page.txt") == (0, [("page.txt", "adopt-best", 23, "warning")])


def test_pyproject_without_a_table_is_passed_over(site: Path) -> None:
    inner = site / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert config.find(inner) == Path(".glowlint.yaml")


def test_isolated_and_explicit_config(site: Path) -> None:
    (site / "other.yaml").write_text(
        "extend-rules: [rules/ours.yaml]\nselect: [adopt-best]\n")
    assert found("--config", "other.yaml", "page.txt")[1] == [
        ("page.txt", "adopt-best", 23, "warning")]
    cfg = config.load(isolated=True)
    assert cfg.path is None and cfg.select is None


# -- every key ----------------------------------------------------------------------


def test_select_ignore_and_specificity(site: Path) -> None:
    write(site, "ignore: [superlative, adopt-guaranteed]\n")
    # adopt-best is selected by id, which beats ignoring its category
    assert found("page.txt")[1] == ALL_FOUR[:3]
    # a rule id is more specific than a category
    (site / ".glowlint.yaml").write_text(
        "extend-rules: [rules/ours.yaml]\nselect: [pain-free, superlative, no-downtime]\n"
        "ignore: [adopt-best, no-downtime]\n")
    assert found("page.txt")[1] == [ALL_FOUR[0]]
    (site / ".glowlint.yaml").write_text(
        "extend-rules: [rules/ours.yaml]\nselect: [pain-free, adopt-best]\n"
        "ignore: [adopt-painless]\n")
    assert found("page.txt")[1] == [ALL_FOUR[1]]


def test_cli_select_replaces_and_ignore_adds(site: Path) -> None:
    write(site, "ignore: [adopt-guaranteed]\n")
    assert found("--select", "adopt-best,adopt-guaranteed", "page.txt")[1] == [ALL_FOUR[1]]
    assert found("--select", "adopt-best", "--select", "no-downtime", "page.txt")[1] == [
        ALL_FOUR[1], ALL_FOUR[2]]
    assert found("--ignore", "adopt-painless", "page.txt")[1] == [ALL_FOUR[1], ALL_FOUR[2]]


def test_severity_overrides_rule_over_category(site: Path) -> None:
    write(site, "severity:\n  superlative: error\n  no-downtime: 'off'\n  adopt-painless: info\n")
    assert found("page.txt")[1] == [
        ("page.txt", "adopt-painless", 7, "info"),
        ("page.txt", "adopt-best", 23, "error"),
        ("page.txt", "adopt-guaranteed", 62, "error"),
    ]


def test_severity_off_unquoted(site: Path) -> None:
    """YAML 1.1 reads a bare `off` as false: issue 20, item 16."""
    write(site, "severity:\n  superlative: error\n  no-downtime: off\n  adopt-painless: info\n")
    assert found("page.txt")[1] == [
        ("page.txt", "adopt-painless", 7, "info"),
        ("page.txt", "adopt-best", 23, "error"),
        ("page.txt", "adopt-guaranteed", 62, "error"),
    ]


def test_profile_from_config_and_the_cli_overrides_it(site: Path) -> None:
    write(site, "profile: us\n")
    assert [f[1] for f in found("page.txt")[1]] == [
        "adopt-painless", "adopt-best", "adopt-no-downtime"]
    assert found("--profile", "uk", "page.txt")[1] == ALL_FOUR


def test_fail_on_and_exit_zero(site: Path) -> None:
    (site / "mild.txt").write_text("There is no downtime.\n")
    assert found("mild.txt")[0] == 0  # info, below the default warning
    write(site, "fail-on: info\n")
    assert found("mild.txt")[0] == 1
    assert found("--fail-on", "error", "mild.txt")[0] == 0
    assert found("--exit-zero", "mild.txt")[0] == 0


def test_per_file_ignores(site: Path) -> None:
    (site / "blog").mkdir()
    (site / "blog" / "old.txt").write_text(PAGE)
    write(site, "per-file-ignores:\n  'blog/**': [superlative, adopt-painless]\n")
    code, findings = found(".")
    assert [(p, r) for p, r, _, _ in findings] == [
        ("blog/old.txt", "adopt-no-downtime"), ("blog/old.txt", "adopt-guaranteed"),
        ("page.txt", "adopt-painless"), ("page.txt", "adopt-best"),
        ("page.txt", "adopt-no-downtime"), ("page.txt", "adopt-guaranteed"),
    ]


def test_include_exclude_and_extensions(site: Path) -> None:
    for name in ("drafts/a.md", "content/b.md", "content/c.njk", "content/d.txt"):
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_text("It is painless.\n")
    write(site, "include: ['content/']\nexclude: ['*.txt']\nextensions: {njk: html}\n")
    assert sorted({p for p, *_ in found(".")[1]}) == ["content/b.md", "content/c.njk"]
    # a file named on the command line is linted unless excluded (as pre-commit names files)
    assert {p for p, *_ in found("drafts/a.md", "content/d.txt")[1]} == {"drafts/a.md"}


def test_readability_thresholds(site: Path) -> None:
    (site / "long.txt").write_text("One two three four five six seven eight.\n")
    assert found("long.txt")[1] == []
    write(site, "readability:\n  max-sentence-words: 5\n")
    assert found("long.txt")[1] == [("long.txt", "adopt-readability", 1, "info")]


def test_require_suppression_reason(site: Path) -> None:
    (site / "s.md").write_text("<!-- glowlint-disable-next-line adopt-painless -->\n"
                               "It is painless.\n")
    write(site, "require-suppression-reason: true\n")
    assert found("--select", "adopt-painless,suppression", "s.md")[1] == [
        ("s.md", "suppression-missing-reason", 1, "warning")]


def test_format_from_config(site: Path) -> None:
    write(site, "format: github\n")
    code, out, _ = run("check", "page.txt", "--select", "adopt-best")
    assert code == 1
    assert out.startswith("::warning file=page.txt,line=1,col=23,")


# -- mistakes: one line naming the file and key, exit 2 -------------------------------


MISTAKES = [
    ("selct: [adopt-best]\n",
     ".glowlint.yaml:3: 'selct': unknown key (did you mean 'select'?); known keys: "),
    ("ignore: 3\n", ".glowlint.yaml:3: 'ignore': must be a list of strings"),
    ("severity: [error]\n", ".glowlint.yaml:3: 'severity': must be a mapping"),
    ("severity: {adopt-best: loud}\n",
     ".glowlint.yaml:3: 'severity': adopt-best: 'loud' is not one of: error, warning, info, off"),
    ("profile: mars\n", ".glowlint.yaml:3: 'profile': 'mars' is not one of: us, uk, eu, strict"),
    ("fail-on: never\n",
     ".glowlint.yaml:3: 'fail-on': 'never' is not one of: error, warning, info"),
    ("extensions: {.njk: jinja}\n",
     ".glowlint.yaml:3: 'extensions': .njk: 'jinja' is not one of: md, html, txt"),
    ("readability: {max-grade: high}\n",
     ".glowlint.yaml:3: 'readability': max-grade must be a number of at least 0"),
    ("readability: {grade: 3}\n",
     ".glowlint.yaml:3: 'readability': unknown threshold 'grade' (one of: max-grade, "
     "max-sentence-words, min-words)"),
    ("require-suppression-reason: yes please\n",
     ".glowlint.yaml:3: 'require-suppression-reason': must be true or false"),
    ("format: pdf\n", ".glowlint.yaml:3: 'format': 'pdf' is not one of: "),
    ("ignore: [adopt-bets]\n",
     ".glowlint.yaml:3: 'ignore': unknown rule or category 'adopt-bets' (did you mean "
     "'adopt-best'?)"),
    ("severity: {superlatives: info}\n",
     ".glowlint.yaml:3: 'severity': unknown rule or category 'superlatives' (did you mean "
     "'superlative'?)"),
    ("per-file-ignores: {'blog/*': [nothing-like-it]}\n",
     ".glowlint.yaml:3: 'per-file-ignores': unknown rule or category 'nothing-like-it'"),
    ("extend-rules: [rules/missing.yaml]\n",
     ".glowlint.yaml:3: 'extend-rules': rule pack rules/missing.yaml not found"),
    ("baseline: base.json\n",
     "base.json: baseline file not found (create it with --write-baseline)"),
    ("select: [adopt-best\n", ".glowlint.yaml:4: invalid YAML: "),
]


@pytest.mark.parametrize(("extra", "message"), MISTAKES, ids=[m[0].split(":")[0] for m in
                                                               MISTAKES])
def test_mistakes_are_one_line_errors(site: Path, extra: str, message: str) -> None:
    if extra.startswith(("extend-rules", "select")):
        (site / ".glowlint.yaml").write_text(f"# a comment\nfail-on: error\n{extra}")
    else:
        write(site, extra)
    code, out, err = run("check", "page.txt")
    assert (code, out) == (2, "")
    assert err.startswith("glowlint: " + message), err
    assert err.count("\n") == 1


def test_pyproject_mistake_names_the_table_key(site: Path) -> None:
    (site / ".glowlint.yaml").unlink()
    (site / "pyproject.toml").write_text("[tool.glowlint]\nprofile = 'uk'\nslect = ['x']\n")
    code, _, err = run("check", "page.txt")
    assert code == 2
    assert err.startswith("glowlint: pyproject.toml: 'tool.glowlint.slect': unknown key (did "
                          "you mean 'select'?)")
    (site / "pyproject.toml").write_text("[tool.glowlint\n")
    code, _, err = run("check", "page.txt")
    assert code == 2 and err.startswith("glowlint: pyproject.toml: invalid TOML: "), err


def test_cli_mistakes(site: Path) -> None:
    code, _, err = run("check", "--select", "adopt-bset", "page.txt")
    assert (code, err) == (2, "glowlint: --select: unknown rule or category 'adopt-bset' "
                              "(did you mean 'adopt-best'?)\n")
    code, _, err = run("check", "--config", "nowhere.yaml", "page.txt")
    assert (code, err) == (2, "glowlint: nowhere.yaml: configuration file not found\n")


def test_a_rule_off_in_the_profile_is_still_a_known_id(site: Path) -> None:
    write(site, "profile: us\nseverity: {adopt-guaranteed: warning}\n")
    assert found("page.txt")[0] == 1


# -- init ---------------------------------------------------------------------------


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("init")
    assert code == 0, err
    text = (tmp_path / ".glowlint.yaml").read_text()
    assert text == starter.STARTER
    cfg = config.load()
    assert (cfg.profile, cfg.fail_on, cfg.select, cfg.require_suppression_reason) == (
        "uk", "warning", None, False)
    (tmp_path / ".glowlint.yaml").write_text("profile: us\n")
    code, _, err = run("init")
    assert (code, err) == (2, "glowlint: .glowlint.yaml: already exists; not overwritten\n")
    assert (tmp_path / ".glowlint.yaml").read_text() == "profile: us\n"
