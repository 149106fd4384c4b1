"""Gates (linter/gates.py): a costly search is skipped only where it cannot match."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from glowlint.gates import Gate
from glowlint.rules import load_rules

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def test_a_gate_opens_only_where_every_clause_of_an_alternative_is_present() -> None:
    gate = Gate.of(["(?:some|many) (?:clinics|salons) claim", "according to the maker"], regex.I)
    assert gate is not None
    assert gate.may_match("Some  CLINICS claim")  # any case, any white space
    assert gate.may_match("as made, according to the maker's notes")
    assert not gate.may_match("some clinics say")  # no "claim"
    assert not gate.may_match("salons claim")  # no "some" or "many"
    assert not gate.may_match("")


def test_an_alternative_without_a_clause_worth_looking_for_means_no_gate() -> None:
    assert Gate.of([r"\w+", "according to"], regex.I) is None
    assert Gate.of(["a", "according to"], regex.I) is None
    assert Gate.of([], regex.I) is None


@pytest.mark.parametrize("key, attr", [
    ("distancing", "distancing"), ("hypotheticals", "hypothetical"), ("hedges", "hedge"),
    ("negators", "negator"), ("softeners", "softener"), ("experience", "experience")])
def test_a_vocabulary_gate_never_hides_a_match(key: str, attr: str) -> None:
    """Every prefix of every sentence of the seed pages and the rules' examples up to
    each word, and its last four words, as the judgement searches them: where the
    list's search matches, its gate is open."""
    ruleset = load_rules()
    pattern, gate = getattr(ruleset.context, attr), ruleset.context.gates[key]
    assert gate is not None
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    texts += [t for r in ruleset.rules for t in r.examples_flag + r.examples_pass]
    searched = matched = 0
    for text in texts:
        for sentence in regex.split(r"(?<=[.!?])\s+|\n\n", text):
            ends = [m.start() for m in regex.finditer(r"\s", sentence)] + [len(sentence)]
            for end in ends:
                before = sentence[:end]
                for stretch in (before, "".join(regex.split(r"(?<=\S)(?=\s)", before)[-4:])):
                    searched += 1
                    if pattern.search(stretch) is not None:
                        matched += 1
                        assert gate.may_match(stretch), stretch
    assert matched > 5 and searched > 2 * matched
