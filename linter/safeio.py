"""Reading the files glowlint itself needs (configuration, rule packs, baselines) and
standard input: regular files only, never more than a limit in memory.

A repository can name ``/dev/zero`` or a named pipe as its baseline or rule pack:
`read_regular` opens without blocking (a pipe with no writer), refuses anything
that is not a regular file and reads at most ``limit + 1`` bytes, so the caller
sees that the file is too large without holding it. `read_stream` does the same
for a stream that has no size (standard input).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
_CHUNK = 1 << 16


class NotRegularFile(OSError):
    """A path that is not a regular file (a pipe, a socket, a device): not read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"{kind}, not a regular file")
        self.strerror = f"{kind}, not a regular file"

    def __str__(self) -> str:
        return self.strerror or ""


def kind_of(mode: int) -> str | None:
    """What a file is when it is not a regular file or a folder ("a named pipe" ...)."""
    return next((name for test, name in _KINDS if test(mode)), None)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file at ``path`` (``limit`` 0: all).

    Raises what ``open`` raises (`FileNotFoundError`, `PermissionError` ...),
    `IsADirectoryError` for a folder and `NotRegularFile` for anything else
    that is not a regular file, before reading a byte of it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(kind_of(st.st_mode) or "not a file")
        if not limit:
            return fh.read()
        # by the size stated, plus a byte to see the end: `read(limit + 1)` would
        # allocate the whole limit (256 MB for `read_again`) for a small file
        data = fh.read(min(st.st_size, limit) + 1)
        if len(data) > st.st_size:  # it grew: read on, to the limit
            data += fh.read(limit + 1 - len(data))
        return data


def read_stream(stream: BinaryIO, limit: int, drain: int = 64) -> tuple[bytes, int | None]:
    """At most ``limit`` bytes of ``stream``, and its whole size when it is longer.

    The bytes past the limit are counted, not kept, up to ``drain`` times the
    limit (an endless stream such as /dev/zero gives the size None). With
    ``limit`` 0 the stream is read whole.
    """
    if not limit:
        data = stream.read()
        return data, len(data)
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data, len(data)
    size = len(data)
    while size <= drain * limit:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return data[:limit], size
        size += len(chunk)
    return data[:limit], None


SETTINGS_LIMIT = 4 * 2**20  # a YAML rule pack or configuration file, a TOML configuration: bytes
REREAD_LIMIT = 256 * 2**20  # a linted file read again (filters, reports, fixes): bytes


def read_again(path: str, limit: int = REREAD_LIMIT) -> bytes | None:
    """A linted file read again, or None when it is no longer a regular file within
    ``limit`` bytes (0: no limit): replaced by a pipe, a device or a huge file."""
    try:
        data = read_regular(path, limit)
    except OSError:
        return None
    return None if limit and len(data) > limit else data
