"""Look-behind words gate a part by document, and by sentence within their reach; the
lexicon's automaton rides in the cache."""

from __future__ import annotations

from pathlib import Path

from glowlint import anchors, cache, lookbehind, scanner, searches
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


def test_behind_reach_is_how_far_back_the_look_behinds_read_in_the_squeezed_text() -> None:
    # \\s+ is one space once squeezed; the rest counts its characters
    assert lookbehind.behind_reach(r"(?<=\bat[\s-]home\b[^.!?\n]{0,40}?)x") == 47
    assert lookbehind.behind_reach(r"(?<=a\s+b)c") == 3
    assert lookbehind.behind_reach(r"(?<=a(?:\s+b){0,3})c") == 7
    assert lookbehind.behind_reach(r"(?<=[\w-]+ )c") is None  # unbounded
    assert lookbehind.behind_reach(r"(?<=a[\s-]+b)c") is None  # "- - -" squeezes to no less
    assert lookbehind.behind_reach(r"(?<!a)c") is None  # no look-behind every match needs


def test_a_part_is_not_searched_in_a_sentence_its_look_behind_words_cannot_reach() -> None:
    far = "These gummies are vegan. " + "Our team answers every question. " * 3
    text = far + "After the facial your skin looks firmer."
    assert _search(text) is searches.nowhere  # "gummies" is in the copy, but too far back
    near = "These gummies mean your skin looks firmer."
    assert _search(near)(near, 0).group() == "skin looks firmer"


def test_findings_with_look_behind_gates_equal_the_reference() -> None:
    for text in ["Collagen gummies: skin looks firmer in weeks.",
                 "Take two capsules daily and your skin looks firmer.",
                 "After the facial your skin looks firmer.",
                 "Gummies.\nSkin looks firmer.",
                 "Gummies \u2026 Skin looks firmer.", "Gummies\u2026 Skin looks firmer.",
                 "These gummies are vegan. " + "We answer. " * 6 + "Skin looks firmer.",
                 "Gummies   \n\t   make  skin   look   firmer   and skin looks firmer."]:
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
