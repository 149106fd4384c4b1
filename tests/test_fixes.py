"""Safe rewrites (issue 5): `--fix`, `--unsafe-fixes`, `--diff` and the fixes themselves.

The fix behaviour is tested against a small stable pack (tests/data/fix-rules.yaml);
`test_builtin_fixes` checks every fix of the shipped packs on its rule's examples.
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import cache, fixes, lint_text, runner
from glowlint.api import default_rules
from glowlint.cli import cli
from glowlint.context import FOLD
from glowlint.errors import GlowlintError
from glowlint.fix_apply import apply_fixes, fix_text, unified_diff
from glowlint.fixes import article_for
from glowlint.kinds.claim import ClaimRule
from glowlint.model import Finding, Severity
from glowlint.rules import RuleSet, load_rules

FIX_PACK = Path(__file__).parent / "data" / "fix-rules.yaml"
RULES = load_rules([FIX_PACK], builtin=False)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder as the working directory; `check` uses the fix test pack only."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "load_rules", lambda *args, **kwargs: RULES)
    monkeypatch.setattr(cache, "load_rules_cached", lambda *args, **kwargs: RULES)
    return tmp_path


def fixed(text: str, fmt: str = "txt", unsafe: bool = False) -> str:
    def lint(source: str) -> list[Finding]:
        return lint_text(source, fmt, rules=RULES)

    return fix_text(text, lint, unsafe).text


def fixes_of(text: str, fmt: str = "txt") -> list[tuple[str, str, str | None, bool]]:
    return [(f.rule, f.match, f.fix, f.fix_safe) for f in lint_text(text, fmt, rules=RULES)]


# --------------------------------------------------------------------------
# The replacement itself: groups, case, copy only.


def test_fix_keeps_captured_group() -> None:
    assert fixes_of("It removes acne scars completely.") == [
        ("fx-remove-scars", "removes acne scars completely", "can soften the look of acne scars",
         True),
    ]
    assert fixed("It completely removes scars.") == "It can soften the look of scars."


def test_case_preserved_capital_and_all_caps() -> None:
    assert fixed("Painless. PAINLESS! painless.") == (
        "Usually only mildly uncomfortable. USUALLY ONLY MILDLY UNCOMFORTABLE! "
        "usually only mildly uncomfortable."
    )
    # the captured group keeps its own case; the template's words follow the match
    assert fixed("Suitable for all skin types.") == "Suitable for most skin types."
    assert fixed("# SAFE FOR ALL SKIN TYPES\n", "md") == "# SAFE FOR MOST SKIN TYPES\n"


def test_sentence_start_without_a_letter_takes_a_capital() -> None:
    assert fixed("100% effective. It is 100% effective.\n\n100% effective", unsafe=True) == (
        "Effective for many people. It is effective for many people.\n\n"
        "Effective for many people")


def test_article_follows_the_replacement() -> None:
    assert fixed("An instant glow. AN INSTANT GLOW. For an instant lift.", unsafe=True) == (
        "A gradual glow. A GRADUAL GLOW. For a gradual lift.")
    assert fixed("It gives an instant, a painless glow.", unsafe=True) == (
        "It gives a gradual, a usually only mildly uncomfortable glow.")
    assert [article_for(w) for w in ("usually", "instant", "hour", "unique", "gradual")] == [
        "a", "an", "an", "a", "a"]


def test_unsafe_fix_only_with_unsafe() -> None:
    text = "It has no side effects."
    assert fixes_of(text) == [("fx-no-side-effects", "no side effects",
                               "few side effects; some people have temporary redness", False)]
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == (
        "It has few side effects; some people have temporary redness.")


def test_fix_cases_pick_the_first_that_matches() -> None:
    assert fixes_of("Enjoy it without any side-effects.") == [
        ("fx-no-side-effects", "without any side-effects", "with few side-effects", True)]
    assert fixed("Enjoy it without any side-effects.") == "Enjoy it with few side-effects."
    # no case matches "side effect free": a finding without a fix
    assert fixes_of("A side effect free peel.") == [
        ("fx-no-side-effects", "side effect free", None, False)]


def test_entity_inside_span_prevents_fix() -> None:
    page = "<p>It has no side&nbsp;effects and is pain&#45;free.</p>\n"
    found = lint_text(page, "html", rules=RULES)
    assert [(f.rule, f.match, f.fix) for f in found] == [
        ("fx-no-side-effects", "no side&nbsp;effects", None),
        ("fx-painless", "pain&#45;free", None),
    ]
    assert fixed(page, "html", unsafe=True) == page


def test_entity_next_to_span_stays() -> None:
    page = "<p>Painless &amp; quick, pain-free&nbsp;too.</p>\n"
    assert fixed(page, "html") == (
        "<p>Usually only mildly uncomfortable &amp; quick, "
        "usually only mildly uncomfortable&nbsp;too.</p>\n"
    )


def test_span_across_markup_has_no_fix() -> None:
    # "totally **painless" matches across the emphasis markup: no fix; nor has "painless",
    # whose intensifier would be left dangling ("totally usually only mildly ...")
    assert fixes_of("It is totally **painless**.", "md") == [
        ("fx-totally-painless", "totally **painless", None, False),
        ("fx-painless", "painless", None, False),
    ]
    found = lint_text("It <b>removes acne</b> scars completely.", "html", rules=RULES)
    assert [(f.rule, f.fix) for f in found] == [("fx-remove-scars", None)]


def test_softener_next_to_match_is_replaced_with_it() -> None:
    assert fixed("It is virtually painless.") == "It is usually only mildly uncomfortable."
    assert fixed("Almost pain-free.") == "Usually only mildly uncomfortable."
    # a softener further away leaves no sensible rewrite
    found = lint_text("It is almost always painless.", rules=RULES)
    assert [(f.rule, f.note != "", f.fix) for f in found] == [("fx-painless", True, None)]


def test_quote_in_attribute_value_or_front_matter_needs_no_quote_in_fix(tmp_path: Path) -> None:
    pack = tmp_path / "quote.yaml"
    pack.write_text(FIX_PACK.read_text().replace(
        "fix: usually only mildly uncomfortable", "fix: usually only mildly uncomfortable, we'd say"
    ))
    rules = load_rules([pack], builtin=False)
    assert [f.fix for f in lint_text('<img alt="Painless">', "html", rules=rules)] == [None]
    assert [f.fix for f in lint_text("---\ntitle: 'Painless'\n---\n", "md", rules=rules)] == [None]
    assert [f.fix for f in lint_text("<p>Painless</p>", "html", rules=rules)] == [
        "Usually only mildly uncomfortable, we'd say"]


@pytest.mark.parametrize(("fix", "error"), [
    (r"can soften \g<scars>",
     "'fix' refers to group 'scars', which no pattern of the rule defines"),
    ("<b>mild</b>", "'fix' may not contain '<' (markup or a line break); write plain words"),
    ("mild &amp; brief", "'fix' may not contain '&' (markup or a line break); write plain words"),
    ("**mild**", "'fix' may not contain '*' (markup or a line break); write plain words"),
    ("note: mild", "'fix' may not contain ': ' (it would break front matter values)"),
    ("{mild}", "'fix' may not contain '{' (markup or a line break); write plain words"),
    ("- mild", "'fix' may not start like a Markdown list item or heading underline"),
    ("1. mild", "'fix' may not start like a Markdown list item or heading underline"),
])
def test_bad_fix_template_is_a_load_error(tmp_path: Path, fix: str, error: str) -> None:
    pack = tmp_path / "bad.yaml"
    text = FIX_PACK.read_text().replace(r"fix: can soften the look of \g<scar>",
                                        f"fix: '{fix}'")
    pack.write_text(text)
    line = text.splitlines().index(f"    fix: '{fix}'") + 1
    with pytest.raises(GlowlintError) as e:
        load_rules([pack], builtin=False)
    assert str(e.value) == f"{pack}:{line}: rule fx-remove-scars: {error}"


@pytest.mark.parametrize(("case", "error"), [
    ("{when: 'no(', to: few}", "invalid regex in 'fix': 'no(': "),
    ("{when: '{nothing}', to: few}", "unknown term {nothing} in 'fix': '{nothing}'"),
    ("{when: 'no', to: few, then: x}",
     "each case of 'fix' needs 'to' and may have 'when', 'safe' and 'before-noun'"),
    ("{when: 'no', to: few, safe: 'yes'}", "'safe' in 'fix' must be true or false"),
    ("{when: 'no', to: '\\g<x>'}",
     "'fix' refers to group 'x', which no pattern of the rule defines"),
])
def test_bad_fix_case_is_a_load_error(tmp_path: Path, case: str, error: str) -> None:
    pack = tmp_path / "bad.yaml"
    text = FIX_PACK.read_text().replace(r"fix: can soften the look of \g<scar>",
                                        f"fix: [{case}]")
    pack.write_text(text)
    line = text.splitlines().index(f"    fix: [{case}]") + 1
    with pytest.raises(GlowlintError) as e:
        load_rules([pack], builtin=False)
    assert str(e.value).startswith(f"{pack}:{line}: rule fx-remove-scars: {error}")


def test_fix_safe_without_fix_is_a_load_error(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(FIX_PACK.read_text().replace(
        "    fix: usually only mildly uncomfortable\n", ""))
    with pytest.raises(GlowlintError, match="rule fx-painless: 'fix-safe' needs a 'fix'"):
        load_rules([pack], builtin=False)


# --------------------------------------------------------------------------
# Overlaps and rounds.


def _finding(start: int, end: int, rule: str, fix: str) -> Finding:
    return Finding("x", 1, start + 1, 1, end + 1, rule, "pain-free", Severity.ERROR, "m", "",
                   None, start=start, end=end, fix=fix, fix_safe=True)


def test_overlapping_fixes_resolved_deterministically() -> None:
    source = "0123456789"
    findings = [
        _finding(2, 6, "b", "B"),  # overlaps the longer a, which starts at the same place
        _finding(2, 8, "a", "A"),
        _finding(7, 9, "c", "C"),  # overlaps a: skipped
        _finding(8, 10, "d", "D"),  # touches a's end: applied
    ]
    for order in (findings, findings[::-1], findings[1:] + findings[:1]):
        assert apply_fixes(source, order) == ("01AD", 2)


def test_overlapping_rules_take_the_longer_span_then_converge() -> None:
    # "totally painless" (fx-totally-painless) and "painless" (fx-painless) overlap:
    # the longer span wins and the new text no longer matches either rule.
    assert fixed("It is totally painless.") == "It is rarely more than mildly uncomfortable."


def test_rounds_apply_fixes_left_by_an_overlap() -> None:
    found = lint_text("Painless, with no side effects.", rules=RULES)
    assert [f.rule for f in found] == ["fx-painless", "fx-no-side-effects"]
    text = fixed("Painless, with no side effects.", unsafe=True)
    assert text == (
        "Usually only mildly uncomfortable, with few side effects; some people have "
        "temporary redness."
    )
    assert fixed(text, unsafe=True) == text


# --------------------------------------------------------------------------
# Files: only the fixed spans change.

MARKDOWN = """\
---
title: Painless peels
layout: painless
---
# Painless Peels

