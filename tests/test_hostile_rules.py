"""Rule packs from users are untrusted input (issue 7).

Loading: safe YAML only, no alias bombs, every schema mistake one line naming
the file, the line, the rule and the key; patterns that would exhaust memory
when compiled are refused. Matching: every search is bounded in time, so a
catastrophic pattern costs at most ``--rule-timeout`` per rule and file, is
reported as "rule X timed out", and the other rules' findings are still
produced. A timeout is a notice "(incomplete)", not an error: the exit status
follows the findings (SECURITY.md).
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import regex
from click.testing import CliRunner, Result

from glowlint import lint_text
from glowlint.cli import cli
from glowlint.engine import lint_document
from glowlint.errors import GlowlintError
from glowlint.kinds.compile import BoundedPattern, deadline
from glowlint.readers import read_text
from glowlint.rules import load_rules

BASE: dict[str, str] = {
    "id": "h-bad",
    "kind": "claim",
    "category": "superlative",
    "severity": "warning",
    "message": "Says zorblax.",
    "basis": "test",
    "sources": "[{ref: test, fact: a made-up word}]",
    "phrases": "['zorblax']",
    "examples": '{flag: ["zorblax"], pass: ["cream"]}',
}


def rule_yaml(**changes: str | None) -> str:
    """One rule, a key per line from line 3 on (id, kind, category, severity, message,
    basis, sources, phrases, examples); a change replaces a key in place, None removes
    it, and new keys follow at the end."""
    data = dict(BASE)
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    lines = [f"{'  - ' if i == 0 else '    '}{k}: {v}" for i, (k, v) in enumerate(data.items())]
    return "\n".join(lines) + "\n"


def pack(*rules: str) -> str:
    return "pack: hostile-test\nrules:\n" + "".join(rules)


@pytest.fixture
def here(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rule-cache"))
    # only the packs of each test (the built-in ones would cost most of the time)
    monkeypatch.setattr("glowlint.rules.builtin_packs", lambda: [])
    Path("ok.md").write_text("The zorblax cream.\n")
    return tmp_path


def load_error(text: str, name: str = "p.yaml") -> str:
    Path(name).write_text(text)
    with pytest.raises(GlowlintError) as info:
        load_rules([Path(name)], builtin=False)
    return str(info.value)


def glowlint(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["check", "--isolated", "-f", "json", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("glowlint raised") from result.exception
    return result


# -- schema: one line naming file, line, rule and key -----------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"colour": "red"}, "p.yaml:12: rule h-bad: unknown key 'colour' for a claim rule"),
        ({"message": None}, "p.yaml:3: rule h-bad: missing required key 'message'"),
        ({"category": "miracles"},
         "p.yaml:5: rule h-bad: unknown category 'miracles' (see taxonomy.yaml)"),
        ({"phrases": None, "patterns": "['(unclosed']"},
         "p.yaml:11: rule h-bad: invalid regex in patterns: '(unclosed': missing ) at position 9"),
        ({"phrases": "['{nope} cream']"},
         "p.yaml:10: rule h-bad: unknown term {nope} in phrases: '{nope} cream'"),
        ({"phrases": None, "patterns": "['assessed by ']"},
         "p.yaml:11: rule h-bad: pattern in patterns starts or ends with a space, so it can "
         "never match: patterns match whole words: 'assessed by '"),
        ({"severity": "3"}, "p.yaml:6: rule h-bad: 'severity' must be a non-empty string"),
        ({"severity": "critical"},
         "p.yaml:6: rule h-bad: severity must be error, warning or info, not 'critical'"),
        ({"hedge": '"yes"'}, "p.yaml:12: rule h-bad: 'hedge' must be true or false"),
        ({"phrases": "5"}, "p.yaml:10: rule h-bad: 'phrases' must be a list of strings"),
        ({"sources": "nope"},
         "p.yaml:9: rule h-bad: 'sources' must list at least one source with its fact"),
        ({"kind": "magic"},
         "p.yaml:4: rule h-bad: unknown kind 'magic' "
         "(one of: claim, frame, answer, required, metric)"),
        ({"id": "Bad_ID"}, "p.yaml:3: rule Bad_ID: 'id' must be lower-case words joined by "
         "hyphens, like 'no-side-effects'"),
        ({"profiles": "{mars: error}"},
         "p.yaml:12: rule h-bad: unknown profile 'mars' (one of: us, uk, eu, strict)"),
        ({"examples": "{flag: [zorblax]}"},
         "p.yaml:11: rule h-bad: 'examples' needs at least one 'flag' and one 'pass' sentence"),
        ({"kind": "[claim"}, "p.yaml:5: invalid YAML: expected ',' or ']', but got ':'"),
    ],
    ids=["unknown-key", "missing-field", "unknown-category", "invalid-regex", "unknown-term",
         "edge-space",
         "wrong-type", "bad-severity", "wrong-type-bool", "wrong-type-list", "wrong-type-sources",
         "unknown-kind", "bad-id", "unknown-profile", "no-examples", "bad-yaml"],
)
def test_schema_mistake_names_file_line_rule_and_key(
    here: Path, changes: dict[str, str | None], expected: str
) -> None:
    assert load_error(pack(rule_yaml(**changes))) == expected


def test_schema_mistake_on_the_command_line_is_one_line_and_exit_2(here: Path) -> None:
    Path("p.yaml").write_text(pack(rule_yaml(colour="red")))
    result = glowlint("--rules", "p.yaml", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "glowlint: p.yaml:12: rule h-bad: unknown key 'colour' for a claim rule\n")
    assert result.stdout == ""


def test_duplicate_id_in_one_pack(here: Path) -> None:
    assert load_error(pack(rule_yaml(), rule_yaml())) == (
        "p.yaml:12: rule id 'h-bad' is already defined in p.yaml")


def test_duplicate_id_across_packs_and_the_same_pack_twice(here: Path) -> None:
    Path("a.yaml").write_text(pack(rule_yaml()))
    Path("b.yaml").write_text(pack(rule_yaml()))
    with pytest.raises(GlowlintError, match=r"^b.yaml:3: rule id 'h-bad' is already defined in "
                                            r"a.yaml$"):
        load_rules([Path("a.yaml"), Path("b.yaml")], builtin=False)
    result = glowlint("--rules", "a.yaml", "--rules", "a.yaml", "ok.md")  # no loop, no hang
    assert result.exit_code == 2
    assert result.stderr == "glowlint: a.yaml:3: rule id 'h-bad' is already defined in a.yaml\n"


def test_duplicate_key_in_a_rule(here: Path) -> None:
    text = pack(rule_yaml()) + "    kind: required\n"
    assert load_error(text) == "p.yaml:12: duplicate key 'kind'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "p.yaml: a rule pack is a mapping with a 'rules' list"),
        ("- a\n- b\n", "p.yaml: a rule pack is a mapping with a 'rules' list"),
        ("rules: {a: 1}\n", "p.yaml:1: 'rules' must be a list"),
        ("rules: [hello]\n", "p.yaml: each rule must be a mapping"),
        ("rules: []\nincludes: [other.yaml]\n", "p.yaml:2: unknown key 'includes' in a rule pack"),
        ("terms: {t: 5}\nrules: []\n", "p.yaml:1: term 't' must be a pattern or a list of "
         "patterns"),
    ],
    ids=["empty", "a-list", "rules-mapping", "rule-scalar", "include-key", "bad-term"],
)
def test_pack_shape_mistakes(here: Path, text: str, expected: str) -> None:
    assert load_error(text) == expected


def test_pack_not_utf8(here: Path) -> None:
    Path("p.yaml").write_bytes(b"rules: []\n# caf\xe9\n")
    with pytest.raises(GlowlintError, match=r"^p.yaml: not valid UTF-8 at byte 15$"):
        load_rules([Path("p.yaml")], builtin=False)


# -- YAML as an attack -----------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system",
     "!!python/name:os.system", "!!python/module:os"],
)
def test_python_tags_are_refused_and_never_run(here: Path, tag: str) -> None:
    text = f"rules:\n  - {tag} [\"touch pwned\"]\n"
    if tag.startswith(("!!python/name", "!!python/module")):
        text = f"rules:\n  - {tag} ''\n"
    Path("evil.yaml").write_text(text)
    result = glowlint("--rules", "evil.yaml", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "glowlint: evil.yaml:2: invalid YAML: could not determine a constructor for the tag "
        f"'tag:yaml.org,2002:{tag[2:]}'\n"
    )
    assert not Path("pwned").exists()


def _laughs(levels: int = 9) -> list[str]:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a billion laughs hidden where validation would print it (repr) or use it as a key
        ("rules:\n  - x: {" + ", ".join(_laughs()) + "}\n",
         "p.yaml:2: invalid YAML: aliases expand to more than 200,000 values"),
        ("\n".join(_laughs()) + "\n? *a9\n: 1\nrules: []\n",
         "p.yaml:6: invalid YAML: aliases expand to more than 200,000 values"),  # at a5
        ("a0: &a0 {x: 1}\n" + "".join(
            f"a{i}: &a{i} {{<<: [{', '.join([f'*a{i - 1}'] * 10)}]}}\n" for i in range(1, 10))
         + "rules: []\n", "p.yaml:6: invalid YAML: aliases expand to more than 200,000 values"),
        ("rules: &r\n  - *r\n", "p.yaml:1: invalid YAML: an alias refers to itself"),
        ("a: [1]\n? [1, 2]\n: 3\nrules: []\n",
         "p.yaml:2: a key must be a plain name, not a list or mapping"),
        ("rules: " + "[" * 400 + "]" * 400 + "\n", "p.yaml: invalid YAML: nested too deeply"),
    ],
    ids=["billion-laughs", "laughs-as-key", "merge-bomb", "self-reference",
         "complex-key", "deep-nesting"],
)
def test_yaml_bombs_are_refused_quickly(here: Path, text: str, expected: str) -> None:
    start = time.perf_counter()
    assert load_error(text) == expected
    assert time.perf_counter() - start < 10


def test_oversized_pack_is_not_read(here: Path) -> None:
    with open("big.yaml", "wb") as fh:
        fh.write(b"rules: []\n" + b"# padding\n" * (450 * 1024))
    assert load_error(Path("big.yaml").read_text(), "big.yaml") == (
        "big.yaml: too large for a YAML file (over 4 MB)")



def test_endless_rule_file_is_not_read(here: Path) -> None:
    """In a child process with capped memory: a regression fails the test, not the machine."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")

    def cap_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    proc = subprocess.run(
        [sys.executable, "-m", "glowlint", "check", "--isolated", "--rules", "/dev/zero", "ok.md"],
        capture_output=True, timeout=120, preexec_fn=cap_memory,
    )
    assert (proc.returncode, proc.stderr) == (
        2, b"glowlint: /dev/zero: cannot read: a device, not a regular file\n")


