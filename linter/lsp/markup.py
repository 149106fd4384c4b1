"""Where in an HTML or Markdown page a suppression comment cannot go.

"Disable RULE for this line" appends ``<!-- glowlint-disable-line ... -->`` to
the line; when the line ends inside a tag (an ``alt`` attribute running over
several lines), a comment, or the text of ``<title>``, ``<textarea>``,
``<script>`` or ``<style>`` (where ``<!--`` is text, not a comment), the
comment would break the tag or show on the page. `spans` finds those places
in one pass over the text: every search starts where the last one ended,
and an unclosed tag or element ends the pass, so the work is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_OPEN = re.compile(r"<(?:!--|[/!?]?[A-Za-z][^\s/>]*)")
_TAG_REST = re.compile(r"""(?:"[^"]*"|'[^']*'|[^'">])*>""")  # attributes, quoted or not
_LAST = 1 << 62  # sorts after every span's end
RAW = ("title", "textarea", "script", "style")  # elements whose text holds no comment


def spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the tags, comments and raw element texts, in order."""
    out: list[tuple[int, int]] = []
    lower: str | None = None
    at, size = 0, len(text)
    while (m := _OPEN.search(text, at)) is not None:
        start, token = m.start(), m.group()
        if token == "<!--":
            close = text.find("-->", m.end())
            end = size if close < 0 else close + 3
        else:
            rest = _TAG_REST.match(text, m.end())
            end = size if rest is None else rest.end()
            name = token[1:].lower()
            if name in RAW and end < size:
                lower = text.lower() if lower is None else lower
                close = lower.find(f"</{name}", end)
                end = size if close < 0 else close  # the closing tag is the next token
        out.append((start, end))
        at = end
    return out


def inside(found: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies strictly within one of the spans ``found``."""
    i = bisect_right(found, (offset, _LAST)) - 1
    return i >= 0 and found[i][0] < offset < found[i][1]