Our peel is **painless** and removes acne scars completely.
It is PAINLESS & quick; see [painless](/painless) too.

```
painless
```

Use `painless` in code. <!-- painless -->
"""

MARKDOWN_FIXED = """\
---
title: Usually only mildly uncomfortable peels
layout: painless
---
# Usually only mildly uncomfortable Peels

Our peel is **usually only mildly uncomfortable** and can soften the look of acne scars.
It is USUALLY ONLY MILDLY UNCOMFORTABLE & quick; see [usually only mildly uncomfortable](/painless) too.

```
painless
```

Use `painless` in code. <!-- painless -->
"""  # noqa: E501


def test_fix_markdown_page_changes_only_fixed_spans(site: Path) -> None:
    page = site / "page.md"
    page.write_bytes(MARKDOWN.encode())
    code, out, err = run("check", "--fix", "page.md")
    assert page.read_bytes() == MARKDOWN_FIXED.encode()
    assert (code, err) == (0, "")
    assert out.decode() == (
        "Fixed 6 problems. All clear: 1 file checked, no problems found.\n")


HTML = """\
<!DOCTYPE html>
<html><head><title>Painless peels</title>
<meta name="description" content="Painless &amp; safe for all skin types">
<script>var claim = "painless";</script>
<style>.painless { color: red }</style></head>
<body data-claim="painless">
<!-- painless -->
<h1>PAINLESS PEELS</h1>
<p>Our peel is painless &amp; removes acne scars completely.</p>
<p>No side&#8209;effects, <b>totally</b> painless.</p>
<img src="painless.png" alt="A painless peel">
</body></html>
"""

HTML_FIXED = """\
<!DOCTYPE html>
<html><head><title>Usually only mildly uncomfortable peels</title>
<meta name="description" content="Usually only mildly uncomfortable &amp; safe for most skin types">
<script>var claim = "painless";</script>
<style>.painless { color: red }</style></head>
<body data-claim="painless">
<!-- painless -->
<h1>USUALLY ONLY MILDLY UNCOMFORTABLE PEELS</h1>
<p>Our peel is usually only mildly uncomfortable &amp; can soften the look of acne scars.</p>
<p>No side&#8209;effects, <b>totally</b> painless.</p>
<img src="painless.png" alt="A usually only mildly uncomfortable peel">
</body></html>
"""


def test_fix_html_page_changes_only_fixed_spans(site: Path) -> None:
    page = site / "page.html"
    page.write_bytes(HTML.encode())
    code, out, err = run("check", "--fix", "--unsafe-fixes", "page.html")
    assert page.read_bytes() == HTML_FIXED.encode()
    assert err == ""
    # left: the side-effects claim, whose span holds an entity (no fix), and "totally
    # painless" across markup, whose intensifier cannot go with the fix (two rules)
    text = out.decode()
    assert code == 1
    assert text.startswith(
        "page.html:10:4: error[fx-no-side-effects] Promises there are no side effects.\n")
    assert text.endswith(
        "Fixed 7 problems. Found 3 problems (3 errors) in 1 file (1 checked).\n")


def test_crlf_and_utf8_bom_survive(site: Path) -> None:
    page = site / "page.md"
    before = codecs.BOM_UTF8 + b"# Painless\r\n\r\nCaf\xc3\xa9 peel: painless.\r\nNo tail"
    page.write_bytes(before)
    code, _, _ = run("check", "--fix", "page.md")
    assert code == 0
    assert page.read_bytes() == (
        codecs.BOM_UTF8 + b"# Usually only mildly uncomfortable\r\n\r\n"
        b"Caf\xc3\xa9 peel: usually only mildly uncomfortable.\r\nNo tail"
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_round_trips(site: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    page = site / "page.txt"
    page.write_bytes(bom + "Crème: painless.\r\n".encode(codec))
    assert run("check", "--fix", "page.txt")[0] == 0
    assert page.read_bytes() == bom + "Crème: usually only mildly uncomfortable.\r\n".encode(codec)


def test_permissions_kept(site: Path) -> None:
    page = site / "page.txt"
    page.write_text("Painless.\n")
    page.chmod(0o640)
    assert run("check", "--fix", "page.txt")[0] == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert page.read_text() == "Usually only mildly uncomfortable.\n"


def test_symlink_stays_a_link(site: Path) -> None:
    (site / "real.txt").write_text("Painless.\n")
    (site / "link.txt").symlink_to("real.txt")
    assert run("check", "--fix", "link.txt")[0] == 0
    assert (site / "link.txt").is_symlink()
    assert (site / "real.txt").read_text() == "Usually only mildly uncomfortable.\n"


def test_read_only_file_reported_and_left_alone(site: Path) -> None:
    page = site / "page.txt"
    page.write_text("Painless.\n")
    other = site / "other.txt"
    other.write_text("Pain-free.\n")
    page.chmod(0o444)
    code, out, err = run("check", "--fix", "page.txt", "other.txt")
    assert err == "glowlint: page.txt: read-only file, fixes not applied (skipped)\n"
    assert page.read_text() == "Painless.\n"
    assert other.read_text() == "Usually only mildly uncomfortable.\n"
    assert code == 1  # the read-only file's finding remains
    assert out.decode().startswith("page.txt:1:1: error[fx-painless] [*] ")
    assert out.decode().endswith(
        "Fixed 1 problem. Found 1 problem (1 error) in 1 file (2 checked). "
        "[*] 1 fixable with --fix.\n")


def test_failed_rename_leaves_original_and_no_temp_file(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = site / "page.md"
    page.write_bytes(MARKDOWN.encode())

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, _, err = run("check", "--fix", "page.md")
    assert err == (
        "glowlint: page.md: cannot write (No space left on device), fixes not applied "
        "(skipped)\n")
    assert code == 1
    assert page.read_bytes() == MARKDOWN.encode()
    # no temporary file left, here or in the result cache
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()
                  and not p.is_relative_to(site / ".glowlint_cache")) == ["page.md"]
    assert not [p for p in site.rglob("*") if p.name.endswith(".glowlint-tmp")]


def test_suppressed_finding_is_not_fixed(site: Path) -> None:
    page = site / "page.md"
    page.write_text("<!-- glowlint-disable-next-line fx-painless -- approved -->\n"
                    "Painless.\n\nPainless.\n")
    assert run("check", "--fix", "page.md")[0] == 0
    assert page.read_text() == (
        "<!-- glowlint-disable-next-line fx-painless -- approved -->\n"
        "Painless.\n\nUsually only mildly uncomfortable.\n")


def test_second_fix_is_a_no_op(site: Path) -> None:
    (site / "a.md").write_bytes(MARKDOWN.encode())
    (site / "b.html").write_bytes(HTML.encode())
    (site / "c.txt").write_text("Totally painless. Painless, with no side effects.\n")
    first = run("check", "--fix", "--unsafe-fixes", ".")
    pages = [site / "a.md", site / "b.html", site / "c.txt"]
    after = {p.name: p.read_bytes() for p in pages}
    mtimes = {p.name: p.stat().st_mtime_ns for p in pages}
    assert after["c.txt"] == (
        b"Rarely more than mildly uncomfortable. Usually only mildly uncomfortable, with few "
        b"side effects; some people have temporary redness.\n")
    second = run("check", "--fix", "--unsafe-fixes", ".")
    assert {p.name: p.read_bytes() for p in pages} == after
    assert {p.name: p.stat().st_mtime_ns for p in pages} == mtimes
    assert b"Fixed" in first[1] and b"Fixed" not in second[1]
    assert run("check", "--diff", "--unsafe-fixes", ".")[:2] == (0, b"")


# --------------------------------------------------------------------------
# --diff and standard input.


def test_diff_changes_nothing_and_applies_with_patch(site: Path) -> None:
    if shutil.which("patch") is None:
        pytest.skip("the patch program is not installed")
    tree = {
        "pages/a.md": MARKDOWN.encode(),
        "pages/b.html": HTML.encode(),
        "pages/c.txt": codecs.BOM_UTF8 + b"Line one.\r\nIt is painless.\r\nNo newline: painless",
        "pages/clean.txt": b"Nothing to fix here.\n",
    }
    for name, data in tree.items():
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_bytes(data)
    code, out, err = run("check", "--diff", "pages")
    assert {n: (site / n).read_bytes() for n in tree} == tree  # nothing changed
    assert code == 1
    assert err == "Would fix 15 problems.\n"
    text = out.decode()
    assert text.startswith("--- a/pages/a.md\n+++ b/pages/a.md\n@@ -1,11 +1,11 @@\n")
    assert "--- a/pages/c.txt\n+++ b/pages/c.txt\n" in text
    assert "\n-No newline: painless\n\\ No newline at end of file\n" in text
    assert "clean.txt" not in text

    copy = site / "copy"
    copy.mkdir()
    shutil.copytree(site / "pages", copy / "pages")
    (site / "fix.diff").write_bytes(out)
    done = subprocess.run(["patch", "-p1", "--batch", "-i", str(site / "fix.diff")], cwd=copy,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert run("check", "--fix", "pages")[0] == 1  # b.html keeps its no-side-effects claim
    for name in tree:
        assert (copy / name).read_bytes() == (site / name).read_bytes(), name


def test_diff_without_changes_exits_0(site: Path) -> None:
    (site / "page.txt").write_text("It has no side effects.\n")  # only an unsafe fix
    assert run("check", "--diff", "page.txt") == (0, b"", "Would fix 0 problems.\n")
    code, out, _ = run("check", "--diff", "--unsafe-fixes", "page.txt")
    assert code == 1
    assert out.decode() == (
        "--- a/page.txt\n+++ b/page.txt\n@@ -1 +1 @@\n-It has no side effects.\n"
        "+It has few side effects; some people have temporary redness.\n"
    )


def test_unified_diff_labels() -> None:
    assert unified_diff("./x/y.md", "a\n", "b\n") == (
        "--- a/x/y.md\n+++ b/x/y.md\n@@ -1 +1 @@\n-a\n+b\n")
    assert unified_diff("y.md", "same\n", "same\n") == ""


def test_fix_stdin_prints_fixed_text(site: Path) -> None:
    data = codecs.BOM_UTF8 + b"# Painless\r\n\r\nIt has no side effects.\r\n"
    code, out, err = run("check", "--fix", "--stdin-filename", "page.md", "-", stdin=data)
    assert out == codecs.BOM_UTF8 + b"# Usually only mildly uncomfortable\r\n\r\n" \
        b"It has no side effects.\r\n"
    assert code == 1
    assert err.startswith("page.md:3:8: error[fx-no-side-effects] Promises there")
    assert err.endswith(
        "Fixed 1 problem. Found 1 problem (1 error) in 1 file (1 checked). "
        "1 fixable with --fix --unsafe-fixes (none with --fix alone).\n")


def test_fix_stdin_without_findings_echoes_the_text(site: Path) -> None:
    code, out, err = run("check", "--fix", "-", stdin=b"Nothing here.\n")
    assert (code, out) == (0, b"Nothing here.\n")
    assert err == "All clear: 1 file checked, no problems found.\n"


def test_diff_stdin(site: Path) -> None:
    code, out, _ = run("check", "--diff", "-", stdin=b"Painless.\n")
    assert (code, out) == (1, b"--- a/-\n+++ b/-\n@@ -1 +1 @@\n-Painless.\n"
                              b"+Usually only mildly uncomfortable.\n")


# --------------------------------------------------------------------------
# The text report marks what --fix would do.


def test_report_marks_fixable_findings(site: Path) -> None:
    (site / "page.txt").write_text("Painless, with no side effects.\n")
    code, out, _ = run("check", "page.txt")
    assert code == 1
    assert out.decode() == """\
