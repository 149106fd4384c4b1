"""metric: a measured property of the copy is out of bounds (readability).

Reading grade comes from textstat's syllable-free formulas (Automated
Readability Index, Coleman-Liau): they need no pronunciation dictionary, so
the check never touches the network. textstat is asked only when a document
is long enough to be measured and its grade could be over the limit: for most
copy `ari_ceiling`, an upper bound of the ARI counted at C speed, proves it
is not. (Syllable-based formulas such as Flesch-Kincaid load a pronunciation
dictionary, about 0.7 s, and are deliberately not offered. textstat is pinned
at 0.7.8: later versions download data from the internet.)

Keys: ``measure`` (``automated-readability-index`` or ``coleman-liau-index``),
``max-grade`` (the document's grade above which it is flagged, once, at its
first sentence), ``max-sentence-words`` (every longer sentence is flagged at
its span; 0 turns the check off) and ``min-words`` (shorter documents get no
grade: the formulas are unreliable on a few sentences).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..lazyre import LazyPattern
from ..model import Document, Finding
from ..spans import Spans
from ..textmap import pieces
from .base import Rule

if TYPE_CHECKING:
    from ..context import Analysis
    from .plan import SearchPlan

MEASURES = {
    "automated-readability-index": "automated_readability_index",
    "coleman-liau-index": "coleman_liau_index",
}
# a word, as the metric counts them: compiled with each rule (`MetricRule.words`), and
# cached with the rule set, not in every process
WORD = r"[\p{L}\p{N}][\p{L}\p{N}'’-]*"
_WORD = LazyPattern(WORD)
# textstat's sentences (backend/counts/_count_sentences.py); a token holding a word character
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORDY_TOKEN = re.compile(r"\w\S*")
_SPACE = LazyPattern(r"\s", stdlib=True)  # what str.split splits at (str.isspace)
TEXTSTAT_MAX = 1 << 14  # characters of prose textstat grades itself


def ari_ceiling(text: str) -> float:
    """An upper bound of textstat's ``automated_readability_index(text)``, at a third of the cost.

    Most copy is well below the limit, and textstat spends about 0.5 ms a page
    proving it (two regex substitutions per sentence), an eighth of a page's
    lint. Its ARI is ``4.71 * chars / tokens + 0.5 * words / sentences - 21.43``
    (0.0 when either ratio is 0). Chars (every character but white space) and
    tokens (split at white space) are counted here as textstat counts them.
    Its words are the tokens left once it deletes punctuation, which deletes no
    word character and no white space: at most the tokens. Its sentences are
    the pieces of `_TEXTSTAT_SENTENCE` holding more than two such words: at
    least those holding more than two tokens with a word character. Fewer
    words and more sentences only lower the grade, so a ceiling at or below
    the limit proves that textstat would find the copy within it.
    """
    tokens, chars = token_counts(text)  # re's \s, which textstat removes, is str.isspace
    if not tokens:
        return 0.0
    wordy = _WORDY_TOKEN.finditer  # the first three of a sentence: not a list of them all
    sentences = sum(1 for m in _TEXTSTAT_SENTENCE.finditer(text)
                    if len(list(islice(wordy(text, m.start(), m.end()), 3))) > 2)
    ceiling = (4.71 * (chars / tokens)) + (0.5 * (tokens / max(1, sentences))) - 21.43
    return max(ceiling, 0.0)


def token_counts(text: str, chunk: int = 1 << 14) -> tuple[int, int]:
    """``len(text.split())`` and the characters of those tokens, a piece at a time.

    The list of every token of a 10 MB page would take about nine times its size;
    each piece ends just after a white space character, so no token is cut.
    """
    tokens = chars = 0
    for part in pieces(text, chunk):
        words = part.split()
        tokens += len(words)
        chars += sum(map(len, words))
    return tokens, chars


def word_count(text: str, start: int, end: int, piece: int = 1 << 14, words: Any = None
               ) -> int:
    """``len(_WORD.findall(text, start, end))``, a piece at a time: a run-on sentence's
    list of words took about 30 times its size. Pieces end just after white space,
    which no word holds. ``words``: `_WORD` compiled (None: compiled here)."""
    n, findall = 0, (words or _WORD).findall
    while end - start > piece:
        space = _SPACE.search(text, start + piece, end)
        if space is None:
            break
        n += len(findall(text, start, space.end()))
        start = space.end()
    return n + len(findall(text, start, end))


def _textstat() -> Any:
    """textstat, imported when a document first needs its grade (most never do, see
    `ari_ceiling`). The pinned 0.7.8 imports its pronunciation dictionary but never
    downloads anything (tests/test_no_network.py)."""
    import textstat

    return textstat


def _prose(text: str, sentences: Spans, chunk: int = 1024) -> str:
    """The sentences joined by a space, a thousand at a time: joining them all at once
    holds every sentence as a string of its own, twice the page's size."""
    return " ".join(" ".join(_terminated(text[s:e]) for s, e in sentences[k:k + chunk])
                    for k in range(0, len(sentences), chunk))


