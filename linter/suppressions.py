"""Inline suppressions: comments in the copy that silence findings, with a reason.

The forms, in every format (the comment is never copy):

    <!-- glowlint-disable-next-line RULE -- reason -->   the next non-blank line
    <!-- glowlint-disable-line RULE -->                   the line(s) of the comment
    <!-- glowlint-disable RULE -->  ...  <!-- glowlint-enable RULE -->
                                                          a block (to the end of
                                                          the file when never enabled)
    <!-- glowlint-disable-file RULE -->                   the whole file

Markdown also takes the MDX comment form ``{/* glowlint-... */}`` (MDX has no
HTML comments); comments inside fenced or inline code are not directives.
Plain text files take a line comment: a line whose first non-blank
characters are ``#`` or ``//`` followed by the directive
(``# glowlint-disable-next-line painless -- approved by legal``); HTML
comments work there too.

RULE is one or more rule ids or categories, separated by spaces or commas;
none means every rule. After `` -- `` comes the reason. ``until YYYY-MM-DD``
(among the rules, or at the end of the reason) makes the suppression expire
after that day: it then stops suppressing and is reported.

Problems with suppressions are findings of their own (category
``suppression``), like ruff's unused-noqa: see `META_RULES`.
"""

from __future__ import annotations

import datetime as dt
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from .directives import CATEGORY, META_RULES
from .lazyre import LazyPattern
from .model import Finding, LineIndex, Severity

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
ALL = ""  # a directive without rule names covers every rule

# The comments are the matches of `<!--(.*?)-->` and `\{[ \t]*/\*(.*?)\*/[ \t]*\}`
# (DOTALL), found as an opening and then its closing: a comment never closed
# is looked for once, not once from each opening after it (`_comment_spans`).
_MDX_OPEN = LazyPattern(r"\{[ \t]*/\*")
_MDX_CLOSE = LazyPattern(r"\*/[ \t]*\}")
# `^[ \t]*(?:#|//)[ \t]*(glowlint-[^\n]*?)[ \t]*\r?$`, its trailing spaces stripped
# after the match (a lazy `*?` before `[ \t]*` retries the spaces from each character)
_LINE_COMMENT = LazyPattern(r"^[ \t]*(?:#|//)[ \t]*(glowlint-[^\n]*)", regex.MULTILINE)
_BACKTICK_RUN = LazyPattern(r"`+")
_DIRECTIVE = LazyPattern(r"\s*glowlint-(?P<kind>[A-Za-z0-9-]*[A-Za-z0-9])?")
_FENCE = LazyPattern(r"^ {0,3}(`{3,}|~{3,})", regex.MULTILINE)
_TOKEN = LazyPattern(r"[^\s,]+")
_REASON_SEP = LazyPattern(r"(?:^|\s)--(?:\s|$)")
_TRAILING_UNTIL = LazyPattern(r"\buntil\s+(\S+?)[.)]?\s*$", regex.IGNORECASE)
_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


@dataclass(eq=False)
class Target:
    name: str  # a rule id or category; ALL for every rule
    start: int  # source span of the name (of the directive word for ALL)
    end: int
    used: bool = False
    region: tuple[int, int] = (0, 0)  # disable blocks: source offsets [from, to)


@dataclass(eq=False)
class Directive:
    kind: str
    start: int  # the whole comment
    end: int
    targets: list[Target] = field(default_factory=list)
    reason: str = ""
    until: dt.date | None = None
    until_span: tuple[int, int] = (0, 0)
    lines: tuple[int, int] = (0, 0)  # line forms: 1-based lines [first, last]


@dataclass(eq=False)
class _Problem:
    rule: str
    start: int
    end: int
    message: str
    suggestion: str | None = None




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


class _Ranges:
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


def _comments(source: str, fmt: str) -> list[tuple[int, int, int, int]]:
    """(comment start, end, body start, body end) of every comment that may hold a directive."""
    found = _comment_spans(source, mdx=False)
    if fmt == "md":
        found += _comment_spans(source, mdx=True)
        in_code = _Ranges(_code_ranges(source))
        found = [c for c in found if not in_code.covers(c[0])]
    elif fmt == "txt":
        found += _line_comments(source)
    found = [c for c in found if _DIRECTIVE.match(source, c[2], c[3])]
    found.sort()
    return found