# -- patterns that would exhaust memory ------------------------------------------


def test_term_expansion_bomb_is_refused(here: Path) -> None:
    n = 1000  # a 10 kB pack that would expand to a pattern of gigabytes
    text = (
        f"terms:\n  t1: '{'{t2}' * n}'\n  t2: '{'{t3}' * n}'\n  t3: '{'x' * n}'\n"
        + "rules:\n" + rule_yaml(phrases=None, patterns="['{t1}']")
    )
    assert load_error(text) == (
        "p.yaml:14: rule h-bad: pattern in patterns is longer than 200,000 characters once its "
        "terms are expanded: '{t1}'"
    )


@pytest.mark.parametrize(
    "pattern", [r"a{4294967294}", r"(?:a{1000}){1000}", r"(?:(?:(?:a{100}){100}){100}){100}"]
)
def test_huge_counted_repetition_is_refused(here: Path, pattern: str) -> None:
    text = pack(rule_yaml(phrases=None, patterns=f"['{pattern}']"))
    assert load_error(text) == (
        "p.yaml:11: rule h-bad: counted repetitions in patterns multiply to more than 100,000: "
        f"{pattern!r}"
    )


def test_deeply_nested_pattern_is_an_error_not_a_crash(here: Path) -> None:
    pattern = "(?:" * 2000 + "zorblax" + ")" * 2000
    text = pack(rule_yaml(phrases=None, patterns=f"['{pattern}']"))
    assert load_error(text) == (
        "p.yaml:11: rule h-bad: regex in patterns is too deeply nested to compile: "
        f"{pattern[:60]!r}"
    )


