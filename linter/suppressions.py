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
from typing import Any

import regex

from .comments import Ranges, comments
from .directives import CATEGORY, META_RULES
from .lazyre import LazyPattern
from .model import Finding, LineIndex, Severity

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
ALL = ""  # a directive without rule names covers every rule

_DIRECTIVE = LazyPattern(r"\s*glowlint-(?P<kind>[A-Za-z0-9-]*[A-Za-z0-9])?")
_TOKEN = LazyPattern(r"[^\s,]+")
_REASON_SEP = LazyPattern(r"(?:^|\s)--(?:\s|$)")
_TRAILING_UNTIL = LazyPattern(r"\buntil\s+(\S+?)[.)]?\s*$", regex.IGNORECASE)
_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


@dataclass(eq=False)
class Target:
    """One rule id or category that a directive names, and whether it was used."""

    name: str  # a rule id or category; ALL for every rule
    start: int  # source span of the name (of the directive word for ALL)
    end: int
    used: bool = False
    region: tuple[int, int] = (0, 0)  # disable blocks: source offsets [from, to)


@dataclass(eq=False)
class Directive:
    """One glowlint- comment: its kind, where it stands, what it names."""

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
    """A finding about a directive itself (unknown rule, unused, no reason)."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str | None = None




def _comments(source: str, fmt: str) -> list[tuple[int, int, int, int]]:
    """(comment start, end, body start, body end) of every comment that may hold a directive."""
    found = [c for c in comments(source, fmt) if _DIRECTIVE.match(source, c[2], c[3])]
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
        _names(d, list(_TOKEN.finditer(source, rest_start, names_end)), problems)
        if d.reason and d.until is None and sep is not None:
            after = rest[sep.end():]
            _reason_until(d, rest_start + sep.end() + len(after) - len(after.lstrip()),
                          problems)
        if not d.kind:
            continue
        if not d.targets:
            d.targets.append(Target(ALL, m.start(0) + len(m.group(0)) - len(m.group(0).lstrip()),
                                    m.end()))
        directives.append(d)
    return directives, problems


BAD_UNTIL = "'until' needs a date written YYYY-MM-DD, such as until 2027-01-31."


def _names(d: Directive, tokens: list[Any], problems: list[_Problem]) -> None:
    """The rule names of a directive (its targets), and ``until DATE`` among them; a
    bad date is a problem, and the directive is dropped (``kind`` emptied)."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.group().lower() == "until":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            date = _date(nxt.group()) if nxt else None
            if nxt is None or date is None:
                bad_end = nxt.end() if nxt else tok.end()
                problems.append(_Problem("invalid-suppression", tok.start(), bad_end,
                                         BAD_UNTIL))
                d.kind = ""
            else:
                d.until, d.until_span = date, (tok.start(), nxt.end())
            i += 2
            continue
        d.targets.append(Target(tok.group(), tok.start(), tok.end()))
        i += 1


def _reason_until(d: Directive, reason_at: int, problems: list[_Problem]) -> None:
    """``until DATE`` at the end of the reason (which starts at ``reason_at``)."""
    tail = _TRAILING_UNTIL.search(d.reason)
    if not tail:
        return
    date = _date(tail.group(1))
    span = (reason_at + tail.start(), reason_at + tail.end())
    if date is None:
        problems.append(_Problem("invalid-suppression", *span, BAD_UNTIL))
        d.kind = ""
    else:
        d.until, d.until_span = date, span


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
    """The findings a document's comments leave, and how many they suppressed."""

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
    comments = Ranges([(d.start, d.end) for d in directives])
    findings = [f for f in findings if not comments.covers(f.start) or f.start == f.end == 0]
    active = [d for d in directives if d.kind != "enable"
              and _in_force(d, known, require_reason, today, problems)]
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


def _in_force(d: Directive, known: Callable[[str], bool], require_reason: bool,
              today: dt.date, problems: list[_Problem]) -> bool:
    """Whether a directive suppresses (it has not expired); its problems told."""
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
        return False
    return True


def _finding(path: str, lines: LineIndex, p: _Problem) -> Finding:
    line, column = lines.position(p.start)
    end_line, end_column = lines.position(p.end)
    return Finding(
        path=path, line=line, column=column, end_line=end_line, end_column=end_column,
        rule=p.rule, category=CATEGORY, severity=Severity.WARNING, message=p.message,
        match=lines.source[p.start:p.end], suggestion=p.suggestion,
        basis="glowlint suppression comments (docs/adoption.md)", start=p.start, end=p.end,
    )
