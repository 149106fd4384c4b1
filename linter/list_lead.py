"""The lead-in of a list: the line that says what its items are.

"We won't treat you if you:" makes every item under it a contraindication,
"- have had Botox in the last few weeks" included, although the item alone
reads like anything. The readers keep each list item on a line of its own
(Markdown bullets and HTML ``<li>`` become line breaks in the copy), so a list
is a run of short lines without a full stop, under a line ending in a colon;
an item that ends in a full stop is read as prose.
"""

from __future__ import annotations

_MAX_ITEMS = 20  # lines walked back from an item to its lead-in
_MAX_LINE = 200  # characters: a longer line is prose, not a list item


def lead_in(text: str, start: int) -> tuple[int, int] | None:
    """The span of the line ending in ':' that opens the list whose item holds
    ``start``, or None when ``start`` is not in a list item."""
    # every search is bounded: a run-on line of megabytes costs no more than a short one
    lo, hi = max(0, start - _MAX_LINE), min(len(text), start + _MAX_LINE)
    line_start = text.rfind("\n", lo, start) + 1
    line_end = text.find("\n", start, hi)
    if (line_start == 0 and lo > 0) or (line_end < 0 and hi < len(text)):
        return None  # a line longer than any list item
    item = text[line_start:line_end if line_end >= 0 else hi].strip()
    if item.endswith((".", "!", "?", ":")):
        return None  # a sentence of prose, or a lead-in itself
    end = line_start - 1  # the newline before the item's line
    for _ in range(_MAX_ITEMS):
        if end < 0:
            return None
        begin = text.rfind("\n", max(0, end - _MAX_LINE - 1), end) + 1
        line = text[begin:end].strip()
        if begin == 0 and end > _MAX_LINE + 1:
            return None  # a line longer than any list item
        if line.endswith(":"):
            return begin, end
        if line and (len(line) > _MAX_LINE or line[-1] in ".!?"):
            return None  # prose before the item: no list lead-in
        end = begin - 1
    return None
