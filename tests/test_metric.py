"""`metric` rules (rules/readability.yaml): reading grade and sentence length with textstat."""

from __future__ import annotations

import json
import re
import socket
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import lint_text
from glowlint.errors import GlowlintError
from glowlint.kinds.metric import MetricRule, ari_ceiling, token_counts
from glowlint.model import Finding, Severity
from glowlint.rules import RuleSet, load_rules

HARD = (
    "Microdermabrasion constitutes a minimally invasive dermatological resurfacing methodology. "
    "Aluminium oxide microcrystals progressively exfoliate the stratum corneum. "
    "Concomitant vacuum extraction eliminates desquamated keratinocytes. "
) * 5  # 110 words of long words in mid-length sentences
EASY = "Our facial takes half an hour. It leaves your skin soft. You can go back to work. " * 8
LONG_SENTENCE = (
    "Our therapists will look at your skin, ask about the products you use at home, explain "
    "what the treatment can and cannot do for you, and then agree a plan with you that fits "
    "your budget and your diary."
)


def readability(text: str, ruleset: RuleSet, fmt: str = "txt") -> list[Finding]:
    return [f for f in lint_text(text, fmt, rules=ruleset) if f.category == "readability"]


def grade_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if "reading grade" in f.message]


def test_builtin_rule_uses_a_syllable_free_measure(ruleset: RuleSet) -> None:
    rule = ruleset.by_id()["hard-to-read"]
    assert isinstance(rule, MetricRule)
    assert rule.measure in ("automated-readability-index", "coleman-liau-index")
    assert rule.severity is Severity.INFO
    assert rule.max_grade == 10 and rule.max_sentence_words == 30 and rule.min_words == 100


def test_grade_above_threshold_is_flagged_with_info(ruleset: RuleSet) -> None:
    [f] = grade_findings(readability(HARD, ruleset))
    assert f.rule == "hard-to-read"
    assert f.severity is Severity.INFO
    assert "automated-readability-index" in f.message and "target is 10" in f.message
    first = ("Microdermabrasion constitutes a minimally invasive dermatological resurfacing "
             "methodology.")
    assert (f.line, f.column, f.match) == (1, 1, first)


def test_easy_copy_gets_no_grade_finding(ruleset: RuleSet) -> None:
    assert len(EASY.split()) >= 100
    assert readability(EASY, ruleset) == []


def test_long_sentence_is_flagged_at_its_exact_span(ruleset: RuleSet) -> None:
    text = f"# Your first visit\n\nIt takes an hour. {LONG_SENTENCE} Then we begin.\n"
    [f] = readability(text, ruleset, "md")
    assert f.rule == "hard-to-read" and f.severity is Severity.INFO
    assert f.match == LONG_SENTENCE
    start = text.index(LONG_SENTENCE) - text.index("It takes")
    assert (f.line, f.column) == (3, start + 1)
    assert (f.end_line, f.end_column) == (3, start + 1 + len(LONG_SENTENCE))
    assert "39 words" in f.message


def test_the_shortest_sentence_over_the_word_limit_is_flagged(ruleset: RuleSet) -> None:
    """31 one-letter words fit in 61 characters: once 100 words are counted, a sentence
    that short must still be counted, not skipped as too short to break the limit."""
    tight = " ".join("a" * 31)  # a line of its own: the sentence is exactly these
    assert len(tight) == 61
    text = EASY + "\n\n" + tight + "\n"
    [f] = readability(text, ruleset)
    assert f.match == tight and "31 words" in f.message


def test_short_document_is_not_measured(ruleset: RuleSet) -> None:
    short = HARD.split(". ")[0] + ". " + HARD.split(". ")[1] + "."
    assert len(short.split()) < 100
    assert readability(short, ruleset) == []


