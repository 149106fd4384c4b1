"""The public Python API: `lint_text`, `fix_text` and `lint_paths`.

Without ``rules=``, each function uses the built-in rule set of ``profile``,
loaded once per profile and process (the first call pays for it, about half
a second; later calls do not). Pass your own `load_rules` set to use extra
packs; the functions never change a rule set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import MAX_FILE_SIZE, Notice
from .model import Finding
from .rules import DEFAULT_PROFILE, RuleSet, load_rules

if TYPE_CHECKING:
    from .fix_apply import Fixed

__all__ = ["LintResult", "default_rules", "fix_text", "lint_frame", "lint_paths",  # noqa: F822
           "lint_records", "lint_text"]  # lint_frame, lint_records: loaded lazily (__getattr__)

# The catalogue API (linter/records/), imported when first asked for: a lint of
# pages never loads it.
_LAZY = {"lint_frame": "records.frame", "lint_records": "records.lint"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FORMATS = ("txt", "md", "html")  # what `lint_text` and `fix_text` accept as ``fmt``

_DEFAULT_RULES: dict[str, RuleSet] = {}  # profile -> the built-in rule set, loaded once


def default_rules(profile: str = DEFAULT_PROFILE) -> RuleSet:
    """The built-in rule set of ``profile``, loaded on the first call and kept."""
    ruleset = _DEFAULT_RULES.get(profile)
    if ruleset is None:
        ruleset = _DEFAULT_RULES[profile] = load_rules(profile=profile)
    return ruleset


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        accepted = ", ".join(repr(f) for f in FORMATS)
        raise ValueError(f"unknown format {fmt!r}: accepted formats are {accepted}")
    return fmt


def lint_text(
    text: str,
    fmt: str = "txt",
    *,
    path: str = "<text>",
    profile: str = DEFAULT_PROFILE,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Findings for copy held in memory.

    ``fmt`` is ``"txt"``, ``"md"`` or ``"html"`` (anything else raises
    `ValueError`); positions are in ``text``. Each `Finding` gives its JSON
    record (the fields of ``--format json``) with `Finding.to_dict`.
    """
    from .run import lint_copy

    return lint_copy(text, path, _format(fmt), rules or default_rules(profile))[1]


def fix_text(
    text: str,
    fmt: str = "txt",
    *,
    unsafe: bool = False,
    path: str = "<text>",
    profile: str = DEFAULT_PROFILE,
    rules: RuleSet | None = None,
) -> Fixed:
    """Apply the fixes of ``text``'s findings, as ``glowlint check --fix`` does.

    Safe fixes only, unless ``unsafe``. Returns a `Fixed`: ``text`` (the
    fixed text; byte for byte the same outside the fixed spans), ``applied``
    (how many fixes) and ``findings`` (those left, positions in the new text).
    """
    from .fix_apply import fix_text as fix_rounds
    from .run import lint_copy

    fmt = _format(fmt)
    ruleset = rules or default_rules(profile)

    def lint(source: str) -> list[Finding]:
        return lint_copy(source, path, fmt, ruleset)[1]

    return fix_rounds(text, lint, unsafe)


@dataclass
class LintResult:
    """What `lint_paths` found: the findings, the files linted and the notices."""

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
    """Lint files and folders (walked honouring .gitignore), as `glowlint check` does:
    through the same `run.Run`, in this process (no configuration, filters or cache).

    Files over ``max_file_size`` bytes (0: no limit) are skipped with a notice, as
    are pages that are not English; a path that gives no file says why in a notice.
    """
    from .options import Options
    from .run import Run

    ruleset = rules or default_rules(profile)
    options = Options(paths=[str(p) for p in paths], profile=profile,
                      extensions=dict(extensions or {}), max_file_size=max_file_size, jobs=1)
    run = Run(options, ruleset).collect()
    return LintResult(run.findings, run.files, run.notices)
