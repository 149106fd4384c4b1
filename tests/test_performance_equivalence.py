"""The speed-ups change nothing: single pass, worker processes and both caches.

Findings must be identical with the scanner (`lint_document(..., single_pass=True)`)
and without it, with `--jobs 1` and `--jobs 2`, with and without the result
cache and the rule-set cache. No timings are asserted here (see bench/run.py).
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from run_helpers import count_lints

from glowlint import (
    anchors,
    cache,
    engine,
    lint_text,
    parallel,
    result_cache,
    runner,
    scanner,
    searches,
    textmap,
)
from glowlint import (
    run as run_module,
)
from glowlint.api import default_rules
from glowlint.collected import Collected
from glowlint.context import FOLD
from glowlint.engine import lint_document
from glowlint.files import Target, discover
from glowlint.kinds.claim import ClaimRule
from glowlint.kinds.compile import BoundedPattern
from glowlint.readers import read_bytes, read_text
from glowlint.reporters import html_summary
from glowlint.rules import load_rules
from glowlint.run import Run

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
SAMPLE_FILES = 24


STRICT = default_rules("strict")  # shared, loaded once a process


@pytest.fixture(scope="module")
def strict():  # type: ignore[no-untyped-def]
    return STRICT


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not MAKE_CORPUS.exists():
        pytest.skip("the shared corpus generator is not next to the repository")
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--files", str(SAMPLE_FILES)],
                   check=True, capture_output=True)
    return out


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".html", ".txt"))


def key(findings: list) -> list[tuple]:  # type: ignore[type-arg]
    return [astuple(f) for f in findings]


# --- single pass ------------------------------------------------------------


def test_seeds_single_pass_equals_per_rule(strict) -> None:  # type: ignore[no-untyped-def]
    if not (SHARED / "seeds").is_dir():
        pytest.skip("the shared seeds are not next to the repository")
    assert SEEDS, "no seed documents found"
    total = 0
    for path in SEEDS:
        doc = read_bytes(path.read_bytes(), str(path), "txt")
        fast = lint_document(doc, strict, single_pass=True)
        slow = lint_document(doc, strict, single_pass=False)
        assert key(fast) == key(slow), path.name
        total += len(slow)
    assert total > 0  # the comparison is not vacuous


def test_corpus_single_pass_equals_per_rule(strict, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    total = 0
    for path in corpus_files(corpus):
        doc = read_bytes(path.read_bytes(), str(path), path.suffix[1:])
        fast = lint_document(doc, strict, single_pass=True)
        slow = lint_document(doc, strict, single_pass=False)
        assert key(fast) == key(slow), path
        total += len(slow)
    assert total > 0


def test_rule_examples_single_pass(strict) -> None:  # type: ignore[no-untyped-def]
    """Every rule's own examples: each a document, both ways."""
    for rule in strict.rules:
        for text in rule.examples_flag + rule.examples_pass:
            doc = read_text(text, "<example>", "txt")
            assert key(lint_document(doc, strict)) == key(
                lint_document(doc, strict, single_pass=False)), (rule.id, text)


SPACES = ["  ", "\t", "\n", "\u00a0", " \n\t ", "\u2003", "\r\n"]


def test_rule_examples_with_other_white_space_single_pass(strict) -> None:  # type: ignore[no-untyped-def]
    """Anchors are found in squeezed text (`textmap.squeeze`): every kind and run of
    white space between the words of a claim still finds what the full search finds."""
    total = 0
    for rule in strict.rules:
        for n, text in enumerate(rule.examples_flag):
            spaced = SPACES[n % len(SPACES)].join(text.split(" "))
            doc = read_text(spaced, "<example>", "txt")
            slow = lint_document(doc, strict, single_pass=False)
            assert key(lint_document(doc, strict)) == key(slow), (rule.id, spaced)
            total += len(slow)
    assert total > 0


@given(st.text(alphabet=st.sampled_from("ab \n\t\r\x1c\u2003\xa0"), max_size=60),
       st.integers(1, 7))
@settings(max_examples=300, deadline=None, database=None)
def test_squeeze_piece_by_piece_is_one_space_for_every_run(low: str, piece: int) -> None:
    # pieces of a few characters: a run of white space is never cut in two
    squeezed, _ = textmap.squeeze(low, piece)
    assert squeezed == re.sub(r"\s+", " ", low)


def test_squeeze_maps_spans_and_anchors_back() -> None:
    low = "no  need\n\nto see\ta  doctor"
    text, runs = textmap.squeeze(low)
    assert text == "no need to see a doctor"
    assert runs == [(2, 4, 0), (8, 10, 1), (18, 20, 2)]
    starts = [r[0] for r in runs]
    # a sentence holding any character of a run holds its space
    assert textmap.squeezed(0, runs, starts, False) == 0
    assert textmap.squeezed(3, runs, starts, False) == 2  # inside the first run: its space
    assert textmap.squeezed(9, runs, starts, True) == 8  # an end inside the second: after it
    assert textmap.squeezed(10, runs, starts, False) == 8  # "to": after both runs
    assert text[textmap.squeezed(10, runs, starts, False):].startswith("to see")
    at = [start - removed for start, _, removed in runs]
    # an anchor found in the squeezed text starts, in the text, where its word starts
    assert textmap.unsqueezed(text.index("to see"), runs, at) == low.index("to see")
    assert textmap.unsqueezed(text.index("doctor"), runs, at) == low.index("doctor")
    # ... or, when it starts with a run's space, at that run's last character
    assert textmap.unsqueezed(2, runs, at) == 3
    assert textmap.squeeze("plain text") == ("plain text", [])


