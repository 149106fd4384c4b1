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


def decode(data: bytes, path: str) -> str:
    """Text of a file: UTF-8 (BOM optional) or UTF-16 with a BOM.

    Invalid UTF-8 is an error naming the byte offset rather than a guess, so
    positions and fixes can never be computed on mis-decoded text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise GlowlintError(f"not valid UTF-16 at byte {e.start}", path) from None
    if b"\0" in data[:8192]:
        raise BinaryFile("binary file skipped", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise GlowlintError(
            f"not valid UTF-8 at byte {e.start} (line {line}); save the file as UTF-8", path
        ) from None


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
