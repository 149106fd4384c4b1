"""Build a `Copy` piece by piece while remembering where each piece came from.

The readers hand over source offsets rather than slices: consecutive verbatim
pieces join into one run whose text is sliced once, when the run ends.

Their patterns, written for the `regex` module, run on the stdlib `re` (already
imported, compiles two to three times faster, and scans faster once each
alternative starts with a literal character), through `stdlib_pattern`, which
keeps their meaning; where `re` could still differ, the original decides.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import cache
from itertools import accumulate
from typing import Any

from ..lazyre import LazyPattern
from ..model import Copy, Runs
from .limit import EVERY, current

BLOCK_BREAK = "\n\n"
# What the `regex` module's \s matches: Unicode White_Space. (`re`'s \s also
# matches U+001C..U+001F.) In a class with characters past U+00FF, `re`
# compiles a 64K-character bitmap, a quarter of a millisecond a class: most
# documents have no such character, and get patterns with ASCII classes.
ASCII_SPACES = "\t-\r "
WIDE_SPACES = "\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The spaces of WIDE_SPACES, and the letters that the `regex` module lets stand
# for an ASCII letter when ignoring case (İ for i, ſ for s, the Kelvin sign for k).
_WIDE_CHARS = "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000\u0130\u017f\u212a"
)


def has_wide_chars(source: str) -> bool:
    """Whether ``source`` needs the patterns whose classes go beyond ASCII (``wide``)."""
    return not source.isascii() and _has_any(source, _WIDE_CHARS)


def stdlib_pattern(pattern: str, wide: bool) -> str:
    """A `regex` module pattern in `re` terms: \\s and \\S spelled out, \\w and \\d ASCII.

    With ``wide`` False, \\s stands for ASCII spaces only: exact on text that
    has no other (`has_wide_chars`). \\w and \\d are exact on ASCII text; the
    readers use the original wherever a character beyond ASCII could matter.
    These are the only escapes whose meaning differs between the engines in
    the readers' patterns: any other escaped letter is refused.
    """
    spaces = ASCII_SPACES + WIDE_SPACES if wide else ASCII_SPACES
    in_class_table = {"\\s": spaces, "\\w": "A-Za-z0-9_", "\\d": "0-9"}
    outside_table = {"\\s": f"[{spaces}]", "\\S": f"[^{spaces}]", "\\w": "[A-Za-z0-9_]",
                     "\\d": "[0-9]"}
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            escape = pattern[i:i + 2]
            i += 2
            if escape[1:].isalpha() and escape[1:] not in "rntuxZ":
                table = in_class_table if in_class else outside_table
                if escape not in table:
                    raise ValueError(f"{escape} has no stand-in in {pattern!r}")
                escape = table[escape]
            out.append(escape)
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


@cache
def exact(pattern: str) -> Any:
    """The original `regex` pattern, for the rare text where `re` could differ."""
    import regex

    return regex.compile(pattern)


_LINE = LazyPattern(r"[^\r\n]*(?:\r\n|\r|\n)?", stdlib=True)  # a lone CR ends a line too
# What `str.splitlines` splits at besides CR and LF: where none occurs, it
# splits as `_LINE` does. (`in` finds a character many times faster than a
# pattern does.)
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e"
_OTHER_BREAKS_WIDE = "\x85\u2028\u2029"
# Where an ASCII-digit stand-in fails at a line's start, the original `\d`
# pattern could still match only if a digit or a non-ASCII character is next.
MAYBE_DIGIT = LazyPattern(r"[ \t]*[^\x00-/:-\x7f]", stdlib=True)
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# Invisible characters that can sit inside a word ("pain&shy;less"): left out of
# the copy so that patterns see the word a reader sees; the runs keep positions.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Entities common in web copy, as `html.unescape` decodes them (a test checks):
# the `html` module and its 2,000-entry table load only for the others.
_COMMON_ENTITIES = {
    "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&nbsp;": "\xa0",
    "&copy;": "\xa9", "&reg;": "\xae", "&trade;": "\u2122", "&hellip;": "\u2026",
    "&mdash;": "\u2014", "&ndash;": "\u2013", "&lsquo;": "\u2018", "&rsquo;": "\u2019",
    "&ldquo;": "\u201c", "&rdquo;": "\u201d", "&shy;": "\xad", "&deg;": "\xb0",
    "&eacute;": "\xe9", "&times;": "\xd7", "&bull;": "\u2022", "&middot;": "\xb7",
}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern that only some documents need, compiled when one does."""
    return re.compile(pattern)


def unescape(entity: str) -> str:
    """`html.unescape` of one `_ENTITY` match."""
    value = _COMMON_ENTITIES.get(entity)
    if value is not None:
        return value
    if entity[1] == "#":
        num = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
        # html.unescape maps some code points to others or to nothing; in
        # these ranges it returns the character itself (a test checks).
        if 0x20 <= num < 0x7F or 0xA0 <= num < 0xD800:
            return chr(num)
    import html

    return html.unescape(entity)


