"""Lexicon classes: words that mean one thing to a reviewer, whatever their form.

A frame rule (linter/kinds/frame.py) reads a sentence by the classes of its
words ("nudges" is a *body-action*, "cells" a *body-target*), not by the
phrases a corpus happened to use. Classes are data (``rules/lexicon.yaml``
and the ``lexicon:`` key of any pack, which adds words to a class or defines
a new one).

An entry is a word or a few words. The engine adds every inflection of each
word with `lemminflect` (a morphology library; "lay down" also matches "laid
down", "nudge" matches "nudges", "nudged", "nudging"), so no rule writes
suffix patterns by hand. An entry starting with ``=`` is taken exactly
("=cannot"). A hyphen and a space are the same ("kick-start" = "kick start").
``patterns:`` holds regular expressions (regex module syntax) for what is not
a word list, such as counts ("7 in 10").

Matching is one Aho-Corasick scan of the lower-cased copy for every form of
every class (pyahocorasick, in C), kept to whole words, plus one search per
class that has patterns: linear in the copy whatever the number of words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

# Function words that have no inflections worth adding ("up", "down", "the").
_KEEP_AS_IS = frozenset(
    "a an the of to in on up down out off into onto for from with by at as and or your our "
    "its their my his her own all any every no not never can will".split()
)
# What lower-casing does not fold and the scan must see as a space (same length).
_SPACE = str.maketrans({"-": " ", "\n": " ", "\r": " ", "\t": " ", "\u2010": " ",
                        "\u2011": " ", "\u2013": " ", "\u2014": " "})
MAX_FORMS = 50_000  # every form of every class together; more is a pack error


@dataclass(frozen=True)
class Hit:
    """A word (or words) of a lexicon class at ``[start, end)`` of the copy."""

    start: int
    end: int
    cls: str


@dataclass
class LexiconClass:
    """One class as the YAML wrote it, and where (for error messages)."""

    name: str
    means: str = ""
    words: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    origin: str = ""


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


def entry_forms(entry: str) -> set[str]:
    """The surface forms of one entry: the product of each word's inflections."""
    entry = entry.strip().lower()
    if entry.startswith("="):
        return {" ".join(entry[1:].translate(_SPACE).split())}
    words = entry.translate(_SPACE).split()
    forms = {""}
    for word in words:
        forms = {f"{f} {w}".strip() for f in forms for w in inflections(word)}
    return forms