page.txt:1:1: error[fx-painless] [*] Promises a procedure causes no pain.
  |
1 | Painless, with no side effects.
  | ^^^^^^^^
  = suggestion: most people feel only mild discomfort
  = fix: Usually only mildly uncomfortable

page.txt:1:16: error[fx-no-side-effects] Promises there are no side effects.
  |
1 | Painless, with no side effects.
  |                ^^^^^^^^^^^^^^^
  = suggestion: side effects are usually mild, such as redness for a day
  = unsafe fix: few side effects; some people have temporary redness

Found 2 problems (2 errors) in 1 file (1 checked). [*] 1 fixable with --fix (1 more with \
--unsafe-fixes).
"""
    out = run("check", "--unsafe-fixes", "page.txt")[1].decode()
    assert "error[fx-no-side-effects] [*] Promises" in out
    assert out.endswith("(1 checked). [*] 2 fixable with --fix --unsafe-fixes.\n")
    assert (site / "page.txt").read_text() == "Painless, with no side effects.\n"


# --------------------------------------------------------------------------
# The shipped packs: every fix works on its rule's own examples.

FIX_CATEGORIES = ("absolute-safety", "pain-free", "complete-results", "guaranteed-results",
                  "universal-suitability", "instant-results", "superlative")
# For each built-in rule with a fix: flag examples of its rule and the text that
# `--fix --unsafe-fixes` makes of them (at least one per rule).
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "no-side-effects": [
        ("It has no side effects.", "It has few side effects."),
        ("Virtually no side-effects, even on sensitive skin.",
         "Few side-effects, even on sensitive skin."),
        ("There are few, if any, side effects.", "There are few side effects."),
        ("Enjoy smoother skin without any side effects.",
         "Enjoy smoother skin with few side effects."),
    ],
    "completely-safe": [
        ("A 100% safe, risk-free facial.", "A generally safe, low-risk facial."),
        ("It is an extremely safe procedure.", "It is a generally safe procedure."),
        ("Totally harmless to your skin.", "Generally harmless to your skin."),
    ],
    "painless": [
        ("Microderm is painless.", "Microderm is usually only mildly uncomfortable."),
        ("The procedure is virtually pain-free.",
         "The procedure is usually only mildly uncomfortable."),
        ("Remove unwanted hair painlessly at home.",
         "Remove unwanted hair with little discomfort at home."),
        ("It is completely comfortable from start to finish.",
         "It is comfortable for most people from start to finish."),
    ],
    "no-pain": [
        ("Microderm doesn't hurt like dermabrasion.", "Microderm rarely hurts like dermabrasion."),
        ("It isn't a painful procedure.", "It is rarely a painful procedure."),
        ("The procedure does not cause pain.", "The procedure rarely causes much pain."),
        # declined: "Little discomfort" would hide "guaranteed" (fix_apply._hides)
        ("Zero discomfort, guaranteed.", "Zero discomfort, guaranteed."),
        ("Smoother skin without any pain.", "Smoother skin with little pain."),
        ("You will feel nothing.", "You will feel little discomfort."),
    ],
    "complete-removal": [
        ("Microdermabrasion completely removes scars.",
         "Microdermabrasion can soften the look of scars."),
        ("It removes scars completely.", "It can soften the look of scars."),
        ("Our peel erases acne scars and sun spots.",
         "Our peel can soften the look of acne scars and sun spots."),
        ("Get rid of wrinkles for good.", "Soften the look of wrinkles."),
        ("Permanent hair removal at home.", "Hair reduction at home."),
    ],
    "guaranteed-results": [
        ("You will see results after one session.", "You may see results after one session."),
        ("Guaranteed results.", "Results that vary from person to person."),
        ("100% effective.", "Effective for many people."),
        ("Works every time, on any skin.", "Often works, on any skin."),
    ],
    "instant-results": [
        ("Instant results!", "Gradual results!"),
        ("Look instantly younger.", "Look gradually younger."),
        ("An overnight transformation.", "A gradual transformation."),
        ("Results can be seen immediately.", "Results can be seen over a few weeks."),
        ("Say goodbye to wrinkles in just 7 days.", "Say goodbye to wrinkles over several weeks."),
        ("Their skin was softer after just one treatment.",
         "Their skin was softer after a course of treatments."),
        ("Results become apparent even after the first treatment.",
         "Results become apparent even after a course of treatments."),
    ],
    "suitable-for-all": [
        ("Suitable for all skin types.", "Suitable for most skin types."),
        ("It is effective on all skin colors and types.",
         "It is effective on most skin colors and types."),
        ("Safe on every skin type.", "Safe on most skin types."),
        ("All skin types can benefit from this treatment.",
         "Most skin types can benefit from this treatment."),
        ("Microdermabrasion is gentle, making it suitable for all.",
         "Microdermabrasion is gentle, making it suitable for most people."),
        ("Works for everyone.", "Works for many people."),
    ],
    "best-treatment": [
        ("Microderm treatment is the best option.", "Microderm treatment is a good option."),
        ("The most advanced system available.", "The advanced system available."),
    ],
}
# Which fix cases `--fix` applies without `--unsafe-fixes`: only those that strictly
# weaken the claim and keep its subject ("no side effects" -> "few side effects").
SAFE_CASES = {
    "no-side-effects": [True, True, True],
    "completely-safe": [True, True, True],
    "painless": [True, True, True],
    "no-pain": [True, True, True, True, True, True],
    "complete-removal": [True, True, True, False],  # "hair reduction" changes the promise
    "guaranteed-results": [True, False, False, False],  # only "will see" -> "may see"
    "instant-results": [False, False, False, False, False, False, False],
    "suitable-for-all": [True, True, True, True, True],
    "best-treatment": [False, False],
}


def _builtin() -> RuleSet | None:
    try:
        return default_rules("strict")  # shared, loaded once a process
    except GlowlintError:
        return None


BUILTIN = _builtin()


def case_used(rule: ClaimRule, match: str) -> int:
    """Which case of the rule's `fix` a matched text takes (as `glowlint.fixes.rewrite` does)."""
    folded = match.translate(FOLD)
    for i, case in enumerate(rule.fixes):
        if case.when is None or case.when.fullmatch(folded):
            return i
    return -1