def _date(text: str) -> dt.date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse(source: str, fmt: str) -> tuple[list[Directive], list[_Problem]]:
    """The directives of a document, and the malformed ones as problems."""
    directives: list[Directive] = []
    problems: list[_Problem] = []
    if "glowlint-" not in source:
        return directives, problems
    for start, end, body_start, body_end in _comments(source, fmt):
        m = _DIRECTIVE.match(source, body_start, body_end)
        assert m is not None
        kind = (m.group("kind") or "").lower()
        if kind not in KINDS:
            problems.append(_Problem(
                "invalid-suppression", m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()),
                m.end(), f"Unknown glowlint directive 'glowlint-{kind}'; use one of: "
                + ", ".join(f"glowlint-{k}" for k in KINDS) + ".",
            ))
            continue
        d = Directive(kind, start, end)
        rest_start = m.end()
        rest = source[rest_start:body_end]
        sep = _REASON_SEP.search(rest)
        names_end = rest_start + (sep.start() if sep else len(rest))
        if sep:
            d.reason = rest[sep.end():].strip()
        tokens = list(_TOKEN.finditer(source, rest_start, names_end))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.group().lower() == "until":
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                date = _date(nxt.group()) if nxt else None
                if nxt is None or date is None:
                    bad_end = nxt.end() if nxt else tok.end()
                    problems.append(_Problem(
                        "invalid-suppression", tok.start(), bad_end,
                        "'until' needs a date written YYYY-MM-DD, such as until 2027-01-31.",
                    ))
                    d.kind = ""
                else:
                    d.until, d.until_span = date, (tok.start(), nxt.end())
                i += 2
                continue
            d.targets.append(Target(tok.group(), tok.start(), tok.end()))
            i += 1
        if d.reason and d.until is None and sep is not None:
            tail = _TRAILING_UNTIL.search(d.reason)
            if tail:
                date = _date(tail.group(1))
                reason_at = rest_start + sep.end() + (len(rest[sep.end():])
                                                      - len(rest[sep.end():].lstrip()))
                span = (reason_at + tail.start(), reason_at + tail.end())
                if date is None:
                    problems.append(_Problem(
                        "invalid-suppression", *span,
                        "'until' needs a date written YYYY-MM-DD, such as until 2027-01-31.",
                    ))
                    d.kind = ""
                else:
                    d.until, d.until_span = date, span
        if not d.kind:
            continue
        if not d.targets:
            d.targets.append(Target(ALL, m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()),
                                    m.end()))
        directives.append(d)
    return directives, problems


def _covers(d: Directive, t: Target, f: Finding) -> bool:
    """Whether target ``t`` of ``d`` covers ``f``, by place (`_sweep` asks it of all at once)."""
    if d.kind == "disable-file":
        return True
    if d.kind == "disable":
        return t.region[0] <= f.start < t.region[1]
    return f.line <= d.lines[1] and f.end_line >= d.lines[0]


def _sweep(active: list[Directive], findings: list[Finding]) -> list[bool]:
    """Which findings the targets cover (`_covers`), marking each target that covers one.

    Sorted once and searched by bisection: time grows with findings plus
    targets (times their logarithm), not with their product.
    """
    # (name, by lines?) -> closed intervals and their targets; disable-file: whole file
    groups: dict[tuple[str, bool], list[tuple[int, int, Target]]] = {}
    for d in active:
        for t in d.targets:
            if d.kind == "disable-file":
                low, high, by_lines = 0, sys.maxsize, True
            elif d.kind == "disable":
                low, high, by_lines = t.region[0], t.region[1] - 1, False
            else:
                low, high, by_lines = d.lines[0], d.lines[1], True
            groups.setdefault((t.name, by_lines), []).append((low, high, t))
    hit = [False] * len(findings)
    names = {name for name, _ in groups}
    by_name: dict[str, list[int]] = {name: [] for name in names}
    for i, f in enumerate(findings):
        for name in {ALL, f.rule, f.category} & names:
            by_name[name].append(i)
    for (name, by_lines), intervals in groups.items():
        members = by_name[name]
        if not members:
            continue
        # each finding as a closed interval: its lines, or its start offset
        spans = sorted(((findings[i].line, findings[i].end_line, i) if by_lines
                        else (findings[i].start, findings[i].start, i)) for i in members)
        # hit: a finding meets the union of the intervals (merged, then bisected)
        merged_lows: list[int] = []
        merged_highs: list[int] = []
        for low, high, _ in sorted(intervals, key=lambda x: (x[0], x[1])):
            if low > high:
                continue
            if merged_highs and low <= merged_highs[-1] + 1:
                merged_highs[-1] = max(merged_highs[-1], high)
            else:
                merged_lows.append(low)
                merged_highs.append(high)
        for low, high, i in spans:
            j = bisect_right(merged_lows, high) - 1
            if j >= 0 and merged_highs[j] >= low:
                hit[i] = True
        # used: an interval meets a finding: among the findings that start by its end,
        # the furthest end (a running maximum) reaches its start
        lows = [low for low, _, _ in spans]
        furthest: list[int] = []
        for _, high, _ in spans:
            furthest.append(max(high, furthest[-1]) if furthest else high)
        for low, high, t in intervals:
            k = bisect_right(lows, high)
            if low <= high and k and furthest[k - 1] >= low:
                t.used = True
    return hit


