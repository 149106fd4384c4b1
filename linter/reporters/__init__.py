"""Output formats. Each reporter turns sorted findings into text for a stream.

Loaded lazily by name, so `glowlint check` pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Finding

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
    fixable: int = 0


FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
}

Render = Callable[[Report], str]


def get(name: str) -> Render:
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Render = module.render
    return render
