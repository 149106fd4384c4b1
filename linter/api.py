"""The public Python API: `lint_text` and `lint_paths`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import MAX_FILE_SIZE, Notice, lint_document, lint_file
from .files import Missing, discover
from .model import Finding
from .readers import read_text
from .rules import DEFAULT_PROFILE, RuleSet, load_rules


def lint_text(
    text: str,
    fmt: str = "txt",
    *,
    path: str = "<text>",
    profile: str = DEFAULT_PROFILE,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Findings for copy held in memory.

    ``fmt`` is ``"txt"``, ``"md"`` or ``"html"``; positions are in ``text``.
    Pass a loaded ``rules`` set (see `load_rules`) to lint many texts quickly.
    """
    ruleset = rules or load_rules(profile=profile)
    return lint_document(read_text(text, path, fmt), ruleset)


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def lint_paths(
    paths: Iterable[str | Path],
    *,
    profile: str = DEFAULT_PROFILE,
    rules: RuleSet | None = None,
    extensions: dict[str, str] | None = None,
    max_file_size: int = MAX_FILE_SIZE,
) -> LintResult:
    """Lint files and folders (walked honouring .gitignore), as `glowlint check` does.

    Files over ``max_file_size`` bytes (0: no limit) are skipped with a notice.
    """
    ruleset = rules or load_rules(profile=profile)
    result = LintResult()
    for target in discover([str(p) for p in paths], extensions):
        if isinstance(target, Missing):
            result.notices.append(Notice(target.path, target.reason, error=True))
            continue
        findings, notice = lint_file(target.path, target.fmt, ruleset, max_size=max_file_size)
        if notice:
            result.notices.append(notice)
        if notice is None or notice.partial:
            result.files.append(target.path)
        result.findings.extend(findings)
    result.findings.sort(key=Finding.sort_key)
    return result
