"""Plain text: every character is copy.

A line break ends a block unless the next line carries on a sentence (it
starts in lower case), so headings and list items stand alone while
hard-wrapped paragraphs stay whole.
"""

from __future__ import annotations

import regex

from ..model import Copy
from .builder import CopyBuilder

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")  # a lone CR ends a line too
_BULLET = regex.compile(r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+")


def extract(source: str) -> Copy:
    out = CopyBuilder()
    for m in _LINE.finditer(source):
        line = m.group()
        if not line:
            break
        start = m.start()
        body = line.rstrip("\r\n")
        if not body.strip():
            out.block()
            continue
        bullet = _BULLET.match(body)
        if bullet or not body.lstrip()[:1].islower():
            out.block()
        skip = bullet.end() if bullet else 0
        out.verbatim(start + skip, line[skip:])
    return out.build()