class Lexicon:
    """Every class's forms and patterns, compiled for one scan per document."""

    def __init__(self, classes: dict[str, LexiconClass]) -> None:
        self.classes = classes
        by_form: dict[str, set[str]] = {}
        for cls in classes.values():
            for entry in cls.words:
                for form in entry_forms(entry):
                    by_form.setdefault(form, set()).add(cls.name)
        if len(by_form) > MAX_FORMS:
            raise ValueError(f"the lexicon has {len(by_form)} word forms (at most {MAX_FORMS})")
        self.forms: dict[str, tuple[str, ...]] = {f: tuple(sorted(c)) for f, c in by_form.items()}
        self.patterns: dict[str, Any] = {
            cls.name: regex.compile(
                r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in cls.patterns) + r")(?!\w)",
                regex.I)
            for cls in classes.values() if cls.patterns
        }
        self._automaton: Any = None
        # what the lexicon matches, as one stable string (the result cache's key)
        content = repr((sorted(self.forms.items()),
                        sorted((k, p.pattern) for k, p in self.patterns.items())))
        self.digest = hashlib.sha256(content.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"Lexicon({self.digest})"

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_automaton"] = None  # rebuilt on first use: a few milliseconds
        return state

    def automaton(self) -> Any:
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for form, names in self.forms.items():
                automaton.add_word(form, (len(form), names))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def scan(self, text: str) -> list[Hit]:
        """Every whole-word occurrence of every class in ``text``, by start."""
        from .scanner import prefilter_text

        low = prefilter_text(text).translate(_SPACE)
        hits: list[Hit] = []
        n = len(low)
        if self.forms:
            for last, (length, names) in self.automaton().iter(low):
                start, end = last + 1 - length, last + 1
                if (start and low[start - 1].isalnum()) or (end < n and low[end].isalnum()):
                    continue
                hits.extend(Hit(start, end, name) for name in names)
        for name, pattern in self.patterns.items():
            hits.extend(Hit(m.start(), m.end(), name) for m in pattern.finditer(text)
                        if m.end() > m.start())
        hits.sort(key=lambda h: (h.start, -h.end, h.cls))
        return hits

    def names(self) -> Iterable[str]:
        return self.classes.keys()


# --------------------------------------------------------------------------- loading

_CLASS_KEYS = frozenset({"means", "words", "patterns"})


def add_classes(classes: dict[str, LexiconClass], raw: Any, path: str, line: int | None
                ) -> None:
    """Add the classes of a ``lexicon:`` mapping (a file's or a pack's) to ``classes``.

    A class that exists already gains the words and patterns; a list stands for
    ``{words: [...]}``. Every mistake is one error naming the file and line.
    """
    from .errors import GlowlintError

    if not isinstance(raw, dict):
        raise GlowlintError("'lexicon' maps a class name to its words", path, line)
    for name, body in raw.items():
        at = getattr(raw, "key_lines", {}).get(name, line)
        if isinstance(body, list):
            body = {"words": body}
        if not isinstance(name, str) or not isinstance(body, dict) or set(body) - _CLASS_KEYS:
            raise GlowlintError(
                f"lexicon class {name!r} takes 'means', 'words' and 'patterns'", path, at)
        lists = {}
        for key in ("words", "patterns"):
            value = body.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise GlowlintError(f"lexicon class {name!r}: {key!r} must be a list of strings",
                                    path, at)
            lists[key] = value
        for pattern in lists["patterns"]:
            try:
                regex.compile(pattern)
            except regex.error as e:
                raise GlowlintError(f"lexicon class {name!r}: invalid pattern {pattern!r}: {e}",
                                    path, at) from None
        cls = classes.setdefault(name, LexiconClass(name, origin=path))
        cls.means = str(body.get("means") or cls.means).strip()
        cls.words += lists["words"]
        cls.patterns += lists["patterns"]


def load_lexicon(path: Any) -> dict[str, LexiconClass]:
    """The built-in classes (``rules/lexicon.yaml``); a missing file is no lexicon."""
    from .errors import GlowlintError
    from .yamlio import load_yaml

    classes: dict[str, LexiconClass] = {}
    if not path.is_file():
        return classes
    data = load_yaml(path)
    if not isinstance(data, dict) or "classes" not in data:
        raise GlowlintError("a lexicon file is a mapping with a 'classes' mapping", str(path))
    add_classes(classes, data["classes"], str(path), getattr(data, "key_lines", {}).get("classes"))
    return classes


def framed(rules: Iterable[Any]) -> list[Any]:
    """The rules that read the lexicon (frame rules)."""
    return [r for r in rules if hasattr(r, "classes") and hasattr(r, "lexicon")]


def bind_lexicon(rules: list[Any], classes: dict[str, LexiconClass], paths: dict[str, str]
                 ) -> Lexicon | None:
    """Give every frame rule the one compiled lexicon; an unknown class is an error."""
    from .errors import GlowlintError

    framed_rules = framed(rules)
    if not framed_rules:
        return None
    for rule in framed_rules:
        unknown = sorted(rule.classes() - set(classes))
        if unknown:
            raise GlowlintError(f"rule {rule.id}: unknown lexicon class {unknown[0]!r} "
                                f"(known: {', '.join(sorted(classes))})",
                                paths.get(rule.id), rule.line)
    try:
        lexicon = Lexicon(classes)
    except ValueError as e:
        raise GlowlintError(str(e), paths.get(framed_rules[0].id)) from None
    for rule in framed_rules:
        rule.lexicon = lexicon
    return lexicon
