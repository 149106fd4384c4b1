"""Writing a fixed file back (`--fix`) without changing what the file is.

A rename over the file (`fileio.write_atomic`) makes a new file: it would
split a hard link (the other names keep the old text), and the new file
belongs to whoever runs glowlint (root in a CI container) without the old
one's extended attributes (SELinux labels, macOS quarantine, user tags). So:

- one link: a temporary copy gets the file's owner, group, mode and extended
  attributes, then is renamed over it (atomic);
- several links, or an owner or attribute that cannot be given to a new file:
  the file is written in place, after its old bytes are saved in a temporary
  copy beside it and read back; a failed write puts them back, and if even
  that fails the error names the copy that holds them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .fileio import write_atomic


class _KeepInPlace(Exception):
    """The temporary file cannot be made the same as the original: write in place."""


def rewrite(path: Path, after: bytes, before: bytes) -> None:
    """Replace the content ``before`` of the file at ``path`` by ``after``; raises OSError."""
    st = os.stat(path)
    if st.st_nlink == 1:
        try:
            write_atomic(path, after, like=lambda tmp: _same_as(tmp, path, st))
            return
        except _KeepInPlace:
            pass
    _write_in_place(path, after, before)


def _same_as(tmp: str, path: Path, st: os.stat_result) -> None:
    """Give ``tmp`` the owner, group and extended attributes of ``path``."""
    if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            raise _KeepInPlace from None
    if hasattr(os, "listxattr"):
        try:
            for name in os.listxattr(path):
                os.setxattr(tmp, name, os.getxattr(path, name))
        except OSError:
            raise _KeepInPlace from None
    os.chmod(tmp, stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits


def _owner(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _write_in_place(path: Path, after: bytes, before: bytes) -> None:
    """Write ``after`` into the file itself, its old bytes kept aside until it is done."""
    import tempfile

    fd, saved = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".glowlint-orig",
                                 dir=path.parent)
    with os.fdopen(fd, "w+b") as fh:
        fh.write(before)
        fh.flush()
        os.fsync(fh.fileno())
        fh.seek(0)
        if fh.read() != before:
            os.unlink(saved)
            raise OSError(f"could not keep a copy of the file in {saved}")
    try:
        _put(path, after)
    except BaseException as e:
        try:
            _put(path, before)
        except OSError:
            raise OSError(getattr(e, "errno", None),
                          f"{getattr(e, 'strerror', e)}; the old text is in {saved}") from None
        os.unlink(saved)
        raise
    os.unlink(saved)


def _put(path: Path, data: bytes) -> None:
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())
