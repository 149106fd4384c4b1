"""Which cache folders and cache files glowlint trusts, and how it marks its own.

Two attackers (SECURITY.md): a repository that ships a ``.glowlint_cache``
link or crafted results, and a local user who can write a shared cache
folder. So:

- a cache folder that is a link, or not owned by the user running glowlint,
  is not used (`folder_problem`); the user cache folder is made 0700, and is
  not used either when others can write it;
- every cache file starts with a header naming its kind and a MAC of the
  rest, keyed by a secret that only the user can read (``key`` in the user
  cache folder, 0600). A file is used only when its MAC is right (a shipped
  or planted entry is ignored, and a pickle is never loaded unverified), and
  only files with glowlint's header are ever deleted.

On a system without user ids (Windows) the ownership checks are skipped; the
MAC still holds.
"""

from __future__ import annotations

import hmac
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

_KEY_NAME = "key"
_KEY_SIZE = 32
_HEADER_LIMIT = 128


def _owner_problem(st: os.stat_result, private: bool) -> str | None:
    if not hasattr(os, "getuid"):
        return None
    if st.st_uid != os.getuid():
        return "it is not owned by the user running glowlint"
    if private and st.st_mode & 0o022:
        return "others can write to it"
    return None


def folder_problem(folder: Path, private: bool = False) -> str | None:
    """Why glowlint must not use ``folder`` as a cache folder, or None.

    A link (which a repository can point anywhere), a folder owned by another
    user and, for a ``private`` folder, one that others can write to.
    """
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return None  # made by `make_folder`
    except OSError as e:
        return f"cannot read it ({e.strerror or e})"
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    return _owner_problem(st, private)


def make_folder(folder: Path, private: bool = False) -> str | None:
    """Create ``folder`` (0700 when ``private``) if missing; why it cannot be used, or None."""
    problem = folder_problem(folder, private)
    if problem:
        return problem
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700 if private else 0o777, exist_ok=True)
    except OSError as e:
        return f"cannot create it ({e.strerror or e})"
    return folder_problem(folder, private)


def _read_trusted(path: Path, limit: int, private: bool, head: bool = False) -> bytes | None:
    """The bytes of a regular file owned by the user (not through a link), or None (also
    when it is over ``limit`` bytes, unless only its ``head`` is wanted)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or _owner_problem(st, private):
            return None
        if private and hasattr(os, "getuid") and st.st_mode & 0o077:
            return None
        data = fh.read(min(st.st_size, limit) + 1)  # read(limit + 1) allocates the limit
        if len(data) > st.st_size:  # it grew: read on, to the limit
            data += fh.read(limit + 1 - len(data))
    return data[:limit] if head or len(data) <= limit else None


def user_key(folder: Path) -> bytes | None:
    """The user's secret for cache MACs (made on first use), or None when the user cache
    folder is not private enough to hold it."""
    if make_folder(folder, private=True):
        return None
    path = folder / _KEY_NAME
    key = _read_trusted(path, _KEY_SIZE, private=True)
    if key is not None and len(key) == _KEY_SIZE:
        return key
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    except OSError:  # another run made it meanwhile, or a stranger planted one
        key = _read_trusted(path, _KEY_SIZE, private=True)
        return key if key is not None and len(key) == _KEY_SIZE else None
    key = os.urandom(_KEY_SIZE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def _mac(key: bytes, kind: bytes, body: bytes | memoryview) -> bytes:
    """HMAC-SHA256 of the kind and the body: the hash the CPU computes fastest (OpenSSL's,
    with the SHA instructions), twice blake2b's speed on a rule-set cache of megabytes."""
    mac = hmac.new(key, kind + b"\0", "sha256")
    mac.update(body)  # the MAC of the bytes joined, without copying a large body
    return mac.hexdigest().encode()


def seal(key: bytes, kind: str, body: bytes) -> bytes:
    """``body`` with glowlint's header: its kind and its MAC."""
    tag = kind.encode()
    return b"glowlint-" + tag + b" " + _mac(key, tag, body) + b"\n" + body


def unseal(key: bytes, kind: str, data: bytes | mmap.mmap) -> memoryview | None:
    """The body of a sealed file of this ``kind``, or None when not made with ``key``; a
    view into ``data``: a rule-set cache of megabytes is checked and unpickled uncopied."""
    tag = kind.encode()
    header = bytes(data[:_HEADER_LIMIT])
    end = header.find(b"\n")
    if end < 0 or not header.startswith(b"glowlint-" + tag + b" "):
        return None
    body = memoryview(data)[end + 1:]
    return body if hmac.compare_digest(header[len(tag) + 10:end], _mac(key, tag, body)) else None


def read_sealed(path: Path, key: bytes, kind: str, limit: int) -> memoryview | None:
    """The body of a cache file if the user owns it and its MAC holds, else None (a view:
    `pickle.loads` reads it as it is)."""
    data = _read_trusted(path, limit, private=False)
    return None if data is None else unseal(key, kind, data)


def map_sealed(path: Path, key: bytes, kind: str, limit: int) -> memoryview | None:
    """`read_sealed` of a file in the user's private cache folder, mapped rather than
    read: the MAC and `pickle.loads` read the file's pages where the system keeps them,
    so the megabytes of a rule-set cache are neither copied nor allocated (reading 11 MB
    took about as long as its MAC). Only for files nobody else can write: the file stays
    mapped while the view lives (glowlint replaces cache files, never writes into them)."""
    import mmap

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or _owner_problem(st, False) \
                or not 0 < st.st_size <= limit:
            return None
        data = mmap.mmap(fd, st.st_size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)  # the mapping holds the file
    return unseal(key, kind, data)


def is_ours(path: Path, kind: str) -> bool:
    """Whether ``path`` is a regular file (not a link) with glowlint's header of ``kind``:
    the only files glowlint deletes when it prunes a cache folder."""
    data = _read_trusted(path, _HEADER_LIMIT, private=False, head=True)
    return (data or b"").startswith(f"glowlint-{kind} ".encode())


def prune(folder: Path, glob: str, kind: str, keep: int) -> None:
    """Delete all but the ``keep`` newest of glowlint's own ``kind`` files in ``folder``."""
    try:
        entries = sorted(folder.glob(glob), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in entries[keep:]:
            if is_ours(old, kind):
                old.unlink()
    except OSError:
        pass
