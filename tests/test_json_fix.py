"""`--format json` and `jsonl` carry each finding's fix and its documentation (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli


@pytest.fixture()
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "p.md"
    path.write_text("# Peels\n\nOur peel is completely pain-free.\nResults guaranteed.\n")
    return path


def records(fmt: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", fmt, "p.md"])
    assert result.exit_code == 1
    if fmt == "json":
        return list(json.loads(result.stdout))
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_safe_fix_is_in_the_record_with_the_region_it_replaces(page: Path, fmt: str) -> None:
    found = {r["rule"]: r for r in records(fmt)}
    painless = found["painless"]
    assert (painless["line"], painless["column"], painless["match"]) == (3, 24, "pain-free")
    # the fix takes the intensifier with it: "completely pain-free" is replaced whole
    assert painless["fix"] == {"replacement": "usually only mildly uncomfortable",
                               "safety": "safe", "line": 3, "column": 13,
                               "end_line": 3, "end_column": 33}
    assert painless["docs"] == "glowlint rules show painless"
    line = page.read_text().splitlines()[2]
    assert line[13 - 1:33 - 1] == "completely pain-free"


def test_a_finding_without_a_fix_has_null(page: Path) -> None:
    advice = [r for r in records("json") if str(r["category"]).startswith("missing-")]
    assert advice and all(r["fix"] is None for r in advice)
    assert all(r["docs"] == f"glowlint rules show {r['rule']}" for r in advice)