def test_squeeze_is_every_run_of_white_space_as_one_space() -> None:
    import random
    import re

    rnd = random.Random(6)
    alphabet = ["a", "b", " ", "\n", "\t", "\u00a0", "\x1c", "\u2028", "\u3000", "\r"]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10)))
        squeezed, runs = textmap.squeeze(text)
        assert squeezed == re.sub(r"\s+", " ", text), repr(text)
        assert [m.span() for m in re.finditer(r"\s\s+", text)] == [r[:2] for r in runs]


def test_white_space_in_patterns_is_one_space_in_anchors() -> None:
    clauses = anchors.find_anchors(r"(?<!\w)you(?:'ll|\s+will)\s+(?:definitely\s+)?see(?!\w)")
    assert clauses is not None
    assert clauses[0] == {"you'll see", "you will see", "you'll definitely see",
                          "you will definitely see"}
    assert anchors.find_anchors(r"no[ \t]*need")[0] == {"no need", "noneed"}


def test_scanner_admits_every_rule_whose_gate_matches(strict) -> None:  # type: ignore[no-untyped-def]
    sc = scanner.scanner_for(strict)
    gated = 0
    for i, rule in enumerate(strict.rules):
        for gate in (s.pattern for s in rule.searched() if s.gate):
            gated += 1
            for text in rule.examples_flag + rule.examples_pass:
                folded = text.translate(FOLD)
                if gate.search(folded):
                    assert i in sc.active(folded), (rule.id, text)
    assert gated == sum(1 for r in strict.rules if r.kind in ("claim", "required"))


# --- the anchors themselves ---------------------------------------------------


def test_anchors_of_phrases_and_inflections() -> None:
    clauses = anchors.find_anchors(r"(?<![\w])(?:no[\s\-]+side[\s\-]+effects?)(?![\w])")
    assert clauses is not None
    assert any(c <= {"effect", "effects", "side", "side effect", "side effects"} for c in clauses)
    inflected = anchors.find_anchors(r"(?<!\w)remov(?:e|es|ed|ing)\s+scars(?!\w)")
    assert inflected is not None
    assert inflected[0] == {"remove scars", "removes scars", "removed scars", "removing scars"}


def test_anchors_give_up_on_what_the_stdlib_reads_otherwise() -> None:
    assert anchors.find_anchors(r"(?:painless){e<=1}") is None  # fuzzy matching
    assert anchors.find_anchors(r"[[:alpha:]]+less") is None  # POSIX class
    assert anchors.find_anchors(r"\p{L}+") is None  # not stdlib syntax
    assert anchors.find_anchors(r"\w+") is None  # no literal at all


def test_optional_and_alternatives_are_sound() -> None:
    import regex

    cases = [r"(?:very\s+)?pain(?:less|-free)", r"(?:a|b)c?", r"x{2,3}yz", r"(?:foo|bar)+baz",
             r"[Kk]elvin", r"ab(?=cd)", r"very\s*pain", r"very[ \t]+\s?pain", r"very\s{2}pain"]
    texts = ["Painless", "PAIN-FREE", "very painless", "ac", "b", "xxyz", "foofoobaz",
             "\u212aelvin", "abcd", "ſab", "very\t\n painless", "verypain", "very\u00a0 pain"]
    for pattern in cases:
        clauses = anchors.find_anchors(pattern)
        compiled = regex.compile(pattern, regex.I)
        for text in texts:
            if clauses is not None and compiled.search(text):
                low = textmap.squeeze(textmap.prefilter_text(text))[0]
                assert all(any(a in low for a in c) for c in clauses), (pattern, text, clauses)


def test_case_odd_letters_reach_the_prefilter() -> None:
    assert textmap.prefilter_text("\u212aILL \u017fAFE \u0130T") == "kill safe it"


def test_fold_is_translate() -> None:
    text = "".join(chr(k) for k in FOLD) + " plain ascii ‘quoted’ — dash\u00a0space"
    assert textmap.fold(text) == text.translate(FOLD)
    assert textmap.fold("plain") == "plain"


# --- alternations searched part by part ---------------------------------------


def _split_pattern(*alternatives: str):  # type: ignore[no-untyped-def]
    import regex

    from glowlint.kinds.compile import FLAGS, BoundedPattern, split
    from glowlint.patterns import whole_words

    sources = [whole_words(f"(?:{a})") for a in alternatives]
    return BoundedPattern(regex.compile("|".join(sources), FLAGS), parts=split(sources))


