"""One editor buffer: its lint, and its positions in the client's encoding.

glowlint counts columns in code points and lines as editors do (CRLF, LF or
a lone CR end a line: `model.LineIndex`); LSP positions count in the
encoding the client and server agreed on (UTF-16 unless the client offers
another), so an emoji before a claim moves the claim two UTF-16 units, one
code point. `Lines` converts through pygls's position codec, on the lines as
LSP counts them (not `str.splitlines`, which also splits at U+2028 and form
feeds, where an editor's line goes on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import language
from ..engine import format_size
from ..filters import wanted
from ..model import Finding, LineIndex
from ..readers import format_for
from . import markup
from .projects import Project

# What an editor's language id says about a buffer with no linted extension
LANGUAGES = {"markdown": "md", "mdx": "md", "html": "html", "plaintext": "txt", "text": "txt"}
MAX_BUFFER = 2 * 2**20  # bytes (UTF-8); larger buffers are skipped (--max-file-size)
BINARY_SAMPLE = 8192  # characters looked at for a NUL, as `readers.decode` does
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)\r?\n.*?^\1[ \t]*(?:\r?\n|\r|\Z)", re.S | re.M)


class Lines:
    """Offsets, (line, code point) pairs and client positions of one text."""

    def __init__(self, text: str, codec: Any) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.codec = codec  # a pygls `PositionCodec`
        starts = self.index.starts
        ends = [*starts[1:], len(text)]
        self.lines = [text[s:e].rstrip("\r\n") for s, e in zip(starts, ends, strict=True)]

    def position(self, line: int, column: int) -> dict[str, int]:
        """The client position (a JSON object) of a 0-based line and code-point column."""
        line = min(max(line, 0), len(self.lines) - 1)
        text = self.lines[line]
        column = min(max(column, 0), len(text))
        if text.isascii():  # one unit a character in UTF-8, -16 and -32 alike
            return {"line": line, "character": column}
        return {"line": line, "character": self.codec.client_num_units(text[:column])}

    def at_offset(self, offset: int) -> dict[str, int]:
        offset = min(max(offset, 0), len(self.text))
        line, column = self.index.position(offset)
        return self.position(line - 1, column - 1)

    def range(self, start: int, end: int) -> dict[str, dict[str, int]]:
        """The client range of the source offsets ``[start, end)``."""
        return {"start": self.at_offset(start), "end": self.at_offset(end)}

    @cached_property
    def front_matter_end(self) -> int:
        """Where a Markdown page's front matter ends (0: it has none); looked for once."""
        m = _FRONT_MATTER.match(self.text)
        return m.end() if m else 0

    @cached_property
    def markup(self) -> list[tuple[int, int]]:
        """The tags, comments and raw element texts of an HTML or Markdown page (`markup`)."""
        return markup.spans(self.text)

    def offset(self, line: int, character: int) -> int:
        """The source offset of a client position (clamped into the text)."""
        if line < 0:
            return 0
        if line >= len(self.lines):
            return len(self.text)
        text = self.lines[line]
        column, units = 0, 0
        count = self.codec.client_num_units
        while column < len(text) and units < character:
            units += count(text[column])
            column += 1
        return self.index.starts[line] + column


@dataclass(eq=False)
class Linted:
    """A buffer's findings, or why it was not linted (``skipped``)."""

    findings: list[Finding]
    fmt: str | None
    skipped: str | None = None


def buffer_format(path: str, language_id: str | None, project: Project) -> str | None:
    """How to read a buffer: by its extension as the CLI does, else by its language id."""
    fmt = format_for(path, project.options.extensions or None)
    if fmt is None and language_id:
        fmt = LANGUAGES.get(language_id.lower())
    return fmt


def lint_buffer(text: str, path: str, fmt: str | None, project: Project,
                max_size: int = MAX_BUFFER) -> Linted:
    """The findings of ``text`` (not the file on disk) as `glowlint check` reports them.

    Configuration filters, per-file ignores and inline suppressions apply; a
    file the configuration excludes, a binary, huge or non-English buffer is
    not linted, and ``skipped`` says why.
    """
    if fmt is None:
        return Linted([], None, "not a format glowlint reads (Markdown, HTML or text)")
    options = project.options
    if options.config is not None and Path(path).is_absolute() and not wanted(options, path,
                                                                                True):
        return Linted([], fmt, "excluded by the configuration")
    if "\0" in text[:BINARY_SAMPLE]:
        return Linted([], fmt, "binary file skipped")
    size = len(text.encode("utf-8", "surrogatepass"))
    if max_size and size > max_size:
        return Linted([], fmt, f"not linted: {format_size(size)}, the limit is "
                      f"{format_size(max_size)} (glowlint server --max-file-size)")
    foreign = language.notice(path, text, fmt)
    if foreign is not None:
        return Linted([], fmt, foreign.message)
    from ..run import lint_copy

    return Linted(lint_copy(text, path, fmt, project.ruleset, options.pipeline, [])[1], fmt)
