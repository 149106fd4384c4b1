"""Baselines: record today's findings, then report only new ones.

An entry is the rule, the file (relative to the baseline file's folder, so
the baseline works from any working folder) and the matched text with its
neighbourhood in its own sentence: up to `NEIGHBOURHOOD` characters either
side on the same line(s), stopping at the sentence's ends, whitespace
collapsed, with the spans of the file's other findings in that neighbourhood
written as `MASK`. No line numbers: inserting or deleting lines or sentences
elsewhere in a page does not resurrect old findings, while rewording the
sentence around a claim does (the changed copy deserves a fresh look).
A mask matches any text, so rewriting or fixing another claim of the same
sentence leaves the entry matching. Entries are matched as a multiset, so the
same sentence twice in a page needs two entries; `Baseline.stale` counts the
entries of the files checked that matched no finding.

The file is JSON, sorted for small diffs, written atomically.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from . import jsontext
from .errors import GlowlintError
from .fileio import write_to
from .lazyre import LazyPattern
from .model import Finding
from .safeio import read_regular
from .version import __version__

VERSION = 1
NEIGHBOURHOOD = 40
MASK = "[…]"  # another finding's span in a neighbourhood: matches any text
MAX_SIZE = 64 * 2**20  # bytes: a baseline larger than this is refused, not read
_SPACE = LazyPattern(r"\s+")
# the end of a sentence: its stop (with a closing quote or bracket), then space or the end
_STOP = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|\Z)")

Span = tuple[int, int]


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _masked(source: str, start: int, end: int, others: Sequence[Span]) -> str:
    """``source[start:end]`` with the parts of ``others`` in it as `MASK`, collapsed."""
    pieces: list[str] = []
    at = start
    for s, e in sorted(others):
        s, e = max(s, at), min(e, end)
        if s >= e:
            continue
        pieces.append(source[at:s] + "\x00")
        at = e
    pieces.append(source[at:end])
    return _collapse("".join(pieces)).replace("\x00", MASK)


def _line(source: str, f: Finding) -> tuple[int, int]:
    line_start = source.rfind("\n", 0, f.start) + 1
    line_end = source.find("\n", f.end)
    return line_start, len(source) if line_end < 0 else line_end


def neighbourhood(source: str | None, f: Finding, others: Sequence[Span] = ()
                  ) -> tuple[str, str]:
    """The text just before and after a finding on its own line(s), ``others``' spans masked.

    Spans that overlap the finding's own are not masked (they say the same place).
    """
    if source is None or not (0 <= f.start <= f.end <= len(source)):
        return "", ""
    line_start, line_end = _line(source, f)
    apart = [(s, e) for s, e in others if e <= f.start or s >= f.end]
    start, end = _sentence(source, max(line_start, f.start - NEIGHBOURHOOD), f.start,
                           f.end, min(line_end, f.end + NEIGHBOURHOOD))
    return _masked(source, start, f.start, apart), _masked(source, f.end, end, apart)


def _sentence(source: str, low: int, start: int, end: int, high: int) -> tuple[int, int]:
    """``low``..``high`` narrowed to the sentence holding ``start``..``end``.

    The windows are at most `NEIGHBOURHOOD` characters, so this stays linear.
    """
    stops = [m.end() for m in _STOP.finditer(source, low, start)]
    after = _STOP.search(source, end, high)
    return (stops[-1] if stops else low), (after.end() if after else high)


def relative(path: str, root: Path) -> str:
    """A finding's path relative to the baseline's folder, with forward slashes."""
    if path == "-" or path.startswith("<"):
        return path
    rel = os.path.relpath(os.path.abspath(path), root)
    return Path(rel).as_posix()


def entry(f: Finding, source: str | None, root: Path,
          others: Sequence[Span] = ()) -> dict[str, str]:
    before, after = neighbourhood(source, f, others)
    return {
        "rule": f.rule,
        "path": relative(f.path, root),
        "match": _collapse(f.match),
        "before": before,
        "after": after,
    }


def _spans(findings: list[Finding]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {}
    for f in findings:
        spans.setdefault(f.path, []).append((f.start, f.end))
    return spans


def write(path: Path, findings: list[Finding], sources: dict[str, str | None]) -> int:
    """Record ``findings`` in ``path`` (atomically); returns the number of entries."""
    root = path.resolve().parent
    spans = _spans(findings)
    entries = sorted(
        (entry(f, sources.get(f.path), root, spans[f.path]) for f in findings),
        key=lambda e: (e["path"], e["rule"], e["match"], e["before"], e["after"]),
    )
    data = {"version": VERSION, "tool": f"glowlint {__version__}", "findings": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept as JSON escapes
        raw = (json.dumps(data, indent=2) + "\n").encode("utf-8")
    write_to(str(path), [raw], "the baseline")
    return len(entries)


class Side:
    """One side of an entry's neighbourhood as a pattern: its `MASK`s match any text."""

    def __init__(self, text: str, before: bool) -> None:
        self.text = text
        pieces = [re.escape(p) for p in text.split(MASK)]
        body = ".*?".join(pieces)
        self.pattern = re.compile(f"(?:{body})\\Z" if before else body, re.DOTALL) \
            if len(pieces) > 1 else None
        self.before = before

    def matches(self, text: str) -> bool:
        """Whether ``text`` (the collapsed rest of the line on this side) fits."""
        if self.pattern is None:
            return text.endswith(self.text) if self.before else text.startswith(self.text)
        if self.before:
            return self.pattern.search(text) is not None
        return self.pattern.match(text) is not None


