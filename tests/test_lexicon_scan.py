"""The lexicon's scan of a page (linter/lexicon_scan.py): every word of every class,
in the order frames read them, and each sentence's words as the frames see them."""

from __future__ import annotations

from glowlint.lexicon import Hit, Lexicon, LexiconClass, candidates


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
