"""The scanner's plan runs fewer rules and searches less, and finds the same.

Each narrowing is checked two ways: what the plan leaves out (so the test
fails if it stops narrowing), and that the findings are those of the
reference plan, every rule over the whole copy (so it fails if it narrows
wrongly). No timings are asserted here (see bench/run.py).
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

import regex
from hypothesis import given
from hypothesis import strategies as st

from glowlint import anchors, searches, textmap
from glowlint.api import default_rules
from glowlint.engine import analyse, lint_document
from glowlint.kinds.frame import FrameRule
from glowlint.lookbehind import positive
from glowlint.readers import read_text
from glowlint.scanner import scanner_for
from glowlint.searches import first_match

STRICT = default_rules("strict")  # shared, loaded once a process


def planned(text: str) -> set[str]:
    """The ids of the rules the scanner plans to run on ``text``."""
    analysis = analyse(read_text(text, "<t>", "txt"), STRICT)
    return {rule.id for rule in scanner_for(STRICT).plan(analysis, STRICT.rules).rules}


def same_findings(text: str) -> list[tuple[object, ...]]:
    doc = read_text(text, "<t>", "txt")
    fast = [astuple(f) for f in lint_document(doc, STRICT)]
    assert fast == [astuple(f) for f in lint_document(doc, STRICT, single_pass=False)]
    return fast


def test_no_frame_rule_runs_on_copy_without_their_classes() -> None:
    framed = {r.id for r in STRICT.rules if isinstance(r, FrameRule)}
    assert len(framed) > 5
    text = "Opening hours: Monday to Friday. Parking is at the back."
    assert planned(text).isdisjoint(framed)
    assert same_findings(text) == []


def test_a_frame_rule_runs_where_its_example_fills_it() -> None:
    """Each frame (and answer) rule is planned on its own flag examples, and the plan
    finds there what the reference finds."""
    checked = 0
    for rule in STRICT.rules:
        if not isinstance(rule, FrameRule):
            continue
        for text in rule.examples_flag:
            assert rule.id in planned(text), (rule.id, text)
            same_findings(text)
            checked += 1
    assert checked > 20


def test_may_fire_is_what_the_rule_checks_first() -> None:
    """A frame rule that the plan leaves out finds nothing with the reference plan either."""
    texts = [r.examples_flag[0] for r in STRICT.rules
             if isinstance(r, FrameRule) and r.examples_flag]
    skipped = 0
    for text in texts:
        doc = read_text(text, "<t>", "txt")
        analysis = analyse(doc, STRICT)
        for rule in STRICT.rules:
            if isinstance(rule, FrameRule) and not rule.may_fire(analysis):
                assert list(rule.matches(analysis)) == [], (rule.id, text)
                skipped += 1
    assert skipped > 0


# --- advice triggers: searched between their anchors, the look-behind tested last ---


def test_reach_counts_what_look_aheads_and_boundaries_read() -> None:
    assert anchors.max_reach(r"peels?") == 6  # "peels" and the character that ends it
    assert anchors.max_reach(r"(?<!\w)peels?(?!\w)") == 7
    assert anchors.max_reach(r"peels?(?![ -](?:off|away))") == 11
    assert anchors.max_reach(r"(?<=x(?=yy))a") is None  # a look-ahead in a look-behind
    assert anchors.max_reach(r"peel\w+") is None  # unbounded


class Recorded:
    """A pattern that records where each search was cut."""

    def __init__(self, source: str) -> None:
        self.compiled = regex.compile(source, regex.I)
        self.pattern, self.flags = self.compiled.pattern, self.compiled.flags
        self.ends: list[int | None] = []

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        self.ends.append(endpos)
        return self.compiled.search(text, pos, endpos)


def all_matches(search: Any, text: str) -> list[tuple[int, int]]:
    found, pos = [], 0
    while (m := search(text, pos)) is not None:
        found.append(m.span())
        pos = m.end()
    return found


@given(st.lists(st.sampled_from(["peel", "peels", " off", " away", "-", " ", "x", "la"]),
                max_size=12))
def test_a_trigger_search_cut_after_its_last_anchor_finds_what_the_whole_text_does(
        words: list[str]) -> None:
    text = "".join(words) + " and nothing more after it, for a long while"
    source = r"(?<!\w)peels?(?![ -](?:off|away))"
    pattern = Recorded(source)
    starts = [m.start() for m in regex.finditer("peel", text)]
    plan = [(5, starts, anchors.max_reach(source), -1)]
    assert all_matches(searches.whole_text_search(pattern, plan), text) == [
        m.span() for m in pattern.compiled.finditer(text)]
    if starts:  # the search never read the long tail after the last "peel"
        assert all(end is not None and end <= starts[-1] + 11 for end in pattern.ends)


def test_a_leading_look_behind_is_tested_only_where_the_rest_matches() -> None:
    source = (r"(?<![\w])(?:(?:(?<!\b(?:instead of|rather than)\s+(?:[\w-]+\s+){0,2}))"
              r"(?:peels?|lasers?))")
    pattern = regex.compile(source, regex.I)
    rest = positive(pattern)
    assert rest is not None and rest.pattern == r"(?<![\w])(?:(?:)(?:peels?|lasers?))"
    text = ("Instead of a harsh peel, try this. Rather than lasers: a peel. "
            "Instead of a chemical peel, a laser.")
    found, pos = [], 0
    while (m := first_match(pattern, rest, text, pos, None)) is not None:
        found.append(m.span())
        pos = m.end()
    assert found == [m.span() for m in pattern.finditer(text)]
    assert [text[s:e] for s, e in found] == ["peel", "laser"]


def test_look_behinds_that_are_not_conditions_on_the_start_are_kept() -> None:
    for source in [r"(?:(?<!ab)x|y)",  # only one alternative's condition
                   r"x(?<!ab)",  # after a character
                   r"(?i)(?<!ab)x",  # flags for the whole pattern first
                   r"(?<!a)x"]:  # one character: as cheap as it is
        assert positive(regex.compile(source)) is None, source


def test_missing_advice_is_found_past_a_compared_treatment() -> None:
    """The first trigger is the treatment the copy offers, not the one it is compared with."""
    text = ("Smoother skin instead of a chemical peel. Our chemical peel lifts dull skin. "
            "Book online today.")
    same_findings(text)
    findings = lint_document(read_text(text, "<t>", "txt"), STRICT)
    advice = [f for f in findings if f.category.startswith("missing-")]
    assert advice  # no sun, consultation ... advice given
    first = text.index("Our chemical peel") + 4
    assert {(f.start, f.match) for f in advice} == {(first, "chemical peel")}


@given(st.lists(st.sampled_from(["a", "b.", " ", "  ", "\n\n", "\t \n", "\u00a0"]), max_size=30),
       st.lists(st.integers(min_value=0, max_value=80), max_size=20))
def test_sentences_are_mapped_to_the_squeezed_text_as_one_offset_at_a_time(
        pieces: list[str], offsets: list[int]) -> None:
    text = "".join(pieces)
    runs = textmap.squeeze(text)[1]
    xs = sorted(x for x in offsets if x <= len(text))
    for end in (False, True):
        assert list(textmap.squeezed_all(xs, runs, end)) == [
            textmap.squeezed(x, runs, runs.starts, end) for x in xs]
