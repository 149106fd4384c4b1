"""Catalogue files read record by record: JSONL, CSV and Parquet.

Every reader streams: memory holds one record (JSONL, CSV) or one batch of
rows (Parquet), never the file, so a 2 GB export reads in constant memory.
A row that cannot be read (bad JSON, bytes that are not UTF-8, a broken CSV
quote) is a `RowError` naming its row and line, and reading goes on; only a
file that cannot be read at all raises `GlowlintError` (exit status 2).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from .. import jsontext
from ..errors import GlowlintError
from .model import Record, record_of

INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
                 ".pq": "parquet"}
MAX_RECORD = 16 * 2**20  # bytes of one JSONL line; a longer one is a bad row, skipped
PARQUET_BATCH = 1024  # rows read from Parquet at a time


@dataclass
class RowError:
    """A row that could not be read: reported, skipped, and the run goes on."""

    row: int
    line: int  # physical line (0: the format has none)
    message: str


Warn = Callable[[str], None]


@dataclass
class Layout:
    """What to take from each row: the text fields, the id field, and the file's name."""

    path: str
    text_fields: tuple[str, ...]
    id_field: str | None = None


def input_format(path: str, given: str | None) -> str:
    if given:
        return given
    dot = path.rfind(".")
    fmt = INPUT_FORMATS.get(path[dot:].lower()) if dot >= 0 else None
    if fmt is None:
        raise GlowlintError("unknown input format: name the file .jsonl, .csv or .parquet, "
                            "or give --input-format", path)
    return fmt


def read_records(layout: Layout, fmt: str, warn: Warn) -> Iterator[Record | RowError]:
    """The records of one file in order; `GlowlintError` when it cannot be read at all."""
    if fmt == "parquet":
        yield from read_parquet(layout, warn)
        return
    try:
        fh = open(layout.path, "rb")  # noqa: SIM115 - closed below, after the generator
    except FileNotFoundError:
        raise GlowlintError("file not found", layout.path) from None
    except IsADirectoryError:
        raise GlowlintError("is a folder, not a file", layout.path) from None
    except OSError as e:
        raise GlowlintError(f"cannot read: {e.strerror}", layout.path) from None
    with fh:
        if fmt == "jsonl":
            yield from read_jsonl(fh, layout, warn)
        else:
            yield from read_csv(fh, layout, warn)


class _Missing:
    """Warn once per text field that a row does not have at all, with the keys it has."""

    def __init__(self, layout: Layout, warn: Warn) -> None:
        self.layout, self.warn, self.told = layout, warn, set[str]()

    def check(self, keys: Any, row: int) -> None:
        for name in self.layout.text_fields:
            if name not in keys and name not in self.told:
                self.told.add(name)
                shown = ", ".join(sorted(str(k) for k in keys)) or "none"
                self.warn(f"glowlint: warning: {self.layout.path}: row {row} has no field {name!r} "
                          f"(its fields: {shown}); rows without it are counted as empty")


def read_jsonl(fh: IO[bytes], layout: Layout, warn: Warn) -> Iterator[Record | RowError]:
    missing = _Missing(layout, warn)
    row = line = 0
    while True:
        raw = fh.readline(MAX_RECORD + 1)
        if not raw:
            return
        line += 1
        if len(raw) > MAX_RECORD and not raw.endswith(b"\n"):
            row += 1
            while raw and not raw.endswith(b"\n"):  # skip the rest, bounded reads
                raw = fh.readline(MAX_RECORD)
            yield RowError(row, line, f"record longer than {MAX_RECORD // 2**20} MB; skipped")
            continue
        if not raw.strip():
            continue
        row += 1
        try:
            text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
            values = jsontext.parse(text.rstrip("\r\n"))
        except UnicodeDecodeError as e:
            yield RowError(row, line, f"not valid UTF-8 at byte {e.start} of the line")
            continue
        except jsontext.JsonError as e:
            yield RowError(row, line, f"not valid JSON: {e} (column {e.column})")
            continue
        if not isinstance(values, dict):
            yield RowError(row, line, "not a JSON object")
            continue
        missing.check(values, row)
        yield record_of(values, row, layout.path, layout.text_fields, layout.id_field, line)