def test_textstat_makes_no_network_access(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("textstat tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # import textstat afresh under the block, as the first lint of a run does
    for name in [m for m in sys.modules if m == "textstat" or m.startswith("textstat.")]:
        monkeypatch.delitem(sys.modules, name)
    [f] = grade_findings(readability(HARD, ruleset))
    assert f.severity is Severity.INFO


def _pack(tmp_path: Path, measure: str, extra: str = "") -> Path:
    pack = tmp_path / "metric.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: grade\n"
        "    kind: metric\n"
        "    category: readability\n"
        "    severity: info\n"
        "    message: Hard to read.\n"
        "    basis: test\n"
        "    sources: [{ref: x, fact: y}]\n"
        f"    measure: {measure}\n"
        f"{extra}",
        encoding="utf-8",
    )
    return pack


def test_coleman_liau_and_thresholds_from_the_rule(tmp_path: Path) -> None:
    rules = load_rules([_pack(tmp_path, "coleman-liau-index", "    max-grade: 40\n")],
                       builtin=False)
    assert readability(HARD, rules) == []  # grade ~35 is under this rule's 40
    pack = _pack(tmp_path, "coleman-liau-index", "    max-grade: 8\n    min-words: 20\n")
    rules = load_rules([pack], builtin=False)
    [f] = readability(HARD, rules)
    assert "coleman-liau-index" in f.message


def test_syllable_based_measures_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GlowlintError, match="unknown measure"):
        load_rules([_pack(tmp_path, "flesch-kincaid-grade")], builtin=False)


# Text built to stress the counts behind textstat's grade: abbreviations that
# cut sentences, tokens without letters, apostrophes it keeps or drops, white
# space that is not a plain space, pieces of one or two words.
GRADE_TOKENS = ["Microdermabrasion", "skin", "a", "it's", "clients'", "'quoted'", "e.g.", "Dr.",
                "-", "—", "&", "£50", "10%", "...", "?!", "!", ".", ",", ":", "(", ")", "’s",
                "\u00e9l\u00e8ve", "\u0301", "2", "x.y", " ", " ", " ", "  ", "\n", "\t",
                "\u00a0", "\u2003", "\u2028", "\x1c"]


@given(st.one_of(st.lists(st.sampled_from(GRADE_TOKENS), max_size=120).map("".join),
                 st.text(max_size=300)))
@settings(max_examples=400, deadline=None, database=None)
def test_ari_ceiling_is_never_below_textstats_grade(text: str) -> None:
    import textstat

    assert ari_ceiling(text) >= textstat.automated_readability_index(text)


@given(st.text(alphabet=st.sampled_from("ab. \n\t\x1c\u2028\xa0"), max_size=80),
       st.integers(1, 9))
@settings(max_examples=300, deadline=None, database=None)
def test_tokens_are_counted_piece_by_piece_as_split_counts_them(text: str, chunk: int) -> None:
    # pieces of a few characters: every cut falls next to a token
    tokens = text.split()
    assert token_counts(text, chunk) == (len(tokens), sum(map(len, tokens)))


def test_ari_ceiling_counts_characters_and_tokens_as_textstat_does() -> None:
    # textstat removes re's \s; the ceiling drops what str.split() splits at: the same characters
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert "".join(re.findall(r"\s", every)) == "".join(c for c in every if c.isspace())
    import textstat

    # tokens of words only, sentences of three words or more: the ceiling is the grade
    assert ari_ceiling(HARD) == pytest.approx(textstat.automated_readability_index(HARD))
    assert ari_ceiling("") == 0.0 and ari_ceiling(" - . ") == 0.0


def test_copy_under_the_ceiling_is_not_measured_by_textstat(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[str] = []
    real = MetricRule.grade

    def grade(self: MetricRule, text: str) -> float:
        measured.append(text)
        return real(self, text)

    monkeypatch.setattr(MetricRule, "grade", grade)
    assert readability(EASY, ruleset) == []
    assert measured == []  # the ceiling proved it within the limit
    [f] = grade_findings(readability(HARD, ruleset))
    assert len(measured) == 1 and "reading grade" in f.message


def test_findings_are_the_same_without_the_ceiling(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [HARD, EASY, f"# Visit\n\n{LONG_SENTENCE} {EASY}", HARD.replace(". ", ", - ")]
    corpus = Path(__file__).parents[2] / "shared" / "corpus" / "dev.jsonl"
    if corpus.exists():
        pages += [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()]
    with_ceiling = [readability(page, ruleset, "md") for page in pages]
    monkeypatch.setattr("glowlint.kinds.metric.ari_ceiling", lambda text: float("inf"))
    assert [readability(page, ruleset, "md") for page in pages] == with_ceiling
    assert any(grade_findings(findings) for findings in with_ceiling)