def check_rule_fixes(rules: RuleSet, rule_id: str) -> list[tuple[str, str]]:
    """Fix every flag example of a rule; each result is checked. Returns (example, result)."""
    rule = rules.by_id()[rule_id]
    assert isinstance(rule, ClaimRule)

    def lint(source: str) -> list[Finding]:
        return lint_text(source, rules=rules)

    done: list[tuple[str, str]] = []
    used: set[int] = set()
    for example in rule.examples_flag:
        found = [f for f in lint(example) if f.rule == rule_id]
        assert found, (rule_id, example)
        if not any(f.fix for f in found):
            # only a rule whose cases all have `when` may leave an example unfixed
            assert all(c.when is not None for c in rule.fixes), (rule_id, example)
            continue
        used |= {case_used(rule, f.match) for f in found if f.fix}
        done_fix = fix_text(example, lint, unsafe=True)
        if not done_fix.applied:
            # declined: the rewrite would hide another rule's claim beside it, which is
            # then still reported ("Zero discomfort, guaranteed.": fix_apply._hides)
            others = {f.rule for f in lint(example)} - {rule_id}
            assert others, (rule_id, example)
            assert {f.rule for f in done_fix.findings} == others | {rule_id}
            done.append((example, example))
            continue
        result = done_fix.text
        assert result != example
        left = [f.match for f in lint(result) if f.rule == rule_id]
        assert not left, f"{rule_id}: {example!r} -> {result!r} still has {left}"
        assert fix_text(result, lint, unsafe=True).text == result  # a second --fix: no-op
        done.append((example, result))
    unused = set(range(len(rule.fixes))) - used
    assert not unused, f"{rule_id}: no flag example uses fix case(s) {sorted(unused)}"
    return done


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
@pytest.mark.parametrize(
    "rule_id",
    [r.id for r in (BUILTIN.rules if BUILTIN else []) if isinstance(r, ClaimRule) and r.fixes],
)
def test_builtin_fixes(rule_id: str) -> None:
    assert BUILTIN is not None
    done = dict(check_rule_fixes(BUILTIN, rule_id))
    assert EXPECTED.get(rule_id), f"add the expected rewrites of {rule_id} to EXPECTED"
    for example, expected in EXPECTED[rule_id]:
        assert done.get(example) == expected, example


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
def test_builtin_fix_safety() -> None:
    assert BUILTIN is not None
    fixes = {r.id: [c.safe for c in r.fixes] for r in BUILTIN.rules
             if isinstance(r, ClaimRule) and r.fixes}
    assert fixes == SAFE_CASES


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
def test_fix_categories_covered() -> None:
    assert BUILTIN is not None
    covered = {r.category for r in BUILTIN.rules if isinstance(r, ClaimRule) and r.fixes}
    assert set(FIX_CATEGORIES) - covered == set()


