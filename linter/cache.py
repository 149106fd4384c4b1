"""On-disk caches: the compiled rule set (user cache folder) and results per file.

Rule-set cache: ``load_rules`` parses YAML, expands phrases and analyses every
pattern for the scanner; a pickle of the result, keyed by the content of every
rule file, the glowlint code, the version and the Python version, makes the
next start-up skip all of it (patterns are compiled lazily on first use, see
`kinds.compile.BoundedPattern`). It lives in the user cache folder
(``GLOWLINT_CACHE_DIR`` overrides it).

Result cache: ``.glowlint_cache/`` in the working folder (``--cache-dir``,
``--no-cache``) maps a file's content and everything that shapes its findings
(rule set, profile, options) to its findings and notice, so an unchanged file
is not linted again. The folder holds a ``.gitignore`` of ``*``.

Both caches are trusted only as far as `private` allows: a folder that is a
link or belongs to another user is not used, the user cache folder is private
(0700), and every file carries a MAC keyed by a per-user secret, checked
before a byte of it is used (a pickle is never loaded unverified).

Both caches are written atomically (`fileio.write_atomic`), so two processes
racing see a whole old entry, a whole new one, or none; a missing, broken or
stale entry is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import os
import pickle
import sys
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kinds.compile import BoundedPattern
from .private import map_sealed, prune, seal, user_key
from .safeio import SETTINGS_LIMIT, read_regular
from .version import __version__  # not the package: it imports the API, which uses this

if TYPE_CHECKING:
    from .rules import RuleSet

FORMAT = 11  # bump when the layout of the cached records changes
KEEP = 8  # rule-set pickles kept in the user cache folder
_MAX_CACHE_FILE = 512 * 2**20  # a cache file past this is ignored, never read


def user_cache_dir() -> Path:
    """glowlint's folder in the user cache: GLOWLINT_CACHE_DIR, else the platform's."""
    override = os.environ.get("GLOWLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "glowlint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "glowlint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base_dir / "glowlint"


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    from .fileio import write_atomic as write  # imported when writing only (tempfile)

    write(path, data, sync=sync)


def digest(*parts: bytes) -> str:
    h = blake2b(digest_size=32)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


_CODE_HASH: str | None = None


def code_hash() -> str:
    """A hash of glowlint's own Python code: a changed checkout never reads old pickles.

    Each module counts by its size and modification time (a stat, not a read:
    this runs at every start-up).
    """
    global _CODE_HASH
    if _CODE_HASH is None:
        parts = [__version__.encode(), sys.version.encode()]
        _stat_modules(os.path.dirname(os.path.abspath(__file__)), "", parts)
        _CODE_HASH = digest(*parts)
    return _CODE_HASH


def _stat_modules(folder: str, prefix: str, parts: list[bytes]) -> None:
    """``name:size:mtime`` of every module under ``folder``, in name order (os.scandir:
    a fraction of what pathlib's rglob costs)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        parts.append(b"?")
        return
    for entry in entries:
        try:
            if entry.name.endswith(".py") and entry.is_file():
                st = entry.stat()
                parts.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}".encode())
            elif entry.is_dir() and entry.name != "__pycache__":
                _stat_modules(entry.path, f"{prefix}{entry.name}/", parts)
        except OSError:
            parts.append(b"?")


def files_key(files: list[Path]) -> str:
    parts = []
    for path in files:
        try:
            data = read_regular(path, SETTINGS_LIMIT)  # bounded: /dev/zero is no rule pack
        except OSError:
            data = b"\0missing"
        parts += [os.path.abspath(path).encode(), data]
    return digest(*parts)


def _read_pickle(path: Path, key: bytes) -> Any:
    """The pickled rule set at ``path`` if this user's glowlint wrote it, else None."""
    body = map_sealed(path, key, "rules", _MAX_CACHE_FILE)  # the user's own folder
    if body is None:  # missing, planted, or another user's: never unpickled
        return None
    try:
        return pickle.loads(body)
    except Exception:  # noqa: BLE001 - a broken or foreign cache entry: ignore it
        return None


def write(path: Path, data: bytes, sync: bool = True) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, sync=sync)
        return True
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: run without cache
        return False


# ---------------------------------------------------------------------------
# compiled patterns, as the regex module pickles them
#
# The regex module compiles in Python (about a millisecond a pattern, 10 ms for a
# large alternation); a compiled pattern that it pickles is rebuilt from its
# compiled form when loaded (about 40 us). The rule set's pickle keeps every
# pattern that way: a bare pattern (the context vocabulary, lexicon patterns)
# pickles so itself, and each `BoundedPattern` is frozen (`BoundedPattern.freeze`)
# as it is stored, rebuilt only when a run first searches with it.


def _regex_version() -> str:
    import regex

    return str(getattr(regex, "__version__", "?"))


class _RulePickler(pickle.Pickler):
    """Freezes each `BoundedPattern` it stores: its compiled form goes along."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is BoundedPattern:
            obj.freeze()
        return NotImplemented


def _dump_rules(value: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    _RulePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# the compiled rule set


def ruleset_key(extra_packs: list[Path], profile: str, builtin: bool) -> str:
    from .rules import builtin_packs, builtin_rules_dir

    here = builtin_rules_dir()
    files = [here / "taxonomy.yaml", here / "context.yaml", here / "lexicon.yaml"]
    files += (builtin_packs() if builtin else []) + list(extra_packs)
    return digest(
        code_hash().encode(), files_key(files).encode(), profile.encode(),
        b"builtin" if builtin else b"-", str(FORMAT).encode(), _regex_version().encode(),
    )


def load_rules_cached(
    extra_packs: list[Path] | None = None, *, profile: str | None = None, builtin: bool = True,
    folder: Path | None = None,
) -> RuleSet:
    """`rules.load_rules`, through the rule-set cache in the user cache folder.

    Errors in rule files are raised as by `load_rules` (an invalid pack is never
    cached); any trouble with the cache itself only costs a normal load.
    """
    from . import scanner
    from .rules import DEFAULT_PROFILE, RuleSet, load_rules

    profile = profile or DEFAULT_PROFILE
    extra = list(extra_packs or [])
    try:
        key = ruleset_key(extra, profile, builtin)
    except Exception:  # noqa: BLE001 - e.g. the rules folder cannot be listed
        return load_rules(extra, profile=profile, builtin=builtin)
    folder = folder or user_cache_dir()
    secret = user_key(folder)  # None: the folder is not private, so no cache at all
    if secret is None:
        return load_rules(extra, profile=profile, builtin=builtin)
    path = folder / f"rules-{key[:32]}.pickle"
    entry = _read_pickle(path, secret)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key:
        if isinstance(entry[1], RuleSet):
            return entry[1]
    ruleset = load_rules(extra, profile=profile, builtin=builtin)
    scanner.scanner_for(ruleset).build_automaton()  # the pattern analysis goes into the pickle
    if ruleset.lexicon is not None and ruleset.lexicon.form_count:
        ruleset.lexicon.automaton()  # and the lexicon's automaton, 2 ms to unpickle
    try:
        data = _dump_rules((key, ruleset))
        write_atomic(path, seal(secret, "rules", data))
        prune(folder, "rules-*.pickle", "rules", KEEP)
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: run without cache
        pass
    return ruleset
