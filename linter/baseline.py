"""Baselines: record today's findings, then report only new ones.

An entry is the rule, the file (relative to the baseline file's folder, so
the baseline works from any working folder) and the matched text with its
neighbourhood on the same line(s): up to `NEIGHBOURHOOD` characters either
side, whitespace collapsed. No line numbers: inserting or deleting lines
elsewhere in a page does not resurrect old findings, while rewording the
sentence around a claim does (the changed copy deserves a fresh look).
Entries are matched as a multiset, so the same sentence twice in a page
needs two entries.

The file is JSON, sorted for small diffs, written atomically.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import GlowlintError
from .fileio import write_atomic
from .lazyre import LazyPattern
from .model import Finding
from .safeio import read_regular

VERSION = 1
NEIGHBOURHOOD = 40
MAX_SIZE = 64 * 2**20  # bytes: a baseline larger than this is refused, not read
_SPACE = LazyPattern(r"\s+")

Key = tuple[str, str, str, str]


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def neighbourhood(source: str | None, f: Finding) -> tuple[str, str]:
    """The text just before and after a finding on its own line(s)."""
    if source is None or not (0 <= f.start <= f.end <= len(source)):
        return "", ""
    line_start = source.rfind("\n", 0, f.start) + 1
    line_end = source.find("\n", f.end)
    if line_end < 0:
        line_end = len(source)
    before = source[max(line_start, f.start - NEIGHBOURHOOD):f.start]
    after = source[f.end:min(line_end, f.end + NEIGHBOURHOOD)]
    return _collapse(before), _collapse(after)


def relative(path: str, root: Path) -> str:
    """A finding's path relative to the baseline's folder, with forward slashes."""
    if path == "-" or path.startswith("<"):
        return path
    rel = os.path.relpath(os.path.abspath(path), root)
    return Path(rel).as_posix()


def entry(f: Finding, source: str | None, root: Path) -> dict[str, str]:
    before, after = neighbourhood(source, f)
    return {
        "rule": f.rule,
        "path": relative(f.path, root),
        "match": _collapse(f.match),
        "before": before,
        "after": after,
    }


def _key(e: dict[str, str]) -> Key:
    return (e["rule"], e["path"], e["match"], f"{e['before']}\x00{e['after']}")


def write(path: Path, findings: list[Finding], sources: dict[str, str | None]) -> int:
    """Record ``findings`` in ``path`` (atomically); returns the number of entries."""
    root = path.resolve().parent
    entries = sorted(
        (entry(f, sources.get(f.path), root) for f in findings),
        key=lambda e: (e["path"], e["rule"], e["match"], e["before"], e["after"]),
    )
    data = {"version": VERSION, "tool": f"glowlint {__version__}", "findings": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as e:
        raise GlowlintError(f"cannot write the baseline: {e.strerror}", str(path)) from None
    return len(entries)


class Baseline:
    """A loaded baseline: `filter` drops the findings it records."""

    def __init__(self, path: Path, entries: list[dict[str, str]]) -> None:
        self.path = path
        self.root = path.resolve().parent
        self.counts: Counter[Key] = Counter(_key(e) for e in entries)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = read_regular(path, MAX_SIZE)
            if len(data) > MAX_SIZE:
                raise GlowlintError(f"baseline too large (over {MAX_SIZE // 2**20} MB)", str(path))
            text = data.decode("utf-8")
        except FileNotFoundError:
            raise GlowlintError(
                "baseline file not found (create it with --write-baseline)", str(path)
            ) from None
        except OSError as e:
            raise GlowlintError(f"cannot read the baseline: {e.strerror or e}", str(path)) from None
        except UnicodeDecodeError as e:
            raise GlowlintError(f"cannot read the baseline: {e}", str(path)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise GlowlintError(f"not a glowlint baseline: invalid JSON ({e.msg})", str(path),
                                e.lineno) from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if (not isinstance(data, dict) or data.get("version") != VERSION
                or not isinstance(entries, list)):
            raise GlowlintError(
                f"not a glowlint baseline (expected version {VERSION} with a 'findings' list)",
                str(path),
            )
        fields = ("rule", "path", "match", "before", "after")
        for i, item in enumerate(entries):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in fields):
                raise GlowlintError(f"baseline entry {i + 1} needs the strings "
                                    f"{', '.join(fields)}", str(path))
        return cls(path, entries)

    def filter(self, findings: list[Finding], sources: dict[str, str | None]
               ) -> tuple[list[Finding], int]:
        """The findings the baseline does not hold, and how many it held."""
        left = Counter(self.counts)
        kept: list[Finding] = []
        for f in findings:
            k = _key(entry(f, sources.get(f.path), self.root))
            if left[k] > 0:
                left[k] -= 1
            else:
                kept.append(f)
        return kept, len(findings) - len(kept)
