"""One record through the engine, and `lint_records`, the Python API over many.

A record with one text field is linted exactly as `glowlint check` lints a
file holding that text. With several fields, claims (and every rule that is
not an advice rule) are found in each field on its own, and the advice rules
read one document made of all the fields, each a block of its own, so a
sentence never runs from one field into the next; their finding is placed
back in the field that triggered it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate
from typing import Any

from ..engine import Notice, analyse, lint_document
from ..model import Copy, Document, Finding, Run
from ..rules import RuleSet
from .memo import Memo
from .model import (
    DEFAULT_FIELDS,
    FIELD_FORMATS,
    Record,
    RecordFinding,
    location,
    record_of,
)
from .rules import Compiled, RulesSpec, compiled
from .suppress import keep

SEPARATOR = "\n\n"  # between fields in a record's document (source and copy)


def reader_format(field_format: str) -> str:
    fmt = FIELD_FORMATS.get(field_format)
    if fmt is None:
        raise ValueError(f"unknown field format {field_format!r}: accepted formats are "
                         + ", ".join(repr(f) for f in FIELD_FORMATS))
    return fmt


def source_starts(docs: list[Document]) -> list[int]:
    """Where each field's source starts in the fields joined (`combine`): known without
    joining them, so a record whose result is shared need not be joined at all."""
    if not docs:
        return []
    return list(accumulate((len(d.source) + len(SEPARATOR) for d in docs[:-1]), initial=0))


def combine(docs: list[Document], path: str) -> tuple[Document, list[int]]:
    """One document of several fields' documents, and where each field's source starts.

    The copies are joined with a blank line that is copy only (a block break), their
    runs moved to the joined source: positions map back to the field they came from.
    """
    sources: list[str] = []
    texts: list[str] = []
    runs: list[Run] = []
    blocks: list[int] = []
    starts = source_starts(docs)
    plain_at = 0
    for doc, src_at in zip(docs, starts, strict=True):
        sources.append(doc.source)
        texts.append(doc.copy.text)
        runs.extend(Run(r.plain_start + plain_at, r.src_start + src_at, r.plain_len, r.src_len)
                    for r in doc.copy.runs)
        blocks.extend(b + plain_at for b in doc.copy.block_starts)
        plain_at += len(doc.copy.text) + len(SEPARATOR)
    copy = Copy(SEPARATOR.join(texts), runs, blocks)
    return Document(path, SEPARATOR.join(sources), docs[0].format, copy), starts


def lint_record(record: Record, rules: Compiled, fmt: str, file: str = "",
                notices: list[Notice] | None = None, channel: str | None = None,
                memo: Memo | None = None) -> list[RecordFinding]:
    """The findings of one record, in field order, then position; those its
    ``glowlint_ignore`` value names are left out (`suppress.keep`), and those the
    configuration's ``per-type-ignores`` leave out for the record's document type
    (``channel``, else the record's own). ``memo``: engine results shared with the
    other records of a batch holding the same copy (`memo.Memo`)."""
    found = _lint_record(record, rules, fmt, file, notices, channel, memo or Memo())
    return keep(record, found)


def _lint_record(record: Record, rules: Compiled, fmt: str, file: str,
                 notices: list[Notice] | None, channel: str | None,
                 memo: Memo) -> list[RecordFinding]:
    docs = [memo.document(text, name, fmt) for name, text in record.fields.items() if text]
    if not docs:
        return []
    at = _Placer(record, file)
    out: list[RecordFinding] = []
    if len(docs) == 1:
        found = _engine(memo, docs[0], rules.full, notices)
        out.extend(at.placed(f, docs[0], f.start, f.end) for f in found)
        kind = channel or (found[0].document_type if found else None)
        return _by_type(_typed(out, kind), rules, lambda: kind)
    if rules.per_field.rules:
        for doc in docs:
            out.extend(at.placed(f, doc, f.start, f.end)
                       for f in _engine(memo, doc, rules.per_field, notices, typed=False))
    starts = source_starts(docs)
    typed = bool(out) and not channel  # the whole's type is needed, unless advice gives it
    key = ("record", id(rules), fmt, typed, tuple((d.path, d.source) for d in docs))
    found, whole_kind = memo.result(
        key, lambda told: _whole(combine(docs, record.record_id)[0], rules, told, typed),
        notices)
    kinds = []
    for f in found:
        i = bisect.bisect_right(starts, f.start) - 1
        out.append(at.placed(f, docs[i], f.start - starts[i], f.end - starts[i]))
        kinds.append(f.document_type)
    order = {doc.path: i for i, doc in enumerate(docs)}
    out.sort(key=lambda f: (order[f.field], f.start, f.end, f.rule))
    # The record is one document: its type is the type of all its fields together.
    kind = channel or (kinds[0] if kinds else whole_kind)
    return _by_type(_typed(out, kind), rules, lambda: kind)


def _engine(memo: Memo, doc: Document, ruleset: RuleSet, notices: list[Notice] | None,
            typed: bool = True) -> list[Finding]:
    """The engine's findings of one field (shared by the batch's records holding it).
    ``typed=False``: of a record of several fields, whose type (`_typed`) is that of
    all its fields together, so the field's own is not worked out."""
    key = ("field", id(ruleset), doc.format, doc.path, doc.source, typed)
    return memo.result(key, lambda told: lint_document(doc, ruleset, told, typed=typed),
                       notices)


