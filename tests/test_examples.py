"""The shipped examples and the output they are documented with stay true.

When a rule changes on purpose, regenerate (from examples/):
    glowlint check --no-cache --format json clinic-overclaims.html \
        blog-microdermabrasion.md careful-page.md > check-output.json
    glowlint check --no-cache --color never clinic-overclaims.html \
        blog-microdermabrasion.md careful-page.md > check-output.log
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAGES = ["clinic-overclaims.html", "blog-microdermabrasion.md", "careful-page.md"]


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args, *PAGES])
    return result.exit_code, result.stdout


@pytest.fixture(autouse=True)
def _in_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)


def test_json_output_is_the_documented_one() -> None:
    code, out = check("--format", "json")
    assert code == 1
    assert json.loads(out) == json.loads((EXAMPLES / "check-output.json").read_text())


def test_text_output_is_the_documented_one() -> None:
    code, out = check("--color", "never")
    assert out == (EXAMPLES / "check-output.log").read_text()


def test_the_careful_page_passes() -> None:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "careful-page.md"])
    assert result.exit_code == 0


def test_the_overclaiming_page_has_its_claims() -> None:
    code, out = check("--format", "json")
    clinic = {(f["category"], f["match"]) for f in json.loads(out)
              if f["path"] == "clinic-overclaims.html"}
    assert {("pain-free", "painless"), ("absolute-safety", "no side effects"),
            ("universal-suitability", "suitable for all skin types"),
            ("regulatory-approval", "FDA approved")} <= clinic
