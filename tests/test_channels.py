"""Advice rules relaxed by document type or path: social posts (issue 19, item 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

ADVICE = ["missing-consultation", "missing-contraindications", "missing-side-effects",
          "missing-sunscreen"]
CAPTION = "Glow season is here: book your glycolic peel this week! #peel #glow #skincare\n"
PAGE = "Book your glycolic peel this week and glow.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rules_by_file(out: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        if "[" in line and line.split(":")[0].endswith((".txt", ".md")):
            found.setdefault(line.split(":")[0], []).append(line.split("[")[1].split("]")[0])
    return found


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "social").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "social" / "post.txt").write_text(CAPTION)
    (tmp_path / "site" / "caption.md").write_text("---\nchannel: social\n---\n" + PAGE)
    (tmp_path / "site" / "page.md").write_text(PAGE)
    return tmp_path


def test_without_configuration_every_post_gets_the_advice(site: Path) -> None:
    code, out, _ = run(".")
    assert code == 1
    assert rules_by_file(out) == {"site/caption.md": ADVICE, "site/page.md": ADVICE,
                                  "social/post.txt": ADVICE}


def test_per_type_ignores_relaxes_social_posts_by_hashtags_and_front_matter(site: Path) -> None:
    (site / ".glowlint.yaml").write_text(
        "per-type-ignores:\n  social: [missing-sunscreen, missing-contraindications, "
        "missing-side-effects]\n")
    code, out, _ = run(".")
    assert code == 1
    assert rules_by_file(out) == {"site/caption.md": ["missing-consultation"],
                                  "site/page.md": ADVICE,
                                  "social/post.txt": ["missing-consultation"]}


def test_channel_by_path_and_categories_in_per_type_ignores(site: Path) -> None:
    (site / ".glowlint.yaml").write_text(
        'channel:\n  "site/page.md": social\nper-type-ignores:\n  social: ' + str(ADVICE) + "\n")
    assert run(".")[:2] == (0, "All clear: 3 files checked, no problems found.\n")


def test_per_file_ignores_does_it_by_path(site: Path) -> None:
    (site / ".glowlint.yaml").write_text(
        'per-file-ignores:\n  "social/**": [missing-sunscreen]\n')
    _, out, _ = run(".")
    assert rules_by_file(out)["social/post.txt"] == [r for r in ADVICE if r != "missing-sunscreen"]


@pytest.mark.parametrize(("config", "error"), [
    ("channel: sociale\n",
     "glowlint: .glowlint.yaml:1: 'channel': unknown document type 'sociale' (one of: article, "
     "device, diy, page, product, ruling, social, supplement, treatment)\n"),
    ("per-type-ignores:\n  social: [missing-sunscren]\n",
     "glowlint: .glowlint.yaml:1: 'per-type-ignores': unknown rule or category "
     "'missing-sunscren' (did you mean 'missing-sunscreen'?)\n"),
    ("per-type-ignores: [social]\n",
     "glowlint: .glowlint.yaml:1: 'per-type-ignores': must map a document type to a list of "
     "rule ids or categories\n"),
])
def test_mistakes_are_one_line_errors(site: Path, config: str, error: str) -> None:
    (site / ".glowlint.yaml").write_text(config)
    assert run(".") == (2, "", error)