def _has_any(text: str, chars: str) -> bool:
    for c in chars:
        if c in text:
            return True
    return False


def lines_of(source: str) -> tuple[list[str], list[int]]:
    """Each line without its line break, and where each line starts (plus the end)."""
    if not (_has_any(source, _OTHER_BREAKS)
            or not source.isascii() and _has_any(source, _OTHER_BREAKS_WIDE)):
        lines = source.splitlines()
        starts = [0]
        if "\r" in source:
            starts.extend(accumulate(map(len, source.splitlines(True))))
        elif lines:  # every line but the last ends in one LF: no second list of the lines
            starts.extend(accumulate(map((1).__add__, map(len, lines))))
            starts[-1] = len(source)
        return lines, starts
    lines = []
    starts = []
    for m in _LINE.finditer(source):
        raw = m.group()
        if raw:
            lines.append(raw.rstrip("\r\n"))
            starts.append(m.start())
    starts.append(len(source))
    return lines, starts


def _invisible_at(source: str) -> list[int]:
    """Where the invisible characters of ``source`` are, in order."""
    at: list[int] = []
    if not source.isascii():
        for c in _INVISIBLE_CHARS:
            i = source.find(c)
            while i >= 0:
                at.append(i)
                i = source.find(c, i + 1)
        at.sort()
    return at


class CopyBuilder:
    """Appends stretches of one source to the copy; block breaks exist only in the copy."""

    __slots__ = ("_amp", "_block_starts", "_invisible", "_length", "_limit", "_open", "_parts",
                 "_pend_end", "_pend_plain", "_pend_start", "_runs", "_simple", "_ticks",
                 "source", "wide")

    def __init__(self, source: str) -> None:
        self.source = source
        self._limit = current()  # the time limit of this read (`limit.time_limit`), if any
        self._ticks = EVERY
        self._parts: list[str] = []
        self._runs = Runs()
        self._length = 0
        self._block_starts = array("q", [0])  # 8 bytes a block, not a list's 40
        self._open = False  # text emitted since the last block break
        # The verbatim run being extended: source[_pend_start:_pend_end] at
        # copy offset _pend_plain; _pend_end is -1 when there is none. It is
        # always the last piece of the copy: anything else emitted ends it.
        self._pend_plain = 0
        self._pend_start = 0
        self._pend_end = -1
        # One look at the whole source spares a search per piece.
        self._invisible = _invisible_at(source)
        self._amp = "&" in source
        self._simple = not (self._amp or self._invisible)
        self.wide = has_wide_chars(source)

    def span(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` as it stands, less invisible characters."""
        invisible = self._invisible
        if invisible:
            i = bisect_left(invisible, start)
            while i < len(invisible) and invisible[i] < end:
                self._span(start, invisible[i])
                start = invisible[i] + 1
                i += 1
        self._span(start, end)

    def _span(self, start: int, end: int) -> None:
        if start >= end:
            return
        if start != self._pend_end:
            if self._pend_end >= 0:
                self._flush()
            self._pend_plain = self._length
            self._pend_start = start
        self._pend_end = end
        self._length += end - start
        self._open = True

    def _flush(self) -> None:
        if self._limit is not None:
            self._ticks -= 1
            if not self._ticks:
                self._ticks = EVERY
                self._limit.check()
        start, end = self._pend_start, self._pend_end
        self._runs.append(self._pend_plain, start, end - start, end - start)
        self._parts.append(self.source[start:end])
        self._pend_end = -1

    def _decoded(self, src_start: int, src_len: int, text: str) -> None:
        """Copy text that stands for longer source text (an entity).

        An entity always decodes to fewer characters than it has, so the run
        is never verbatim.
        """
        if not text.strip(_INVISIBLE_CHARS):  # nothing but invisible characters
            return
        if self._pend_end >= 0:
            self._flush()
        self._runs.append(self._length, src_start, len(text), src_len)
        self._parts.append(text)
        self._length += len(text)
        self._open = True

    def text(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` in which `&amp;` and friends stand for characters."""
        if self._simple or (  # the common case: nothing to decode or leave out
            not self._invisible and self.source.find("&", start, end) < 0
        ):
            self._span(start, end)
            return
        source = self.source
        if not self._amp or source.find("&", start, end) < 0:
            self.span(start, end)
            return
        pos = start
        for m in _compiled(_ENTITY).finditer(source, start, end):
            at, after = m.span()
            self.span(pos, at)
            entity = m.group()
            value = unescape(entity)
            if value == entity:
                self.span(at, after)
            else:
                self._decoded(at, after - at, value)
            pos = after
        self.span(pos, end)

    def block(self) -> None:
        """End the current block: what follows is a new sentence."""
        if self._open:
            if self._pend_end >= 0:
                self._flush()
            self._parts.append(BLOCK_BREAK)
            self._length += len(BLOCK_BREAK)
            self._block_starts.append(self._length)
            self._open = False

    def build(self) -> Copy:
        if self._limit is not None:
            self._limit.check()
        if self._pend_end >= 0:
            self._flush()
        return Copy("".join(self._parts), self._runs, self._block_starts)
