"""Helpers shared by the CI formats: rule descriptions, levels, sources, fingerprints,
and the JSON and XML documents written a piece at a time."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from ..directives import CATEGORY as META_CATEGORY
from ..directives import META_RULES
from ..errors import GlowlintError
from ..model import Finding, LineIndex, Severity
from ..readers import decode
from . import Report, chunked


@dataclass(frozen=True)
class RuleInfo:
    """What a CI format says of a rule that has findings."""

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


def help_text(r: RuleInfo, advice: frozenset[str]) -> str:
    parts = [r.message]
    if r.suggestion:
        label = "Add" if r.category in advice else "Safer wording"
        parts.append(f"{label}: {r.suggestion}")
    if r.basis:
        parts.append(f"Basis: {r.basis}")
    for ref, fact in r.sources:
        parts.append(f"Source: {ref}: {fact}")
    return "\n\n".join(parts)


def help_markdown(r: RuleInfo, advice: frozenset[str]) -> str:
    parts = [r.message]
    if r.suggestion:
        label = "Add" if r.category in advice else "Safer wording"
        parts.append(f"**{label}:** {r.suggestion}")
    if r.basis:
        parts.append(f"**Basis:** {r.basis}")
    if r.sources:
        parts.append("**Sources:**\n\n" + "\n".join(f"- `{ref}`: {fact}" for ref, fact in
                                                    r.sources))
    parts.append(f"Category: `{r.category}`")
    return "\n\n".join(parts)


def message(f: Finding, advice: frozenset[str]) -> str:
    """The message with the suggestion, for formats that have one text field
    (``advice``: `advice_categories`, whose suggestion is advice to add)."""
    if not f.suggestion:
        return f.message
    label = "Add" if f.category in advice else "Suggestion"
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
        data = f"{base}\x00{n}".encode("utf-8", "surrogateescape")  # a file name's bytes
        out.append(hashlib.sha256(data).hexdigest()[:32])
    return out


class Sources:
    """The text of the file findings point into (from the report, else read back).

    Only the current file is kept: findings come sorted by path, so memory holds
    one file's text and line starts, not the tree's.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.path: str | None = None
        self.current: LineIndex | None = None

    def _read(self, path: str) -> str | None:
        report = self.report
        if path in report.sources or report.read is not None:
            return report.source(path)
        from ..safeio import read_again

        data = read_again(path)
        try:
            return None if data is None else decode(data, path)
        except GlowlintError:
            return None

    def _get(self, path: str) -> LineIndex | None:
        """The file's lines, counted as the findings' lines are (`model.LineIndex`)."""
        if path != self.path:
            self.path, self.current = path, None  # the previous file goes before the next comes
            source = self._read(path)
            if source is not None:
                self.current = LineIndex(source)
        return self.current

    def line(self, path: str, line: int) -> str | None:
        lines = self._get(path)
        if lines is None or not 0 < line <= len(lines.starts):
            return None
        return lines.text(line)

    def position(self, path: str, offset: int) -> tuple[int, int] | None:
        lines = self._get(path)
        if lines is None or not 0 <= offset <= len(lines.source):
            return None
        return lines.position(offset)


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


# ---------------------------------------------------------------------------
# Documents written a piece at a time, byte for byte as written whole

ITEMS = "\x00glowlint items\x00"  # where the list goes in a skeleton document


def json_items(skeleton: dict[str, Any], items: Iterable[Any], depth: int) -> Iterator[str]:
    """``json.dumps(document, indent=2, ensure_ascii=False) + "\\n"`` in chunks.

    ``skeleton`` is the document with `ITEMS` as its last value, where the list
    of ``items`` goes; ``depth`` is the nesting level of the list's items. Each
    item is encoded alone and indented, so the whole list is never in memory
    (the encoder with indent builds its output from millions of small pieces).
    """
    whole = json.dumps(skeleton, indent=2, ensure_ascii=False)
    marker = json.dumps(ITEMS)
    cut = whole.rindex(marker)  # the last value: nothing but brackets after it
    head, tail = whole[:cut], whole[cut + len(marker):] + "\n"
    indent = "\n" + "  " * depth

    def pieces() -> Iterator[str]:
        empty = True
        for item in items:
            text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", indent)
            yield ("[" if empty else ",") + indent + text
            empty = False
        yield "[]" if empty else indent[:-2] + "]"

    return chunked(chain([head], pieces(), [tail]))


def xml_items(root: ET.Element, parent: ET.Element, items: Iterable[ET.Element],
              depth: int) -> Iterator[str]:
    """The XML document of `root` with ``items`` as the children of ``parent``, in chunks.

    As ``ET.indent`` and ``ET.tostring`` write the whole tree, after an XML
    declaration; ``depth`` is the nesting level of the items. Each item is
    built, written and dropped in turn: the tree is never whole in memory.
    """
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    rest = iter(items)
    first = next(rest, None)
    if first is None:
        ET.indent(root)
        return iter((declaration + ET.tostring(root, "unicode") + "\n",))
    marker = ET.SubElement(parent, "glowlint-items")  # "<" in text and values is escaped
    ET.indent(root)
    whole = declaration + ET.tostring(root, "unicode") + "\n"
    parent.remove(marker)
    cut = whole.index("<glowlint-items />")
    head, tail = whole[:cut], whole[cut + len("<glowlint-items />"):]
    separator = "\n" + "  " * depth

    def pieces() -> Iterator[str]:
        for i, item in enumerate(chain([first], rest)):
            ET.indent(item, level=depth)
            yield (separator if i else "") + ET.tostring(item, "unicode")

    return chunked(chain([head], pieces(), [tail]))