def _terminated(sentence: str) -> str:
    """A heading, list item or alt text ends a sentence too, as it does for a reader.

    textstat counts sentences by their final punctuation: without a full stop
    a heading would run into the next sentence and inflate the grade.
    """
    return sentence if sentence[-1:] in ".!?…" else sentence + "."


@dataclass(eq=False)
class MetricRule(Rule):
    """A metric rule: a measure of the copy (a reading grade) over its bound is a finding."""

    measure: str = "automated-readability-index"
    max_grade: float = 10.0
    max_sentence_words: int = 0
    min_words: int = 100
    words: Any = None  # `WORD` compiled, kept with the rule in the rule-set cache

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"measure", "max-grade", "max-sentence-words", "min-words"}
    )
    NEEDS_EXAMPLES: ClassVar[bool] = False  # a grade needs a long document
    KEYS_HEADING: ClassVar[str] = "Measures"

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        measure = where.string(data, "measure", "automated-readability-index")
        if measure not in MEASURES:
            where.fail(f"unknown measure {measure!r} (one of: {', '.join(MEASURES)})", "measure")
        return {
            "measure": measure,
            "max_grade": where.number(data, "max-grade", 10.0),
            "max_sentence_words": int(where.number(data, "max-sentence-words", 0)),
            "min_words": int(where.number(data, "min-words", 100)),
            "words": regex.compile(WORD),
        }

    def grade(self, text: str) -> float:
        """textstat's grade; of long prose, from its counts made a piece at a time
        (`readability`: textstat would hold every word as a string, and keep them)."""
        if len(text) > TEXTSTAT_MAX:
            from ..readability import GRADES, counts  # long prose only: most pages never need it

            return GRADES[MEASURES[self.measure]](counts(text))
        return float(getattr(_textstat(), MEASURES[self.measure])(text))

    def context_text(self) -> str:
        return "Measured on the whole copy of a document and on each sentence."

    def configure(self, config: Any) -> MetricRule:
        """The configuration's ``readability`` thresholds (``max-grade``, ...) in force."""
        settings = getattr(config, "readability", None)
        if not settings:
            return self
        shaped = copy.copy(self)
        for key, value in settings.items():
            attr = key.replace("-", "_")
            setattr(shaped, attr, int(value) if attr != "max_grade" else value)
        return shaped

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        text = analysis.text
        # analysis.sentences() are trimmed and never empty
        sentences = analysis.sentences(doc.copy.is_mapped)  # arrays: 16 bytes a sentence
        limit, enough = self.max_sentence_words, self.min_words
        # limit + 1 words need 2 * limit + 1 characters (one-letter words, one between)
        shortest = 2 * limit  # so a sentence this long or shorter cannot break the limit
        words = 0  # in the document so far: the grade needs ``enough``
        for s, e in sentences:
            if words >= enough and (not limit or e - s <= shortest):
                continue  # counted enough, and too short to hold more words than allowed
            n = word_count(text, s, e, words=self.words)
            words += n
            if limit and n > limit:
                yield self.finding(
                    doc, s, e,
                    message=f"This sentence has {n} words; readers of consumer copy "
                    f"follow sentences of up to {limit} words best.",
                    suggestion="Split it into two or three shorter sentences.",
                )
        if words < enough:
            return
        # The words of the prose are those of its sentences: " " and "." join no words.
        prose = _prose(text, sentences)
        if self.measure == "automated-readability-index" and ari_ceiling(prose) <= self.max_grade:
            return  # cannot be above the limit: textstat need not measure it
        grade = self.grade(prose)
        if grade > self.max_grade and sentences:
            s, e = sentences[0]
            yield self.finding(
                doc, s, e,
                message=f"{self.message} (reading grade {grade:.1f}, {self.measure}; "
                f"the target is {self.max_grade:g} or lower)",
            )