def test_parts_search_finds_the_alternations_match() -> None:
    # "ab" cannot end at a word boundary in "abc", so the second alternative matches
    # there; on a tie of starts the earlier alternative wins, as in the alternation.
    pattern = _split_pattern(r"ab", r"(?P<w>a\w+)", r"abc", r"c")
    assert len(pattern.parts) == 4
    text = "x abc ab c"
    spans = [(0, len(text), (0, 1, 2, 3))]
    search = searches.parts_search(pattern, spans)
    found = []
    pos = 0
    while (m := search(text, pos)) is not None:
        found.append((m.start(), m.end(), m.group("w")))
        pos = m.end()
    whole = [(m.start(), m.end(), m.group("w")) for m in pattern.finditer(text)]
    assert found == whole == [(2, 5, "abc"), (6, 8, None), (9, 10, None)]
    # Only some parts: the others are known not to match in this sentence.
    assert searches.parts_search(pattern, [(0, len(text), (3,))])(text).span() == (9, 10)


def test_alternatives_that_need_each_other_are_not_split() -> None:
    from glowlint.kinds.compile import split

    for shared in [r"(a)\1", r"(?i)a", r"(?P=name)", r"\g<name>", r"(?(1)a|b)", r"(?1)"]:
        assert split([r"(?P<name>x)", shared]) == (), shared
    assert len(split([r"(?-i:SPF)", r"(?=a)a", r"(?>b)", r"\\1"])) == 4  # scoped, escaped
    assert split(["only"]) == ()


def test_rule_set_cache_keeps_the_parts(tmp_path: Path) -> None:
    first = cache.load_rules_cached(profile="uk", folder=tmp_path)
    again = cache.load_rules_cached(profile="uk", folder=tmp_path)  # from the pickle
    split = [r for r in first.rules if getattr(r, "pattern", None) is not None
             and r.pattern.parts]
    assert len(split) > 20
    by_id = {r.id: r for r in again.rules}
    for rule in split:
        assert [p.pattern for p in by_id[rule.id].pattern.parts] == [
            p.pattern for p in rule.pattern.parts]


def test_whole_text_search_starts_near_the_anchors_and_finds_the_same_matches() -> None:
    import regex

    pattern = regex.compile(r"(?<!\w)(?<!instead of )peels?(?!\w)", regex.I)
    assert anchors.max_width(pattern.pattern, pattern.flags) == 5
    text = "Try a peel instead of peels. Instead of a peel? A peel! " * 3
    starts = [m.start() for m in regex.finditer("peel", text)]
    search = searches.whole_text_search(pattern, [(5, starts, None, -1)])
    found, pos = [], 0
    while (m := search(text, pos)) is not None:
        found.append(m.span())
        pos = m.end()
    assert found == [m.span() for m in pattern.finditer(text)]
    assert len(found) == 9  # "instead of peels" is not a match
    assert searches.whole_text_search(pattern, [(5, [], None, -1)])(text) is None  # no anchor
    assert searches.whole_text_search(pattern, [(None, [], None, -1)])(text).span() == (6, 10)


def test_rules_sharing_a_trigger_search_the_page_once_for_it(strict) -> None:  # type: ignore[no-untyped-def]
    import regex

    class Counted:
        """The same pattern as another rule's: equal source and flags, another object."""

        def __init__(self) -> None:
            self.compiled = regex.compile(r"(?<!\w)peels?(?!\w)", regex.I)
            self.pattern, self.flags, self.calls = self.compiled.pattern, self.compiled.flags, 0

        def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
            self.calls += 1
            return self.compiled.search(text, pos, endpos)

    text = "Our glycolic peel resurfaces dull skin. Book a peel today."
    starts = [m.start() for m in regex.finditer("peel", text)]
    memo: dict[tuple[str, int, int, int | None], Any] = {}
    one, other = Counted(), Counted()
    first = searches.whole_text_search(one, [(5, starts, None, -1)], memo=memo)(text)
    second = searches.whole_text_search(other, [(5, starts, None, -1)], memo=memo)(text)
    assert first is not None and first.span() == second.span() == (13, 17)
    assert (one.calls, other.calls) == (1, 0)
    # and a lint of a page that names a treatment judges each trigger match once
    analysis = engine.analyse(read_text(text, "p.md", "markdown"), strict)
    a = analysis.judge(13, 17, hedge=False, questions=False, distancing=False)
    assert analysis.judge(13, 17, hedge=False, questions=False, distancing=False) is a
    assert analysis.judge(13, 17) is not a  # other options: judged again


def test_max_width_is_unknown_for_unbounded_or_foreign_patterns() -> None:
    # "removes", a space, two words of 40 letters, a comma and a space each, "moles"
    assert anchors.max_width(r"remov(?:e|es) (?:\w{1,40},? ){0,2}moles") == 7 + 1 + 2 * 42 + 5
    assert anchors.max_width(r"remove \w+ moles") is None
    assert anchors.max_width(r"[[:alpha:]]+") is None
    assert anchors.max_width(r"(?<=a{2})b(?=c{9})") == 1  # lookarounds take no width


