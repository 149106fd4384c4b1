"""A whole run held in memory: what `run.Run.collect` returns to the Python API
(`api.lint_paths`) and tests. A module of its own, imported when a run is collected:
a check from the command line never defines the record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Notice
    from .model import Finding


@dataclass(eq=False)
class Collected:
    """A whole run held in memory (`Run.collect`: the Python API and tests)."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # what the report would show of each file with findings: its lines, its text at
    # hand, its `advice_states` (html)
    lines: dict[str, dict[int, str | None]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    advice: dict[str, dict[str, str]] = field(default_factory=dict)
