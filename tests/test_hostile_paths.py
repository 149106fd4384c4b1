"""Issue 20, item 6: a walk never reads, and --fix never writes, a file whose real
location is outside the paths named on the command line (unless --follow-symlinks)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

SECRET = "root:x:0:0:zorblax-secret\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo/ as the working folder, beside a file outside it and a 'system' file."""
    (tmp_path / "outside.txt").write_text("Painless.\n")
    (tmp_path / "passwd").write_text(SECRET)
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink("../outside.txt", repo / "page.txt")
    os.symlink(tmp_path / "passwd", repo / "passwd.md")
    (repo / "inside.md").write_text("Painless.\n")
    os.symlink("inside.md", repo / "alias.md")  # a link inside the tree is read
    monkeypatch.chdir(repo)
    return repo


def test_a_walk_does_not_read_a_link_to_outside(repo: Path) -> None:
    status, _, err = run("-f", "html", "-o", "r.html", ".")
    assert status == 1  # inside.md and alias.md are linted
    assert "zorblax-secret" not in (repo / "r.html").read_text()
    assert err.splitlines()[:2] == [
        "glowlint: page.txt: link to outside the folders checked skipped "
        "(--follow-symlinks reads it) (skipped)",
        "glowlint: passwd.md: link to outside the folders checked skipped "
        "(--follow-symlinks reads it) (skipped)",
    ]
    assert "alias.md" in run("-f", "json", ".")[1]


def test_fix_over_a_walk_never_writes_outside(repo: Path) -> None:
    run("--fix", ".")
    assert (repo.parent / "outside.txt").read_text() == "Painless.\n"
    assert (repo / "inside.md").read_text() == "Usually only mildly uncomfortable.\n"


def test_a_named_link_is_read_but_not_fixed_through(repo: Path) -> None:
    status, out, err = run("--fix", "page.txt")
    assert status == 1  # read and reported, its finding kept
    assert "page.txt:1:1: error[painless]" in out
    assert err == ("glowlint: page.txt: a link to a file outside the folders checked: "
                   "fixes not written (skipped)\n")
    assert (repo.parent / "outside.txt").read_text() == "Painless.\n"
    assert os.path.islink("page.txt")


def test_naming_the_outer_folder_makes_it_a_root(repo: Path) -> None:
    os.chdir(repo.parent)
    assert run("--fix", ".")[0] == 0
    assert (repo.parent / "outside.txt").read_text() == "Usually only mildly uncomfortable.\n"


def test_follow_symlinks_opts_in(repo: Path) -> None:
    status, out, err = run("--follow-symlinks", "-f", "json", ".")
    assert '"path": "page.txt"' in out and err == ""
    run("--follow-symlinks", "--fix", ".")
    assert (repo.parent / "outside.txt").read_text() == "Usually only mildly uncomfortable.\n"


def test_api_walk_skips_links_to_outside(repo: Path) -> None:
    from glowlint import lint_paths

    result = lint_paths(["."])
    assert sorted(result.files) == ["alias.md", "inside.md"]
    assert {n.path for n in result.notices} == {"page.txt", "passwd.md"}
    assert not any(n.error for n in result.notices)


# -- item 10: a file name that is not UTF-8, in every format ---------------------------

BAD = os.fsdecode(b"bad\xffname.md")
SHOWN = {  # how each format writes the name: the byte, escaped, or U+FFFD
    "text": "bad\\xffname.md:1:7: error[painless]",
    "github": "::error file=bad\\xffname.md,line=1,col=7",
    "sarif": '"uri": "bad%FFname.md"',
    "json": '"path": "bad\ufffdname.md"',
    "jsonl": '"path": "bad\ufffdname.md"',
    "rdjson": '"path": "bad\ufffdname.md"',
    "junit": 'bad\ufffdname.md',
    "checkstyle": '<file name="bad\ufffdname.md">',
    "html": "bad\ufffdname.md",
}


@pytest.fixture()
def bad_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    try:
        Path(BAD).write_text("It is painless.\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system only takes UTF-8 file names")
    return tmp_path


@pytest.mark.parametrize("fmt", sorted(SHOWN))
def test_a_file_name_that_is_not_utf8_in_every_format(bad_name: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "-f", fmt, "."],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    assert SHOWN[fmt] in result.stdout_bytes.decode("utf-8")  # valid UTF-8
    status, _, err = run("-f", fmt, "-o", "report.out", ".")
    assert status == 1, err
    assert SHOWN[fmt] in (bad_name / "report.out").read_text(encoding="utf-8")


def test_a_file_name_that_is_not_utf8_in_a_baseline_and_a_notice(bad_name: Path) -> None:
    assert run("--write-baseline", "b.json", ".")[0] == 0
    status, out, _ = run("--baseline", "b.json", ".")
    assert status == 0 and "1 hidden by the baseline" in out
    Path(os.fsdecode(b"bin\xfe.md")).write_bytes(b"\0binary")
    assert "glowlint: bin\\xfe.md: binary file skipped (skipped)\n" in run(".")[2]