def test_required_rules_use_the_whole_text_search(strict) -> None:  # type: ignore[no-untyped-def]
    from glowlint.engine import analyse

    doc = read_text("Our microdermabrasion facial. No advice here.", "<t>", "txt")
    analysis = analyse(doc, strict)
    plan = scanner.scanner_for(strict).plan(analysis, strict.rules)
    assert isinstance(plan, scanner.AnchoredPlan)
    searches = plan.searches
    assert {("missing-sunscreen", "trigger"), ("missing-side-effects", "trigger")} <= set(searches)
    rule = strict.by_id()["missing-sunscreen"]
    assert plan.search(rule, "trigger")(analysis.text, 0).group() == "microdermabrasion"


# --- worker processes ---------------------------------------------------------


@pytest.fixture(scope="module")
def some(corpus: Path) -> list[str]:
    """A dozen files of the corpus, for the runner tests."""
    return [str(p) for p in corpus_files(corpus)[::2]]


@pytest.fixture(scope="module")
def plain(some: list[str]) -> Collected:
    """Those files linted sequentially, without caches: the reference."""
    return _outcome(some, jobs=1)


def _outcome(paths: list[str], **kw: object) -> Collected:
    options = runner.Options(paths=paths, profile="strict", **kw)  # type: ignore[arg-type]
    return Run(options, STRICT).collect()




def _same(a: Collected, b: Collected) -> None:
    assert key(a.findings) == key(b.findings)
    assert a.files == b.files
    assert [astuple(n) for n in a.notices] == [astuple(n) for n in b.notices]


def test_jobs_1_and_2_give_the_same_outcome(corpus: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:  # with a notice, so not the fixture
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    (corpus / "zz-binary.txt").write_bytes(b"\0\1\2binary")
    try:
        one = _outcome([str(corpus)], jobs=1)
        two = _outcome([str(corpus)], jobs=2)
    finally:
        (corpus / "zz-binary.txt").unlink()
    _same(one, two)
    assert one.findings and one.notices
    assert one.files == [t.path for t in discover([str(corpus)])]  # discovery order


_CLI_STARTED_BY = (  # glowlint check, its workers started by argv[1], from 2 files on
    "import multiprocessing, sys\n"
    "multiprocessing.set_start_method(sys.argv[1])\n"
    "from glowlint import cli, parallel\n"
    "parallel.MIN_PARALLEL = 2\n"
    "started = parallel._parallel\n"
    "def traced(*args):\n"
    "    pool = started(*args)\n"
    "    print('workers' if pool is not None else 'no pool', file=sys.stderr)\n"
    "    return pool\n"
    "parallel._parallel = traced\n"
    "sys.argv = ['glowlint'] + sys.argv[2:]\n"
    "cli.main()\n"
)


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_not_forked_give_the_same_report(corpus: Path, method: str) -> None:
    """macOS and Windows spawn worker processes, and Python 3.14 on Linux starts them
    from a fork server: workers must need nothing that only a fork would inherit."""
    import multiprocessing

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")

    def check(jobs: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", _CLI_STARTED_BY, method, "check", "--no-cache",
             "--jobs", jobs, str(corpus)],
            capture_output=True, text=True, timeout=120)

    one, two = check("1"), check("2")
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
    assert one.returncode == 1 and one.stdout.count("\n") > 100
    assert (one.stderr, two.stderr) == ("", "workers\n")


def test_parallel_yields_in_target_order(some: list[str], monkeypatch: pytest.MonkeyPatch,
                                         strict) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    files = [Path(p) for p in some]
    targets = [Target(str(p), p.suffix[1:]) for p in reversed(files)]  # any order is kept
    results = list(parallel.lint_targets(targets, strict, jobs=2))
    for target, result in zip(targets, results, strict=True):
        assert all(f.path == target.path for f in result.findings)
    sequential = list(parallel.lint_targets(targets, strict, jobs=1))
    assert [key(r.findings) for r in results] == [key(r.findings) for r in sequential]
    assert [(r.directives, r.lines) for r in results] == [
        (r.directives, r.lines) for r in sequential]


# --- the result cache -----------------------------------------------------------


def test_result_cache_same_findings_and_no_second_lint(
        some: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: Collected
) -> None:
    folder = tmp_path / "rc"
    first = _outcome(some, jobs=1, cache_dir=str(folder))
    _same(plain, first)
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    calls = count_lints(monkeypatch)
    second = _outcome(some, jobs=1, cache_dir=str(folder))
    _same(plain, second)
    assert calls == []  # every file came from the cache
    changed = Path(some[0])
    old = changed.read_bytes()
    try:
        changed.write_bytes(old + b"\n\nThis peel is completely painless.\n")
        third = _outcome(some, jobs=1, cache_dir=str(folder))
        assert calls == [str(changed)]  # only the changed file is linted again
        monkeypatch.undo()  # lint for real again
        _same(_outcome(some, jobs=1), third)
    finally:
        changed.write_bytes(old)


