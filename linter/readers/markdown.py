"""Markdown and MDX: prose, headings, list items, table cells, alt texts.

Front matter `title`/`description` are copy; fenced and inline code, HTML
comments, link URLs and reference definitions are not. Line-based, like the
CommonMark block structure, so every piece of copy keeps its source offset.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..lazyre import LazyPattern
from ..model import Copy
from .builder import MAYBE_DIGIT, CopyBuilder, exact, lines_of, stdlib_pattern
from .codespans import tokens as _tokens

# The `regex` patterns of this reader in `re` terms (`stdlib_pattern`): the
# same matches, except that \w and \d are ASCII, and so is \s unless the
# document has other spaces (`_wide`). Where ASCII \w and \d could matter,
# the original pattern decides (`_item`, `_inline`); `_FRONT_KEY` says why it
# cannot matter there.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
# The end of a heading's text is where `[ \t]+#+[ \t]*$|[ \t]*$` first matches
# (the closing hashes and spaces are not copy): `_heading_end` finds it without
# a search that would retry the spaces from each of them.
_RULE_LINE = re.compile(r" {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$")
_QUOTE = LazyPattern(r"(?: {0,3}>[ \t]?)+", stdlib=True)
_ITEM_REGEX = r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)"
_ITEM = re.compile(stdlib_pattern(_ITEM_REGEX, wide=False))
_REFDEF_REGEX = r" {0,3}\[[^\]]+\]:[ \t]*\S"
_REFDEF = re.compile(stdlib_pattern(_REFDEF_REGEX, wide=False))
# `[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`, written so that
# no run of spaces can be shared out between two `[ \t]*` (which made a long
# line of spaces quadratic): the same lines match.
_TABLE_DELIM_REGEX = r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$"
_TABLE_DELIM = re.compile(_TABLE_DELIM_REGEX)
_MDX_LINE_REGEX = r"(?:import|export)\s"
_MDX_LINE = re.compile(stdlib_pattern(_MDX_LINE_REGEX, wide=False))
# An ASCII \w key gives the same answer: a key that lower-cases to one of
# _COPY_KEYS is ASCII (only the Kelvin sign lower-cases to an ASCII letter,
# and no copy key has a k), and is followed by [ \t:=], where any \w ends.
# The value is `(?P<value>.*?)[ \t]*$` in the original: the trailing spaces and
# tabs are stripped after the match instead (a lazy `.*?` before `[ \t]*$` retries
# the spaces from each character: quadratic on a long value).
_FRONT_KEY = re.compile(stdlib_pattern(
    r"(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>.*)", wide=False
))
_COPY_KEYS = frozenset({"title", "description", "summary", "excerpt", "subtitle", "headline",
                        "seo_title", "seo_description", "meta_description", "meta_title"})
# A code span is `(?P<code>`+).*?(?P=code)` (the spans this reader has always
# found: `_CODE_SPAN_REGEX`), but as a regex it retries every shorter opening
# run and every closing position: cubic in a run of backticks. The patterns
# only find where one may start (`` `(?P<code>) ``: a
# backtick, and an empty group to tell it); `codespans` finds its end,
# the same end, in time linear in the line.
_CODE_SPAN_REGEX = r"(?P<code>`+).*?(?P=code)"
_INLINE_REGEX = (
    r"`(?P<code>)"
    r"|!\[(?P<alt>[^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|\[(?=[^\[\]]*\](?:\(|\[))"
    r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\]\[[^\[\]]*\]"
    r"|<(?:https?|mailto|ftp):[^<>\s]*>"
    r"|(?:https?|ftp)://[^\s<>()\"]+"
    r"|<!--.*?(?:-->|$)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|\*+|(?<!\w)_+|_+(?!\w)|~~"
)
# The same alternatives, each starting with a literal character, so that `re`
# skips to the characters that can start one (as `regex` does by itself)
# instead of trying every alternative at every position. Each rewrite tries
# the same matches in the same order: `x+` as `xx*`;
# the `<` of a tag outside its group; `(?:https?|ftp)` as two alternatives;
# and `(?<!\w)_+` as `_(?<!\w_)_*`, which looks at the same character before
# the first underscore (a test checks, and `_INLINE_REGEX` is what it stands for).
_INLINE_LITERAL_FIRST = (
    r"`(?P<code>)"
    r"|!\[(?P<alt>[^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|\[(?=[^\[\]]*\](?:\(|\[))"
    r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\]\[[^\[\]]*\]"
    r"|<(?:https?|mailto|ftp):[^<>\s]*>"
    r"|https?://[^\s<>()\"]+|ftp://[^\s<>()\"]+"
    r"|<!--.*?(?:-->|$)"
    r"|<(?P<tag>/?[A-Za-z][A-Za-z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|\*\**|_(?<!\w_)_*|__*(?!\w)|~~"
)
# \w only looks at the neighbours of an underscore (the other alternatives
# start with other characters): the ASCII stand-in is exact where the text
# has no underscore, or it and the character before it are ASCII.
_INLINE = re.compile(stdlib_pattern(_INLINE_LITERAL_FIRST, wide=False))
_CELL = re.compile(r"(?:\\\||`[^`]*`|[^|])+")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@cache
def _wide() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """`_INLINE`, `_REFDEF` and `_MDX_LINE` with all of \\s, for `CopyBuilder.wide` documents."""
    return (re.compile(stdlib_pattern(_INLINE_LITERAL_FIRST, wide=True)),
            re.compile(stdlib_pattern(_REFDEF_REGEX, wide=True)),
            re.compile(stdlib_pattern(_MDX_LINE_REGEX, wide=True)))


def extract(source: str) -> Copy:
    out = CopyBuilder(source)
    block = out.block
    inline, refdef, mdx = _wide() if out.wide else (_INLINE, _REFDEF, _MDX_LINE)
    lines, starts = lines_of(source)
    i = _front_matter(source, lines, starts, out)
    fence: str | None = None
    in_comment = False
    in_table = False
    letters = _ASCII_LETTERS
    n = len(lines)
    while i < n:
        line = lines[i]
        start = starts[i]
        i += 1
        if in_comment:
            if "-->" in line:
                in_comment = False
                block()
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        # The block patterns are tried only where the first character allows a
        # match: `c in "..."` costs less than a failed match.
        c = line[:1]
        if c in letters:
            # Prose: no block syntax starts with a letter but `import`/`export`.
            if c in "ie" and mdx.match(line):
                block()
            elif "|" in line and (in_table or _is_table_row(lines, i)):
                in_table = True
                if not _TABLE_DELIM.match(line):
                    _table_row(source, start, line, 0, out, inline)
            else:
                _inline(source, start, starts[i], out, inline)
            continue
        fence, in_comment, in_table = _block_line(source, lines, starts, i, out, in_table,
                                                  (inline, refdef))
    return out.build()


def _block_line(source: str, lines: list[str], starts: list[int], i: int, out: CopyBuilder,
                in_table: bool, patterns: tuple[re.Pattern[str], re.Pattern[str]]
                ) -> tuple[str | None, bool, bool]:
    """Emit line ``i - 1``, one that starts with no letter (prose lines stay in `extract`'s
    loop: a call per line costs speed); return the fence it opens, whether it opens an
    HTML comment, and whether a table goes on."""
    line, start = lines[i - 1], starts[i - 1]
    c = line[:1]
    inline, refdef = patterns
    block = out.block
    if not c or not line.strip():  # _FENCE never matches a blank line
        block()
        return None, False, False
    if c in " `~":
        f = _FENCE.match(line)
        if f:
            block()
            return f.group(1), False, in_table
    if (c == "<" or c.isspace()) and line.lstrip().startswith("<!--") and "-->" not in line:
        block()
        return None, True, in_table
    # (No line here starts with a letter, as `import` and `export` do.)
    if (c in " -*_=" and _RULE_LINE.match(line)) or (c in " [" and refdef.match(line)):
        block()
        return None, False, in_table
    offset = 0
    if c in " >":
        q = _QUOTE.match(line)
        if q:
            offset = q.end()
    if "|" in line and (in_table or _is_table_row(lines, i)):
        if not _TABLE_DELIM.match(line):
            _table_row(source, start, line, offset, out, inline)
        return None, False, True
    h = _HEADING.match(line, offset) if line[offset:offset + 1] in " #" else None
    if h:
        block()
        end = len(line)
        if line[-1:] in " \t#":  # else the tail is empty: it ends in [ \t] or #
            end = _heading_end(line, h.end())
        _inline(source, start + h.end(), start + end, out, inline)
        block()
        return None, False, in_table
    item = _item(line, offset)
    if item:
        block()
        offset = item.end()
    _inline(source, start + offset, starts[i], out, inline)
    return None, False, in_table


def _heading_end(line: str, begin: int) -> int:
    """Where `[ \\t]+#+[ \\t]*$|[ \\t]*$` first matches in ``line`` from ``begin``."""
    end = max(begin, len(line.rstrip(" \t")))
    hashes = max(begin, len(line[begin:end].rstrip("#")) + begin)
    if hashes < end:  # a closing sequence, if spaces come before it
        spaces = max(begin, len(line[begin:hashes].rstrip(" \t")) + begin)
        if spaces < hashes:
            return spaces
    return end


def _item(line: str, offset: int) -> Any:
    """`_ITEM_REGEX` matched at ``offset``, as the `regex` module matches it.

    Where the ASCII `_ITEM` matches, the original matches the same; where it
    fails, only a line with a digit beyond ASCII can differ.
    """
    item = _ITEM.match(line, offset)
    if item is None and not line.isascii() and MAYBE_DIGIT.match(line, offset):
        return exact(_ITEM_REGEX).match(line, offset)
    return item


def _is_table_row(lines: list[str], nxt: int) -> bool:
    return nxt < len(lines) and bool(_TABLE_DELIM.match(lines[nxt])) and "-" in lines[nxt]


def _table_row(
    source: str, start: int, line: str, offset: int, out: CopyBuilder, pattern: re.Pattern[str]
) -> None:
    for cell in _CELL.finditer(line, offset):
        out.block()
        _inline(source, start + cell.start(), start + cell.end(), out, pattern)
    out.block()


def _front_matter(source: str, lines: list[str], starts: list[int], out: CopyBuilder) -> int:
    """Emit the copy keys of YAML/TOML front matter; return the first body line."""
    if not lines or lines[0] not in ("---", "+++"):
        return 0
    marker = lines[0]
    end = next((k for k in range(1, len(lines)) if lines[k] == marker), None)
    if end is None:
        return 0  # not front matter after all: a thematic break
    k = 1
    while k < end:
        start, line = starts[k], lines[k]
        k += 1
        m = _FRONT_KEY.match(line)
        if not m or m.group("key").lower() not in _COPY_KEYS or line[:1].isspace():
            continue
        value = m.group("value").rstrip(" \t")
        vstart = start + m.start("value")
        out.block()
        if value in (">", "|", ">-", "|-", ""):
            while k < end and lines[k][:1] in (" ", "\t"):
                s, r = starts[k], source[starts[k]:starts[k + 1]]
                lead = len(r) - len(r.lstrip())
                if r.strip():  # the line and its own line break, both as they stand
                    out.span(s + lead, s + len(r))
                k += 1
        else:
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value, vstart = value[1:-1], vstart + 1
            out.text(vstart, vstart + len(value))
        out.block()
    return end + 1


def _inline(
    source: str, start: int, end: int, out: CopyBuilder, pattern: re.Pattern[str]
) -> None:
    """Emit the copy of one line's inline content (``pattern``: `_INLINE` or its `_wide` twin)."""
    if not (
        source.isascii()
        or source.find("_", start, end) < 0
        or source[start - 1 if start else 0:end].isascii()
    ):
        pattern = exact(_INLINE_REGEX)
    pos = start
    text = out.text
    for m in _tokens(source, start, end, pattern):
        at = m.start()
        if at > pos:
            text(pos, at)
        pos = m.end()
        _, alt, tag, esc = m.groups()  # a code span: none of them
        if alt is not None:
            if alt.strip():
                out.block()
                alt_at = m.start("alt")
                text(alt_at, alt_at + len(alt))
                out.block()
        elif esc is not None:
            out.span(pos - 1, pos)
        elif tag is not None:
            from . import html  # only Markdown with inline HTML needs the HTML reader

            html.emit_fragment(source, at, pos, out)
    if end > pos:
        text(pos, end)
