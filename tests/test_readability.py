"""The reading grade counted a piece at a time is textstat's grade, to the last bit."""

from __future__ import annotations

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from glowlint import lint_text
from glowlint.kinds import metric
from glowlint.kinds.metric import _WORD, word_count
from glowlint.readability import GRADES, Counts, counts
from glowlint.rules import RuleSet

# Tokens that stress each count: apostrophes textstat keeps ("it's", "we've") or
# drops ("'quoted'", "'S", "''"), tokens without a letter, sentence ends and
# abbreviations, white space that is not a plain space, letters beyond ASCII.
TOKENS = ["Microdermabrasion", "skin", "a", "it's", "clients'", "'quoted'", "we've", "they'll",
          "you're", "'d", "'S", "''s", "'", "'v", "e.g.", "Dr.", "-", "—", "&", "£50", "10%",
          "...", "?!", "!", ".", ",", "(", "’s", "\u00e9l\u00e8ve", "\u0301", "ΣΑΣ", "2", "x.y",
          "_", " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u2028", "\x1c"]
TEXTS = st.one_of(st.lists(st.sampled_from(TOKENS), max_size=150).map("".join),
                  st.text(max_size=300))


# sentences of two words or fewer once punctuation is gone: textstat does not count them
SHORT = ["' ' a. Skin is soft here.", "''s x y. 'S 'v z. Don't go!", "a ' b. c d e", ""]


def textstat_counts(text: str) -> Counts:
    return Counts(textstat.char_count(text), textstat.lexicon_count(text, removepunct=False),
                  textstat.lexicon_count(text), textstat.letter_count(text),
                  textstat.sentence_count(text))


@pytest.mark.parametrize("text", SHORT)
def test_each_count_is_textstats(text: str) -> None:
    assert counts(text) == counts(text, 1) == textstat_counts(text)


@given(TEXTS, st.integers(1, 9))
@settings(max_examples=500, deadline=None, database=None)
def test_grades_from_counts_in_pieces_are_textstats(text: str, piece: int) -> None:
    assert counts(text, piece) == textstat_counts(text)
    for measure, grade in GRADES.items():
        want = getattr(textstat, measure)(text)
        assert grade(counts(text, piece)) == want, measure
        assert grade(counts(text)) == want, measure


def test_a_run_on_sentence_is_graded_as_textstat_grades_it() -> None:
    run_on = ("our clinic's peel, which we've offered since 2010, suits every skin type and "
              "leaves it soft ") * 400
    for text in (run_on, run_on + ". Book now. It's easy!", "x " * 2 + "." + run_on):
        for measure, grade in GRADES.items():
            assert grade(counts(text, 64)) == getattr(textstat, measure)(text)


@given(st.text(alphabet=st.sampled_from("ab1'’-é. \n\t\u2028\xa0"), max_size=80),
       st.integers(1, 9))
@settings(max_examples=300, deadline=None, database=None)
def test_words_are_counted_piece_by_piece_as_findall_finds_them(text: str, piece: int) -> None:
    for start, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
        assert word_count(text, start, end, piece) == len(_WORD.findall(text, start, end))


def test_long_prose_gets_the_grade_and_the_findings_textstat_gives(
    ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    hard = ("Microdermabrasion constitutes a minimally invasive dermatological resurfacing "
            "methodology, and concomitant vacuum extraction eliminates desquamated "
            "keratinocytes ") * 300  # one run-on sentence of 40 KB
    pages = [hard, hard.replace("keratinocytes ", "keratinocytes. "), f"# Peels\n\n{hard}"]
    textstat_graded: list[tuple[str, ...]] = []
    monkeypatch.setattr(metric, "TEXTSTAT_MAX", 10**9)
    for page in pages:
        textstat_graded.append(tuple(f.message for f in lint_text(page, "md", rules=ruleset)
                                     if f.category == "readability"))
    monkeypatch.setattr(metric, "TEXTSTAT_MAX", 1000)
    assert [tuple(f.message for f in lint_text(page, "md", rules=ruleset)
                  if f.category == "readability") for page in pages] == textstat_graded
    assert all(any("reading grade" in m for m in messages) for messages in textstat_graded)
