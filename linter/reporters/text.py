"""`--format text`: for people. Where, what, why, the line itself, the fix.

Modelled on ruff's full output: ``path:line:col: severity[rule] message``,
then the source line with the span underlined and the suggestion.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import groupby

import click

from ..model import Finding, LineIndex, Severity
from . import Report

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
MAX_WIDTH = 100


def _excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Clip a long line (minified HTML) around the span; columns are 0-based."""
    line = line.replace("\t", " ")
    if len(line) <= MAX_WIDTH:
        return line, start, end
    left = max(0, start - 30)
    right = min(len(line), max(end, start + 1) + 30, left + MAX_WIDTH)
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)


def _finding(f: Finding, lines: LineIndex | None, color: bool, unsafe: bool = False
             ) -> list[str]:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    head = (
        f"{style(f'{f.path}:{f.line}:{f.column}:', bold=True)} "
        f"{style(str(f.severity), fg=_COLORS[f.severity], bold=True)}"
        f"[{style(f.rule, bold=True)}] {'[*] ' if _fixable(f, unsafe) else ''}{f.message}"
    )
    out = [head]
    if lines is not None and 0 < f.line <= len(lines.starts):
        out.extend(snippet(f, lines.text(f.line),
                           lambda marks: style(marks, fg=_COLORS[f.severity])))
    if f.note:
        out.append(f"  = note: {f.note}")
    if f.suggestion:
        label = "add" if f.category.startswith("missing-") else "suggestion"
        out.append(f"  = {label}: {style(f.suggestion, fg='green')}")
    if f.fix is not None:
        label = "fix" if f.fix_safe else "unsafe fix"
        out.append(f"  = {label}: {style(f.fix, fg='green')}")
    return out


def snippet(f: Finding, line: str, mark: Callable[[str], str] = str) -> list[str]:
    """The finding's first line with its span underlined, as ruff and rustc show it."""
    end_col = f.end_column - 1 if f.end_line == f.line else len(line)
    text, s, e = _excerpt(line, f.column - 1, max(end_col, f.column))
    gutter = " " * len(str(f.line))
    return [f"{gutter} |", f"{f.line} | {text}", f"{gutter} | {' ' * s}{mark('^' * max(1, e - s))}"]


def _fixable(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and (f.fix_safe or unsafe)


def _fixed_note(report: Report) -> str:
    n = report.fixed
    return f"Fixed {n} problem{'s' if n != 1 else ''}. " if n else ""


def _fixable_note(report: Report) -> str:
    """How many findings `--fix` would fix, as ruff says it (one line: --quiet drops it)."""
    safe = sum(f.fix is not None and f.fix_safe for f in report.findings)
    unsafe = sum(f.fix is not None and not f.fix_safe for f in report.findings)
    if report.unsafe_fixes:
        return f" [*] {safe + unsafe} fixable with --fix --unsafe-fixes." if safe + unsafe else ""
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    if safe:
        return f" [*] {safe} fixable with --fix{more}."
    return f" {unsafe} fixable with --fix --unsafe-fixes (none with --fix alone)." if unsafe else ""


def stream(report: Report) -> Iterator[str]:
    """The report as chunks, one per finding, reading each file's source once, in turn."""
    first = True
    for path, group in groupby(report.findings, key=lambda f: f.path):
        source = report.source(path)
        lines = LineIndex(source) if source is not None else None
        for f in group:
            block = "\n".join(_finding(f, lines, report.color, report.unsafe_fixes)) + "\n"
            yield block if first else "\n" + block
            first = False
    if report.quiet:
        return
    counts = Counter(f.severity for f in report.findings)
    if report.findings:
        files = len({f.path for f in report.findings})
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        n = len(report.findings)
        yield (
            "\n" + _fixed_note(report)
            + f"Found {n} problem{'s' if n != 1 else ''} ({', '.join(parts)}) in {files} "
            f"file{'s' if files != 1 else ''} ({len(report.files)} checked)."
            + _fixable_note(report) + "\n"
        )
    else:
        n = len(report.files)
        yield (_fixed_note(report)
               + f"All clear: {n} file{'s' if n != 1 else ''} checked, no problems found.\n")


def render(report: Report) -> str:
    return "".join(stream(report))
