"""Suppressions for records: the ``glowlint_ignore`` column and record baselines.

``glowlint_ignore`` holds rule ids or categories, comma-separated, then ``--``
and the reason (``painless, no-side-effects -- approved by legal 2026-03``);
it silences them for that record. A baseline records findings by record id,
field, rule and matched text (white space folded), never by row or offset:
rows move when a catalogue is re-exported, ids do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import jsontext
from ..errors import GlowlintError
from ..safeio import read_regular
from .model import Record, RecordFinding

MAX_BASELINE = 64 * 2**20
KIND = "glowlint-records-baseline"


def ignored(value: str | None) -> frozenset[str]:
    """The rule ids and categories a ``glowlint_ignore`` value names (before ``--``)."""
    if not value:
        return frozenset()
    ids = value.partition("--")[0]
    return frozenset(n.strip() for n in ids.replace(";", ",").split(",") if n.strip())


def keep(record: Record, findings: list[RecordFinding]) -> list[RecordFinding]:
    """The findings its ``glowlint_ignore`` value does not silence."""
    names = ignored(record.ignore)
    if not names:
        return findings
    return [f for f in findings if f.rule not in names and f.category not in names]


@dataclass
class IgnoreChecks:
    """Warnings about ``glowlint_ignore`` values, each told once a run: no reason, or a
    name that is no rule or category in force. With ``require_reason`` (configuration
    ``require-suppression-reason``), a value without a reason is not applied."""

    known: set[str]  # rule ids and categories in force
    warn: Callable[[str], None]
    require_reason: bool = False
    seen: set[str] = field(default_factory=set)
    told: set[str] = field(default_factory=set)

    def check(self, record: Record, file: str) -> bool:
        """Whether the record's value is applied (told once when it is not)."""
        value = record.ignore
        if not value:
            return True
        _, sep, reason = value.partition("--")
        reasoned = bool(sep and reason.strip())
        if value in self.seen:
            return reasoned or not self.require_reason
        if len(self.seen) < 10_000:  # bounded: values repeat across records
            self.seen.add(value)
        if not reasoned and "" not in self.told:
            self.told.add("")
            outcome = ("not applied: the configuration requires a reason"
                       if self.require_reason else "applied")
            self.warn(f"glowlint: warning: {file}: row {record.row}: glowlint_ignore without "
                      f"a reason (write 'rule-id -- why'); {outcome}")
        for name in sorted(ignored(value) - self.known - self.told):
            self.told.add(name)
            self.warn(f"glowlint: warning: {file}: row {record.row}: glowlint_ignore names "
                      f"no rule or category {name!r}")
        return reasoned or not self.require_reason


def _key(f: RecordFinding) -> tuple[str, str, str, str]:
    return (f.record_id, f.field, f.rule, " ".join(f.match.split()))


@dataclass
class RecordBaseline:
    """Findings recorded earlier; each entry hides one finding with the same key."""

    counts: Counter[tuple[str, str, str, str]]
    hidden: int = 0

    @classmethod
    def load(cls, path: str) -> RecordBaseline:

        try:
            data = read_regular(path, MAX_BASELINE)
            if len(data) > MAX_BASELINE:
                raise GlowlintError("baseline too large (over 64 MB)", path)
            doc = jsontext.parse(data.decode("utf-8"))
        except FileNotFoundError:
            raise GlowlintError("baseline file not found (create it with --write-baseline)",
                                path) from None
        except OSError as e:
            raise GlowlintError(f"cannot read the baseline: {e.strerror or e}", path) from None
        except (UnicodeDecodeError, jsontext.JsonError) as e:
            raise GlowlintError(f"not a records baseline: {e}", path) from None
        entries = doc.get("entries") if isinstance(doc, dict) else None
        if not isinstance(doc, dict) or doc.get("kind") != KIND or not isinstance(entries, list):
            raise GlowlintError(f"not a records baseline (written by check-records "
                                f"--write-baseline, 'kind': {KIND!r})", path)
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for i, entry in enumerate(entries):
            try:
                key = (str(entry["record_id"]), str(entry["field"]), str(entry["rule"]),
                       str(entry["match"]))
                counts[key] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise GlowlintError(f"baseline entry {i + 1} is not a record entry",
                                    path) from None
        return cls(counts)

    def keep(self, findings: list[RecordFinding]) -> list[RecordFinding]:
        kept = []
        for f in findings:
            key = _key(f)
            if self.counts.get(key, 0) > 0:
                self.counts[key] -= 1
                self.hidden += 1
            else:
                kept.append(f)
        return kept

    def stale(self) -> int:
        return sum(n for n in self.counts.values() if n > 0)


def baseline_bytes(findings: Iterable[RecordFinding]) -> bytes:
    """The baseline of ``findings``: one entry per distinct key, with its count."""
    import json

    counts = Counter(_key(f) for f in findings)
    entries = [{"record_id": r, "field": fl, "rule": rule, "match": m, "count": n}
               for (r, fl, rule, m), n in sorted(counts.items())]
    return (json.dumps({"kind": KIND, "version": 1, "entries": entries}, indent=1,
                       ensure_ascii=False) + "\n").encode()


def write_baseline(path: str, findings: Iterable[RecordFinding]) -> int:
    from ..fileio import write_atomic

    data = baseline_bytes(findings)
    try:
        write_atomic(Path(path), data)
    except OSError as e:
        raise GlowlintError(f"cannot write the baseline: {e.strerror or e}", path) from None
    return data.count(b'"record_id"')
