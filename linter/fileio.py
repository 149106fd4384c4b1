"""Writing files so that nothing a user wrote is ever half-written."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import GlowlintError
from .safeio import kind_of


def write_atomic(path: Path, data: bytes | Iterable[bytes], *, sync: bool = True,
                 like: Callable[[str], None] | None = None) -> None:
    """Write to a temporary file in the same folder, then rename over the target.

    The rename is atomic on POSIX and Windows, so a reader (or a crash) sees
    either the old file or the new one. An existing file keeps its permissions.
    ``sync=False`` skips the flush to disk: for caches, where a file lost in a
    power cut only costs work. ``like``, when given, is called with the temporary
    file's name before the rename, to give it what the old file had (`fixwrite`).
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
        if like is not None:
            like(tmp)
        elif mode is not None:
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


def output_folder_error(path: str, what: str = "the report") -> str | None:
    """Why ``what`` cannot be written at ``path`` (its folder is missing), or None."""
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        if os.path.exists(folder):
            return f"cannot write {what}: {folder!r} is not a folder"
        return f"cannot write {what}: no folder {folder!r}"
    if os.path.isdir(path):
        return f"cannot write {what}: it is a folder"
    return None


def check_target(path: str, what: str, inputs: Iterable[str] = ()) -> None:
    """A `GlowlintError` now, when ``what`` could not be written at ``path`` later: its
    folder is missing, it is not a file to write (`target_kind`), or it is an input."""
    if target_kind(path, what) == "through":
        return
    problem = output_folder_error(path, what)
    if problem:
        raise GlowlintError(problem, path)
    refuse_inputs(path, inputs, what)


def target_kind(path: str, what: str) -> str:
    """How ``what`` (``the report``, ``the baseline``) is written at ``path``: "new" or
    "file" (atomically, by a rename), or "through" (into it, as it is: a pipe, a terminal,
    /dev/null, which a rename would replace). A folder, a symbolic link to a file, a
    dangling link, a block device or a socket is a `GlowlintError`."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # its folder is checked next
        return "new"
    except OSError as e:
        raise GlowlintError(f"cannot write {what} ({e.strerror or e})", path) from None
    link = stat.S_ISLNK(mode)
    if link:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise GlowlintError(f"cannot write {what}: a symbolic link to nothing",
                                path) from None
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "through"
    if link:
        raise GlowlintError(f"cannot write {what}: a symbolic link; name the file it "
                            f"points to", path)
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        raise GlowlintError(f"cannot write {what}: it is a folder", path)
    raise GlowlintError(f"cannot write {what}: {kind_of(mode)}, not a regular file", path)


def refuse_inputs(path: str, inputs: Iterable[str], what: str) -> None:
    """A `GlowlintError` when ``path`` is one of the files linted (the same file, by any
    name): writing ``what`` there would destroy the copy it reports on."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return
    for name in inputs:
        try:
            other = os.stat(name)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            raise GlowlintError(f"cannot write {what}: it is a file being linted ({name})",
                                path)


def write_to(path: str, data: Iterable[bytes], what: str) -> None:
    """Write ``what`` at ``path`` as `target_kind` says; `GlowlintError` when it cannot."""
    try:
        if target_kind(path, what) == "through":
            with open(path, "wb") as fh:
                for chunk in data:
                    fh.write(chunk)
        else:
            write_atomic(Path(path), data)
    except OSError as e:
        raise GlowlintError(f"cannot write {what} ({e.strerror or e})", path) from None


def write_report(path: str, chunks: Iterable[str], counts: Callable[[], tuple[int, int]]
                 ) -> str:
    """Write a report (``--output``) atomically; the one line to print about it, with
    ``counts()`` (findings, files) taken once the report is written (it is streamed).

    A missing folder or a failed write is a `GlowlintError` naming the path (the
    command prints one line and exits 2), never a traceback about a temporary file.
    """
    check_target(path, "the report")
    write_to(path, (chunk.encode("utf-8") for chunk in chunks), "the report")
    findings, files = counts()
    return (f"wrote {path} ({findings} finding{'s' if findings != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''})")
