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
from typing import TYPE_CHECKING, Any

from .. import language
from ..engine import Notice
from ..errors import GlowlintError
from ..model import Document
from .lint import lint_record, reader_format
from .memo import Memo
from .model import DEFAULT_FIELDS, Record, RecordFinding, Tally, location
from .readers import Layout, RowError, input_format, read_records
from .rules import RulesSpec, compiled
from .settings import for_file, ignored_in
from .suppress import IgnoreChecks, RecordBaseline

if TYPE_CHECKING:
    from ..config import Config

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
    config: Config | None = None  # per-file-ignores, channel, require-suppression-reason


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


@dataclass
class Batch:
    """What a worker returns for a batch: each record's findings, a line for each rule
    that ran out of time on a record, and the records not linted as not English."""

    found: list[list[RecordFinding]]
    told: list[str]
    foreign: list[int]  # indices in the batch


def lint_batch(spec: RulesSpec, fmt: str, file: str, records: list[Record]) -> Batch:
    """The findings of a batch of records (what a worker process or a Dask task runs)."""
    rules = compiled(spec)
    out = Batch([], [], [])
    memo = Memo()  # records of the batch with the same copy share the engine's results
    for i, record in enumerate(records):
        if not _english(memo, record, fmt):
            out.found.append([])
            out.foreign.append(i)
            continue
        notices: list[Notice] = []
        out.found.append(lint_record(record, rules, fmt, file, notices, spec.channel,
                                     memo))
        out.told.extend(f"glowlint: {location(file, record.row, record.label, n.path)}: "
                        f"{n.message} (incomplete)" for n in notices)
    return out


def _english(memo: Memo, record: Record, fmt: str) -> bool:
    """`english`, judged once for the records of a batch with the same copy."""
    key = ("english", fmt, tuple(record.fields.items()))
    return memo.result(key, lambda _: english(record, fmt), None)


def english(record: Record, fmt: str) -> bool:
    """False when the record's copy is not English (`language`, as ``check`` judges a
    page: all its text fields, a few thousand words at most)."""
    texts = [t[:2 * language.SAMPLE] for t in record.fields.values() if t]  # what it reads
    return not texts or language.notice("", "\n\n".join(texts), fmt) is None


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
    cfg = options.config
    checks = IgnoreChecks(known, warn, cfg is not None and cfg.require_suppression_reason)
    baseline = RecordBaseline.load(options.baseline) if options.baseline else None
    for path in options.files:
        spec, dropped = for_file(options.rules, cfg, path), ignored_in(cfg, path)
        foreign = _Foreign(path, warn)
        try:
            kind = input_format(path, options.input_format)
            layout = Layout(path, options.text_fields, options.id_field)
            records = _told(read_records(layout, kind, warn), path, out, warn, checks)
            for batch, done in _linted(records, options, spec, fmt, path, executor):
                for line in done.told:
                    warn(line)
                for i in done.foreign:
                    foreign.tell(batch[i], out.tally)
                kept = []
                for record, findings in zip(batch, done.found, strict=True):
                    if dropped:
                        findings = [f for f in findings
                                    if f.rule not in dropped and f.category not in dropped]
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
        finally:
            foreign.close()
        out.files.append(path)
    if baseline is not None:
        out.baselined, out.stale_baseline = baseline.hidden, baseline.stale()


class _Foreign:
    """Records not linted as not English: the first few told one by one (as ``check``
    tells a page), then a count per file; the summary counts them all."""

    def __init__(self, path: str, warn: Callable[[str], None]) -> None:
        self.path, self.warn, self.n = path, warn, 0

    def tell(self, record: Record, tally: Tally) -> None:
        tally.not_english += 1
        self.n += 1
        if self.n <= MAX_ROW_ERRORS:
            where = location(self.path, record.row, record.label, "").rstrip()
            self.warn(f"glowlint: {where}: {language.MESSAGE} (skipped)")

    def close(self) -> None:
        if self.n > MAX_ROW_ERRORS:
            n = self.n - MAX_ROW_ERRORS
            self.warn(f"glowlint: {self.path}: {n} more record{'s' if n != 1 else ''} not "
                      "checked (not English)")


def _told(items: Iterable[Record | RowError], path: str, out: RecordsOutcome,
          warn: Callable[[str], None], checks: IgnoreChecks | None = None
          ) -> Iterator[Record]:
    """The records, with row errors, null fields and duplicate ids told and counted, and
    ``glowlint_ignore`` values checked (one the configuration refuses is dropped)."""
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
        if checks is not None and not checks.check(item, path):
            item.ignore = None
        yield item
    if told > MAX_ROW_ERRORS:
        warn(f"glowlint: {path}: {told - MAX_ROW_ERRORS} more unreadable rows skipped")


def _linted(records: Iterator[Record], options: RecordsOptions, spec: RulesSpec, fmt: str,
            path: str, executor: Any) -> Iterator[tuple[list[Record], Batch]]:
    """Batches of records with their findings, in order; at most a few batches in flight."""
    batches = iter(lambda: list(islice(records, options.batch)), [])
    if executor is None:
        for batch in batches:
            yield batch, lint_batch(spec, fmt, path, batch)
        return
    window = 2 * max(1, options.jobs)
    pending: deque[tuple[list[Record], Future[Any]]] = deque()
    for batch in batches:
        pending.append((batch, executor.submit(lint_batch, spec, fmt, path, batch)))
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
