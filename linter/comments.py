"""Where the comments of a page are, per format: the places a glowlint directive may
stand (`suppressions` parses them). Every search is linear in the page: a comment
never closed is looked for once, and code spans are paired in one pass."""

from __future__ import annotations

from bisect import bisect_right

import regex

from .lazyre import LazyPattern

# The comments are the matches of `<!--(.*?)-->` and `\{[ \t]*/\*(.*?)\*/[ \t]*\}`
# (DOTALL), found as an opening and then its closing: a comment never closed
# is looked for once, not once from each opening after it (`_comment_spans`).
_MDX_OPEN = LazyPattern(r"\{[ \t]*/\*")
_MDX_CLOSE = LazyPattern(r"\*/[ \t]*\}")
# `^[ \t]*(?:#|//)[ \t]*(glowlint-[^\n]*?)[ \t]*\r?$`, its trailing spaces stripped
# after the match (a lazy `*?` before `[ \t]*` retries the spaces from each character)
_LINE_COMMENT = LazyPattern(r"^[ \t]*(?:#|//)[ \t]*(glowlint-[^\n]*)", regex.MULTILINE)
_BACKTICK_RUN = LazyPattern(r"`+")
_FENCE = LazyPattern(r"^ {0,3}(`{3,}|~{3,})", regex.MULTILINE)


def _code_ranges(source: str) -> list[tuple[int, int]]:
    """Fenced and inline code of Markdown, where a comment is only an example."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _FENCE.search(source, pos)
        if not m:
            break
        fence = m.group(1)
        close = regex.compile(rf"^ {{0,3}}{regex.escape(fence[0])}{{{len(fence)},}}[ \t]*$",
                            regex.MULTILINE)
        c = close.search(source, m.end())
        end = c.end() if c else len(source)
        ranges.append((m.start(), end))
        pos = end
    ranges.extend(_inline_code(source))
    return ranges


def _inline_code(source: str) -> list[tuple[int, int]]:
    """The matches of ``(?<!`)(`+)(?!`)[^\\n]+?(?<!`)\\1(?!`)``: a run of backticks
    and the next run as long on its line, paired from one pass over the runs (the
    regex looked for a partner from every run to the end of its line)."""
    runs = [m.span() for m in _BACKTICK_RUN.finditer(source)]
    lines = []  # a number per line that has runs
    line = 0
    for k in range(len(runs)):
        if k and source.find("\n", runs[k - 1][1], runs[k][0]) >= 0:
            line += 1
        lines.append(line)
    partner = [-1] * len(runs)
    later: dict[tuple[int, int], int] = {}  # (line, length) -> the next run
    for k in range(len(runs) - 1, -1, -1):
        key = (lines[k], runs[k][1] - runs[k][0])
        partner[k] = later.get(key, -1)
        later[key] = k
    spans = []
    k = 0
    while k < len(runs):
        j = partner[k]
        if j < 0:
            k += 1
            continue
        spans.append((runs[k][0], runs[j][1]))
        k = j + 1
    return spans


def _line_comments(source: str) -> list[tuple[int, int, int, int]]:
    """(start, end, body start, body end) of the line comments of plain text."""
    found = []
    for m in _LINE_COMMENT.finditer(source):
        body = m.group(1)
        if body.endswith("\r"):
            body = body[:-1]
        found.append((m.start(), m.end(), m.start(1), m.start(1) + len(body.rstrip(" \t"))))
    return found


def _comment_spans(source: str, mdx: bool) -> list[tuple[int, int, int, int]]:
    """(start, end, body start, body end) of the HTML comments (or MDX ones)."""
    found = []
    pos = 0
    while True:
        if mdx:
            m = _MDX_OPEN.search(source, pos)
            if m is None:
                break
            opened = m.start(), m.end()
            c = _MDX_CLOSE.search(source, opened[1])
            if c is None:
                break  # no later opening has a closing either
            closed = c.start(), c.end()
        else:
            at = source.find("<!--", pos)
            if at < 0:
                break
            opened = at, at + 4
            close = source.find("-->", at + 4)
            if close < 0:
                break
            closed = close, close + 3
        found.append((opened[0], closed[1], opened[1], closed[0]))
        pos = closed[1]
    return found


class Ranges:
    """Half-open ranges [start, end), merged: whether an offset is in one, by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def comments(source: str, fmt: str) -> list[tuple[int, int, int, int]]:
    """(comment start, end, body start, body end) of every comment of the format: HTML
    comments, and MDX ones outside code in Markdown, and line comments in plain text."""
    found = _comment_spans(source, mdx=False)
    if fmt == "md":
        found += _comment_spans(source, mdx=True)
        in_code = Ranges(_code_ranges(source))
        found = [c for c in found if not in_code.covers(c[0])]
    elif fmt == "txt":
        found += _line_comments(source)
    return found
