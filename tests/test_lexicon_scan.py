"""The lexicon's scan of a page (linter/lexicon_scan.py): every word of every class,
in the order frames read them, and each sentence's words as the frames see them."""

from __future__ import annotations

import pytest
import regex

from glowlint import lexicon_scan
from glowlint.lexicon import Lexicon
from glowlint.lexicon_records import LexiconClass
from glowlint.lexicon_scan import Hit, candidates


def _lexicon() -> Lexicon:
    return Lexicon({
        "harm": LexiconClass("harm", words=["=side effects", "=side"]),
        "absence": LexiconClass("absence", words=["=no", "=without"]),
        "part": LexiconClass("part", words=["=effects", "=side"]),
    })


TEXT = "No side effects. Without side effects #nosideeffects"


def test_every_word_by_start_longest_first_then_class() -> None:
    hits = _lexicon().scan(TEXT).hits
    assert hits == [
        Hit(0, 2, "absence"), Hit(3, 15, "harm"), Hit(3, 7, "harm"), Hit(3, 7, "part"),
        Hit(8, 15, "part"),
        Hit(17, 24, "absence"), Hit(25, 37, "harm"), Hit(25, 29, "harm"), Hit(25, 29, "part"),
        Hit(30, 37, "part"),
        # the hashtag, split into the forms it runs together
        Hit(39, 41, "absence"), Hit(41, 52, "harm"),
    ]
    assert [TEXT[h.start:h.end] for h in hits[:5]] == [
        "No", "side effects", "side", "side", "effects"]


def test_a_sentence_holds_only_the_words_wholly_inside_it() -> None:
    scan = _lexicon().scan(TEXT)
    # the second span cuts "side effects" of the first sentence in two
    spans = [(0, 11), (11, 16), (16, 52)]
    sentences = scan.sentences(spans)
    assert len(sentences) == 2  # (11, 16) holds only the end of "effects": no word
    first, classes = sentences[0]
    assert first == [Hit(0, 2, "absence"), Hit(3, 7, "harm"), Hit(3, 7, "part")]
    assert classes == {"absence", "harm", "part"}
    second, classes = sentences[1]
    assert second[0] == Hit(17, 24, "absence") and second[-1] == Hit(41, 52, "harm")
    assert len(second) == 7 and classes == {"absence", "harm", "part"}
    assert sentences[1] == sentences[-1] and list(sentences) == [sentences[0], sentences[1]]


def test_candidates_are_the_sentences_holding_every_class_of_a_frame() -> None:
    scan = _lexicon().scan("Side effects are rare. We answer within a day. No side effects.")
    spans = [(0, 22), (23, 46), (47, 63)]
    # indexes into the sentences that hold words: the second sentence holds none
    assert candidates(scan, spans, [frozenset({"absence", "harm"})]) == [1]
    assert candidates(scan, spans, [frozenset({"harm"})]) == [0, 1]
    assert candidates(scan, spans, [frozenset({"harm"}), frozenset({"absence"})]) == [0, 1]
    assert candidates(scan, spans, [frozenset()]) == [0, 1]
    assert candidates(scan, spans, [frozenset({"nothing"})]) == []


def test_the_class_index_is_the_same_built_on_integers_or_in_byte_arrays() -> None:
    """`_bits` sets a few sentences' bits on the integers, many sentences' in byte arrays."""
    import random

    rng = random.Random(7)
    names = ["a", "b", "c", "d", "e"]
    for n in (0, 1, 7, 8, 9, 63, 64, 65, 300):
        classes = [frozenset(rng.sample(names, rng.randint(0, 3))) for _ in range(n)]
        on_integers = lexicon_scan._bits(classes, few=n)
        in_bytes = lexicon_scan._bits(classes, few=-1)
        assert on_integers == in_bytes
        assert all(bool(on_integers.get(c, 0) >> i & 1) == (c in held)
                   for i, held in enumerate(classes) for c in names)


def test_a_symbol_between_words_is_read_through_punctuation_is_not() -> None:
    """ "from £150" and "say 👋 goodbye" are the entries "from ###" and "say goodbye";
    a comma, a full stop or a paragraph break still ends a phrase."""
    lexicon = Lexicon({
        "price": LexiconClass("price", words=["=from ###"]),
        "bye": LexiconClass("bye", words=["=say goodbye"]),
    })
    text = "Relaxers from £150, say \U0001f44b\u200d goodbye. From. 150 or from\n\n150"
    hits = lexicon.scan(text).hits
    assert hits == [Hit(9, 18, "price"), Hit(20, 34, "bye")]
    assert [text[h.start:h.end] for h in hits] == ["from £150", "say \U0001f44b\u200d goodbye"]


def test_every_symbol_a_phrase_reads_through_is_a_space_to_the_scan() -> None:
    """`squeeze_symbols` finds its runs in the copy, trusting that each of their
    characters is a space in the scanned copy: true of every such character."""
    import regex

    from glowlint.lexicon import _SYMBOL_RUN
    from glowlint.lexicon_entries import plain

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    symbols = "".join(regex.findall(_SYMBOL_RUN.pattern.replace("{2,}", ""), every))
    assert len(symbols) > 7000 and "£" in symbols and "\U0001f44b" in symbols
    assert plain(symbols) == " " * len(symbols)


