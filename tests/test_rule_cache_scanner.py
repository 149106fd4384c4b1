"""The rule-set cache stores the scanner's automaton built (linter/cache.py, scanner.py):
a run that loads the rule set from the cache finds the same anchors without building it."""

from __future__ import annotations

from pathlib import Path

import pytest

from glowlint import cache
from glowlint.scanner import Scanner, scanner_for
from glowlint.textmap import prefilter_text, squeeze

COPY = ("Our peel is completely painless, with no downtime and guaranteed results. "
        "Clinically proven to suit all skin types.")


@pytest.fixture()
def one_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    """One built-in pack: the cache stores its scanner as it stores all of them."""
    from glowlint.rules import builtin_rules_dir

    pack = builtin_rules_dir() / "claims-safety.yaml"
    monkeypatch.setattr("glowlint.rules.builtin_packs", lambda: [pack])


@pytest.mark.usefixtures("one_pack")
def test_a_rule_set_from_the_cache_finds_anchors_without_building_the_automaton(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "glowlint"
    built = cache.load_rules_cached(profile="uk", folder=folder)  # compiled, then stored
    low = squeeze(prefilter_text(COPY))[0]
    expected = scanner_for(built).found(low)
    assert ("painless" in {word for _, word in expected}) and len(expected) > 3

    def never(self: Scanner) -> None:
        raise AssertionError("the automaton was built again")

    monkeypatch.setattr(Scanner, "build_automaton", never)
    loaded = cache.load_rules_cached(profile="uk", folder=folder)  # from the cache
    assert loaded is not built
    assert scanner_for(loaded).found(low) == expected  # the same anchors, at the same offsets
