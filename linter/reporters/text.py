"""`--format text`: for people. Where, what, why, the line itself, the fix.

Modelled on ruff's full output: ``path:line:col: severity[rule] message``,
then the source line with the span underlined and the suggestion.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

import click

from ..model import Finding, Severity, finding_lines
from . import Report, advice_categories, chunked
from ._escape import printable, printable_span

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_NAMES = {s: str(s) for s in Severity}
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


def _finding(f: Finding, line: str | None, color: bool, unsafe: bool,
             advice: frozenset[str]) -> str:
    """One finding's block (ending in a newline); ``line``: the text of its line, if known.

    Without colour, formatted in one go (a large report spends its time here);
    `_styled` is the same text with styles, piece by piece.
    """
    if color:
        return "\n".join(_styled(f, line, unsafe, advice)) + "\n"
    n = f.line
    # Every text from the repository (file names, lines, rule packs) is shown with its
    # control characters escaped: a newline or an escape sequence never reaches the
    # terminal or the CI log as such (`_escape`).
    out = f"{printable(f.path)}:{n}:{f.column}: {_NAMES[f.severity]}[{printable(f.rule)}] " \
        f"{'[*] ' if _fixable(f, unsafe) else ''}{printable(f.message)}\n"
    if line is not None:
        text, start, end = _span(f, line)
        gutter = " " * len(str(n))
        out += f"{gutter} |\n{n} | {text}\n{gutter} | {' ' * start}{'^' * max(1, end - start)}\n"
    if f.note:
        out += f"  = note: {printable(f.note)}\n"
    if f.suggestion:
        label = "add" if f.category in advice else "suggestion"
        out += f"  = {label}: {printable(f.suggestion)}\n"
    if f.fix is not None:
        out += f"  = {'fix' if f.fix_safe else 'unsafe fix'}: {printable(f.fix)}\n"
    return out


def _styled(f: Finding, line: str | None, unsafe: bool, advice: frozenset[str]) -> list[str]:
    """The lines of `_finding` in colour (the same text with ANSI styles)."""
    style = click.style
    head = (
        f"{style(f'{printable(f.path)}:{f.line}:{f.column}:', bold=True)} "
        f"{style(str(f.severity), fg=_COLORS[f.severity], bold=True)}"
        f"[{style(printable(f.rule), bold=True)}] {'[*] ' if _fixable(f, unsafe) else ''}"
        f"{printable(f.message)}"
    )
    out = [head]
    if line is not None:
        out.extend(snippet(f, line, lambda marks: style(marks, fg=_COLORS[f.severity])))
    if f.note:
        out.append(f"  = note: {printable(f.note)}")
    if f.suggestion:
        label = "add" if f.category in advice else "suggestion"
        out.append(f"  = {label}: {style(printable(f.suggestion), fg='green')}")
    if f.fix is not None:
        label = "fix" if f.fix_safe else "unsafe fix"
        out.append(f"  = {label}: {style(printable(f.fix), fg='green')}")
    return out


def snippet(f: Finding, line: str, mark: Callable[[str], str] = str) -> list[str]:
    """The finding's first line with its span underlined, as ruff and rustc show it."""
    text, s, e = _span(f, line)
    gutter = " " * len(str(f.line))
    return [f"{gutter} |", f"{f.line} | {text}", f"{gutter} | {' ' * s}{mark('^' * max(1, e - s))}"]


def _span(f: Finding, line: str) -> tuple[str, int, int]:
    """The line as shown and the 0-based columns to underline (the span's first line)."""
    start = f.column - 1
    end = max(f.end_column - 1 if f.end_line == f.line else len(line), f.column)
    if len(line) > MAX_WIDTH or "\t" in line:
        line, start, end = _excerpt(line, start, end)
    return printable_span(line, start, end)  # control characters escaped, the span moved


