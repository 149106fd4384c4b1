"""Helpers shared by the CI formats: rule descriptions, levels, sources, fingerprints."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import GlowlintError
from ..model import Finding, Severity
from ..readers import decode
from ..suppressions import CATEGORY as META_CATEGORY
from ..suppressions import META_RULES
from . import Report


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    basis: str
    sources: tuple[tuple[str, str], ...] = ()


def rules(report: Report) -> list[RuleInfo]:
    """Every rule in force, then the suppression rules, then any other rule a finding names."""
    out: list[RuleInfo] = []
    if report.ruleset is not None:
        for r in report.ruleset.rules:
            out.append(RuleInfo(
                r.id, r.name or r.id, r.category, r.severity, r.message, r.suggestion, r.basis,
                tuple((s.ref, s.fact) for s in r.sources),
            ))
    for rule_id, (name, text) in META_RULES.items():
        out.append(RuleInfo(rule_id, name, META_CATEGORY, Severity.WARNING, text, None,
                            "glowlint suppression comments"))
    seen = {r.id for r in out}
    for f in report.findings:
        if f.rule not in seen:
            seen.add(f.rule)
            out.append(RuleInfo(f.rule, f.rule, f.category, f.severity, f.message, f.suggestion,
                                f.basis))
    return out


def help_text(r: RuleInfo) -> str:
    parts = [r.message]
    if r.suggestion:
        label = "Add" if r.category.startswith("missing-") else "Safer wording"
        parts.append(f"{label}: {r.suggestion}")
    if r.basis:
        parts.append(f"Basis: {r.basis}")
    for ref, fact in r.sources:
        parts.append(f"Source: {ref}: {fact}")
    return "\n\n".join(parts)


def help_markdown(r: RuleInfo) -> str:
    parts = [r.message]
    if r.suggestion:
        label = "Add" if r.category.startswith("missing-") else "Safer wording"
        parts.append(f"**{label}:** {r.suggestion}")
    if r.basis:
        parts.append(f"**Basis:** {r.basis}")
    if r.sources:
        parts.append("**Sources:**\n\n" + "\n".join(f"- `{ref}`: {fact}" for ref, fact in
                                                    r.sources))
    parts.append(f"Category: `{r.category}`")
    return "\n\n".join(parts)


def message(f: Finding) -> str:
    """The message with the suggestion, for formats that have one text field."""
    if not f.suggestion:
        return f.message
    label = "Add" if f.category.startswith("missing-") else "Suggestion"
    return f"{f.message}\n{label}: {f.suggestion}"


def files(report: Report) -> list[str]:
    """Every file linted, then any other file a finding names, in first-seen order."""
    return list(dict.fromkeys([*report.files, *(f.path for f in report.findings)]))


def by_file(report: Report) -> Iterator[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {p: [] for p in files(report)}
    for f in report.findings:
        groups[f.path].append(f)
    yield from groups.items()


def fingerprints(findings: list[Finding]) -> list[str]:
    """A hash per finding from rule, path and matched text (not the line), with a count
    to tell identical matches apart: stable when lines are inserted above."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = "\x00".join((f.rule, f.path, " ".join(f.match.split())))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(hashlib.sha256(f"{base}\x00{n}".encode()).hexdigest()[:32])
    return out


class Sources:
    """The text of the files findings point into (from the report, else read back)."""

    def __init__(self, report: Report) -> None:
        self.known = report.sources
        self.cache: dict[str, tuple[str, list[int]] | None] = {}

    def _get(self, path: str) -> tuple[str, list[int]] | None:
        if path not in self.cache:
            source = self.known.get(path)
            if source is None:
                try:
                    with open(path, "rb") as fh:
                        source = decode(fh.read(), path)
                except (OSError, GlowlintError):
                    source = None
            if source is None:
                self.cache[path] = None
            else:
                starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
                self.cache[path] = (source, starts)
        return self.cache[path]

    def line(self, path: str, line: int) -> str | None:
        got = self._get(path)
        if got is None or not 0 < line <= len(got[1]):
            return None
        source, starts = got
        end = starts[line] - 1 if line < len(starts) else len(source)
        return source[starts[line - 1]:end]

    def position(self, path: str, offset: int) -> tuple[int, int] | None:
        got = self._get(path)
        if got is None or not 0 <= offset <= len(got[0]):
            return None
        line = bisect.bisect_right(got[1], offset)
        return line, offset - got[1][line - 1] + 1


def fix_region(f: Finding, sources: Sources) -> tuple[int, int, int, int] | None:
    """Start line/column and end line/column (exclusive) of the text a fix replaces."""
    if f.fix is None:
        return None
    span = f.fix_span
    if span is None or span == (f.start, f.end):
        return f.line, f.column, f.end_line, f.end_column
    start, end = sources.position(f.path, span[0]), sources.position(f.path, span[1])
    if start is None or end is None:
        return None
    return (*start, *end)
