"""The result cache: findings per file content, so an unchanged file is not linted again
(``.glowlint_cache/``; see cache.py for what both caches share)."""

from __future__ import annotations

import copy
import functools
import os
import time
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import (
    _MAX_CACHE_FILE,
    FORMAT,
    KEEP,
    code_hash,
    digest,
    user_cache_dir,
    write,
    write_atomic,
)
from .private import make_folder, prune, read_sealed, seal, user_key

if TYPE_CHECKING:
    from .engine import Notice
    from .model import Finding, Severity
    from .rules import RuleSet


class ResultCache:
    """Findings per file content for one configuration (``scope``): one JSON file per scope.

    JSON, never pickle: the folder lives in the working tree, where a repository
    could ship a crafted file, and unpickling it would run its code.

    Entries are keyed by a hash of the file's format and bytes (not its path:
    a moved file is still cached); a run loads the scope's file once and
    writes it once at the end (`save`), merged with what another run may have
    written meanwhile. Entries unused for ``max_age`` seconds are dropped.

    The layout is made to parse fast, since a warm run over a large tree spends
    much of its time here: the file holds each text once (``strings``, the rule
    texts repeat in every entry); a finding is a list of its fields without the
    path (an entry holds the findings of one content, wherever it lies), each
    text as an index into ``strings``. An entry's findings are built when a run
    asks for it (`get`), at the path asked for.
    """

    def __init__(self, folder: Path, scope: str, max_age: float = 30 * 86400,
                 secret: bytes | None = None) -> None:
        self.folder = folder
        # without a private user cache folder, a key of this run only: entries written
        # by anything else are never trusted
        self.secret = secret or user_key(user_cache_dir()) or os.urandom(32)
        self.scope = scope
        self.path = folder / f"results-{scope[:32]}.json"
        self.max_age = max_age
        self._file: tuple[list[str], dict[str, Any]] | None = None  # strings, entries
        self._new: dict[str, tuple[float, list[Finding], Notice | None]] = {}

    @classmethod
    def open(cls, folder: Path, ruleset: RuleSet, *extra: str) -> ResultCache | str | None:
        """The cache for this rule set and options; None when it cannot be used, or why
        not when the folder must not be used (a link, another user's)."""
        problem = make_folder(folder)
        if problem:
            return problem
        secret = user_key(user_cache_dir())
        if secret is None:
            return None
        try:
            scope = ruleset_hash(ruleset, *extra)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, b"# written by glowlint: not for version control\n*\n")
        except Exception:  # noqa: BLE001 - an unwritable folder: lint without the cache
            return None
        return cls(folder, scope, secret=secret)

    @staticmethod
    def key(data: bytes, fmt: str) -> str:
        h = blake2b(fmt.encode() + b"\0", digest_size=20)
        h.update(data)  # the same digest as of the bytes joined, without copying them
        return h.hexdigest()

    def _read(self) -> tuple[list[str], dict[str, Any]]:
        """The file's strings and entries as parsed; none when missing, torn or foreign."""
        try:
            raw = read_sealed(self.path, self.secret, "results", _MAX_CACHE_FILE)
            if raw is None:  # missing, or not written by this user's glowlint
                return [], {}
            import json  # the result cache only (a --no-cache run never loads it)

            data = json.loads(bytes(raw))
            if data["format"] == FORMAT and data["scope"] == self.scope:
                strings, entries = data["strings"], data["entries"]
                if isinstance(strings, list) and isinstance(entries, dict):
                    return strings, entries
        except Exception:  # noqa: BLE001 - missing, torn or foreign: an empty cache
            pass
        return [], {}

    def get(self, key: str, path: str) -> tuple[list[Finding], Notice | None] | None:
        """The findings and notice recorded for this content, placed at ``path``."""
        new = self._new.get(key)
        if new is not None:  # recorded by this run: copies, the caller may change them
            _, findings, notice = new
            return ([_moved(f, path) for f in findings],
                    _moved(notice, path) if notice is not None else None)
        if self._file is None:
            self._file = self._read()
        strings, entries = self._file
        entry = entries.get(key)
        if entry is None:
            return None
        try:
            when, findings, notice = _decode(entry, strings, path)
        except Exception:  # noqa: BLE001 - an entry of another shape: lint again
            return None
        if when < time.time() - 86400:  # refresh its age at most once a day
            self._new[key] = (time.time(), findings, notice)
        return findings, notice

    def put(self, key: str, findings: list[Finding], notice: Notice | None) -> None:
        if notice is not None and (notice.error or getattr(notice, "partial", False)):
            return  # unreadable or timed out: try again next time
        self._new[key] = (time.time(), findings, notice)

    def save(self) -> None:
        """Merge this run's entries into the file (atomically); never raises."""
        if not self._new:
            return
        try:
            strings, entries = self._read()  # what is there now, perhaps from another run
            cutoff = time.time() - self.max_age
            table = _Strings()
            records: dict[str, list[Any]] = {}
            for key, entry in entries.items():
                if key in self._new:
                    continue
                try:
                    when, findings, notice = _decode(entry, strings, "")
                except Exception:  # noqa: BLE001 - a torn entry is dropped
                    continue
                if when >= cutoff:
                    records[key] = _encode(when, findings, notice, table)
            for key, (when, findings, notice) in self._new.items():
                records[key] = _encode(when, findings, notice, table)
            data = {"format": FORMAT, "scope": self.scope, "strings": table.strings,
                    "entries": records}
            import json

            body = json.dumps(data, separators=(",", ":")).encode()
            write(self.path, seal(self.secret, "results", body), sync=False)
            prune(self.folder, "results-*.json", "results", KEEP)
        except Exception:  # noqa: BLE001 - the cache is an optimisation only
            pass