# --------------------------------------------------------------------------
# Issue 19 (items 1-2): a safe fix leaves a grammatical sentence, or is not offered.

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def builtin_fix(data: bytes, name: str = "x.txt") -> bytes:
    """`glowlint check --fix` of standard input with the shipped rules."""
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--fix", "--stdin-filename", name,
                                      "-"], input=data)
    return result.stdout_bytes


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
@pytest.mark.parametrize(("before", "after"), [
    # an intensifier goes with the word it intensifies
    (b"It is completely pain-free.\n", b"It is usually only mildly uncomfortable.\n"),
    (b"Totally pain-free!\n", b"Usually only mildly uncomfortable!\n"),
    (b"It is so totally painless.\n", b"It is usually only mildly uncomfortable.\n"),
    (b"Absolutely painless and completely safe.\n",
     b"Usually only mildly uncomfortable and generally safe.\n"),
    (b"It is an absolutely safe peel.\n", b"It is a generally safe peel.\n"),
    # "so" after no verb is a conjunction, not an intensifier
    (b"It is gentle, so you will see results.\n", b"It is gentle, so you may see results.\n"),
    # a predicate-only replacement is not offered before a noun ("100% painless" stays);
    # "generally" qualifies the "safe" it stands before, not the claim beside it
    (b"A 100% painless, totally safe treatment\n", b"A 100% painless, generally safe treatment\n"),
    (b"A painless peel.\n", b"A painless peel.\n"),
    # hashtags, handles, URLs and e-mail addresses are never rewritten
    (b"#painless #painfree @painless https://example.com/painless info@painless.com\n",
     b"#painless #painfree @painless https://example.com/painless info@painless.com\n"),
])
def test_builtin_fix_is_grammatical_or_not_offered(before: bytes, after: bytes) -> None:
    assert builtin_fix(before) == after


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
def test_a_fix_never_hides_a_claim_it_does_not_fix(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # "you will see" -> "you may see" would make 'may' hedge "after just one session"
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "p.txt"
    page.write_bytes(b"You will see results after just one session.\n")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--fix", "p.txt"])
    assert result.exit_code == 1
    assert page.read_bytes() == b"You will see results after just one session.\n"
    assert [line for line in result.stdout.splitlines() if "error[" in line] == [
        "p.txt:1:1: error[guaranteed-results] Guarantees the outcome or says the treatment "
        "works every time. Results vary from person to person, so a guarantee of results "
        "misleads.",
        "p.txt:1:22: error[instant-results] Promises results instantly, overnight or within a "
        "short fixed time. Most treatments need several sessions or weeks before a change "
        "shows, so a fast fixed timescale misleads.",
    ]  # no "[*]": the declined fix is not offered again
    assert result.stdout.endswith(
        "Found 2 problems (2 errors) in 1 file (1 checked). 1 fixable with --fix "
        "--unsafe-fixes (none with --fix alone).\n")
    # fixes beside it that hide nothing are still made, in the same run
    page.write_bytes(b"You will see results after just one session. It is 100% safe.\n")
    CliRunner().invoke(cli, ["check", "--no-cache", "--fix", "p.txt"])
    assert page.read_bytes() == (
        b"You will see results after just one session. It is generally safe.\n")


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
def test_no_fix_in_hashtag_or_heading_that_it_cannot_fit() -> None:
    found = lint_text("Glow up #painless\n")
    assert [(f.rule, f.match, f.column, f.fix) for f in found] == [
        ("painless", "painless", 10, None)]
    # a Title Case heading cannot keep its style; a predicate does not fit a heading
    for page in (b"## Suitable for All Skin Types\n", b"## Pain-free\n"):
        assert builtin_fix(page, "x.md") == page
    assert builtin_fix(b"<h2>Pain-free</h2>\n", "x.html") == b"<h2>Pain-free</h2>\n"
    # ALL CAPS and sentence-case headings keep their fixes
    assert builtin_fix(b"## SUITABLE FOR ALL SKIN TYPES\n", "x.md") == (
        b"## SUITABLE FOR MOST SKIN TYPES\n")


@pytest.mark.skipif(BUILTIN is None, reason="the built-in packs do not load")
def test_examples_diff_is_grammatical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--diff", "clinic-overclaims.html"])
    assert result.exit_code == 1
    assert result.stdout == """\
--- a/clinic-overclaims.html
+++ b/clinic-overclaims.html
@@ -10,12 +10,12 @@
   <nav><a href="/">Home</a> <a href="/book">Book now</a></nav>
   <h1>Diamond Microdermabrasion</h1>
   <p>Our diamond-tip microdermabrasion is the best option for dull, congested skin.
-     It is completely painless, has no side effects and is suitable for all skin types.</p>
-  <p>The treatment stimulates collagen production and completely removes acne scars,
+     It is usually only mildly uncomfortable, has few side effects and is suitable for most \
skin types.</p>
+  <p>The treatment stimulates collagen production and can soften the look of acne scars,
      so you will see results after just one session.</p>
   <img src="/img/after.jpg" alt="Flawless skin after one session &amp; no downtime">
   <h2>Why Radiance?</h2>
-  <p>Our technique is clinically proven and FDA approved. It is 100% safe.</p>
+  <p>Our technique is clinically proven and FDA approved. It is generally safe.</p>
   <footer>&copy; Radiance Skin Studio</footer>
 </body>
 </html>
"""


def _title_case_by_definition(block: str) -> bool:
    """Title Case as the fixes define it, every word read: the words after the first,
    small words aside, number two or more, all capitalised, not all in capitals."""
    words = [w for w in regex.findall(r"[^\W\d_][\w'-]*", block)[1:]
             if w.lower() not in fixes._SMALL_WORDS]
    if len(words) < 2 or all(w.isupper() for w in words):
        return False
    return all(w[0].isupper() for w in words)


@given(st.lists(st.sampled_from(["Painless", "laser", "Hair", "REMOVAL", "of", "and", "The",
                                 "FDA", "é", "Été", "2024", "x-ray", "X-Ray", "-", ",", "'s"]),
                max_size=8))
@settings(max_examples=400, deadline=None, database=None)
def test_title_case_read_word_by_word_is_the_definition(words: list[str]) -> None:
    block = " ".join(words)
    assert fixes._title_case(block) == _title_case_by_definition(block), block


def test_title_case_examples() -> None:
    assert fixes._title_case("Painless Laser Hair Removal")
    assert fixes._title_case("painless Laser Hair Removal")  # the first word does not count
    assert not fixes._title_case("Painless laser hair removal")
    assert not fixes._title_case("PAINLESS LASER HAIR REMOVAL")
    assert not fixes._title_case("Painless Laser")  # one word after the first