def test_ordinary_counted_repetitions_are_accepted(here: Path) -> None:
    Path("p.yaml").write_text(pack(rule_yaml(
        phrases=None, patterns=r"['zor\w{0,20} \w{0,20} \w{0,20} \w{0,20} \w{0,20}', '(?:ab){300}']"
    )))
    assert len(load_rules([Path("p.yaml")], builtin=False).rules) == 1


def test_empty_matching_patterns_do_not_loop(here: Path) -> None:
    Path("p.yaml").write_text(pack(
        rule_yaml(phrases=None, patterns=r"['\b', '(?:)', 'x*']"),
    ))
    rules = load_rules([Path("p.yaml")], builtin=False)
    assert lint_text("The zorblax cream.\n" * 1000, rules=rules) == []


# -- missing and self-referring packs --------------------------------------------


def test_missing_rule_file(here: Path) -> None:
    result = glowlint("--rules", "missing.yaml", "ok.md")
    assert (result.exit_code, result.stderr) == (2, "glowlint: missing.yaml: file not found\n")


def test_rule_file_that_is_a_folder(here: Path) -> None:
    os.mkdir("packs")
    result = glowlint("--rules", "packs", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: packs: cannot read: Is a directory\n"


def test_config_extending_a_missing_pack_or_itself(here: Path) -> None:
    Path("cfg.yaml").write_text("extend-rules: [missing.yaml]\n")
    result = CliRunner().invoke(cli, ["check", "--config", "cfg.yaml", "ok.md"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "missing.yaml" in result.stderr
    assert "cfg.yaml" in result.stderr
    Path("self.yaml").write_text("extend-rules: [self.yaml]\n")
    result = CliRunner().invoke(cli, ["check", "--config", "self.yaml", "ok.md"])
    assert result.exit_code == 2
    assert result.stderr.startswith("glowlint: self.yaml")
    assert result.stderr.count("\n") == 1


# -- catastrophic patterns: bounded in time, reported, the run goes on -----------

SLOW = rule_yaml(id="h-slow", phrases=None, patterns="['(a+)+$']",
                 examples='{flag: ["aaaa"], pass: ["b"]}')
OTHER = rule_yaml(id="h-zorblax", severity="error")
CATASTROPHIC = "The zorblax cream.\n\n" + "a" * 50_000 + "!\n\nAnother zorblax.\n"


def test_catastrophic_pattern_times_out_and_other_rules_still_report(here: Path) -> None:
    Path("p.yaml").write_text(pack(SLOW, OTHER))
    Path("slow.txt").write_text(CATASTROPHIC)
    start = time.perf_counter()
    result = glowlint("--rules", "p.yaml", "--select", "h-slow,h-zorblax", "--rule-timeout",
                      "0.3", "--no-cache", "slow.txt", "ok.md")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1  # the findings; a timeout is not an error
    assert result.stderr == (
        "glowlint: slow.txt: rule h-slow timed out (limit 0.3 s per rule and file); other "
        "rules' findings are reported (incomplete)\n"
    )
    import json

    spans = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)]
    assert spans == [
        ("ok.md", "h-zorblax", 1, 5),
        ("slow.txt", "h-zorblax", 1, 5),
        ("slow.txt", "h-zorblax", 5, 9),
    ]
    assert elapsed < 0.3 + 5  # one time limit, plus loading and a slow machine's slack


def _ruleset(here: Path, *rules: str, limit: float) -> Any:
    Path("p.yaml").write_text(pack(*rules))
    rs = load_rules([Path("p.yaml")], builtin=False)
    rs.time_limit = limit
    return rs


def test_catastrophic_pattern_costs_at_most_the_limit_per_file(here: Path) -> None:
    rs = _ruleset(here, SLOW, OTHER, limit=0.2)
    for _ in range(2):  # each file: the same bound, again
        notices: list[Any] = []
        start = time.perf_counter()
        findings = lint_document(read_text(CATASTROPHIC, "slow.txt"), rs, notices)
        elapsed = time.perf_counter() - start
        assert 0.2 <= elapsed < 0.2 + 1.0  # slack for a busy machine, not for the pattern
        assert [f.rule for f in findings] == ["h-zorblax", "h-zorblax"]
        assert [(n.path, n.partial, n.error) for n in notices] == [("slow.txt", True, False)]


def test_findings_before_the_timeout_are_kept(here: Path) -> None:
    slow = rule_yaml(id="h-slow", phrases=None, patterns="['zorblax|(a+)+$']",
                     examples='{flag: ["aaaa"], pass: ["b"]}')
    rs = _ruleset(here, slow, limit=0.2)
    notices: list[Any] = []
    findings = lint_document(read_text(CATASTROPHIC, "slow.txt"), rs, notices)
    assert [(f.rule, f.line, f.match) for f in findings] == [("h-slow", 1, "zorblax")]
    assert notices[0].message.startswith("rule h-slow timed out")


def test_every_rule_that_times_out_is_named(here: Path) -> None:
    second = SLOW.replace("h-slow", "h-slow-too")
    rs = _ruleset(here, SLOW, second, OTHER, limit=0.1)
    notices: list[Any] = []
    lint_document(read_text(CATASTROPHIC, "slow.txt"), rs, notices)
    assert [n.message for n in notices] == [
        "rules h-slow, h-slow-too timed out (limit 0.1 s per rule and file); other rules' "
        "findings are reported"
    ]


def test_catastrophic_required_rule_times_out(here: Path) -> None:
    required = rule_yaml(
        id="h-required", kind="required", category="missing-sunscreen", phrases=None,
        triggers="['zorblax']", satisfied_by="['(a+)+$']",
        examples='{flag: ["zorblax"], pass: ["zorblax aaaa"]}',
    )
    rs = _ruleset(here, required, limit=0.2)
    notices: list[Any] = []
    start = time.perf_counter()
    assert lint_document(read_text(CATASTROPHIC, "slow.txt"), rs, notices) == []
    assert time.perf_counter() - start < 0.2 + 1.0
    assert notices[0].message.startswith("rule h-required timed out")


def test_timeout_only_file_exits_0_with_a_notice(here: Path) -> None:
    Path("p.yaml").write_text(pack(SLOW))
    Path("slow.txt").write_text("a" * 50_000 + "!\n")
    result = glowlint("--rules", "p.yaml", "--select", "h-slow", "--rule-timeout", "0.2",
                      "--no-cache", "slow.txt")
    assert result.exit_code == 0
    assert result.stderr.endswith("(incomplete)\n")


def test_api_warns_about_a_timeout(here: Path) -> None:
    rs = _ruleset(here, SLOW, OTHER, limit=0.1)
    with pytest.warns(RuntimeWarning, match="rule h-slow timed out"):
        findings = lint_text(CATASTROPHIC, rules=rs)
    assert len(findings) == 2


def test_bounded_pattern_survives_pickling_with_its_bound() -> None:
    pattern = pickle.loads(pickle.dumps(BoundedPattern(regex.compile("(a+)+$"))))
    assert pattern.pattern == "(a+)+$"
    with deadline(0.1), pytest.raises(TimeoutError):
        list(pattern.finditer("a" * 50_000 + "!"))


def test_deadline_already_passed_fails_at_once() -> None:
    pattern = BoundedPattern(regex.compile("a"))
    with deadline(-1), pytest.raises(TimeoutError):
        pattern.search("a")


# -- time limits are kept without signals or timers ------------------------------


def test_no_signal_handler_or_timer_is_taken(tmp_path: Path) -> None:
    """Deadlines use the regex module's timeout= only: a run leaves SIGALRM alone."""
    from click.testing import CliRunner

    from glowlint.cli import cli

    page = tmp_path / "p.md"
    page.write_text("It is painless.\n")
    before = signal.getsignal(signal.SIGALRM) if hasattr(signal, "SIGALRM") else None
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", str(page)])
    assert result.exit_code == 1, result.output
    if hasattr(signal, "SIGALRM"):
        assert signal.getsignal(signal.SIGALRM) is before
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_catastrophic_pattern_in_a_worker_process_times_out(here: Path) -> None:
    Path("p.yaml").write_text(pack(SLOW, OTHER))
    Path("pages").mkdir()
    for i in range(70):  # enough files for worker processes
        Path("pages", f"p{i:02}.txt").write_text("The zorblax cream.\n")
    Path("pages", "slow.txt").write_text(CATASTROPHIC)
    start = time.perf_counter()
    result = glowlint("--rules", "p.yaml", "--select", "h-slow,h-zorblax", "--rule-timeout",
                      "0.3", "--no-cache", "--jobs", "2", "pages")
    assert time.perf_counter() - start < 0.3 + 20
    assert result.exit_code == 1
    assert result.stderr == (
        "glowlint: pages/slow.txt: rule h-slow timed out (limit 0.3 s per rule and file); "
        "other rules' findings are reported (incomplete)\n"
    )
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the CLI gave it back


def test_rule_patterns_are_compiled_once_at_load(here: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    rs = _ruleset(here, OTHER, limit=5)
    sources = {r.pattern.pattern for r in rs.rules}  # type: ignore[attr-defined]
    lint_text("The zorblax cream.", rules=rs)  # a pickled set compiles on first use
    compiled: list[str] = []
    real = regex.compile

    def spy(pattern: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(pattern)
        return real(pattern, *args, **kwargs)

    monkeypatch.setattr(regex, "compile", spy)
    for i in range(20):
        lint_text(f"The zorblax cream number {i}.", rules=rs)
    assert not sources & set(compiled)


# -- the repository is untrusted too ---------------------------------------------


class _Planted:
    """What a malicious repository could commit as .glowlint_cache/results-*."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


def test_a_result_cache_shipped_by_the_repository_runs_no_code(here: Path) -> None:
    import glob

    runner = CliRunner()
    runner.invoke(cli, ["check", "--isolated", "ok.md"])  # learn the cache file's name
    planted = glob.glob(".glowlint_cache/results-*")
    assert planted, "no result cache written"
    assert all(p.endswith(".json") for p in planted)  # data, never code
    marker = here / "code-ran"
    for path in planted:
        Path(path).write_bytes(pickle.dumps(_Planted(str(marker))))
    result = runner.invoke(cli, ["check", "--isolated", "ok.md"])
    assert not marker.exists()
    assert result.exit_code == 0  # a broken cache is ignored, never an error
