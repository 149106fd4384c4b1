"""Issue 20, items 3 and 12, and the fuzz test: configuration, rule packs and baselines
that are hostile are refused with one line naming the file and line (exit 2); no input
reaches "internal error" or a traceback."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glowlint import explain, rule_examples
from glowlint.cli import cli
from glowlint.kinds import compile as compile_module
from glowlint.readers import read_text
from glowlint.rules import load_rules

RULE = """  - id: {id}
    kind: claim
    category: superlative
    severity: warning
    message: Says zorblax.
    basis: test
    sources: [{{ref: test, fact: a made-up word}}]
    patterns: [{patterns}]
    examples: {{flag: ["zorblax"], pass: ["cream"]}}
"""


def pack(*rules: str, terms: str = "") -> str:
    return f"pack: hostile-test\n{terms}rules:\n" + "".join(rules)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.fixture
def here(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rc"))
    monkeypatch.setattr("glowlint.rules.builtin_packs", lambda: [])  # only the test's packs
    Path("ok.md").write_text("The zorblax cream.\n")
    return tmp_path


# -- item 3: a budget for the patterns of a rule and of a pack -------------------------


def test_a_term_used_by_many_patterns_of_one_rule_is_refused(here: Path) -> None:
    big = "(?:" + "|".join(f"w{i:05d}" for i in range(10_000)) + ")"  # 70,003 characters
    uses = ", ".join(["'x {big}'", "'y {big}'", "'z {big}'"])  # each under 200,000
    Path("p.yaml").write_text(pack(RULE.format(id="r0", patterns=uses),
                                   terms=f"terms:\n  big: '{big}'\n"))
    assert run("check", "--isolated", "--rules", "p.yaml", "ok.md") == (
        2, "glowlint: p.yaml:12: rule r0: the patterns of this rule are longer than 200,000 "
           "characters in all once their terms are expanded (at patterns: 'z {big}')\n")


def test_a_pack_past_its_budget_is_refused_at_the_rule_that_passes_it(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compile_module, "MAX_PACK_PATTERNS", 20_000)  # scaled down
    big = "(?:" + "|".join(f"w{i:05d}" for i in range(1_000)) + ")"  # 7,003 characters
    rules = [RULE.format(id=f"r{i}", patterns="'x {big}'") for i in range(4)]
    Path("p.yaml").write_text(pack(*rules, terms=f"terms:\n  big: '{big}'\n"))
    status, err = run("check", "--isolated", "--rules", "p.yaml", "ok.md")
    assert (status, err) == (
        2, "glowlint: p.yaml:30: rule r2: the patterns of this pack are longer than 20,000 "
           "characters in all once their terms are expanded (at patterns: 'x {big}')\n")


# -- item 12: every "internal error" of the red team is one line with file and line -----


CASES = [
    ("pyproject.toml", b'[tool.glowlint]\nprofile = "\xff"\n',
     "pyproject.toml:2: not valid UTF-8 at byte 27"),
    ("pyproject.toml", b"[tool.glowlint]\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n",
     "pyproject.toml: invalid TOML: nested too deeply"),
    (".glowlint.yaml", b"? " + b"1" * 5000 + b"\n: 1\n",
     ".glowlint.yaml:1: invalid YAML: a number with too many digits"),
    (".glowlint.yaml", b"readability: {max-grade: .nan}\n",
     ".glowlint.yaml:1: 'readability': max-grade must be a number of at least 0"),
    (".glowlint.yaml", b"readability: {max-grade: .inf}\n",
     ".glowlint.yaml:1: 'readability': max-grade must be a number of at least 0"),
]


@pytest.mark.parametrize(("name", "data", "expected"), CASES,
                         ids=["toml-not-utf8", "toml-deep", "yaml-int", "nan", "inf"])
def test_configuration_errors_are_one_line(here: Path, name: str, data: bytes,
                                           expected: str) -> None:
    Path(name).write_bytes(data)
    assert run("check", "ok.md") == (2, f"glowlint: {expected}\n")


@pytest.mark.parametrize(("data", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("1" * 5000, "a number too long to read"),  # past the interpreter's digit limit
], ids=["deep", "long-int"])
def test_a_baseline_json_cannot_parse(here: Path, data: str, reason: str) -> None:
    Path("b.json").write_text(data)
    assert run("check", "--isolated", "--baseline", "b.json", "ok.md") == (
        2, f"glowlint: b.json:1: not a glowlint baseline: invalid JSON ({reason})\n")


@pytest.mark.parametrize("pattern", ["(?R)", "(a|(?R))", "(x)(?1)", "(?P<n>x)(?&n)"])
def test_recursive_patterns_are_refused(here: Path, pattern: str) -> None:
    Path("p.yaml").write_text(pack(RULE.format(id="rec", patterns=f"'{pattern}'")))
    assert run("check", "--isolated", "--rules", "p.yaml", "ok.md") == (
        2, f"glowlint: p.yaml:10: rule rec: recursive patterns and subroutine calls ((?R), "
           f"(?1), (?&name)) are not supported, in patterns: {pattern!r}\n")


def test_a_rule_pack_with_a_huge_integer_key(here: Path) -> None:
    Path("p.yaml").write_text(pack(RULE.format(id="r", patterns="'x'")) + "    ? "
                              + "2" * 5000 + "\n    : 1\n")
    assert run("check", "--isolated", "--rules", "p.yaml", "ok.md") == (
        2, "glowlint: p.yaml:12: invalid YAML: a number with too many digits\n")


def test_a_full_disk_is_one_line(here: Path) -> None:
    import os
    import stat

    full = "/dev/full"
    if hasattr(os, "getuid") and os.getuid() == 0:  # a twin: a regression as root would
        full = "full"                                # replace the system's /dev/full
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    elif not Path(full).exists():
        pytest.skip("no /dev/full")
    assert run("check", "--isolated", "-f", "json", "-o", full, "ok.md") == (
        2, f"glowlint: {full}: cannot write the report (No space left on device)\n")


def test_explain_and_rules_test_report_a_timeout_without_a_warning(here: Path) -> None:
    Path("p.yaml").write_text(pack(RULE.format(id="slow", patterns="'(a+)+$'")))
    ruleset = load_rules([Path("p.yaml")], builtin=False)
    ruleset.time_limit = 0.2
    text = "a" * 30_000 + "!"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning fails the test
        shown = explain.explain(text, ruleset)
        (rule,) = ruleset.rules
        failed = rule_examples.run_example(rule, text, ruleset, should_flag=False)
    assert shown.startswith("incomplete: rule slow timed out (limit 0.2 s per rule and file)")
    assert failed == ["rule slow timed out (limit 0.2 s per rule and file); other rules' "
                      "findings are reported"]
    assert read_text(text).copy.text == text


# -- the fuzz test: configuration, rule packs and baselines ------------------------------

VALID = {
    ".glowlint.yaml": "profile: uk\nfail-on: warning\nselect: [superlative]\nignore: []\n"
                      "severity: {superlative: off}\nreadability: {max-grade: 9}\n"
                      "per-file-ignores: {'*.md': [superlative]}\nextensions: {mdx: md}\n",
    "p.yaml": pack(RULE.format(id="r", patterns="'zorb(?:lax)?', '\\bx{1,3}'"),
                   terms="terms:\n  t: 'a|b'\n"),
    "b.json": '{"version": 1, "tool": "glowlint", "findings": [{"rule": "r", "path": "ok.md", '
              '"match": "zorblax", "before": "The ", "after": " cream."}]}\n',
}
TOKENS = ["[", "]", "{", "}", ":", ",", "-", "'", '"', "\n", "  ", "&a", "*a", "!!", "? ",
          ".nan", ".inf", "~", "off", "1" * 5000, "\\", "(?R)", "{t}", "\x00", "\ud800",
          "\xff", "%", "|", ">", "#", "1e999", "-1", "[" * 300, "{" * 300]


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    """A valid file with a few tokens inserted, replaced or deleted at random places."""
    text = VALID[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = min(len(text), at + draw(st.integers(0, 8)))
        token = draw(st.sampled_from(TOKENS) | st.text(max_size=6))
        text = text[:at] + token + text[end:]
    return text.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("name", sorted(VALID))
def test_fuzzed_inputs_never_reach_internal_error(here: Path, name: str) -> None:
    args = {".glowlint.yaml": ["check", "ok.md"],
            "p.yaml": ["check", "--isolated", "--rules", "p.yaml", "ok.md"],
            "b.json": ["check", "--isolated", "--baseline", "b.json", "ok.md"]}[name]

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(mutated(name))
    def check(data: bytes) -> None:
        Path(name).write_bytes(data)
        result = CliRunner().invoke(cli, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{data!r} raised") from result.exception
        assert result.exit_code in (0, 1, 2), data
        if result.exit_code == 2:
            lines = result.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("glowlint: "), (data, lines)
        assert "internal error" not in result.output and "Traceback" not in result.output

    check()
