"""The records that flow through glowlint: documents in, findings out."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import overload

from .lazyre import LazyPattern

# What ends a line, as editors and the Language Server Protocol count lines:
# CRLF, LF, and a lone CR (classic Mac). Other Unicode separators (U+2028 ...)
# do not end a line.
LINE_BREAK = LazyPattern(r"\r\n?|\n", stdlib=True)


class Severity(IntEnum):
    """Ordered so that `--fail-on warning` means "warning or worse"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of copy text and where it stands in the source.

    A verbatim run has ``plain_len == src_len``; a decoded run (an HTML entity
    such as ``&amp;``) maps its whole source text to its decoded characters.
    """

    plain_start: int
    src_start: int
    plain_len: int
    src_len: int


class Runs(Sequence[Run]):
    """A copy's runs in four integer arrays, a `Run` made when one is read: a 10 MB page
    has some 300,000 runs, which took 60 bytes each as records (issue 20)."""

    __slots__ = ("plain_lens", "plain_starts", "src_lens", "src_starts")

    def __init__(self, runs: Iterable[Run] = ()) -> None:
        self.plain_starts, self.src_starts = array("q"), array("q")
        self.plain_lens, self.src_lens = array("q"), array("q")
        for r in runs:
            self.append(r.plain_start, r.src_start, r.plain_len, r.src_len)

    def append(self, plain_start: int, src_start: int, plain_len: int, src_len: int) -> None:
        self.plain_starts.append(plain_start)
        self.src_starts.append(src_start)
        self.plain_lens.append(plain_len)
        self.src_lens.append(src_len)

    def __len__(self) -> int:
        return len(self.plain_starts)

    @overload
    def __getitem__(self, k: int) -> Run: ...

    @overload
    def __getitem__(self, k: slice) -> list[Run]: ...

    def __getitem__(self, k: int | slice) -> Run | list[Run]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return Run(self.plain_starts[k], self.src_starts[k], self.plain_lens[k], self.src_lens[k])


@dataclass(eq=False)
class Copy:
    """The copy of a document as one string, with the way back to the source.

    Blocks (paragraphs, headings, list items, alt texts ...) are separated by
    a blank line that exists only here, so sentences never run across them.
    """

    text: str
    runs: Sequence[Run]  # `Runs` (any other sequence is made one)
    block_starts: Sequence[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.runs, Runs):
            self.runs = Runs(self.runs)
        self._table: Runs = self.runs

    def _run_at(self, pos: int) -> int:
        """The index of the run holding copy offset ``pos``, or -1."""
        table = self._table
        i = bisect.bisect_right(table.plain_starts, pos) - 1
        if i < 0 or pos >= table.plain_starts[i] + table.plain_lens[i]:
            return -1
        return i

    def src_start(self, pos: int) -> int:
        """Source offset of the copy character at ``pos``."""
        i, table = self._run_at(pos), self._table
        if i < 0:
            raise ValueError(f"copy offset {pos} has no source")
        if table.plain_lens[i] == table.src_lens[i]:
            return table.src_starts[i] + pos - table.plain_starts[i]
        return table.src_starts[i]

    def src_end(self, end: int) -> int:
        """Source offset just after the copy character at ``end - 1``."""
        i, table = self._run_at(end - 1), self._table
        if i < 0:
            raise ValueError(f"copy offset {end - 1} has no source")
        if table.plain_lens[i] == table.src_lens[i]:
            return table.src_starts[i] + end - table.plain_starts[i]
        return table.src_starts[i] + table.src_lens[i]

    def is_mapped(self, start: int, end: int) -> bool:
        """True when both ends of a span lie on real source text."""
        return self._run_at(start) >= 0 and self._run_at(end - 1) >= 0


class LineIndex:
    """Where each line of a text starts, for offsets to (line, column) and back.

    Lines end at CRLF, LF or a lone CR, as editors count them; a BOM is not
    part of the source (the reader drops it), so column 1 is the first
    character an editor shows.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        starts = array("q", [0])  # 8 bytes a line, not a list's 40
        if "\r" in source:
            starts.extend(m.end() for m in LINE_BREAK.finditer(source))
        else:
            find = source.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self.starts = starts

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of an offset."""
        line = self.line(offset)
        return line, offset - self.starts[line - 1] + 1

    def text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")


@dataclass(eq=False)
class Document:
    """A file (or standard input) read and reduced to its copy."""

    path: str
    source: str
    format: str
    copy: Copy
    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source offset."""
        return self.lines.position(offset)

    def line_text(self, line: int) -> str:
        return self.lines.text(line)


@dataclass
class Finding:
    """One problem at one place, as CONTRACT.md describes it (plus ``basis``)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: Severity
    message: str
    match: str
    suggestion: str | None
    basis: str = ""
    start: int = 0  # source offsets, for fixes, baselines and reports
    end: int = 0
    fix: str | None = None  # the replacement text (linter/fixes.py)
    fix_safe: bool = False
    fix_span: tuple[int, int] | None = None  # source offsets the fix replaces (else start, end)
    note: str = ""  # why the severity changed, for example "softened by 'virtually'"
    document_type: str = ""  # what the document is (linter/doctypes.py): treatment, product ...

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self, fix_region: tuple[int, int, int, int] | None = None
                ) -> dict[str, object]:
        """The JSON record of docs/contract.md.

        ``fix`` is null or the rewrite ``--fix`` would make: its text, whether
        it is safe, and the region it replaces (``fix_region``: start line and
        column, end line and column; by default the finding's own span, which
        is right unless the fix also takes a word beside the match).
        """
        fix: dict[str, object] | None = None
        if self.fix is not None:
            line, column, end_line, end_column = fix_region or (
                self.line, self.column, self.end_line, self.end_column)
            fix = {"replacement": self.fix, "safety": "safe" if self.fix_safe else "unsafe",
                   "line": line, "column": column, "end_line": end_line, "end_column": end_column}
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "basis": self.basis,
            "fix": fix,
            "docs": f"glowlint rules show {self.rule}",
            "document_type": self.document_type,
        }


def finding_lines(source: str, findings: Sequence[Finding]) -> dict[int, str | None]:
    """The text of each finding's first line (None: ``finding.line`` is past the end).

    What the text report shows of a file. A `LineIndex` walks every line of the
    source in Python; here each finding's source offset (``start``) finds its
    line with a few string searches, checked against ``finding.line`` by
    counting the line breaks before it. A source with CR line breaks, or a
    finding whose offset and line disagree, is indexed in full instead.
    """
    out: dict[int, str | None] = {}
    if "\r" not in source:
        at, line = 0, 1  # a line start and its line number
        for f in findings:
            if f.line in out:
                continue
            if not 0 <= f.start <= len(source):
                break
            start = source.rfind("\n", 0, f.start) + 1
            if start >= at:
                line += source.count("\n", at, start)
            else:  # findings out of order: count from the beginning
                line = source.count("\n", 0, start) + 1
            at = start
            if line != f.line:
                break
            end = source.find("\n", start)
            out[line] = source[start:end] if end >= 0 else source[start:]
        else:
            return out
    index = LineIndex(source)
    count = len(index.starts)
    return {f.line: index.text(f.line) if 0 < f.line <= count else None for f in findings}
