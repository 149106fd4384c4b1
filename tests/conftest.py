"""Shared fixtures: the built-in rule set, loaded once per test session."""

from __future__ import annotations

import pytest

from linter.rules import RuleSet, load_rules


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_rules()
