"""A trigger searched an alternative at a time finds what the whole alternation finds.

`alternatives.distribute` splits a pattern over its first alternation only when
that changes no match; the scanner then searches each alternative near its own
anchors (`searches.whole_text_search`). Both are checked here against the
regex module's own search of the whole pattern (no timings: see bench/).
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from glowlint import anchors, searches
from glowlint.alternatives import Alternatives, distribute, finer
from glowlint.api import default_rules
from glowlint.engine import lint_document
from glowlint.kinds.compile import FLAGS, BoundedPattern
from glowlint.kinds.required import RequiredRule
from glowlint.lookbehind import positive
from glowlint.readers import read_text
from glowlint.scanner import scanner_for

# An advice trigger's shape: whole words, a long negative look-behind, then treatments.
TRIGGER = (r"(?<![\w])(?:(?:(?<!\b(?:instead of|rather than)\s+(?:[\w-]+\s+){0,2}))"
           r"(?:(?:chemical )?peels?(?![ -]off)|lasers?|(?:micro)?needling|laser facials?))"
           r"(?![\w])")


def test_a_trigger_is_distributed_over_its_treatments() -> None:
    lead = (r"(?<![\w])(?:(?:(?<!\b(?:instead of|rather than)\s+(?:[\w-]+\s+){0,2}))")
    assert distribute(TRIGGER, FLAGS) == [
        f"{lead}(?:(?:chemical )?peels?(?![ -]off)))(?![\\w])",
        f"{lead}(?:lasers?))(?![\\w])",
        f"{lead}(?:(?:micro)?needling))(?![\\w])",
        f"{lead}(?:laser facials?))(?![\\w])",
    ]


@pytest.mark.parametrize("source", [
    r"(?:peel|laser)s",  # the plainest case: distributed
])
def test_an_alternation_first_is_distributed(source: str) -> None:
    assert distribute(source, FLAGS) == ["(?:peel)s", "(?:laser)s"]


@pytest.mark.parametrize("source", [
    r"(?:peel|laser)+s",  # a repeated alternation
    r"(?:(?:peel|laser)s)?",  # inside an optional group
    r"(peel|laser)s",  # a capturing group: numbered across the whole
    r"x(?:peel|laser)",  # something that consumes comes first
    r"(?:a|b)\1",  # a back-reference
    r"(?i)(?:peel|laser)",  # flags for the whole pattern
    r"[[:alpha:]](?:peel|laser)",  # a POSIX class
    r"peels?",  # no alternation at all
])
def test_what_could_mean_something_else_is_left_whole(source: str) -> None:
    assert distribute(source, FLAGS) == [source]


def test_a_long_look_behind_is_not_copied_into_every_alternative() -> None:
    # a hostile pack: a look-behind of 3,000 characters before 50 alternatives would
    # compile 150,000 characters; a short one before the same alternatives is distributed
    words = "|".join(f"word{n}" for n in range(50))
    long = "(?<!" + "|".join(f"w{n:04d}" for n in range(500)) + f" )(?:{words})"
    assert distribute(long, FLAGS) == [long]
    assert len(distribute(f"(?<!x )(?:{words})", FLAGS)) == 50


def test_a_pattern_without_alternatives_to_distribute_has_none() -> None:
    assert finer(BoundedPattern(regex.compile("peels?", FLAGS))) is None
    parts = finer(BoundedPattern(regex.compile(TRIGGER, FLAGS)))
    assert parts is not None and len(parts) == 4


def _by_part(text: str) -> Any:
    """`whole_text_search` of TRIGGER an alternative at a time, each from its anchors."""
    whole = BoundedPattern(regex.compile(TRIGGER, FLAGS))
    parts = finer(whole)
    assert parts is not None
    pattern = Alternatives(whole, parts, tuple(positive(p) for p in parts))
    low = text.lower()
    plan = []
    for k, part in enumerate(parts):
        clauses = anchors.find_anchors(part.pattern, FLAGS)
        assert clauses is not None
        heads = clauses[0]
        starts = sorted({m.start() for word in heads
                         for m in regex.finditer(regex.escape(word), low)})
        width = anchors.max_width(part.pattern, FLAGS)
        plan.append((width, starts, anchors.max_reach(part.pattern, FLAGS), k))
    return searches.whole_text_search(pattern, plan)


@given(st.lists(st.sampled_from([
    "peel", "peels", " off", "laser", "lasers", " facial", "micro", "needling", "chemical ",
    "instead of ", "rather than ", "a ", " ", "-", "x", ".", "\n"]), max_size=14))
def test_searched_an_alternative_at_a_time_a_trigger_finds_what_it_finds_whole(
        words: list[str]) -> None:
    text = "".join(words) + " and then nothing for a while"
    search, found, pos = _by_part(text), [], 0
    while (m := search(text, pos)) is not None and m.end() > m.start():
        found.append(m.span())
        pos = m.end()
    assert found == [m.span() for m in regex.finditer(TRIGGER, text, FLAGS)]


def test_the_advice_rules_triggers_are_searched_an_alternative_at_a_time() -> None:
    rules = default_rules("strict")
    scanner = scanner_for(rules)
    triggers = [scanner.patterns[(r.id, "trigger")] for r in rules.rules
                if isinstance(r, RequiredRule) and (r.id, "trigger") in scanner.patterns]
    assert triggers and all(isinstance(t, Alternatives) and len(t.parts) > 10
                            for t in triggers)
    page = ("Our chemical peel is gentle. Unlike a laser facial, there is no downtime. "
            "Book microneedling today; wear sunscreen after any laser treatment.")
    doc = read_text(page, "p.md", "markdown")
    fast = lint_document(doc, rules)
    assert [astuple(f) for f in fast] == [
        astuple(f) for f in lint_document(doc, rules, single_pass=False)]
    assert ("missing-side-effects", "chemical peel") in {(f.rule, f.match) for f in fast}