def _fixable(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and (f.fix_safe or unsafe)


def _fixed_note(report: Report) -> str:
    n = report.fixed
    return f"Fixed {n} problem{'s' if n != 1 else ''}. " if n else ""


def _fixable_note(report: Report, tally: _Tally) -> str:
    """How many findings `--fix` would fix, as ruff says it (one line: --quiet drops it)."""
    safe, unsafe = tally.safe, tally.unsafe
    if report.unsafe_fixes:
        return f" [*] {safe + unsafe} fixable with --fix --unsafe-fixes." if safe + unsafe else ""
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    if safe:
        return f" [*] {safe} fixable with --fix{more}."
    return f" {unsafe} fixable with --fix --unsafe-fixes (none with --fix alone)." if unsafe else ""


@dataclass(eq=False)
class _Tally:
    """What the summary says of the findings, counted as they are written."""

    severities: Counter[Severity] = field(default_factory=Counter)
    files: int = 0  # files with findings
    safe: int = 0  # findings with a safe fix
    unsafe: int = 0

    def add(self, findings: list[Finding]) -> None:
        self.files += 1
        self.severities.update(f.severity for f in findings)
        for f in findings:
            if f.fix is not None:
                if f.fix_safe:
                    self.safe += 1
                else:
                    self.unsafe += 1

    @property
    def findings(self) -> int:
        return sum(self.severities.values())


def _lines(report: Report, path: str, findings: list[Finding]) -> dict[int, str | None]:
    """The text of the findings' lines: as taken by the lint, else from the source."""
    if path not in report.sources:  # a source given (fixed, standard input) comes first
        known = report.lines.get(path)
        if known is not None and all(f.line in known for f in findings):
            return known
    source = report.source(path)
    return finding_lines(source, findings) if source is not None else {}


def _blocks(report: Report, tally: _Tally) -> Iterator[str]:
    """Each finding as printed, a blank line between them; one file's source at a time."""
    separator = ""
    advice = advice_categories(report.ruleset)
    for path, group in groupby(report.findings, key=attrgetter("path")):
        findings = list(group)
        tally.add(findings)
        lines = _lines(report, path, findings)
        for f in findings:
            yield separator + _finding(f, lines.get(f.line), report.color, report.unsafe_fixes,
                                       advice)
            separator = "\n"


STREAMED = True  # the findings walked once, as they come; the summary counts them


def stream(report: Report) -> Iterator[str]:
    """The report in chunks (`chunked`), reading one file's source at a time."""
    tally = _Tally()
    yield from chunked(_blocks(report, tally))
    if report.quiet:
        return
    if tally.findings:
        counts, files = tally.severities, tally.files
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        n = tally.findings
        yield (
            "\n" + _fixed_note(report)
            + f"Found {n} problem{'s' if n != 1 else ''} ({', '.join(parts)}) in {files} "
            f"file{'s' if files != 1 else ''} ({report.files_checked()} checked)."
            + _unreadable_note(report) + _not_checked_note(report) + _baselined_note(report)
            + _fixable_note(report, tally) + "\n"
        )
    else:
        yield _fixed_note(report) + _clean_summary(report) + "\n"


def _unreadable_note(report: Report) -> str:
    n = report.unreadable
    return f" {n} input{'s' if n != 1 else ''} could not be read." if n else ""


def _not_checked_note(report: Report) -> str:
    """The files found but not checked (not English, binary, too large), by name."""
    skipped = report.not_checked
    if not skipped:
        return ""
    n = len(skipped)
    named = "; ".join(skipped) if n <= 3 else "see the notices above"
    return f" {n} file{'s' if n != 1 else ''} not checked ({named})."


def _baselined_note(report: Report) -> str:
    n = report.baselined
    return f" {n} more hidden by the baseline." if n else ""


def _clean_summary(report: Report) -> str:
    """The summary of a run without findings: "All clear" only when every input was read
    and something was checked; otherwise what could not be read, or why nothing was."""
    n = report.files_checked()
    checked = f"{n} file{'s' if n != 1 else ''} checked"
    if report.unreadable:
        n = report.unreadable
        return (f"Not checked completely: {n} input{'s' if n != 1 else ''} could not be read; "
                f"no problems found in the {checked}.{_not_checked_note(report)}")
    reasons = report.skipped + report.not_checked
    if not n and reasons:
        why = reasons[0] if len(reasons) == 1 else "see the notices above"
        return f"Nothing checked: {why}."
    if report.not_checked:  # never "All clear" when a file was left out
        return f"No problems found in the {checked}.{_not_checked_note(report)}"
    if report.baselined:
        return (f"All clear: {checked}, no new problems found "
                f"({report.baselined} hidden by the baseline).")
    return f"All clear: {checked}, no problems found."


def render(report: Report) -> str:
    return "".join(stream(report))
