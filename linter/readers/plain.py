"""Plain text: every character is copy.

A line break ends a block unless the next line carries on a sentence (it
starts in lower case), so headings and list items stand alone while
hard-wrapped paragraphs stay whole.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Copy
from .builder import MAYBE_DIGIT, CopyBuilder, exact, lines_of

_BULLET_REGEX = r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+"
# ASCII digits: where it matches, the original matches the same; where it
# fails, only a line with a digit beyond ASCII can differ (`_bullet`). The
# bullet `\u2022` stands apart from `[-*+]`: in one class, it would make `re`
# compile a 64K-character bitmap.
_BULLET = re.compile(r"[ \t]*(?:[-*+]|\u2022|[0-9]{1,3}[.)])[ \t]+")


def extract(source: str) -> Copy:
    out = CopyBuilder(source)
    lines, starts = lines_of(source)
    for i, body in enumerate(lines):
        if not body.strip():
            out.block()
            continue
        start = starts[i]
        bullet = _bullet(body)
        if bullet or not body.lstrip()[:1].islower():
            out.block()
        out.span(start + bullet.end() if bullet else start, starts[i + 1])
    return out.build()


def _bullet(body: str) -> Any:
    bullet = _BULLET.match(body)
    if bullet is None and not body.isascii() and MAYBE_DIGIT.match(body):
        return exact(_BULLET_REGEX).match(body)
    return bullet