def read_csv(fh: IO[bytes], layout: Layout, warn: Warn) -> Iterator[Record | RowError]:
    """CSV with a header row; quoted fields may hold line breaks. Bytes that are not
    UTF-8 make their row a `RowError` (the reader keeps them as surrogates to tell).

    Records are cut from the text first (`csv_records`), each then parsed alone, so a
    bad record (a field over the csv module's limit, a stray quote) is skipped
    whole and the next row is read where it starts.
    """
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
    records = csv_records(text)
    first = next(records, None)
    if first is None:
        return
    try:
        header = next(csv.reader([first[1]]), [])
    except csv.Error as e:
        raise GlowlintError(f"not a CSV header: {e}", layout.path, 1) from None
    if any(_undecodable(h) for h in header):
        raise GlowlintError("not valid UTF-8 in the header row; save the file as UTF-8",
                            layout.path, 1)
    for name in layout.text_fields:
        if name not in header:
            warn(f"glowlint: warning: {layout.path}: no column {name!r} (its columns: "
                 f"{', '.join(header)}); it is counted as empty")
    row = 0
    for line, chunk in records:
        if not chunk.strip("\r\n"):
            continue
        row += 1
        if chunk is TOO_LONG:
            yield RowError(row, line, f"record longer than {MAX_RECORD // 2**20} MB (an "
                           "unclosed quote?); skipped")
            continue
        try:
            cells = next(csv.reader([chunk]), [])
        except csv.Error as e:
            yield RowError(row, line, f"not valid CSV: {e}")
            continue
        if any(_undecodable(c) for c in cells):
            yield RowError(row, line, "not valid UTF-8; save the file as UTF-8")
            continue
        values = dict(zip(header, cells, strict=False))
        yield record_of(values, row, layout.path, layout.text_fields, layout.id_field, line)


TOO_LONG = "\0too long\0"  # the stand-in for a record over MAX_RECORD (compared by identity)
_PIECE = 2**20  # characters read at a time: a line without end is never read whole


def csv_records(text: IO[str]) -> Iterator[tuple[int, str]]:
    """Each CSV record's text and the line it starts on.

    A record ends at a line break outside quotes: where the quotes seen so far
    in it are even (a quote inside a quoted field is doubled, RFC 4180). Lines
    end at CRLF, LF or a lone CR, as editors count them. A record longer than
    `MAX_RECORD` characters is read on but not kept (`TOO_LONG`).
    """
    parts: list[str] = []
    size = quotes = 0
    line = start = 1
    while True:
        piece = text.readline(_PIECE)
        if not piece:
            break
        quotes += piece.count('"')
        if size <= MAX_RECORD:
            parts.append(piece)
        size += len(piece)
        if not piece.endswith(("\n", "\r")):
            continue  # a longer line: its next piece
        line += 1
        if quotes % 2 == 0:
            yield start, TOO_LONG if size > MAX_RECORD else "".join(parts)
            parts, size, quotes, start = [], 0, 0, line
    if size:
        yield start, TOO_LONG if size > MAX_RECORD else "".join(parts)


def _undecodable(text: str) -> bool:
    """Bytes that were not UTF-8 come out of ``surrogateescape`` as U+DC80..U+DCFF."""
    return not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text)


def read_parquet(layout: Layout, warn: Warn) -> Iterator[Record | RowError]:
    """Parquet through pyarrow (``glowlint[parquet]``), a batch of rows at a time."""
    pq = parquet_module(layout.path)
    try:
        pf = pq.ParquetFile(layout.path)
    except FileNotFoundError:
        raise GlowlintError("file not found", layout.path) from None
    except (OSError, ValueError) as e:  # pyarrow's ArrowInvalid is a ValueError
        raise GlowlintError(f"cannot read as Parquet: {e}", layout.path) from None
    names = pf.schema_arrow.names
    for name in layout.text_fields:
        if name not in names:
            warn(f"glowlint: warning: {layout.path}: no column {name!r} (its columns: "
                 f"{', '.join(names)}); it is counted as empty")
    wanted = [n for n in dict.fromkeys(
        [*layout.text_fields, *([layout.id_field] if layout.id_field else []),
         "glowlint_ignore"]) if n in names]
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for values in batch.to_pylist():
                row += 1
                yield record_of(values, row, layout.path, layout.text_fields, layout.id_field)
    except (OSError, ValueError) as e:
        raise GlowlintError(f"cannot read as Parquet after row {row}: {e}", layout.path) from None


def parquet_module(path: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise GlowlintError("reading Parquet needs pyarrow: pip install 'glowlint[parquet]'",
                            path) from None
    return pq
