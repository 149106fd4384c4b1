"""Shared fixtures: the built-in rule set, loaded once per test session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import precommit_helpers
import pytest
from hypothesis import settings
from precommit_helpers import HookRepo

from glowlint.api import default_rules
from glowlint.rules import RuleSet

# The fuzz tests draw the same inputs on every run, so a CI result is reproducible;
# ``pytest --hypothesis-profile=explore`` draws fresh ones to hunt for new failures.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("default")


@pytest.fixture(autouse=True, scope="session")
def _user_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never write into the user's cache folder; they share one of their own."""
    old = os.environ.get("GLOWLINT_CACHE_DIR")
    os.environ["GLOWLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if old is None:
        os.environ.pop("GLOWLINT_CACHE_DIR", None)
    else:
        os.environ["GLOWLINT_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return default_rules()  # the one lint_text uses: loaded once a process


@pytest.fixture()
def stable_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder at the same path in every test of this process.

    A rule pack copied into it has the same path and bytes in every test, so the
    rule-set cache compiles the built-in rules with it once per process, not
    once per test (about 2 CPU seconds each time).
    """
    path = tmp_path_factory.getbasetemp() / "stable-site"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    """This project as a git repository for pre-commit, one a session (precommit_helpers)."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to run pre-commit")
    pytest.importorskip("pre_commit")
    return precommit_helpers.hook_repo(tmp_path_factory.mktemp("pre-commit"))
