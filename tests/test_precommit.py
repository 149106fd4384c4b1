"""The pre-commit hook, run by real pre-commit in a throw-away site repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is needed to run pre-commit"
)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def snapshot_of_this_project(dest: Path) -> str:
    """A git repo holding the project as it is now (committed or not); its commit id."""
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    for name in files:
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "snapshot")
    return git(dest, "rev-parse", "HEAD")


def test_hook_fails_on_overclaims_and_passes_clean_copy(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    hook_repo, site = tmp_path / "glowlint", tmp_path / "site"
    hook_repo.mkdir()
    site.mkdir()
    rev = snapshot_of_this_project(hook_repo)
    git(site, "init", "-q")
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: glowlint\n"
    )
    (site / "bad.md").write_text("# Peels\n\nOur peel is completely painless.\n")
    (site / "good.md").write_text("# Opening hours\n\nWe are open on Saturdays.\n")
    (site / "script.py").write_text("painless = True\n")
    git(site, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "glowlint"]

    bad = subprocess.run([*pre_commit, "--files", "bad.md", "script.py"], cwd=site, env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad.md:3:" in bad.stdout and "painless" in bad.stdout
    assert "script.py" not in bad.stdout  # only copy files reach the hook

    good = subprocess.run([*pre_commit, "--files", "good.md"], cwd=site, env=env,
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
