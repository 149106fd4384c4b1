"""Markdown and MDX: prose, headings, list items, table cells, alt texts.

Front matter `title`/`description` are copy; fenced and inline code, HTML
comments, link URLs and reference definitions are not. Line-based, like the
CommonMark block structure, so every piece of copy keeps its source offset.
"""

from __future__ import annotations

import regex

from ..model import Copy
from .builder import CopyBuilder

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")  # a lone CR ends a line too
_FENCE = regex.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = regex.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_TAIL = regex.compile(r"[ \t]+#+[ \t]*$|[ \t]*$")
_RULE_LINE = regex.compile(r" {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$")
_QUOTE = regex.compile(r"(?: {0,3}>[ \t]?)+")
_ITEM = regex.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_REFDEF = regex.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
_TABLE_DELIM = regex.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MDX_LINE = regex.compile(r"(?:import|export)\s")
_FRONT_KEY = regex.compile(
    r"(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>.*?)[ \t]*$"
)
_COPY_KEYS = frozenset({"title", "description", "summary", "excerpt", "subtitle", "headline",
                        "seo_title", "seo_description", "meta_description", "meta_title"})
_INLINE = regex.compile(
    r"(?P<code>`+).*?(?P=code)"
    r"|!\[(?P<alt>[^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|\[(?=[^\[\]]*\](?:\(|\[))"
    r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\]\[[^\[\]]*\]"
    r"|<(?:https?|mailto|ftp):[^<>\s]*>"
    r"|(?:https?|ftp)://[^\s<>()\"]+"
    r"|<!--.*?(?:-->|$)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|\*+|(?<!\w)_+|_+(?!\w)|~~",
)


def extract(source: str) -> Copy:
    out = CopyBuilder()
    lines = [(m.start(), m.group()) for m in _LINE.finditer(source) if m.group()]
    i = _front_matter(source, lines, out)
    fence: str | None = None
    in_comment = False
    in_table = False
    while i < len(lines):
        start, raw = lines[i]
        i += 1
        line = raw.rstrip("\r\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
                out.block()
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        f = _FENCE.match(line)
        if f:
            fence = f.group(1)
            out.block()
            continue
        if not line.strip():
            out.block()
            in_table = False
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            out.block()
            continue
        if _RULE_LINE.match(line) or _REFDEF.match(line) or _MDX_LINE.match(line):
            out.block()
            continue
        offset = 0
        q = _QUOTE.match(line)
        if q:
            offset = q.end()
        if "|" in line and (in_table or _is_table_row(line, lines, i)):
            in_table = True
            if not _TABLE_DELIM.match(line):
                _table_row(source, start + offset, line[offset:], out)
            continue
        h = _HEADING.match(line, offset)
        if h:
            out.block()
            tail = _HEADING_TAIL.search(line, h.end())
            end = tail.start() if tail else len(line)
            _inline(source, start + h.end(), start + end, out)
            out.block()
            continue
        item = _ITEM.match(line, offset)
        if item:
            out.block()
            offset = item.end()
        _inline(source, start + offset, start + len(raw), out)
    return out.build()


def _is_table_row(line: str, lines: list[tuple[int, str]], nxt: int) -> bool:
    return nxt < len(lines) and bool(_TABLE_DELIM.match(lines[nxt][1].rstrip("\r\n"))) and (
        "-" in lines[nxt][1]
    )


def _table_row(source: str, start: int, row: str, out: CopyBuilder) -> None:
    for cell in regex.finditer(r"(?:\\\||`[^`]*`|[^|])+", row):
        out.block()
        _inline(source, start + cell.start(), start + cell.end(), out)
    out.block()


def _front_matter(source: str, lines: list[tuple[int, str]], out: CopyBuilder) -> int:
    """Emit the copy keys of YAML/TOML front matter; return the first body line."""
    if not lines or lines[0][1].rstrip("\r\n") not in ("---", "+++"):
        return 0
    marker = lines[0][1].rstrip("\r\n")
    end = next((k for k in range(1, len(lines)) if lines[k][1].rstrip("\r\n") == marker), None)
    if end is None:
        return 0  # not front matter after all: a thematic break
    k = 1
    while k < end:
        start, raw = lines[k]
        k += 1
        m = _FRONT_KEY.match(raw.rstrip("\r\n"))
        if not m or m.group("key").lower() not in _COPY_KEYS or raw[:1].isspace():
            continue
        value = m.group("value")
        vstart = start + m.start("value")
        out.block()
        if value in (">", "|", ">-", "|-", ""):
            while k < end and lines[k][1][:1] in (" ", "\t"):
                s, r = lines[k]
                lead = len(r) - len(r.lstrip())
                if r.strip():  # the line and its own line break, both as they stand
                    out.verbatim(s + lead, r[lead:])
                k += 1
        else:
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value, vstart = value[1:-1], vstart + 1
            out.text_with_entities(vstart, value)
        out.block()
    return end + 1


def _inline(source: str, start: int, end: int, out: CopyBuilder) -> None:
    """Emit the copy of one line's inline content."""
    pos = start
    for m in _INLINE.finditer(source, start, end):
        out.text_with_entities(pos, source[pos:m.start()])
        pos = m.end()
        if m.group("alt") is not None and m.group("alt").strip():
            out.block()
            out.text_with_entities(m.start("alt"), m.group("alt"))
            out.block()
        elif m.group("esc") is not None:
            out.verbatim(m.start("esc"), m.group("esc"))
        elif m.group("tag") is not None:
            from . import html  # only Markdown with inline HTML needs the HTML reader

            html.emit_fragment(source, m.start(), m.end(), out)
    out.text_with_entities(pos, source[pos:end])
