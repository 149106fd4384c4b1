"""Text extraction per format: bytes in, a `Document` (source + copy) out."""

from __future__ import annotations

import codecs
from collections.abc import Callable

from ..errors import GlowlintError
from ..model import Copy, Document

FORMATS: dict[str, str] = {
    ".md": "md", ".markdown": "md", ".mdx": "md",
    ".html": "html", ".htm": "html",
    ".txt": "txt",
}


class BinaryFile(GlowlintError):
    """A file that holds no text: skipped with a notice, never an error."""


def format_for(path: str, extra: dict[str, str] | None = None) -> str | None:
    """The format of a path by its extension, or None when it is not linted."""
    dot = path.rfind(".")
    if dot < 0 or "/" in path[dot:]:
        return None
    ext = path[dot:].lower()
    if extra and ext in extra:
        return extra[ext]
    return FORMATS.get(ext)


# A UTF-32 LE BOM starts with the UTF-16 LE one: it is looked for first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


def decode(data: bytes, path: str) -> str:
    """Text of a file: UTF-8 (BOM optional), or UTF-16 or UTF-32 with a BOM.

    Text that does not decode is an error naming the byte offset and the line
    rather than a guess, so positions and fixes can never be computed on
    mis-decoded text.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                # everything before the error decodes (whole code units)
                before = data[:e.start].decode(codec, errors="replace")
                raise GlowlintError(
                    f"not valid {name} at byte {e.start} (line {_line_at(before)})", path
                ) from None
    if b"\0" in data[:8192]:
        raise BinaryFile("binary file skipped", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = _line_at(data[:e.start].decode("ascii", errors="replace"))
        raise GlowlintError(
            f"not valid UTF-8 at byte {e.start} (line {line}); save the file as UTF-8", path
        ) from None


def _line_at(before: str) -> int:
    """The 1-based line of the end of ``before``: lines end at CRLF, LF or a lone CR."""
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


# the module of each format's reader (`_extractor`; any other format: ``plain``)
READERS = {"md": "markdown", "html": "html"}


def _extractor(fmt: str) -> Callable[[str], Copy]:
    if fmt == "md":
        from . import markdown
        return markdown.extract
    if fmt == "html":
        from . import html
        return html.extract
    from . import plain
    return plain.extract


def read_text(text: str, path: str = "<text>", fmt: str = "txt") -> Document:
    """A document from text already in memory."""
    return Document(path=path, source=text, format=fmt, copy=_extractor(fmt)(text))


def read_bytes(data: bytes, path: str, fmt: str) -> Document:
    return read_text(decode(data, path), path, fmt)
