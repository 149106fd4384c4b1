"""Reports of a catalogue run, written by the existing reporters.

The findings a reporter is given name the record and field where it shows a
path (`RecordFinding.path`: ``catalog.csv:row 812 [sku=B2] description``), so
the text, junit, checkstyle and rdjson formats need nothing of their own;
json and jsonl write `RecordFinding.to_dict` (the contract's fields plus
record, field, row and offsets); sarif takes `RecordFinding.sarif_location`.
Two views are made here: github annotations point at the file (at the
record's first line), and the HTML report shows each record with findings as
one document. text, json, jsonl and github are written batch by batch (memory
holds one batch of findings); the others need the whole list.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain

from ..model import Finding, Severity
from ..reporters import Report, get_stream
from ..rules import RuleSet
from .model import RecordFinding
from .run import RecordsOutcome

STREAMED = ("text", "json", "jsonl", "github")


class Lazy:
    """Findings that arrive batch by batch, walked once (what a streamed reporter reads).

    Truthiness peeks at the first finding, as the JSON reporter asks "any at all?"
    before it writes the array.
    """

    def __init__(self, batches: Iterable[list[RecordFinding]]) -> None:
        self._items: Iterator[RecordFinding] = chain.from_iterable(batches)
        self._first: list[RecordFinding] = []
        self.counts: Counter[Severity] = Counter()

    def __bool__(self) -> bool:
        if not self._first:
            self._first = _take(self._items)
        return bool(self._first)

    def __iter__(self) -> Iterator[RecordFinding]:
        for f in chain(self._first, self._items):
            self.counts[f.severity] += 1
            yield f
        self._first = []


def _take(items: Iterator[RecordFinding]) -> list[RecordFinding]:
    first = next(items, None)
    return [] if first is None else [first]


def github_view(f: RecordFinding) -> Finding:
    """A github annotation on the file, at the record's first line, naming record and field."""
    line = f.record_line or 1
    where = f"{f.path.removeprefix(f.file + ':')}:{f.line}:{f.column}"
    return dataclasses.replace(f, path=f.file, line=line, column=1, end_line=line, end_column=1,
                               message=f"{where}: {f.message}")


def html_view(findings: list[RecordFinding], outcome: RecordsOutcome) -> list[Finding]:
    """The findings placed in their record's document (fields joined), one section a record."""
    out: list[Finding] = []
    for f in findings:
        where = f.path[: -len(f.field)].rstrip()
        held = outcome.documents.get(where)
        if held is None:
            continue
        doc, starts = held
        at = starts.get(f.field, 0)
        line, column = doc.position(f.start + at)
        end_line, end_column = doc.position(f.end + at)
        out.append(dataclasses.replace(f, path=where, line=line, column=column, end_line=end_line,
                                       end_column=end_column, start=f.start + at,
                                       end=f.end + at))
    return out


def chunks(fmt: str, batches: Iterable[list[RecordFinding]], outcome: RecordsOutcome,
           ruleset: RuleSet, *, color: bool = False, quiet: bool = False,
           counts: Counter[Severity] | None = None) -> Iterator[str]:
    """The report in ``fmt``; ``counts`` receives the findings per severity (exit status)."""
    tally: Counter[Severity] = counts if counts is not None else Counter()
    if fmt == "text":
        yield from _text(batches, outcome, ruleset, color, quiet, tally)
        return
    if fmt in STREAMED:
        lazy = Lazy(batches)
        items: Iterable[Finding] = lazy
        if fmt == "github":
            items = (github_view(f) for f in lazy)
        report = Report(items, ruleset=ruleset)
        yield from get_stream(fmt)(report)
        tally.update(lazy.counts)
        return
    findings = [f for batch in batches for f in batch]
    tally.update(f.severity for f in findings)
    shown: list[Finding] = list(findings)
    report = Report(shown, ruleset=ruleset, color=color)
    if fmt == "html":
        report.findings = html_view(findings, outcome)
        report.files = list(dict.fromkeys(f.path for f in report.findings))
        report.read_document = lambda path: (outcome.documents[path][0]
                                             if path in outcome.documents else None)
    else:
        report.files = list(outcome.files)
    yield from get_stream(fmt)(report)


def _text(batches: Iterable[list[RecordFinding]], outcome: RecordsOutcome, ruleset: RuleSet,
          color: bool, quiet: bool, tally: Counter[Severity]) -> Iterator[str]:
    """Finding blocks batch by batch (the text reporter's), then a summary about records."""
    from ..reporters.text import stream

    shown = False
    for batch in batches:
        if not batch:
            continue
        report = Report(list(batch), ruleset=ruleset, color=color, quiet=True)
        lines: dict[str, dict[int, str | None]] = {}
        for f in batch:
            lines.setdefault(f.path, {})[f.line] = f.line_text
        report.lines = lines
        yield ("\n" if shown else "") + "".join(stream(report))
        shown = True
        tally.update(f.severity for f in batch)
    if not quiet:
        yield ("\n" if shown else "") + summary(outcome, tally) + "\n"


def summary(outcome: RecordsOutcome, tally: Counter[Severity]) -> str:
    """The last line of the text report, about records rather than files; never "All
    clear" when a record was left out (not English) or a file could not be read."""
    t = outcome.tally
    checked = f"{t.checked} record{'s' if t.checked != 1 else ''} checked"
    notes = ""
    if t.not_english:
        n = t.not_english
        notes += f" {n} record{'s' if n != 1 else ''} not checked (not English)."
    if t.unreadable:
        notes += f" {t.unreadable} unreadable row{'s' if t.unreadable != 1 else ''} skipped."
    empty = ", ".join(f"{n} without {name}" for name, n in sorted(t.nulls.items()) if n)
    if empty:
        notes += f" Empty or null: {empty}."
    if outcome.baselined:
        notes += f" {outcome.baselined} more hidden by the baseline."
    if outcome.errors:
        n = len(outcome.errors)
        notes += f" {n} file{'s' if n != 1 else ''} could not be read."
    total = sum(tally.values())
    if not total:
        if outcome.errors:
            return f"Not checked completely: {checked}, no problems found.{notes}"
        if t.not_english:
            return f"No problems found in the {checked}.{notes}"
        return f"All clear: {checked}, no problems found.{notes}"
    parts = [f"{tally[s]} {s}{'s' if tally[s] != 1 else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if tally[s]]
    n = t.with_findings
    return (f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {n} "
            f"record{'s' if n != 1 else ''} ({checked}).{notes}")
