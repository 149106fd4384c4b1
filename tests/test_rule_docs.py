"""`glowlint rules show` for marketers and rule authors (issue 19, item 5)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from glowlint.cli import cli
from glowlint.rule_docs import readable, source_title
from glowlint.rules import builtin_rules_dir, load_rules


def show(rule: str) -> str:
    result = CliRunner().invoke(cli, ["rules", "show", rule])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_fix_shown_is_the_fix_applied_to_each_example() -> None:
    out = show("painless")
    assert "replaces the match with" not in out
    assert ("      'Microderm is painless.'\n"
            "        -> 'Microderm is usually only mildly uncomfortable.'\n") in out
    assert ("      'Remove unwanted hair painlessly at home.'\n"
            "        -> 'Remove unwanted hair with little discomfort at home.'\n") in out
    assert ("      'A pain-free way to smoother skin.'\n"
            "        (no fix offered for this wording: rewrite it by hand)\n") in out
    assert ("    - where the match reads 'pain (less|free)|(completely|totally|perfectly|"
            "entirely|100 %) pain free': 'usually only mildly uncomfortable' "
            "(safe; not offered before a noun)\n") in out


def test_phrases_in_shorthand_not_regex() -> None:
    out = show("painless")
    matches = out[out.index("Matches"):out.index("Context")]
    assert "      - pain less(ly)?\n      - pain free\n" in matches
    assert "\\s" not in matches and "(?:" not in matches
    removal = show("complete-removal")
    matches = removal[removal.index("Matches"):removal.index("Context")]
    assert "      - no more ({concern})\n" in matches
    assert "\\" not in matches and "(?" not in matches


def test_sources_by_readable_title() -> None:
    out = show("painless")
    assert "seeds/" not in out
    assert ('    - "Does Microderm unclog Pores or Reduce Pores?" (a clinic\'s FAQ page)\n'
            in out)


def test_every_cited_file_has_a_title() -> None:
    refs = {s.ref for r in load_rules().rules for s in r.sources if s.ref.startswith("seeds/")}
    assert refs
    assert {r for r in refs if source_title(r, builtin_rules_dir()) == r} == set()


@pytest.mark.parametrize(("pattern", "shown"), [
    (r"pain[\s-]*less(?:ly)?", "pain less(ly)?"),
    (r"(?:say\s+)?goodbye\s+to\s+(?:\w+\s+){0,3}?{concern}", "(say)? goodbye to ... {concern}"),
    (r"remov\w*\s+\d+\s?%", "remov… # %"),
    (r"(?<=scars\s+)(?:fade|vanish)(?!\s+slowly)", "scars (fade|vanish)"),
    (r"colou?r", "colo(u)?r"),
])
def test_readable(pattern: str, shown: str) -> None:
    assert readable(pattern) == shown
