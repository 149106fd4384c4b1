"""A pattern's leading look-behinds, tested only where the rest of it matches.

An advice trigger opens with a negative look-behind of many words ("not after
'instead of' or 'rather than' and two words": the lexicon class
``{not-compared}``), which the regex module tries at every word start it
searches from, a third of the search. Every match of the pattern is a match of
the pattern without it (`positive`), at the same place: so the search looks
for that, and matches the whole pattern only there (`searches.first_match`), which is
the whole pattern's search, far cheaper. Cut only where `regex_syntax` reads
the look-behind as a condition on where a match starts, nothing else.
"""

from __future__ import annotations

from typing import Any

import regex

from . import regex_syntax as _s
from .alternatives import closing
from .kinds.compile import BoundedPattern

_ZERO_WIDTH = frozenset({_s.AT, _s.ASSERT, _s.ASSERT_NOT})


def positive(pattern: Any) -> BoundedPattern | None:
    """``pattern`` without the leading look-behinds (of more than one character) of each
    alternative it is split into (`BoundedPattern.parts`), or of the whole; None when
    it has none, or they do not read as conditions on where a match starts.

    Each alternative without them matches wherever it matches with them, so the
    alternation does too: a search for it misses no place where the pattern matches.
    """
    whole: str = pattern.pattern
    parts = [p.pattern for p in getattr(pattern, "parts", ())]
    if not parts or "|".join(parts) != whole:
        parts = [whole]
    cut = [_without_lead(part) for part in parts]
    if any(c is None for c in cut) or cut == parts:
        return None
    return BoundedPattern(regex.compile("|".join(c for c in cut if c is not None),
                                        pattern.flags))


def _without_lead(source: str) -> str | None:
    """``source`` without its leading look-behinds of more than one character (itself when
    it has none); None when that cannot be read (`regex_syntax`)."""
    try:
        whole = _s.parse(source)
    except (_s.Unsupported, RecursionError):
        return None
    cut: list[_s.Item] = []
    kept: list[str] = []
    at = 0
    for start, end in _leading_groups(source):
        item = _long_lookbehind(source[start:end])
        if item is not None:
            cut.append(item)
            kept.append(source[at:start])
            at = end
    if not cut:
        return source
    rest = "".join(kept) + source[at:]
    try:
        without = _s.parse(rest)
    except (_s.Unsupported, RecursionError):
        return None
    # The cut items lead the top-level sequence, behind only other zero-width items:
    # conditions on where a match starts, whatever follows.
    lead = 0
    while lead < len(whole) and whole[lead][0] in _ZERO_WIDTH:
        lead += 1
    if any(i not in whole[:lead] for i in cut) or (
            [i for i in whole[:lead] if i not in cut] + whole[lead:] != without):
        return None
    return rest


def _long_lookbehind(source: str) -> _s.Item | None:
    """``source`` read as one look-behind that can span more than one character, or None."""
    try:
        items = _s.parse(source)
        if len(items) != 1 or items[0][0] not in (_s.ASSERT, _s.ASSERT_NOT):
            return None
        direction, inner = items[0][1]
        return items[0] if direction < 0 and _s.width(inner)[1] > 1 else None
    except (_s.Unsupported, RecursionError):
        return None


def _leading_groups(source: str) -> list[tuple[int, int]]:
    """The spans of the look-arounds before the first character a match can take, read
    over ``(?:`` openings; where anything else comes first, the reading stops."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(source):
        if source.startswith("(?:", pos):
            pos += 3
        elif source.startswith(("(?<!", "(?<=", "(?!", "(?="), pos):
            end = closing(source, pos)
            if end is None:
                break
            spans.append((pos, end))
            pos = end
        else:
            break
    return spans


def behind_reach(source: str, flags: int = 0) -> int | None:
    """The most characters of the squeezed text (`textmap.squeeze`) the look-behinds every
    match of ``source`` passes can read (those whose words `anchors.behind_anchors`
    takes: not inside an alternative, a repetition or a look-ahead): their words lie
    within that many characters before where the match starts, or inside it. A run of
    white space (``\\s+``) is one character there. None: unknown, or unbounded.
    """
    if flags & (0x100 | 0x4000):  # regex.VERSION1, regex.FULLCASE: as `anchors.max_width`
        return None
    try:
        widths = _behind_widths(_s.parse(source))
    except (_s.Unsupported, RecursionError):
        return None
    reach = max(widths, default=None)
    return reach if reach is not None and reach < _s.MAXREPEAT // 2 else None


def _behind_widths(items: list[Any]) -> list[int]:
    out: list[int] = []
    for op, av in items:
        if op == _s.ASSERT and av[0] == -1:
            out.append(_s.width(av[1], squeezed=True)[1])
        elif op == _s.SUBPATTERN:
            out += _behind_widths(av[-1])
        elif op == _s.ATOMIC_GROUP:
            out += _behind_widths(av)
    return out