def test_result_cache_corrupt_file_is_ignored(some: list[str], tmp_path: Path,
                                              plain: Collected) -> None:
    folder = tmp_path / "rc"
    _outcome(some[:2], jobs=1, cache_dir=str(folder))
    (entry,) = folder.glob("results-*.json")
    entry.write_bytes(b"not JSON at all")
    _same(plain, _outcome(some, jobs=1, cache_dir=str(folder)))
    entry.write_bytes(b'{"format": 3, "scope": "another scope", "entries": {"k": "wrong"}}')
    assert result_cache.ResultCache(folder, "x").get("k", "p") is None


def test_result_cache_and_jobs_together(some: list[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        plain: Collected) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    _same(plain, _outcome(some, jobs=2, cache_dir=str(tmp_path / "rc")))
    _same(plain, _outcome(some, jobs=2, cache_dir=str(tmp_path / "rc")))


def test_result_scope_changes_with_rules_and_profile(tmp_path: Path) -> None:
    uk, strict_set = load_rules(profile="uk"), load_rules(profile="strict")
    assert result_cache.ruleset_hash(uk) != result_cache.ruleset_hash(strict_set)
    assert result_cache.ruleset_hash(uk) == result_cache.ruleset_hash(load_rules(profile="uk"))
    hashed = result_cache.ruleset_hash
    assert hashed(uk, "max_size=1") != hashed(uk, "max_size=2")


def test_result_scope_ignores_how_equal_strings_are_shared() -> None:
    # Whether two rules' equal pattern sources are one string object is up to the
    # regex module's compile cache; a pickle of the state wrote the two cases
    # differently, and CI saw the same rule set hash apart within one run.
    shared, copied = load_rules(profile="uk"), load_rules(profile="uk")
    source = r"\bpain-?free\b"
    claims = [[r for r in rs.rules if isinstance(r, ClaimRule)][:2] for rs in (shared, copied)]
    for rule in claims[0]:
        rule.pattern = BoundedPattern(None, (source, regex.I))
    claims[1][0].pattern = BoundedPattern(None, (source, regex.I))
    claims[1][1].pattern = BoundedPattern(None, ("".join(list(source)), regex.I))
    assert claims[1][1].pattern.pattern is not claims[1][0].pattern.pattern
    assert result_cache.ruleset_hash(shared) == result_cache.ruleset_hash(copied)


# --- the rule-set cache --------------------------------------------------------

PACK = """\
pack: speed-test
rules:
  - id: speed-test-claim
    kind: claim
    category: pain-free
    severity: warning
    message: test
    basis: test
    sources: [{ref: test, fact: test}]
    phrases: ["{phrase}"]
    examples: {flag: ["It is {phrase}."], pass: ["Nothing."]}
"""


def _pack(path: Path, phrase: str) -> Path:
    path.write_text(PACK.replace("{phrase}", phrase), encoding="utf-8")
    return path


def _fires(ruleset: object, text: str) -> bool:
    doc = read_text(text, "<t>", "txt")
    return any(f.rule == "speed-test-claim" for f in lint_document(doc, ruleset))  # type: ignore[arg-type]


def test_rule_cache_roundtrip_and_invalidation(tmp_path: Path) -> None:
    folder = tmp_path / "uc"
    pack = _pack(tmp_path / "pack.yaml", "wobbly")
    first = cache.load_rules_cached([pack], builtin=False, folder=folder)
    assert len(list(folder.glob("rules-*.pickle"))) == 1
    second = cache.load_rules_cached([pack], builtin=False, folder=folder)  # from the pickle
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert _fires(second, "It is wobbly.") and not _fires(second, "It is steady.")
    _pack(pack, "steady")  # the rule file changes: the cache must not be used
    third = cache.load_rules_cached([pack], builtin=False, folder=folder)
    assert _fires(third, "It is steady.") and not _fires(third, "It is wobbly.")


def test_rule_cache_equivalent_findings(tmp_path: Path, corpus: Path) -> None:
    folder = tmp_path / "uc"
    cache.load_rules_cached(profile="strict", folder=folder)
    cached = cache.load_rules_cached(profile="strict", folder=folder)
    fresh = load_rules(profile="strict")
    for path in corpus_files(corpus)[:6]:
        doc = read_bytes(path.read_bytes(), str(path), path.suffix[1:])
        assert key(lint_document(doc, cached)) == key(lint_document(doc, fresh))


def test_rule_cache_broken_entry_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "uc"
    pack = _pack(tmp_path / "pack.yaml", "wobbly")
    cache.load_rules_cached([pack], builtin=False, folder=folder)
    (entry,) = folder.glob("rules-*.pickle")
    for junk in (b"", b"\x80\x05garbage", pickle.dumps(("other-key", None, {}))):
        entry.write_bytes(junk)
        loaded = cache.load_rules_cached([pack], builtin=False, folder=folder)
        assert _fires(loaded, "It is wobbly.")


def test_rule_cache_unwritable_folder_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    pack = _pack(tmp_path / "pack.yaml", "wobbly")
    loaded = cache.load_rules_cached([pack], builtin=False, folder=blocker / "uc")
    assert _fires(loaded, "It is wobbly.")


def test_cached_rule_set_compiles_patterns_when_used(tmp_path: Path) -> None:
    """The rule-set cache stores patterns compiled, as the regex module pickles them:
    a rule's pattern is rebuilt from that when first used (not compiled from its
    source), and the patterns then find what freshly compiled ones find."""
    from glowlint.kinds.compile import BoundedPattern

    fresh = load_rules(profile="uk")
    cache.load_rules_cached(profile="uk", folder=tmp_path)  # writes the cache
    loaded = cache.load_rules_cached(profile="uk", folder=tmp_path)
    pattern = loaded.by_id()["painless"].pattern
    assert isinstance(pattern, BoundedPattern)
    assert pattern._compiled is None and pattern._frozen is not None  # nothing built yet
    assert result_cache.ruleset_hash(loaded) == result_cache.ruleset_hash(fresh)
    for text in ("It is not painless, but it is almost painless? Clinically proven.",
                 "Our peel is completely painless."):
        assert [f.rule for f in lint_text(text, "txt", rules=loaded)] == \
            [f.rule for f in lint_text(text, "txt", rules=fresh)]
    assert "painless" in [f.rule for f in lint_text(text, "txt", rules=loaded)]
    used = pattern.parts[0]  # "pain[\s-]*less": searched alone (the scanner's parts)
    assert used._compiled is not None and used._compiled.pattern == used.pattern
    # handed on (to a worker process) it stays frozen
    sent = pickle.loads(pickle.dumps(loaded.by_id()["no-pain"].pattern))
    assert sent._compiled is None and sent._frozen is not None


def test_prefilter_finds_every_anchor_overlapping_ones_too() -> None:
    sc = scanner.Scanner.build(load_rules(profile="strict").rules)
    low, _ = textmap.squeeze(textmap.prefilter_text("No side  effects; painless."))
    found = sc.found(low)
    assert found == sorted(found)  # in text order, as `Scanner.prepare` walks them
    # every occurrence of every anchor, found one by one with str.find
    expected = sorted((i, w) for w in sc.anchors for i in range(len(low))
                      if low.startswith(w, i))
    assert found == expected
    assert (8, "effect") in found and (8, "effects") in found  # overlapping
    assert any(w.startswith("pain") for _, w in found)


def test_rule_cache_keeps_the_prefilter(tmp_path: Path) -> None:
    folder = tmp_path / "uc"
    cache.load_rules_cached(profile="strict", folder=folder)
    cached = cache.load_rules_cached(profile="strict", folder=folder)
    sc = scanner.scanner_for(cached)
    fresh = scanner.scanner_for(load_rules(profile="strict"))
    text = textmap.prefilter_text("No side effects: it is painless and clinically proven.")
    assert sc.found(text) == fresh.found(text) != []
    assert pickle.loads(pickle.dumps(sc)).found(text) == sc.found(text)  # e.g. to a worker


def test_user_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path / "x"))
    assert cache.user_cache_dir() == tmp_path / "x"
    monkeypatch.delenv("GLOWLINT_CACHE_DIR")
    if sys.platform not in ("win32", "darwin"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache.user_cache_dir() == tmp_path / "xdg" / "glowlint"


def test_sentence_search_finds_what_the_claim_loop_keeps(strict) -> None:  # type: ignore[no-untyped-def]
    """A claim across a block break is searched again inside its sentence."""
    text = ("SKIN TAG REMOVER\n\nRemove moles at home. Our peel is completely painless. "
            "Is it painless? It is not painless.\n\nPainless")
    doc = read_text(text, "<t>", "txt")
    assert key(lint_document(doc, strict)) == key(lint_document(doc, strict, single_pass=False))


def test_result_cache_same_content_at_two_paths(tmp_path: Path) -> None:
    text = "Our peel is completely painless and has no side effects.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    plain = _outcome(paths, jobs=1)
    assert {f.path for f in plain.findings} == set(paths)
    for _ in range(2):  # filling the cache, then from it
        _same(plain, _outcome(paths, jobs=1, cache_dir=str(tmp_path / "rc")))


def test_cli_cache_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from glowlint.cli import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    page = tmp_path / "page.md"
    page.write_text("# Peels\n\nOur peel is completely painless.\n", encoding="utf-8")

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, ["check", "-f", "json", *args, "page.md"],
                                    catch_exceptions=False)
        return result.exit_code, result.stdout

    plain = run("--no-cache", "--jobs", "1")
    assert not (tmp_path / ".glowlint_cache").exists()
    assert run() == plain == run()  # the default cache folder: filled, then used
    assert (tmp_path / ".glowlint_cache" / ".gitignore").is_file()
    assert run("--cache-dir", "elsewhere", "--jobs", "2") == plain
    assert (tmp_path / "elsewhere" / ".gitignore").is_file()
    assert list((tmp_path / "user-cache").glob("rules-*.pickle"))  # the compiled rule set