def _squeezed_reference(low: str, text: str) -> tuple[str, list[int]]:
    """The squeeze as first written: every run of spaces of the scanned copy whose
    characters are all symbols, and per squeezed character its offset in the copy."""
    import regex

    symbols = regex.compile(r"[ \t\p{Sc}\p{So}\p{Sk}\p{Cf}*]+")
    out, source, at = [], [], 0
    for m in regex.compile(r"  +").finditer(low, 1, len(low) - 1):
        if symbols.fullmatch(text, m.start() - 1, m.end() - 1):
            out.append(low[at:m.start() + 1])
            source.extend(range(at, m.start() + 1))
            at = m.end()
    out.append(low[at:])
    source.extend(range(at, len(low)))
    return "".join(out), [o - 1 for o in source[1:]]


def test_symbol_runs_are_squeezed_where_they_stand_between_words_and_mapped_back() -> None:
    from array import array

    from glowlint.lexicon import squeeze_symbols
    from glowlint.lexicon_entries import plain

    texts = ["£ 5  from   £150 ,  £2  \t x. ®®", "  two  spaces  ", "a 👋\u200d b€c $ d*", "£",
             "plain text, nothing squeezed."]
    for text in texts:
        low = f" {plain(text)} "
        squeezed, shifts = squeeze_symbols(low, text)
        want, offsets = _squeezed_reference(low, text)
        assert squeezed == want, text
        every = array("q", range(len(squeezed) - 1))
        assert list(shifts.map(every) if shifts else every) == offsets, text


def test_words_across_symbols_and_in_hashtags_keep_their_positions() -> None:
    lexicon = Lexicon({
        "price": LexiconClass("price", words=["=from ###"]),
        "absence": LexiconClass("absence", words=["=no", "=downtime"]),
    })
    text = "From  ££ 150 and no\tdowntime #nodowntime, from 🎉 990"
    hits = lexicon.scan(text).hits
    assert [(text[h.start:h.end], h.cls) for h in hits] == [
        ("From  ££ 150", "price"), ("no", "absence"), ("downtime", "absence"),
        ("no", "absence"), ("downtime", "absence"), ("from 🎉 990", "price")]


def test_a_pickled_lexicon_rebuilds_its_forms_from_its_automaton() -> None:
    import pickle

    lexicon = _lexicon()
    forms = list(lexicon.forms.items())
    lexicon.automaton()  # as the rule-set cache stores it: built, its forms left out
    loaded = pickle.loads(pickle.dumps(lexicon))
    assert loaded._forms is None and loaded.form_count == len(forms)
    assert list(loaded.forms.items()) == forms  # in the entries' order, classes sorted
    assert loaded.scan(TEXT).hits == lexicon.scan(TEXT).hits  # the hashtag split too
    again = pickle.loads(pickle.dumps(lexicon))
    assert again.scan(TEXT).hits == lexicon.scan(TEXT).hits
    assert again._forms is None  # the hashtag read the packed forms: none rebuilt


def test_a_hashtag_reads_the_last_form_written_as_it_is_in_a_pickled_lexicon() -> None:
    import pickle

    lexicon = Lexicon({
        "harm": LexiconClass("harm", words=["=side effects"]),
        "part": LexiconClass("part", words=["=sideeffects", "=no"]),
    })
    lexicon.automaton()
    loaded = pickle.loads(pickle.dumps(lexicon))
    text = "#nosideeffects here"
    for lex in (lexicon, loaded):  # "side effects" and "sideeffects" are one in a tag
        hits = lex.scan(text).hits
        assert [(text[h.start:h.end], h.cls) for h in hits] == [
            ("no", "part"), ("sideeffects", "part")]


@pytest.mark.parametrize("long", [0, 1, 3])
def test_a_long_sentences_words_are_the_same_hits_read_from_arrays(
        long: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence of more than `LONG` words is read through `Words` (views of the scan's
    arrays, or arrays of its own when it keeps only some words or holds pattern matches):
    the same hits, in the same order, as the list a short sentence gets."""
    lexicon = _lexicon()
    lexicon.patterns = {"count": regex.compile(r"\d+")}
    lexicon.patterned = frozenset({"count"})
    lexicon.patterns_for = lambda present: lambda classes: ("count",) if "harm" in classes else ()
    text = TEXT + " 3 side effects, no 12 side. No effects"
    # the first and the last span cut a word; the last holds no harm: no pattern searched
    spans = [(0, 11), (11, 16), (16, 52), (53, 80), (81, 88)]
    want = [(list(hits), classes) for hits, classes in lexicon.scan(text).sentences(spans)]
    monkeypatch.setattr(lexicon_scan, "LONG", long)
    got = lexicon.scan(text).sentences(spans)
    assert [(list(hits), classes) for hits, classes in got] == want
    assert any(isinstance(hits, lexicon_scan.Words) for hits, _ in got)
    for (hits, _), (words, _) in zip(got, want, strict=True):
        assert len(hits) == len(words) and [hits[k] for k in range(-len(hits), len(hits))] \
            == words + words and hits[1:3] == words[1:3]
        assert list(lexicon_scan.starts_of(hits)) == [h.start for h in words]
    assert want[1][0][-1] == Hit(41, 52, "harm")
    assert want[2][0][0] == Hit(53, 54, "count") and Hit(72, 74, "count") in want[2][0]
    assert want[3] == ([Hit(81, 83, "absence")], {"absence"})
