"""textstat's syllable-free reading grades, counted a piece at a time.

textstat 0.7.8 computes a grade from five counts of the text (characters,
tokens, words, letters, sentences), but gets them by holding every word of the
text as a string of its own in a list (about 30 times a one-line page's size)
and keeps the text and the list in its caches after it returns. Here the same
counts are made by the same regular expressions over pieces of the text that
end just after white space (no token is cut), and over textstat's sentences
one at a time; the grades are its formulas, computed in the same order, so
the float is the same (tests/test_readability.py compares them with textstat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from .textmap import pieces

# textstat's own expressions (backend/utils/constants.py, backend/transformations,
# backend/counts/_count_sentences.py)
_NON_CONTRACTION = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_NOT_A_LETTER = re.compile(r"[^\w\s]")  # remove_punctuation(rm_apostrophe=True)
_SPACE = re.compile(r"\s")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# a token that keeps a character once textstat removes punctuation: a word character,
# or an apostrophe of a contraction ("'s", "'ll" ...); matched from the token's start
_WORD_TOKEN = re.compile(r"(?:[^\w\s']|'(?![tsd]|ve|ll|re))*(?:\w|'(?=[tsd]|ve|ll|re))\S*")


@dataclass(frozen=True)
class Counts:
    """What textstat counts in a text."""

    chars: int  # characters but white space (count_chars, ignore_spaces)
    tokens: int  # pieces between white space (count_words, rm_punctuation=False)
    words: int  # tokens left once punctuation is removed (count_words)
    letters: int  # word characters (count_letters)
    sentences: int  # count_sentences


def counts(text: str, piece: int = 1 << 14) -> Counts:
    """textstat's counts of ``text``, holding at most a piece of it as words at a time."""
    chars = tokens = words = letters = 0
    for part in pieces(text, piece):
        tokens += len(part.split())
        # count_words: non-contraction apostrophes first, then the rest of the punctuation
        words += len(_PUNCTUATION.sub("", _NON_CONTRACTION.sub("", part)).split())
        solid = _SPACE.sub("", part)
        chars += len(solid)
        letters += len(_NOT_A_LETTER.sub("", solid))
    return Counts(chars, tokens, words, letters, sentence_count(text))


def sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: its sentences but those of at most two words.

    Each sentence's words are counted up to three, within it, so a run-on
    sentence of megabytes is neither copied nor split."""
    if not text:
        return 0
    found = short = 0
    for m in _SENTENCE.finditer(text):
        found += 1
        if sum(1 for _ in islice(_WORD_TOKEN.finditer(text, m.start(), m.end()), 3)) <= 2:
            short += 1
    return max(1, found - short)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def automated_readability_index(c: Counts) -> float:
    """textstat's ``automated_readability_index`` (metrics/_automated_readability_index.py)."""
    a = _ratio(c.chars, c.tokens)
    b = _ratio(c.words, c.sentences)
    if a == 0 or b == 0:
        return 0.0
    return (4.71 * a) + (0.5 * b) - 21.43


def coleman_liau_index(c: Counts) -> float:
    """textstat's ``coleman_liau_index`` (metrics/_coleman_liau_index.py)."""
    letters = _ratio(c.letters, c.words) * 100
    sentences = _ratio(c.sentences, c.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


GRADES = {
    "automated_readability_index": automated_readability_index,
    "coleman_liau_index": coleman_liau_index,
}