# --- the warm run: each file read once, the cache compact ---------------------


def _report(paths: list[str], fmt: str = "text", **kw: object) -> tuple[str, Run]:
    """A whole run as `glowlint check` makes it (without the CLI): report and run."""
    options = runner.Options(paths=paths, profile="strict", jobs=1, fmt=fmt,
                             **kw)  # type: ignore[arg-type]
    run = Run(options)
    return "".join(run.chunks()), run


def test_result_cache_keeps_every_field(tmp_path: Path) -> None:
    """Each field of a finding and a notice comes back from the JSON, at the path asked for."""
    from dataclasses import MISSING, fields, replace

    from glowlint.engine import Notice
    from glowlint.model import Finding, Severity

    full = Finding(path="a.md", line=3, column=4, end_line=5, end_column=6, rule="r",
                   category="c", severity=Severity.INFO, message="m ‘quoted’", match="x\ny",
                   suggestion="s", basis="b", start=7, end=8, fix="f", fix_safe=True,
                   fix_span=(9, 10), note="n", document_type="treatment")
    assert all(getattr(full, f.name) not in (f.default, MISSING) for f in fields(Finding))
    bare = replace(full, suggestion=None, fix=None, fix_span=None, rule="c")
    store = result_cache.ResultCache(tmp_path, "scope")
    store.put("k1", [full, bare], None)
    store.put("k2", [], Notice("a.md", "binary file skipped", error=False))
    store.save()
    again = result_cache.ResultCache(tmp_path, "scope")
    got = again.get("k1", "b.md")
    assert got is not None
    assert key(got[0]) == key([replace(full, path="b.md"), replace(bare, path="b.md")])
    assert got[1] is None
    assert again.get("k2", "c.md") == ([], Notice("c.md", "binary file skipped", error=False))
    assert again.get("k1", "d.md") is not got  # the same content twice: objects of its own


