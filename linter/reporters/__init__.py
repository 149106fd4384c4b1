"""Output formats. Each reporter turns sorted findings into text for a stream.

Loaded lazily by name, so `glowlint check` pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
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


def get(name: str) -> Render:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Render = module.render
    return render