def _place(directives: list[Directive], problems: list[_Problem], lines: LineIndex) -> None:
    """Work out what each directive covers; an enable closes blocks (or is a problem)."""
    n = len(lines.starts)
    eof = len(lines.source)
    open_targets: dict[str, list[Target]] = {}  # by name, each closed once
    next_text: dict[int, int] = {}  # line -> the first line from it that is not blank
    for d in directives:
        first, last = lines.line(d.start), lines.line(max(d.start, d.end - 1))
        if d.kind == "disable-line":
            d.lines = (first, last)
        elif d.kind == "disable-next-line":
            target = next_text.get(last + 1, 0)
            if not target:  # (blank lines are passed over once, however many directives)
                target = last + 1
                while target < n and not lines.text(target).strip():
                    target += 1
                next_text[last + 1] = target
            d.lines = (target, target)
        elif d.kind == "disable":
            for t in d.targets:
                t.region = (d.end, eof)
                open_targets.setdefault(t.name, []).append(t)
        elif d.kind == "enable":
            for t in d.targets:
                names = list(open_targets) if t.name == ALL else [t.name]
                closing = [o for name in names for o in open_targets.pop(name, [])]
                for o in closing:
                    o.region = (o.region[0], d.start)
                if not closing:
                    what = "every rule" if t.name == ALL else repr(t.name)
                    problems.append(_Problem(
                        "invalid-suppression", t.start, t.end,
                        f"'glowlint-enable' for {what}, which no glowlint-disable before it "
                        "disabled.",
                        "Remove this comment, or add the glowlint-disable it should close.",
                    ))


@dataclass(eq=False)
class Result:
    findings: list[Finding]  # what remains, plus findings about the suppressions
    suppressed: int = 0


def apply(
    path: str,
    source: str,
    fmt: str,
    findings: list[Finding],
    known: Callable[[str], bool],
    *,
    require_reason: bool = False,
    today: dt.date | None = None,
) -> Result:
    """Drop the findings the document's suppressions cover; report the suppressions' problems.

    ``known(name)`` tells whether a name is a rule id or category.
    """
    directives, problems = parse(source, fmt)
    if not directives and not problems:
        return Result(findings)
    today = today or dt.date.today()
    lines = LineIndex(source)
    _place(directives, problems, lines)
    # the suppressions' own text is never copy
    comments = _Ranges([(d.start, d.end) for d in directives])
    findings = [f for f in findings if not comments.covers(f.start) or f.start == f.end == 0]
    active: list[Directive] = []
    for d in directives:
        if d.kind == "enable":
            continue
        for t in d.targets:
            if t.name != ALL and (t.name in META_RULES or not known(t.name)):
                what = ("a finding about suppressions, which only configuration can turn off"
                        if t.name in META_RULES else "no rule id or category")
                problems.append(_Problem(
                    "unknown-suppression", t.start, t.end,
                    f"{t.name!r} is {what}; this suppression has no effect on it.",
                    "Use a rule id or category from `glowlint rules`.",
                ))
                t.used = True  # reported once, as unknown, not again as unused
        if require_reason and not d.reason:
            problems.append(_Problem(
                "suppression-missing-reason", d.start, d.end,
                "This suppression gives no reason; the configuration requires one.",
                "Add the reason after ' -- ', for example: -- approved by legal 2026-03",
            ))
        if d.until is not None and d.until < today:
            problems.append(_Problem(
                "expired-suppression", *d.until_span,
                f"This suppression expired on {d.until.isoformat()}; the findings it "
                "covered are reported again.",
                "Renew the approval with a new 'until' date, or fix the copy.",
            ))
            continue
        active.append(d)
    hit = _sweep(active, findings)
    kept = [f for f, covered in zip(findings, hit, strict=True) if not covered]
    suppressed = len(findings) - len(kept)
    for d in active:
        for t in d.targets:
            if not t.used:
                what = "any rule" if t.name == ALL else repr(t.name)
                problems.append(_Problem(
                    "unused-suppression", t.start, t.end,
                    f"This suppression of {what} suppresses no finding.",
                    "Remove it (the copy no longer says this, or the rule is off).",
                ))
    kept.extend(_finding(path, lines, p) for p in problems)
    kept.sort(key=Finding.sort_key)
    return Result(kept, suppressed)


def _finding(path: str, lines: LineIndex, p: _Problem) -> Finding:
    line, column = lines.position(p.start)
    end_line, end_column = lines.position(p.end)
    return Finding(
        path=path, line=line, column=column, end_line=end_line, end_column=end_column,
        rule=p.rule, category=CATEGORY, severity=Severity.WARNING, message=p.message,
        match=lines.source[p.start:p.end], suggestion=p.suggestion,
        basis="glowlint suppression comments (docs/adoption.md)", start=p.start, end=p.end,
    )