def test_result_cache_of_another_layout_is_ignored(tmp_path: Path) -> None:
    import json

    store = result_cache.ResultCache(tmp_path, "scope")
    old = {"format": cache.FORMAT - 1, "scope": "scope",
           "entries": {"k": [1e12, [["a.md", 1, 1, 1, 2]], None]}}
    store.path.write_text(json.dumps(old), encoding="utf-8")
    assert store.get("k", "a.md") is None  # never an error
    store.put("k2", [], None)
    store.save()
    body = store.path.read_bytes().partition(b"\n")[2]  # after glowlint's header
    assert json.loads(body)["format"] == cache.FORMAT


def test_warm_run_reads_each_file_once(some: list[str], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing for the cache reads a file; the filters and the text report use what that gave."""
    import builtins

    folder = str(tmp_path / "rc")
    plain, _ = _report(some)
    assert _report(some, cache_dir=folder)[0] == plain  # filling the cache
    opened: list[str] = []
    real = builtins.open

    def counting(file: object, *args: object, **kw: object) -> object:
        if str(file) in some:
            opened.append(str(file))
        return real(file, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", counting)
    warm, outcome = _report(some, cache_dir=folder)
    assert warm == plain
    assert sorted(opened) == sorted(some)
    assert outcome.lines  # the lines the text report shows, taken by the lint
    opened.clear()
    assert _report(some)[0] == plain  # linted, not from the cache: read once too
    assert sorted(opened) == sorted(some)


def test_result_cache_and_changed_suppressions(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A suppression comment added, changed or removed is a new content: linted and
    filtered again; the old content, back again, comes from the cache."""
    page = tmp_path / "page.md"
    claim = "# Peels\n\nOur peel is completely painless.\n"
    versions = [
        claim,
        claim.replace("Our", "<!-- glowlint-disable-next-line painless -- approved -->\nOur"),
        claim.replace("Our", "<!-- glowlint-disable-next-line no-such-rule -->\nOur"),
        claim,
    ]
    folder = str(tmp_path / "rc")
    linted = count_lints(monkeypatch)
    reread: list[str] = []  # the files the filters read again for their directives
    real = run_module.with_directives
    monkeypatch.setattr(run_module, "with_directives",
                        lambda path: reread.append(path) or real(path))
    reports = []
    for text in versions:
        page.write_text(text, encoding="utf-8")
        linted.clear()
        expected, _ = _report([str(page)])
        reread.clear()
        warm, _ = _report([str(page)], cache_dir=folder)
        assert warm == expected
        assert bool(reread) == ("glowlint-" in text)
        reports.append((warm, list(linted)))
    assert "[painless]" in reports[0][0] and "[painless]" not in reports[1][0]
    assert "unknown-suppression" in reports[2][0] and "[painless]" in reports[2][0]
    assert [len(paths) for _, paths in reports] == [2, 2, 2, 1]  # the last from the cache


def test_finding_lines_agree_with_the_line_index() -> None:
    from glowlint.model import Finding, LineIndex, Severity, finding_lines

    def at(line: int, start: int) -> Finding:
        return Finding("p", line, 1, line, 1, "r", "c", Severity.INFO, "", "", None, start=start,
                       end=start)

    for source in ["a\nbb\n\nccc\n", "one\r\ntwo\rthree\nfour", "", "x", "\n\n", "é\n✨ b"]:
        index = LineIndex(source)
        findings = [at(index.line(i), i) for i in range(len(source) + 1)]
        expected = {f.line: index.text(f.line) for f in findings}
        assert finding_lines(source, findings) == expected, source
        assert finding_lines(source, findings[::-1]) == expected, source  # any order
    assert finding_lines("a\nb", [at(9, 0)]) == {9: None}  # past the end: no line
    assert finding_lines("a\nb", [at(2, 0)]) == {2: "b"}  # an offset off its line: indexed
    assert finding_lines("a\nb", [at(1, 99)]) == {1: "a"}


def test_text_report_plain_is_the_coloured_one_unstyled(some: list[str]) -> None:
    """The plain text is formatted in one go, the coloured one piece by piece: same text."""
    import click

    from glowlint.model import Finding, Severity
    from glowlint.reporters import text

    outcome = Run(runner.Options(paths=some, profile="strict", jobs=1)).collect()
    cases = [(f, outcome.lines[f.path].get(f.line)) for f in outcome.findings]
    assert cases
    edge = Finding("p", 2, 3, 4, 1, "r", "missing-x", Severity.INFO, "m", "x", "add this",
                   fix="y", fix_span=(1, 2), note="softened")  # across lines, every part
    cases += [(edge, "\ttabs\tand " + "long " * 40), (edge, None), (edge, "")]
    for f, line in cases:
        for unsafe in (False, True):
            for advice in (frozenset(), frozenset({"missing-x"})):
                coloured = text._finding(f, line, True, unsafe, advice)
                assert click.unstyle(coloured) == text._finding(f, line, False, unsafe, advice)


def test_findings_are_made_without_reference_cycles(some: list[str], tmp_path: Path) -> None:
    """`glowlint check` makes its findings with the cyclic garbage collector off
    (linter/cli.py): linting, the result cache and the filters must leave no cycles,
    or memory would grow with the tree."""
    import gc

    suppressed = tmp_path / "suppressed.md"
    suppressed.write_text(
        "<!-- glowlint-disable-next-line painless -- ok until 2020-01-01 -->\n"
        "Our peel is completely painless.\n\n```\n<!-- glowlint-disable -->\n```\n"
        "<!-- glowlint-disable no-such-rule -->\nNo downtime.\n<!-- glowlint-enable -->\n",
        encoding="utf-8")
    paths = [*some, str(suppressed)]
    for kw in ({}, {"cache_dir": str(tmp_path / "rc")}, {"cache_dir": str(tmp_path / "rc")}):
        options = runner.Options(paths=paths, profile="strict", jobs=1, **kw)  # type: ignore[arg-type]
        ruleset = runner.load(options)
        Run(options, ruleset).collect()  # once: first-use caches
        gc.collect()
        gc.disable()
        try:
            outcome = Run(options, ruleset).collect()
            assert outcome.findings
            assert gc.collect() == 0, kw
        finally:
            gc.enable()


def test_cli_leaves_the_garbage_collector_as_it_was(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from click.testing import CliRunner

    from glowlint.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("Our peel is completely painless.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "page.md"])
    assert result.exit_code == 1 and "[painless]" in result.stdout
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_html_report_is_the_same_whether_the_lint_took_the_advice_or_not(
        some: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checklist's states come from the lint workers (`advice_states`), from the
    report when a result came from the cache, or (a fixed file) read anew: one page."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    fresh = _outcome(some, jobs=1, fmt="text")
    assert fresh.advice == {}  # only the HTML report asks for them
    took = _outcome(some, jobs=2, fmt="html")
    assert set(took.advice) == set(some)
    for path, states in took.advice.items():  # what the report would work out itself
        doc = read_bytes(Path(path).read_bytes(), path, Path(path).suffix[1:])
        assert states == html_summary._advice(doc, STRICT)
    folder = str(tmp_path / "rc")
    _outcome(some, jobs=1, cache_dir=folder)
    cached = _outcome(some, jobs=1, cache_dir=folder, fmt="html")
    assert cached.advice == {}  # results from the cache carry none: the report works them out
    reports = ["".join(Run(runner.Options(paths=some, profile="strict", fmt="html",
                                          **kw), STRICT).chunks())  # type: ignore[arg-type]
               for kw in ({"jobs": 1}, {"jobs": 2}, {"jobs": 1, "cache_dir": folder})]
    assert reports[0] == reports[1] == reports[2]
    assert reports[0].count('class="gl-checklist"') == len(some)