class Entry:
    def __init__(self, e: dict[str, str]) -> None:
        self.before, self.after = Side(e["before"], True), Side(e["after"], False)
        self.exact = f"{e['before']}\x00{e['after']}"


class Baseline:
    """A loaded baseline: `filter` drops the findings it records."""

    def __init__(self, path: Path, entries: list[dict[str, str]]) -> None:
        self.path = path
        self.root = path.resolve().parent
        # path -> (rule, match) -> its entries, one per finding recorded
        self.entries: dict[str, dict[tuple[str, str], list[Entry]]] = {}
        for e in entries:
            by_path = self.entries.setdefault(e["path"], {})
            by_path.setdefault((e["rule"], e["match"]), []).append(Entry(e))
        self.hidden: dict[str, int] = {}  # path -> findings hidden by its last `filter`

    @property
    def stale(self) -> int:
        """Entries of the files filtered that matched no finding (the last time)."""
        return sum(sum(map(len, self.entries.get(p, {}).values())) - n
                   for p, n in self.hidden.items())

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
            raise GlowlintError(f"cannot read the baseline: not valid UTF-8 at byte {e.start}",
                                str(path), data.count(b"\n", 0, e.start) + 1) from None
        try:
            data = jsontext.parse(text)
        except jsontext.JsonError as e:
            raise GlowlintError(f"not a glowlint baseline: invalid JSON ({e})", str(path),
                                e.line) from None
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

    def filter(self, path: str, findings: list[Finding], source: str | None
               ) -> tuple[list[Finding], int]:
        """The findings of the file ``path`` the baseline does not hold, and how many it held.

        An entry matches a finding of its rule with the same text whose neighbourhood,
        masks filled by any text, is the one around it; exact neighbourhoods first.
        """
        rel = relative(path, self.root)
        recorded = self.entries.get(rel)
        if not recorded or not findings:
            self.hidden[rel] = 0
            return findings, 0
        left = {k: list(v) for k, v in recorded.items()}
        spans = [(f.start, f.end) for f in findings]
        kept: list[Finding] = []
        for f in findings:
            candidates = left.get((f.rule, _collapse(f.match)))
            hit = self._match(f, source, spans, candidates) if candidates else None
            if hit is None or candidates is None:
                kept.append(f)
            else:
                candidates.remove(hit)
        hidden = len(findings) - len(kept)
        self.hidden[rel] = hidden
        return kept, hidden

    @staticmethod
    def _match(f: Finding, source: str | None, spans: list[Span],
               candidates: list[Entry]) -> Entry | None:
        before, after = neighbourhood(source, f, spans)
        exact = f"{before}\x00{after}"
        for c in candidates:
            if c.exact == exact:
                return c
        if source is None or not (0 <= f.start <= f.end <= len(source)):
            return None
        line_start, line_end = _line(source, f)
        whole_before = _collapse(source[line_start:f.start])
        whole_after = _collapse(source[f.end:line_end])
        for c in candidates:
            if c.before.matches(whole_before) and c.after.matches(whole_after):
                return c
        return None
