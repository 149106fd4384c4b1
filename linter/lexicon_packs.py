"""Lexicon classes read from YAML and given to the rules that read them.

The built-in classes and document types are ``rules/lexicon.yaml``; any pack
adds words to a class or defines a new one with its ``lexicon:`` key. Every
mistake is one error naming the file and line. Once every pack is read, one
`Lexicon` is compiled and bound to each frame rule and each advice rule that
names document types.

Imported only to compile a rule set (`rules.load_rules`): a rule set from the
cache never reads a lexicon file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

from .doctypes import names as type_names
from .lexicon import Lexicon
from .lexicon_records import LexiconClass, TypeSpec, parse_types

_CLASS_KEYS = frozenset({"means", "words", "patterns", "examples"})


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
        examples = body.get("examples") or {}
        if not isinstance(examples, dict) or set(examples) - {"flag", "pass"} or not all(
                isinstance(v, list) and all(isinstance(t, str) for t in v)
                for v in examples.values()):
            raise GlowlintError(f"lexicon class {name!r}: 'examples' takes 'flag' and 'pass' "
                                "lists of copy", path, at)
        cls = classes.setdefault(name, LexiconClass(name, origin=path))
        cls.means = str(body.get("means") or cls.means).strip()
        cls.words += lists["words"]
        cls.patterns += lists["patterns"]
        cls.flag += examples.get("flag", [])
        cls.passing += examples.get("pass", [])


def load_lexicon(path: Any) -> tuple[dict[str, LexiconClass], tuple[TypeSpec, ...]]:
    """The built-in classes and document types (``rules/lexicon.yaml``)."""
    from .errors import GlowlintError
    from .yamlio import load_yaml

    classes: dict[str, LexiconClass] = {}
    if not path.is_file():
        return classes, ()
    data = load_yaml(path)
    if not isinstance(data, dict) or "classes" not in data or \
            set(data) - {"classes", "document-types"}:
        raise GlowlintError("a lexicon file is a mapping with 'classes' and 'document-types'",
                            str(path))
    lines = getattr(data, "key_lines", {})
    add_classes(classes, data["classes"], str(path), lines.get("classes"))
    return classes, parse_types(data.get("document-types"), str(path),
                                lines.get("document-types"))


def framed(rules: Iterable[Any]) -> list[Any]:
    """The rules that read the lexicon (frame rules, and advice rules by document type)."""
    return [r for r in rules if hasattr(r, "classes") and hasattr(r, "lexicon")]


def bind_lexicon(rules: list[Any], classes: dict[str, LexiconClass], paths: dict[str, str],
                 types: tuple[TypeSpec, ...] = ()) -> Lexicon | None:
    """Give every rule that reads the lexicon the one compiled lexicon.

    An unknown class, or a document type no ``document-types`` entry defines,
    is an error naming the rule's file and line.
    """
    from .errors import GlowlintError

    framed_rules = framed(rules)
    if not framed_rules:
        return None
    for spec in types:
        unknown = sorted(set(spec.cues) - set(classes))
        if unknown:
            raise GlowlintError(f"document type {spec.name!r}: unknown lexicon class "
                                f"{unknown[0]!r}")
    for rule in framed_rules:
        wrong = sorted(set(getattr(rule, "types", ())) - type_names(types))
        if wrong:
            raise GlowlintError(f"rule {rule.id}: unknown document type {wrong[0]!r} "
                                f"(one of: {', '.join(sorted(type_names(types)))})",
                                paths.get(rule.id), rule.line)
    for rule in framed_rules:
        unknown = sorted(rule.classes() - set(classes))
        if unknown:
            raise GlowlintError(f"rule {rule.id}: unknown lexicon class {unknown[0]!r} "
                                f"(known: {', '.join(sorted(classes))})",
                                paths.get(rule.id), rule.line)
    try:
        lexicon = Lexicon(classes, types)
    except ValueError as e:
        raise GlowlintError(str(e), paths.get(framed_rules[0].id)) from None
    lexicon.plan(rule.lexicon_use() for rule in framed_rules)
    for rule in framed_rules:
        rule.lexicon = lexicon
    return lexicon
