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


def output_folder_error(path: str) -> str | None:
    """Why a report cannot be written at ``path`` (its folder is missing), or None."""
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        if os.path.exists(folder):
            return f"cannot write the report: {folder!r} is not a folder"
        return f"cannot write the report: no folder {folder!r}"
    if os.path.isdir(path):
        return "cannot write the report: it is a folder"
    return None


def write_report(path: str, chunks: Iterable[str], findings: int, files: int) -> str:
    """Write a report (``--output``) atomically; the one line to print about it.

    A missing folder or a failed write is a `GlowlintError` naming the path (the
    command prints one line and exits 2), never a traceback about a temporary file.
    """
    from .errors import GlowlintError

    problem = output_folder_error(path)
    if problem:
        raise GlowlintError(problem, path)
    try:
        write_atomic(Path(path), (chunk.encode("utf-8") for chunk in chunks))
    except OSError as e:
        raise GlowlintError(f"cannot write the report ({e.strerror or e})", path) from None
    return (f"wrote {path} ({findings} finding{'s' if findings != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''})")
