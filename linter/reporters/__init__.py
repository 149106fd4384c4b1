"""Output formats. Each reporter turns sorted findings into text for a stream.

Loaded lazily by name, so `glowlint check` pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Finding

if TYPE_CHECKING:
    from ..rules import RuleSet


@dataclass
class Report:
    """Everything a reporter may show: the findings, the files seen, the rules."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)
    ruleset: RuleSet | None = None
    sources: dict[str, str] = field(default_factory=dict)  # path -> source text
    color: bool = False
    fixable: int = 0  # findings whose fix `--fix` applies (with the run's --unsafe-fixes)
    fixed: int = 0  # fixes applied by this run (--fix)
    unsafe_fixes: bool = False  # --unsafe-fixes: unsafe fixes count as fixable
    # path -> the document as read (its copy), for the formats that show the copy (html)
    documents: dict[str, Document] = field(default_factory=dict)
    # reads a file's source on demand (the text report shows lines), one file at a time
    read: Callable[[str], str | None] | None = None
    # path -> the text of its findings' lines (model.finding_lines), taken when the
    # lint read the file: the text report needs no source for them
    lines: dict[str, dict[int, str | None]] = field(default_factory=dict)
    quiet: bool = False  # the findings only, no summary line

    def source(self, path: str) -> str | None:
        if path in self.sources:
            return self.sources[path]
        return self.read(path) if self.read is not None else None


FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
    "html": "html",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "checkstyle": "checkstyle",
    "rdjson": "rdjson",
}

Render = Callable[[Report], str]


def get_stream(name: str) -> Callable[[Report], Iterator[str]]:
    """The format's report as chunks (written as they come: memory stays flat)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    if hasattr(module, "stream"):
        stream: Callable[[Report], Iterator[str]] = module.stream
        return stream
    render: Render = module.render
    return lambda report: iter((render(report),))


def get(name: str) -> Render:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Render = module.render
    return render
