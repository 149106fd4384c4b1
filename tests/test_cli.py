"""The command line contract (CONTRACT.md): exit statuses, JSON fields, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import __version__
from glowlint.cli import cli

CORE = str(Path(__file__).parent / "data" / "core-rules.yaml")
CONTRACT_FIELDS = {
    "path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
    "message", "match", "suggestion",
}


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "bad.md").write_text("# Peels\n\nOur peel is painless.\n")
    (tmp_path / "pages" / "good.txt").write_text("We are open on Saturdays.\n")
    return tmp_path


def test_findings_exit_1_and_json_contract(site: Path) -> None:
    code, out, err = run("check", "--format", "json", "pages")
    assert code == 1, err
    findings = json.loads(out)
    pain = [f for f in findings if f["category"] == "pain-free"]
    assert len(pain) == 1
    f = pain[0]
    assert CONTRACT_FIELDS <= set(f)
    assert (f["path"], f["line"], f["column"], f["end_line"], f["end_column"]) == (
        "pages/bad.md", 3, 13, 3, 21)
    assert f["match"] == "painless"
    assert f["severity"] in ("error", "warning", "info")
    assert isinstance(f["suggestion"], str) and f["suggestion"]
    assert isinstance(f["basis"], str) and f["basis"]


def test_clean_file_exit_0(site: Path) -> None:
    code, out, _ = run("check", "pages/good.txt")
    assert code == 0
    assert out == "All clear: 1 file checked, no problems found.\n"


def test_exit_zero_and_fail_on(site: Path) -> None:
    assert run("check", "--exit-zero", "pages")[0] == 0
    # The only non-info findings are the claim (error) and missing advice (warning).
    assert run("check", "--fail-on", "error", "pages")[0] == 1


def test_text_output_shows_position_line_and_suggestion(site: Path) -> None:
    code, out, _ = run("check", "--rules", CORE, "--color", "never", "pages/bad.md")
    assert code == 1
    assert "pages/bad.md:3:13: error[test-painless] Promises a procedure causes no pain.\n" in out
    assert "3 | Our peel is painless.\n  |             ^^^^^^^^\n" in out
    assert "  = suggestion: most people feel only mild discomfort\n" in out


def test_color_only_when_asked(site: Path) -> None:
    _, plain, _ = run("check", "pages/bad.md")
    assert "\x1b[" not in plain  # CliRunner is not a terminal
    _, colored, _ = run("check", "--color", "always", "pages/bad.md")
    assert "\x1b[" in colored


def test_no_color_env_wins_over_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint.cli import use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", Tty()) is False


def test_stdin_with_filename_picks_the_format() -> None:
    code, out, _ = run("check", "--format", "json", "--stdin-filename", "page.html", "-",
                       stdin="<p title='painless'>Hello</p>")
    assert code == 1
    (f,) = [f for f in json.loads(out) if f["category"] == "pain-free"]
    assert (f["path"], f["line"], f["column"], f["match"]) == ("page.html", 1, 11, "painless")


def test_missing_path_is_exit_2_with_one_line(site: Path) -> None:
    code, out, err = run("check", "pages/good.txt", "nope.md")
    assert code == 2
    assert err == "glowlint: nope.md: no such file or folder (error)\n"


def test_undecodable_file_is_exit_2_and_others_still_linted(site: Path) -> None:
    (site / "pages" / "latin1.txt").write_bytes(b"Caf\xe9 painless\n")
    code, out, err = run("check", "--format", "json", "pages")
    assert code == 2
    assert err == (
        "glowlint: pages/latin1.txt: not valid UTF-8 at byte 3 (line 1); save the file as "
        "UTF-8 (error)\n"
    )
    assert {f["path"] for f in json.loads(out)} == {"pages/bad.md"}


def test_binary_file_in_folder_is_skipped_with_notice(site: Path) -> None:
    (site / "pages" / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    code, _, err = run("check", "pages")
    assert code == 1
    assert err == "glowlint: pages/image.md: binary file skipped (skipped)\n"


@pytest.mark.parametrize(("pack", "message"), [
    ("rules: [\n  {id: x, kind: claim\n", "invalid YAML"),
    ("rules:\n  - id: bad-key\n    kind: claim\n    colour: red\n", "rule bad-key: unknown key"),
])
def test_bad_rule_pack_is_one_line_exit_2(site: Path, pack: str, message: str) -> None:
    (site / "pack.yaml").write_text(pack)
    code, out, err = run("check", "--rules", "pack.yaml", "pages")
    assert code == 2
    assert out == ""
    assert err.startswith("glowlint: pack.yaml:") and message in err
    assert err.count("\n") == 1


def test_gitignore_is_honoured(site: Path) -> None:
    (site / ".gitignore").write_text("pages/bad.md\n")
    (site / ".git").mkdir()
    assert run("check", ".")[0] == 0


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out == f"glowlint, version {__version__}\n"


def test_rules_lists_every_rule_with_category_and_severity() -> None:
    code, out, _ = run("rules", "list", "--rules", CORE)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("test-painless "))
    assert line.split() == ["test-painless", "claim", "pain-free", "error"]


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Totally painless!\n")
    proc = subprocess.run([sys.executable, "-m", "glowlint", "check", "--format", "json",
                           str(page)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert any(f["match"] == "painless" for f in json.loads(proc.stdout))


# -- issue 19, items 6 and 8: the summary never misleads ----------------------------------


def test_unreadable_input_is_never_all_clear(site: Path) -> None:
    code, out, err = run("check", "--no-cache", "missing.md")
    assert code == 2
    assert out == ("Not checked completely: 1 input could not be read; "
                   "no problems found in the 0 files checked.\n")
    assert err == "glowlint: missing.md: no such file or folder (error)\n"
    code, out, err = run("check", "--no-cache", "missing.md", "nowhere", "pages/good.txt")
    assert code == 2
    assert out == ("Not checked completely: 2 inputs could not be read; "
                   "no problems found in the 1 file checked.\n")
    code, out, _ = run("check", "--no-cache", "--color", "never", "missing.md", "pages/bad.md")
    assert code == 2
    assert "All clear" not in out
    assert " in 1 file (1 checked). 1 input could not be read. [*] 1 fixable" in out


def test_folder_without_lintable_files_says_why(site: Path) -> None:
    (site / "styles").mkdir()
    (site / "styles" / "site.css").write_text("p { color: red }\n")
    code, out, err = run("check", "--no-cache", "styles")
    assert code == 0
    assert out == ("Nothing checked: styles: no files with a linted extension "
                   "(.htm, .html, .markdown, .md, .mdx, .txt).\n")
    assert err == ("glowlint: styles: no files with a linted extension "
                   "(.htm, .html, .markdown, .md, .mdx, .txt) (skipped)\n")


def test_file_excluded_by_configuration_is_a_notice(site: Path) -> None:
    (site / ".glowlint.yaml").write_text("exclude:\n  - pages/bad.md\n")
    code, out, err = run("check", "--no-cache", "pages/bad.md")
    assert code == 0
    assert out == "Nothing checked: pages/bad.md: excluded by .glowlint.yaml:1 key 'exclude'.\n"
    assert err == "glowlint: pages/bad.md: excluded by .glowlint.yaml:1 key 'exclude' (skipped)\n"
    (site / ".glowlint.yaml").write_text("include:\n  - '*.html'\n")
    code, out, err = run("check", "--no-cache", "pages")
    assert out == "Nothing checked: pages: every file excluded by .glowlint.yaml:1 key 'include'.\n"
    # two inputs that give nothing: the notices say why, the summary points at them
    code, out, err = run("check", "--no-cache", "pages", "pages")
    assert out == "Nothing checked: see the notices above.\n"
