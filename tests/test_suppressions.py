"""Inline suppressions in Markdown, HTML and text: next-line, line, block and file forms,
reasons, expiry, and the findings about the suppressions themselves."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import lint_text
from glowlint.cli import cli
from glowlint.comments import _comment_spans, _inline_code, _line_comments
from glowlint.filters import Names
from glowlint.model import Finding, Severity
from glowlint.rules import load_rules
from glowlint.suppressions import (
    ALL,
    Directive,
    Target,
    _covers,
    _sweep,
    apply,
    parse,
)

PACK = Path(__file__).parent / "data" / "adoption" / "rules.yaml"
RULES = load_rules([PACK], builtin=False)
NAMES = Names(RULES)
TODAY = dt.date(2026, 6, 1)


def lint(text: str, fmt: str, *, require_reason: bool = False) -> list[tuple[str, int, int]]:
    findings = lint_text(text, fmt, rules=RULES, path=f"page.{fmt}")
    result = apply(f"page.{fmt}", text, fmt, findings, NAMES, require_reason=require_reason,
                   today=TODAY)
    return [(f.rule, f.line, f.column) for f in result.findings]


# -- the forms, per format ----------------------------------------------------


def test_markdown_next_line_suppresses_only_the_next_line() -> None:
    text = (
        "<!-- glowlint-disable-next-line adopt-painless -- approved by legal 2026-03 -->\n"
        "The peel is painless.\n"
        "\n"
        "The laser is painless.\n"
    )
    assert lint(text, "md") == [("adopt-painless", 4, 14)]


def test_next_line_skips_blank_lines() -> None:
    text = "<!-- glowlint-disable-next-line adopt-painless -->\n\n\nThe peel is painless.\n"
    assert lint(text, "md") == []


def test_html_next_line_and_same_line() -> None:
    text = (
        "<p>\n"
        "<!-- glowlint-disable-next-line pain-free -->\n"
        "The peel is painless.</p>\n"
        "<p>It is the best option. <!-- glowlint-disable-line adopt-best --></p>\n"
        "<p>It is the best option.</p>\n"
    )
    assert lint(text, "html") == [("adopt-best", 5, 10)]


@pytest.mark.parametrize("marker", ["#", "//"])
def test_text_line_comment_forms(marker: str) -> None:
    text = (
        f"{marker} glowlint-disable-next-line adopt-painless -- approved by legal\n"
        "The peel is painless.\n"
        "The laser is painless.\n"
    )
    assert lint(text, "txt") == [("adopt-painless", 3, 14)]


def test_text_comment_text_is_never_a_finding() -> None:
    # the reason itself says "painless": the comment is glowlint's, not copy
    text = "# glowlint-disable-next-line adopt-painless -- 'painless' approved\nIt is painless.\n"
    assert lint(text, "txt") == []


@pytest.mark.parametrize(("fmt", "open_", "close"), [
    ("md", "<!-- glowlint-disable superlative -->", "<!-- glowlint-enable superlative -->"),
    ("html", "<!-- glowlint-disable superlative -->", "<!-- glowlint-enable superlative -->"),
    ("txt", "# glowlint-disable superlative", "// glowlint-enable superlative"),
])
def test_block_form(fmt: str, open_: str, close: str) -> None:
    text = (
        "It is the best option.\n\n"
        f"{open_}\n"
        "It is the best option.\n\n"
        "Still the best option.\n"
        f"{close}\n\n"
        "It is the best option.\n"
    )
    assert lint(text, fmt) == [("adopt-best", 1, 7), ("adopt-best", 9, 7)]


def test_block_without_enable_runs_to_the_end_and_enable_all_closes_every_rule() -> None:
    text = (
        "<!-- glowlint-disable adopt-best adopt-painless -->\n"
        "It is the best option. It is painless.\n"
        "<!-- glowlint-enable -->\n"
        "It is the best option. It is painless.\n"
        "<!-- glowlint-disable adopt-painless -->\n"
        "It is painless.\n"
    )
    assert lint(text, "md") == [("adopt-best", 4, 7), ("adopt-painless", 4, 30)]


@pytest.mark.parametrize(("fmt", "comment"), [
    ("md", "<!-- glowlint-disable-file adopt-best -->"),
    ("html", "<!-- glowlint-disable-file adopt-best -->"),
    ("txt", "# glowlint-disable-file adopt-best"),
])
def test_file_form(fmt: str, comment: str) -> None:
    text = f"It is the best option.\n\nIt is painless.\n\n{comment}\n\nThe best option again.\n"
    assert lint(text, fmt) == [("adopt-painless", 3, 7)]


def test_no_rule_named_means_every_rule_and_categories_work() -> None:
    text = ("<!-- glowlint-disable-next-line -->\nIt is the best option and painless.\n\n"
            "<!-- glowlint-disable-next-line superlative, pain-free -->\n"
            "It is the best option and painless.\n")
    assert lint(text, "md") == []


def test_mdx_comment_form() -> None:
    text = "{/* glowlint-disable-next-line adopt-painless */}\nIt is painless.\n"
    assert lint(text, "md") == []


def test_directives_in_markdown_code_are_examples_not_directives() -> None:
    text = (
        "```html\n<!-- glowlint-disable-file -->\n```\n\n"
        "Write `<!-- glowlint-disable-file -->` to silence a page.\n\n"
        "It is painless.\n"
    )
    assert lint(text, "md") == [("adopt-painless", 7, 7)]


# -- findings about suppressions ----------------------------------------------


def test_unused_suppression_is_reported_at_the_rule_name() -> None:
    text = "<!-- glowlint-disable-next-line adopt-painless -->\nWe are open on Sundays.\n"
    findings = lint_text(text, "md", rules=RULES)
    result = apply("p.md", text, "md", findings, NAMES, today=TODAY)
    [f] = result.findings
    assert (f.rule, f.category, str(f.severity)) == ("unused-suppression", "suppression",
                                                     "warning")
    assert (f.line, f.column, f.end_line, f.end_column, f.match) == (1, 33, 1, 47,
                                                                     "adopt-painless")


def test_unused_rule_of_several_is_reported_alone() -> None:
    text = "<!-- glowlint-disable-next-line adopt-painless, adopt-best -->\nIt is painless.\n"
    assert lint(text, "md") == [("unused-suppression", 1, 49)]


def test_unknown_rule_is_reported_and_not_as_unused() -> None:
    text = "# glowlint-disable-next-line adopt-painles\nIt is painless.\n"
    assert lint(text, "txt") == [("unknown-suppression", 1, 30), ("adopt-painless", 2, 7)]


def test_invalid_directive_and_stray_enable() -> None:
    text = ("<!-- glowlint-disabel adopt-best -->\nIt is the best option.\n"
            "<!-- glowlint-enable adopt-best -->\n")
    assert lint(text, "html") == [
        ("invalid-suppression", 1, 6), ("adopt-best", 2, 7), ("invalid-suppression", 3, 22),
    ]


def test_expired_suppression_stops_suppressing_and_is_reported() -> None:
    text = ("<!-- glowlint-disable-next-line adopt-painless until 2026-05-31 -- legal -->\n"
            "It is painless.\n")
    assert lint(text, "md") == [("expired-suppression", 1, 48), ("adopt-painless", 2, 7)]


def test_suppression_is_valid_through_its_until_day() -> None:
    text = ("<!-- glowlint-disable-next-line adopt-painless until 2026-06-01 -- legal -->\n"
            "It is painless.\n")
    assert lint(text, "md") == []


def test_until_at_the_end_of_the_reason() -> None:
    text = ("<!-- glowlint-disable-next-line adopt-painless -- approved by legal until "
            "2026-01-31 -->\nIt is painless.\n")
    assert lint(text, "md") == [("expired-suppression", 1, 69), ("adopt-painless", 2, 7)]


def test_bad_until_date_is_invalid() -> None:
    text = "<!-- glowlint-disable-next-line adopt-painless until 2026-02-30 -->\nIt is painless.\n"
    assert lint(text, "md") == [("invalid-suppression", 1, 48), ("adopt-painless", 2, 7)]


def test_required_reason() -> None:
    text = ("<!-- glowlint-disable-next-line adopt-painless -->\nIt is painless.\n\n"
            "<!-- glowlint-disable-next-line adopt-painless -- approved by legal -->\n"
            "It is painless.\n")
    assert lint(text, "md", require_reason=True) == [("suppression-missing-reason", 1, 1)]
    assert lint(text, "md") == []


# -- through the command line -----------------------------------------------------


def test_cli_reports_unused_suppressions_and_fails(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".glowlint.yaml").write_text(
        f"extend-rules: [{PACK}]\nselect: [adopt-painless, suppression]\n"
    )
    (tmp_path / "ok.md").write_text(
        "<!-- glowlint-disable-next-line adopt-painless -- approved -->\nIt is painless.\n")
    (tmp_path / "stale.txt").write_text(
        "// glowlint-disable-next-line adopt-painless -- approved\nIt is gentle.\n")
    result = CliRunner().invoke(cli, ["check", "--format", "jsonl", "."])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.count("\n") == 1
    assert '"path": "stale.txt", "line": 1, "column": 31' in result.stdout
    assert '"rule": "unused-suppression"' in result.stdout
    result = CliRunner().invoke(cli, ["check", "ok.md"])
    assert result.exit_code == 0, result.stdout


# -- scale (issue 20, item 2): sorted once and swept, never findings x directives ---------


def _pairs(n: int) -> tuple[str, list[Finding]]:
    """``n`` disable-next-line comments, each before a line with one finding of its rule,
    and as many disable/enable blocks around findings of another rule."""
    parts: list[str] = []
    findings: list[Finding] = []
    at = 0
    line = 1

    def add(text: str, rule: str | None = None) -> None:
        nonlocal at, line
        if rule is not None:
            findings.append(Finding(
                path="page.md", line=line, column=5, end_line=line, end_column=12, rule=rule,
                category="superlative", severity=Severity.WARNING, message="m", match="zorblax",
                suggestion=None, start=at + 4, end=at + 11,
            ))
        parts.append(text)
        at += len(text)
        line += 1

    for _ in range(n):
        add("<!-- glowlint-disable-next-line adopt-best -- approved -->\n")
        add("The zorblax cream.\n", "adopt-best")
        add("<!-- glowlint-disable adopt-painless -->\n")
        add("The zorblax cream.\n", "adopt-painless")
        add("<!-- glowlint-enable adopt-painless -->\n")
    return "".join(parts), findings


def _cpu_seconds(n: int) -> float:
    source, findings = _pairs(n)
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        result = apply("page.md", source, "md", findings, NAMES, today=TODAY)
        best = min(best, time.thread_time() - start)
    assert (result.findings, result.suppressed) == ([], 2 * n)
    return best


def test_many_suppressions_are_linear() -> None:
    """16,000 disable-next-line pairs took 133 s: each finding was tried on each directive."""
    ratio = _cpu_seconds(1600) / _cpu_seconds(800)
    if ratio > 2.5:  # a busy machine: measure again before failing
        ratio = min(ratio, _cpu_seconds(1600) / _cpu_seconds(800))
    assert ratio <= 2.5, f"twice the suppressions took {ratio:.1f} times as long"


def _naive(active: list[Directive], findings: list[Finding]) -> tuple[list[bool], list[bool]]:
    """Every target against every finding: what the sweep must agree with."""
    hit = [False] * len(findings)
    used = [False] * sum(len(d.targets) for d in active)
    for i, f in enumerate(findings):
        k = 0
        for d in active:
            for t in d.targets:
                if t.name in (ALL, f.rule, f.category) and _covers(d, t, f):
                    hit[i] = used[k] = True
                k += 1
    return hit, used


TARGET_NAMES = st.sampled_from([ALL, "a", "b", "cat"])


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(st.tuples(st.sampled_from(["disable-next-line", "disable-line", "disable",
                                        "disable-file"]),
                       st.lists(TARGET_NAMES, min_size=1, max_size=3),
                       st.integers(0, 12), st.integers(0, 3)), max_size=8),
    st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["cat", "other"]),
                       st.integers(1, 14), st.integers(0, 2), st.integers(0, 40)), max_size=10),
)
def test_the_sweep_covers_what_each_target_covers(
    directives: list[tuple[str, list[str], int, int]],
    found: list[tuple[str, str, int, int, int]],
) -> None:
    active = []
    for kind, names, first, size in directives:
        d = Directive(kind, 0, 0, [Target(name, 0, 0) for name in names])
        d.lines = (first, first + size)
        for t in d.targets:
            t.region = (first * 3, first * 3 + size * 5)
        active.append(d)
    findings = [Finding(path="p", line=line, column=1, end_line=line + more, end_column=2,
                        rule=rule, category=category, severity=Severity.WARNING, message="m",
                        match="x", suggestion=None, start=start, end=start + 1)
                for rule, category, line, more, start in found]
    hit, used = _naive(active, findings)
    for d in active:
        for t in d.targets:
            t.used = False
    assert _sweep(active, findings) == hit
    assert [t.used for d in active for t in d.targets] == used


# The patterns that found comments and inline code before (quadratic on an
# unclosed comment repeated, trailing spaces, runs of backticks of many lengths).
ORIGINAL = {
    "html": regex.compile(r"<!--(.*?)-->", regex.DOTALL),
    "mdx": regex.compile(r"\{[ \t]*/\*(.*?)\*/[ \t]*\}", regex.DOTALL),
    "line": regex.compile(r"^[ \t]*(?:#|//)[ \t]*(glowlint-[^\n]*?)[ \t]*\r?$", regex.MULTILINE),
    "code": regex.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)"),
}
PIECES = ["<!--", "-->", "<!-->", "{/*", "{ /*", "*/}", "*/ }", "*/", "{", "}", "# ", "// ",
          "glowlint-", "glowlint-disable x", " ", "\t", "\r", "\n", "\r\n", "`", "``", "```",
          "a", "-", "/", "*"]


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_comments_and_code_are_found_as_the_regexes_found_them(source: str) -> None:
    def spans(pattern: regex.Pattern[str]) -> list[tuple[int, int, int, int]]:
        return [(m.start(), m.end(), m.start(1), m.end(1)) for m in pattern.finditer(source)]

    assert _comment_spans(source, mdx=False) == spans(ORIGINAL["html"])
    assert _comment_spans(source, mdx=True) == spans(ORIGINAL["mdx"])
    assert _inline_code(source) == [m.span() for m in ORIGINAL["code"].finditer(source)]
    assert _line_comments(source) == spans(ORIGINAL["line"])


GROWING = {
    "unclosed-html-comments": lambda n: "glowlint- " + "<!--" * (n // 4),
    "unclosed-mdx-comments": lambda n: "glowlint- " + "{/*" * (n // 3),
    "line-comment-spaces": lambda n: "# glowlint-disable x" + " " * n + "y\n",
    "backtick-runs": lambda n: "<!-- glowlint-disable -->" + "".join(
        " " + "`" * k + "a" for k in range(1, int((2 * n) ** 0.5))) + "\n",
}


def _parse_seconds(source: str, fmt: str, repeat: int) -> float:
    start = time.thread_time()
    for _ in range(repeat):
        parse(source, fmt)
    return time.thread_time() - start


@pytest.mark.parametrize("name", sorted(GROWING))
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_finding_the_comments_is_linear(name: str, fmt: str) -> None:
    def growth() -> float:
        small, large = GROWING[name](4096), GROWING[name](8192)
        repeat = max(1, int(0.002 / max(_parse_seconds(small, fmt, 1), 1e-6)))
        best = {small: float("inf"), large: float("inf")}
        for _ in range(7):
            for source in (small, large):
                best[source] = min(best[source], _parse_seconds(source, fmt, repeat))
        return best[large] / best[small]

    ratio = growth()
    if ratio > 2.5:  # a busy machine: measure again before failing
        ratio = min(ratio, growth())
    assert ratio <= 2.5, f"{name}: twice the input took {ratio:.1f} times as long"