class _Strings:
    """The texts of a results file being written, each once: text -> its index."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.strings)
            self.strings.append(text)
        return i

    def optional(self, text: str | None) -> int | None:
        return None if text is None else self(text)


def _encode(when: float, findings: list[Finding], notice: Notice | None,
            text: _Strings) -> list[Any]:
    """An entry as stored: [when, findings, notice], without paths, texts as indices.

    A finding is its fields in `Finding` order after ``path``; `_decode` is the
    inverse (tests/test_performance_equivalence.py checks every field).
    """
    records = [
        [f.line, f.column, f.end_line, f.end_column, text(f.rule), text(f.category),
         int(f.severity), text(f.message), text(f.match), text.optional(f.suggestion),
         text(f.basis), f.start, f.end, text.optional(f.fix), f.fix_safe,
         list(f.fix_span) if f.fix_span is not None else None, text(f.note),
         text(f.document_type)]
        for f in findings
    ]
    told = [text(notice.message), notice.error, notice.partial] if notice is not None else None
    return [when, records, told]


def _decode(entry: Any, strings: list[str], path: str
            ) -> tuple[float, list[Finding], Notice | None]:
    """The findings and notice of a stored entry, at ``path`` (raises if malformed)."""
    from .engine import Notice
    from .model import Finding

    severities = _severities()
    when, records, told = entry
    findings = [
        Finding(path, line, column, end_line, end_column, strings[rule], strings[category],
                severities[severity], strings[message], strings[match],
                None if suggestion is None else strings[suggestion], strings[basis],
                start, end, None if fix is None else strings[fix], fix_safe,
                None if span is None else (span[0], span[1]), strings[note], strings[kind])
        for (line, column, end_line, end_column, rule, category, severity, message, match,
             suggestion, basis, start, end, fix, fix_safe, span, note, kind) in records
    ]
    notice = None if told is None else Notice(path, strings[told[0]], told[1], told[2])
    return float(when), findings, notice


@functools.cache
def _severities() -> dict[int, Severity]:
    from .model import Severity

    return {int(s): s for s in Severity}


def _moved(record: Any, path: str) -> Any:
    """A copy of a finding or notice at another path (faster than dataclasses.replace)."""
    new = copy.copy(record)
    new.path = path
    return new


def ruleset_hash(ruleset: RuleSet, *extra: str) -> str:
    """Everything about a rule set that shapes findings, as one hash."""
    state = _plain_bytes((
        [(type(r).__module__, type(r).__qualname__, _rule_state(r)) for r in ruleset.rules],
        ruleset.profile,
        getattr(ruleset, "time_limit", None),
        _state(ruleset.context),
    ))
    return digest(code_hash().encode(), state, *(e.encode() for e in extra))


def _plain_bytes(state: Any) -> bytes:
    """``state`` written out by value only. A pickle writes an object seen twice as a
    reference to its first copy, so equal rule sets whose strings happen to be shared
    differently (the regex module's compile cache decides that) would hash apart."""
    import json

    return json.dumps(state, separators=(",", ":")).encode()


def _rule_state(rule: Any) -> list[tuple[str, Any]]:
    return [(name, _state(value)) for name, value in sorted(vars(rule).items())]


def _state(value: Any) -> Any:
    """What a value holds, as plain data: a pattern by its source and flags, however
    compiled (a rule set loaded from the cache holds the same patterns, compiled lazily)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    if hasattr(value, "pattern") and hasattr(value, "flags"):
        return ("pattern", value.pattern, value.flags)
    if isinstance(value, dict):
        return [(repr(k), _state(v)) for k, v in value.items()]
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_state(v) for v in value]
        return (type(value).__name__, sorted(items, key=repr) if isinstance(value, (set, frozenset))
                else items)
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__qualname__, _rule_state(value))
    return repr(value)