def _whole(whole: Document, rules: Compiled, told: list[Notice],
           typed: bool) -> tuple[list[Finding], str | None]:
    """The advice rules' findings over a record's fields together, and (``typed``) the
    type of that whole, when no advice finding carries it."""
    if not rules.per_record.rules:
        return [], _type_of(whole, rules.full) if typed else None
    analysis = analyse(whole, rules.per_record)
    found = lint_document(whole, rules.per_record, told, analysis=analysis)
    if found or not typed:
        return found, None
    advice, full = rules.per_record, rules.full
    if full.lexicon is None or advice.lexicon is not full.lexicon \
            or advice.context is not full.context:
        return found, _type_of(whole, full)
    # the advice rules' analysis is the one `_type_of` would make: its scan is reused
    return found, str(analysis.document_type(whole, full.lexicon).name)


def _typed(found: list[RecordFinding], kind: str | None) -> list[RecordFinding]:
    """Each finding says what its record was taken to be (as a page's findings do)."""
    for f in found:
        f.document_type = kind or ""
    return found


def _by_type(found: list[RecordFinding], rules: Compiled,
             doc_type: Callable[[], str | None]) -> list[RecordFinding]:
    """The findings ``per-type-ignores`` leaves in; the record's type is worked out only
    when one of them could be left out (as `channels.Channels` does for a file)."""
    ignored = rules.ignored_by_type
    if not ignored or not any(f.rule in ignored or f.category in ignored for f in found):
        return found
    names = rules.per_type_ignores.get(doc_type() or "", frozenset())
    return [f for f in found if f.rule not in names and f.category not in names]


def _type_of(doc: Document, ruleset: RuleSet) -> str | None:
    """A document's type (linter/doctypes.py), the one its findings carry."""
    if ruleset.lexicon is None:
        return None
    return str(analyse(doc, ruleset).document_type(doc, ruleset.lexicon).name)


class _Placer:
    """Findings of the engine placed in one record: where the text report heads each of
    its fields (`location`) is worked out once per field, not once per finding."""

    def __init__(self, record: Record, file: str) -> None:
        self.record, self.file = record, file
        self.where: dict[str, str] = {}

    def placed(self, f: Finding, doc: Document, start: int, end: int) -> RecordFinding:
        """A finding of the engine, placed in its field (``doc``) and record."""
        record = self.record
        path = self.where.get(doc.path)
        if path is None:
            path = self.where[doc.path] = location(self.file, record.row, record.label,
                                                   doc.path)
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        return RecordFinding(
            path=path, line=line, column=column, end_line=end_line, end_column=end_column,
            rule=f.rule, category=f.category, severity=f.severity, message=f.message,
            match=doc.source[start:end], suggestion=f.suggestion, basis=f.basis,
            start=start, end=end, fix=f.fix, fix_safe=f.fix_safe, note=f.note,
            file=self.file, row=record.row, record_id=record.record_id, field=doc.path,
            label=record.label, record_line=record.line, line_text=doc.line_text(line),
        )


def lint_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_fields: Iterable[str] = DEFAULT_FIELDS,
    id_field: str | None = None,
    field_format: str = "text",
    rules: RuleSet | RulesSpec | None = None,
    path: str = "",
    first_row: int = 1,
) -> Iterator[RecordFinding]:
    """Findings of records given as mappings (dicts, rows), one record at a time.

    Each record is a document: advice rules read all of ``text_fields`` together,
    claims are found per field. ``id_field`` names the record (default
    ``"{path}:{row}"``, rows counted from ``first_row``). ``rules``: a `load_rules`
    set, or a `RulesSpec` compiled once per process (default: the built-in rules).
    A generator: memory holds one record and its findings.
    """
    fields = tuple(text_fields)
    fmt = reader_format(field_format)
    ruleset = compiled(rules)
    channel = rules.channel if isinstance(rules, RulesSpec) else None
    for row, values in enumerate(records, first_row):
        yield from lint_record(record_of(dict(values), row, path, fields, id_field), ruleset,
                               fmt, path, channel=channel)
