"""The README works as written from a fresh clone (issue 19, items 12 and 13).

Everything it names exists in the repository (no `../shared`), and its
pre-commit snippet, run in a site next to a clone of glowlint, installs a
hook that works (on copy files only); `glowlint-fix` applies the safe rewrites.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from precommit_helpers import HookRepo, git

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    """The README's `## ` sections by title."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title: body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


# "Quality" is being rewritten elsewhere; every other section is checked.
CHECKED = "".join(body for title, body in sections(README).items() if title != "Quality")


def test_readme_names_nothing_outside_the_repository() -> None:
    assert "../shared" not in CHECKED
    assert "v0.1.0" not in README
    links = re.findall(r"\]\(([^)#\s]+)\)", README)
    assert links
    for link in links:
        if "://" not in link:
            assert (ROOT / link).exists(), link
    assert (ROOT / "docs" / "contract.md").read_text().startswith("# The outside contract")


def test_readme_try_it_command_matches_the_documented_output() -> None:
    shown = re.search(r"cd examples && (glowlint check [^\n]+)", README)
    assert shown is not None
    doc = (ROOT / "tests" / "test_examples.py").read_text().replace("\\\n", " ")
    pages = " ".join(shown.group(1).split()[2:])
    assert f"--color never {pages} > check-output.log" in " ".join(doc.split())


def snippet(lang: str, marker: str) -> str:
    for block in re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S):
        if marker in block:
            return str(block)
    raise AssertionError(f"no {lang} block with {marker!r} in the README")


def test_readme_precommit_snippet_works_as_written(hook_repo: HookRepo) -> None:
    """The snippet, then both hooks; one test, so pre-commit installs glowlint once."""
    site = hook_repo.site("site-readme")  # next to the clone, ../glowlint, as the README says
    (site / "bad.md").write_text("# Peels\n\nOur peel is completely painless.\n")
    (site / "good.md").write_text("# Opening hours\n\nWe are open on Saturdays.\n")
    (site / "script.py").write_text("painless = True\n")
    git(site, "add", "-A")
    bin_dir = Path(sys.executable).parent  # pre-commit on PATH, as after `pip install`
    env = hook_repo.env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    if shutil.which("pre-commit", path=env["PATH"]) is None:
        pytest.skip("the pre-commit command is not installed")
    script = snippet("sh", ".pre-commit-config.yaml")
    done = subprocess.run(["sh", "-c", script], cwd=site, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 1, done.stdout + done.stderr  # the hook ran and found the claim
    assert "bad.md:3:" in done.stdout and "painless" in done.stdout
    assert "good.md" not in done.stdout
    assert "script.py" not in done.stdout  # only copy files reach the hook

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=site,
                              env=env, capture_output=True, text=True)

    good = pre_commit("glowlint", "--files", "good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    # the second hook: glowlint-fix rewrites the staged copy (pre-commit then fails)
    config = (site / ".pre-commit-config.yaml").read_text()
    (site / ".pre-commit-config.yaml").write_text(config.replace("id: glowlint\n",
                                                                 "id: glowlint-fix\n"))
    fixed = pre_commit("--all-files")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert (site / "bad.md").read_text() == (
        "# Peels\n\nOur peel is usually only mildly uncomfortable.\n")
    assert (site / "good.md").read_text() == "# Opening hours\n\nWe are open on Saturdays.\n"
    assert (site / "script.py").read_text() == "painless = True\n"
    again = pre_commit("--all-files")
    assert "Fixed" not in again.stdout and "error[painless]" not in again.stdout  # no-op
    assert "files were modified" not in again.stdout


def test_the_test_command_lists_skip_reasons_and_says_how_long_it_takes() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib: 3.11+
    assert re.findall(r'(?m)^addopts = "(.*)"$', pyproject) == ["-q -rs -n auto"]
    assert "The whole suite takes about four minutes on a 2-core machine" in README
    assert "Skipped tests are listed with their reason at the end (`-rs`" in README
