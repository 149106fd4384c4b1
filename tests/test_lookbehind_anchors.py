"""Look-behind words gate a part by document; the lexicon's automaton rides in the cache."""

from __future__ import annotations

from pathlib import Path

from glowlint import anchors, cache, scanner, searches
from glowlint.api import default_rules
from glowlint.engine import analyse, lint_document
from glowlint.readers import read_text

UK = default_rules("uk")  # shared with lint_text's, loaded once a process


def test_behind_anchors_are_the_words_every_match_looks_back_at() -> None:
    part = r"(?<![\w])(?:(?=ab)(?<=\b(?:Drink|gummies)\b[^.!?\n]{0,60}?)ab\s+c)(?![\w])"
    assert anchors.behind_anchors(part) == (frozenset({"drink", "gummies"}),)
    # inside an alternative or a negative look-behind: not needed by every match
    assert anchors.behind_anchors(r"(?:(?<=drink)x|y)") is None
    assert anchors.behind_anchors(r"(?<!drink)x") is None
    assert anchors.behind_anchors(r"(?<=\p{L}drink)x") is None  # not read: no clause


def _search(text: str):  # type: ignore[no-untyped-def]
    rule = next(r for r in UK.rules if r.id == "beauty-from-within")
    plan = scanner.scanner_for(UK).plan(analyse(read_text(text, "t.txt", "txt"), UK), UK.rules)
    return plan.search(rule, "pattern")


def test_a_part_whose_look_behind_words_are_absent_is_not_searched() -> None:
    # "skin looks firmer" is the part's own words; what it looks back at
    # (something swallowed) is nowhere in the copy: no search at all.
    assert _search("After the facial your skin looks firmer.") is searches.nowhere
    found = _search("These gummies mean your skin looks firmer.")
    assert found is not searches.nowhere
    m = found("These gummies mean your skin looks firmer.", 0)
    assert m is not None and m.group() == "skin looks firmer"


def test_findings_with_look_behind_gates_equal_the_reference() -> None:
    for text in ["Collagen gummies: skin looks firmer in weeks.",
                 "Take two capsules daily and your skin looks firmer.",
                 "After the facial your skin looks firmer.",
                 "Gummies.\nSkin looks firmer."]:
        doc = read_text(text, "t.txt", "txt")
        fast = [f.to_dict() for f in lint_document(doc, UK)]
        assert fast == [f.to_dict() for f in lint_document(doc, UK, single_pass=False)], text
    doc = read_text("Take two capsules daily and your skin looks firmer.", "t.txt", "txt")
    assert "beauty-from-within" in {f.rule for f in lint_document(doc, UK)}


def test_rule_set_cache_keeps_the_lexicon_automaton(tmp_path: Path) -> None:
    cache.load_rules_cached(profile="uk", folder=tmp_path)  # builds and writes it
    loaded = cache.load_rules_cached(profile="uk", folder=tmp_path)
    assert loaded.lexicon is not None and loaded.lexicon._automaton is not None
    text = "Our peel works on every skin type; results you will see and feel."
    assert UK.lexicon is not None
    assert loaded.lexicon.scan(text).hits == UK.lexicon.scan(text).hits
    assert loaded.lexicon.scan(text).hits  # the lexicon knows these words
