"""A run-on sentence (megabytes without a full stop) costs work linear in its length."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import regex

from glowlint import searches


class Counted:
    """A pattern part whose searches are counted."""

    def __init__(self, source: str) -> None:
        self.compiled = regex.compile(source)
        self.pattern, self.flags = source, self.compiled.flags
        self.searches = 0

    def search(self, text: str, pos: int, endpos: int) -> Any:
        self.searches += 1
        return self.compiled.search(text, pos, endpos)


def _all(search: Any, text: str) -> list[tuple[int, int]]:
    found, pos = [], 0
    while (m := search(text, pos)) is not None:
        found.append(m.span())
        pos = m.end()
    return found


def test_a_part_is_not_searched_to_the_sentences_end_again_for_each_match_of_another() -> None:
    # "zz" is in the sentence, but never before a "q": its part matches nowhere
    sources = [r"\bab\b", r"\bzz(?=q)", r"\bcd\b"]
    whole = regex.compile("|".join(sources))
    text = "ab zz cd " * 3000
    parts = tuple(Counted(s) for s in sources)
    pattern = SimpleNamespace(parts=parts, pattern=whole.pattern, match=whole.match)
    search = searches.parts_search(pattern, [(0, len(text), (0, 1, 2))])
    assert _all(search, text) == [m.span() for m in whole.finditer(text)]
    assert len(_all(search, text)) == 6000
    # in each of the two walks, each "ab" and "cd" found once (and once more after the last,
    # finding nothing): 3001 searches each, not 6001; the part that matches nowhere
    # searched once, not once per match (before: 12002 searches to the end of the text)
    assert [p.searches for p in parts] == [2 * 3001, 1, 2 * 3001]


def test_a_search_from_the_anchor_place_is_not_reused_for_another_text_or_sentence() -> None:
    sources = [r"a", r"b"]
    whole = regex.compile("|".join(sources))
    parts = tuple(Counted(s) for s in sources)
    pattern = SimpleNamespace(parts=parts, pattern=whole.pattern, match=whole.match)
    search = searches.parts_search(pattern, [(0, 3, (0, 1)), (3, 6, (0, 1))])
    assert _all(search, "xxaxab") == [(2, 3), (4, 5), (5, 6)]
    assert _all(search, "bxxxxa") == [(0, 1), (5, 6)]  # a new text: searched anew
    # a pattern anchored where the search starts (\G) is searched again every time
    g = Counted(r"\Ga")
    pattern = SimpleNamespace(parts=(g,), pattern=r"\Ga", match=regex.compile(r"\Ga").match)
    assert _all(searches.parts_search(pattern, [(0, 3, (0,))]), "aaa") == [(0, 1), (1, 2),
                                                                             (2, 3)]
