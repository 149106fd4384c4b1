"""Compile a rule's pattern lists (regex and phrases) into one whole-word regex."""

from __future__ import annotations

from typing import Any

import regex

from ..patterns import expand_terms, phrase_to_regex, whole_words

FLAGS = regex.IGNORECASE | regex.UNICODE


def compile_patterns(
    data: dict[str, Any],
    keys: tuple[str, ...],
    terms: dict[str, str],
    where: Any,
    *,
    required: bool,
) -> regex.Pattern[str] | None:
    """One alternation of every pattern under ``keys``; errors name the pattern's line."""
    sources: list[str] = []
    for key in keys:
        is_phrase = key.endswith("phrases")
        for text in where.str_list(data, key):
            raw = phrase_to_regex(text) if is_phrase else text
            try:
                expanded = expand_terms(raw, terms)
            except KeyError as e:
                where.fail(f"unknown term {{{e.args[0]}}} in {key}: {text!r}", key)
            try:
                regex.compile(expanded, FLAGS)
            except regex.error as e:
                where.fail(f"invalid regex in {key}: {text!r}: {e}", key)
            sources.append(whole_words(f"(?:{expanded})"))
    if not sources:
        if required:
            where.fail(f"needs at least one of: {', '.join(keys)}", None)
        return None
    return regex.compile("|".join(sources), FLAGS)
