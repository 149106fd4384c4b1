"""Writing files so that nothing a user wrote is ever half-written."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: bytes | Iterable[bytes], *, sync: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename over the target.

    The rename is atomic on POSIX and Windows, so a reader (or a crash) sees
    either the old file or the new one. An existing file keeps its permissions.
    ``sync=False`` skips the flush to disk: for caches, where a file lost in a
    power cut only costs work.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode: int | None = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    import tempfile  # only runs that write pay for it

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".glowlint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:  # written as produced: a large report never sits in memory whole
                for chunk in data:
                    fh.write(chunk)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
