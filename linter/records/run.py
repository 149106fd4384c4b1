"""What ``glowlint check-records`` does apart from parsing arguments and printing.

files -> records (`readers`) -> batches -> findings (here, in ``--jobs``
processes, or on a Dask cluster) -> ``glowlint_ignore`` and baseline -> the
report, batch by batch. Memory holds a few batches of records and their
findings, whatever the size of the file.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..engine import Notice
from ..errors import GlowlintError
from ..model import Document
from .lint import lint_record, reader_format
from .model import DEFAULT_FIELDS, Record, RecordFinding, Tally, location
from .readers import Layout, RowError, input_format, read_records
from .rules import RulesSpec, compiled
from .suppress import IgnoreChecks, RecordBaseline

BATCH = 500  # records sent to a worker at a time
MAX_ROW_ERRORS = 20  # row errors told one by one; the rest are counted


@dataclass(eq=False)
class RecordsOptions:
    files: list[str]
    input_format: str | None = None
    text_fields: tuple[str, ...] = DEFAULT_FIELDS
    id_field: str | None = None
    field_format: str = "text"
    rules: RulesSpec = field(default_factory=RulesSpec)
    jobs: int = 1
    batch: int = BATCH
    baseline: str | None = None
    keep_documents: bool = False  # the HTML report shows each record with findings


@dataclass(eq=False)
class RecordsOutcome:
    """What a run saw besides its findings, filled in as the findings stream."""

    tally: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)  # files that could not be read (exit 2)
    files: list[str] = field(default_factory=list)
    baselined: int = 0
    stale_baseline: int = 0
    # html: each record with findings as one document, and where each field starts in it
    documents: dict[str, tuple[Document, dict[str, int]]] = field(default_factory=dict)


def lint_batch(spec: RulesSpec, fmt: str, file: str,
               records: list[Record]) -> tuple[list[list[RecordFinding]], list[str]]:
    """Each record's findings, and a line for each rule that ran out of time on a
    record (what a worker process or a Dask task runs)."""
    rules = compiled(spec)
    found: list[list[RecordFinding]] = []
    told: list[str] = []
    for record in records:
        notices: list[Notice] = []
        found.append(lint_record(record, rules, fmt, file, notices))
        told.extend(f"glowlint: {location(file, record.row, record.label, n.path)}: "
                    f"{n.message} (incomplete)" for n in notices)
    return found, told


class _Ids:
    """Duplicate record ids, told once per file: a set of short hashes until the first."""

    def __init__(self, path: str, warn: Callable[[str], None]) -> None:
        self.path, self.warn = path, warn
        self.seen: dict[bytes, int] | None = {}

    def add(self, record: Record) -> None:
        if self.seen is None or not record.label:
            return
        key = hashlib.blake2b(record.record_id.encode("utf-8", "surrogatepass"),
                              digest_size=8).digest()
        first = self.seen.setdefault(key, record.row)
        if first != record.row:
            self.warn(f"{self.path}: duplicate record id {record.label} (rows {first} and "
                      f"{record.row}); findings name the row too")
            self.seen = None  # told once: nothing more to keep


def run(options: RecordsOptions, warn: Callable[[str], None],
        executor: Executor | Any | None = None,
        outcome: RecordsOutcome | None = None) -> Iterator[list[RecordFinding]]:
    """The findings of every file, a batch at a time, suppressions and baseline applied.

    ``executor``: a `concurrent.futures` pool or a Dask client (``submit``); None
    lints here. File-level errors go to ``outcome.errors``; the run goes on.
    """
    out = outcome if outcome is not None else RecordsOutcome()
    fmt = reader_format(options.field_format)
    rules = compiled(options.rules)  # here too: a bad pack fails before any file is read
    known = {r.id for r in rules.full.rules} | {r.category for r in rules.full.rules}
    checks = IgnoreChecks(known, warn)
    baseline = RecordBaseline.load(options.baseline) if options.baseline else None
    for path in options.files:
        try:
            kind = input_format(path, options.input_format)
            layout = Layout(path, options.text_fields, options.id_field)
            records = _told(read_records(layout, kind, warn), path, out, warn)
            for batch, (found, told) in _linted(records, options, fmt, path, executor):
                for line in told:
                    warn(line)
                kept = []
                for record, findings in zip(batch, found, strict=True):
                    checks.check(record, path)
                    if baseline is not None:
                        findings = baseline.keep(findings)
                    if findings:
                        out.tally.with_findings += 1
                        if options.keep_documents:
                            _keep_document(out, record, fmt, path)
                    kept.extend(findings)
                yield kept
        except GlowlintError as e:
            out.errors.append(str(e))
            warn(f"glowlint: {e}")
            continue
        out.files.append(path)
    if baseline is not None:
        out.baselined, out.stale_baseline = baseline.hidden, baseline.stale()


def _told(items: Iterable[Record | RowError], path: str, out: RecordsOutcome,
          warn: Callable[[str], None]) -> Iterator[Record]:
    """The records, with row errors, null fields and duplicate ids told and counted."""
    ids = _Ids(path, lambda m: warn(f"glowlint: warning: {m}"))
    told = 0
    for item in items:
        if isinstance(item, RowError):
            out.tally.unreadable += 1
            told += 1
            if told <= MAX_ROW_ERRORS:
                where = f" (line {item.line})" if item.line else ""
                warn(f"glowlint: {path}: row {item.row}{where}: {item.message}; row skipped")
            continue
        out.tally.records += 1
        out.tally.add_nulls(item)
        ids.add(item)
        yield item
    if told > MAX_ROW_ERRORS:
        warn(f"glowlint: {path}: {told - MAX_ROW_ERRORS} more unreadable rows skipped")


def _linted(records: Iterator[Record], options: RecordsOptions, fmt: str, path: str,
            executor: Any
            ) -> Iterator[tuple[list[Record], tuple[list[list[RecordFinding]], list[str]]]]:
    """Batches of records with their findings, in order; at most a few batches in flight."""
    batches = iter(lambda: list(islice(records, options.batch)), [])
    if executor is None:
        for batch in batches:
            yield batch, lint_batch(options.rules, fmt, path, batch)
        return
    window = 2 * max(1, options.jobs)
    pending: deque[tuple[list[Record], Future[Any]]] = deque()
    for batch in batches:
        pending.append((batch, executor.submit(lint_batch, options.rules, fmt, path, batch)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def _keep_document(out: RecordsOutcome, record: Record, fmt: str, path: str) -> None:
    from ..readers import read_text
    from .lint import combine

    docs = [read_text(text, name, fmt) for name, text in record.fields.items() if text]
    where = location(path, record.row, record.label, "").rstrip()
    doc, starts = combine(docs, where)
    out.documents[where] = (doc, {d.path: s for d, s in zip(docs, starts, strict=True)})
