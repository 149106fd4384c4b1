"""Control characters made visible in the human-readable formats.

A file name or a source line is data from the repository: printed raw, a
newline in a file name starts a line of its own (in GitHub Actions, a line
``::error ...`` is a workflow command) and an escape sequence (ESC, OSC, CSI)
drives the terminal. They are shown as Python writes them in a string:
``\\n``, ``\\x1b``, ``\\x9b``. A byte of a file name that is not UTF-8 (read by
Python as a lone surrogate, U+DC80..U+DCFF) is shown as that byte, ``\\xff``.

`encodable` is the last step of every format: what is left of such bytes
(JSON, XML, HTML) becomes U+FFFD, so no report fails to encode.
"""

from __future__ import annotations

import re

from ..lazyre import LazyPattern

# C0 controls, DEL and C1 controls (U+0080..U+009F: a terminal may read U+009B as CSI)
_CONTROL = LazyPattern(r"[\x00-\x1f\x7f-\x9f\udc80-\udcff]", stdlib=True)
_SURROGATE = LazyPattern(r"[\ud800-\udfff]", stdlib=True)  # only for text that holds one
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SMALL = 1 << 17  # characters: text up to this long is tried by encoding it (a copy)


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    code = ord(c)
    return _NAMED.get(c) or f"\\x{code - 0xdc00 if code > 0xff else code:02x}"


def encodable(text: str) -> str:
    """``text`` with every lone surrogate (a file name's byte that is not UTF-8) as
    U+FFFD, so that it encodes as UTF-8."""
    if text.isascii():
        return text
    if len(text) <= _SMALL:  # a streamed report's chunk: UTF-8 fails on a surrogate only,
        try:  # so most text needs no pattern compiled
            text.encode()
            return text
        except UnicodeEncodeError:
            pass
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str, keep: str = "") -> str:
    """``text`` with its control characters escaped, but those in ``keep``."""
    if text.isprintable():  # the common case, at C speed (a space is printable)
        return text
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def printable_span(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A source line with its control characters escaped, and the span moved with them."""
    if line.isprintable():
        return line, start, end
    shown = _CONTROL.sub(_escape, line)
    if len(shown) == len(line):
        return shown, start, end
    return (shown, len(_CONTROL.sub(_escape, line[:start])),
            len(_CONTROL.sub(_escape, line[:end])))
