"""Lexicon entries and copy, written alike for the scan.

An entry of a lexicon class (``rules/lexicon.yaml``) is a word or a few words;
`entry_forms` spells out every form it matches, and `plain` writes the copy the
same way, character for character, so one scan finds the forms and offsets
hold. linter/lexicon.py documents the entry syntax (``=exact``, ``(a|b)``
choices, ``#`` digits) and how the scan uses the forms.
"""

from __future__ import annotations

from typing import Any

from .lazyre import LazyPattern

# Function words that have no inflections worth adding ("up", "down", "the").
_KEEP_AS_IS = frozenset(
    "a an the of to in on up down out off into onto for from with by at as and or your our "
    "its their my his her own all any every no not never can will".split()
)
# How the copy and the entries are written for the scan, character for character:
# ASCII punctuation and white space as a space (not "%" and "&", which are words
# of their own here), digits as "#". Other characters that are neither letters
# nor digits (emoji, symbols) become spaces by `_NOT_WORD`, in non-ASCII copy.
_KEPT = "%&"
# Footnote marks are spaces too: "pain-free¹" is "pain free".
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2071\u2074\u2075\u2076\u2077\u2078\u2079"
_PLAIN = str.maketrans(
    {c: " " for c in "!\"#$'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c" + _SUPERSCRIPTS
     if c not in _KEPT}
    | {d: "#" for d in "0123456789"}
)
_NOT_WORD = LazyPattern(r"[^\p{L}\p{M}\p{N}%&# ]")  # "#": a digit, by then
_TOKEN = LazyPattern(r"(?:\([^()]*\)\??|[^\s(])+")  # a word, choices glued in
_PART = LazyPattern(r"\(([^()]*)\)(\?)?|[^()]+")


def inflections(word: str) -> set[str]:
    """Every form of one word: lemminflect's, its out-of-vocabulary rules, the word."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    forms = {word}
    if word in _KEEP_AS_IS or not word.isalpha():
        return forms
    known = getAllInflections(word)
    for values in known.values():
        forms.update(values)
    for upos in ("VERB", "NOUN"):
        for values in getAllInflectionsOOV(word, upos).values():
            forms.update(values)
    return {f.lower() for f in forms}


def _plain_bytes() -> bytes:
    """`_PLAIN` and `_NOT_WORD` as one table for text in Latin-1 (most copy)."""
    table = bytearray(range(256))
    for i in range(256):
        ch = chr(i)
        if "0" <= ch <= "9":
            table[i] = ord("#")
        elif not (ch.isalnum() or ch in _KEPT) or ch in _SUPERSCRIPTS:
            table[i] = ord(" ")
    return bytes(table)


_PLAIN_BYTES = _plain_bytes()


def plain(text: str, piece: int = 1 << 16) -> str:
    """``text`` as the scan reads it (`_PLAIN`): same length, so offsets hold.

    Copy that fits in Latin-1 (nearly all) is translated as bytes, a table
    lookup at C speed; other copy character by character. A long text a piece at
    a time: a whole page's substitution took ten times its size (issue 20).
    """
    if len(text) <= piece:
        return _plain_piece(text)
    return "".join(_plain_piece(text[k:k + piece]) for k in range(0, len(text), piece))


def _plain_piece(text: str) -> str:
    from .textmap import prefilter_text

    low = prefilter_text(text)
    try:
        data = low.encode("latin-1")
    except UnicodeEncodeError:  # a few characters beyond Latin-1 (€, dashes, emoji)
        data = _BEYOND_LATIN.sub(_latin, low).encode("latin-1")
    return data.translate(_PLAIN_BYTES).decode("latin-1")


def _latin(m: Any) -> str:
    """A character beyond Latin-1 as the scan reads it: a letter stays a letter
    (no lexicon word holds one, but it still joins a word); anything else is a
    space, as punctuation is."""
    ch = m.group()
    return " " if ch in _SUPERSCRIPTS or not ch.isalnum() else "x"


_BEYOND_LATIN = LazyPattern(r"[^\x00-\xff]")


def _spelled(entry: str) -> list[list[str]]:
    """The choices of an entry, token by token: "(a|b)?" gives ["a", "b", ""], and a
    choice glued to other characters is glued in every option ("(#|##)%")."""
    out = []
    for token in _TOKEN.findall(entry):
        options = [""]
        for m in _PART.finditer(token):
            if m.group(1) is None:
                choices = [m.group()]
            else:
                # a space inside a choice is a word break ("(the )?morning")
                choices = m.group(1).split("|") + ([""] if m.group(2) else [])
            options = [o + c for o in options for c in choices]
        out.append(options)
    return out


def entry_forms(entry: str) -> set[str]:
    """The surface forms of one entry, written as `plain` writes the copy."""
    entry = entry.strip().lower()
    exact = entry.startswith("=")
    forms = {""}
    for options in _spelled(entry[1:] if exact else entry):
        spelled: set[str] = set()
        for option in options:
            words = plain(option.replace("#", "0")).split()  # "#" is a digit
            variants = {""}
            for k, word in enumerate(words):
                # the first and last words carry the inflection ("laid down", "gets rid
                # of", "hair follicles"); the words between are taken as written
                inflected = not exact and (k == 0 or k == len(words) - 1)
                each = inflections(word) if inflected else {word}
                variants = {f"{v} {w}".strip() for v in variants for w in each}
            spelled |= variants
        forms = {f"{f} {w}".strip() for f in forms for w in spelled}
    return {" ".join(f.split()) for f in forms if f.strip()}
