"""A clone of this project for the pre-commit tests, made and installed once a session.

pre-commit clones the hook's repository and installs glowlint into a virtual
environment of its own (about ten CPU seconds): one test (test_readme) runs the
README's snippet and both hooks on that one installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class HookRepo:
    base: Path  # holds the clone, named glowlint, and the sites next to it
    clone: Path
    rev: str
    cache: Path  # PRE_COMMIT_HOME

    def site(self, name: str) -> Path:
        """An empty git repository next to the clone (as the README lays them out)."""
        site = self.base / name
        if site.exists():
            shutil.rmtree(site)
        site.mkdir()
        git(site, "init", "-q")
        return site

    def env(self, **extra: str) -> dict[str, str]:
        return {**os.environ, "PRE_COMMIT_HOME": str(self.cache), **extra}


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


def hook_repo(base: Path) -> HookRepo:
    clone = base / "glowlint"
    clone.mkdir()
    return HookRepo(base, clone, snapshot_of_this_project(clone), base / "cache")
