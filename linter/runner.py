"""The steps of `glowlint check`, as plain functions that `run.Run` puts in order.

Each step is a function of plain data (options, a rule set, one file), so
that `Run` stays a short list of steps and tests can drive any one of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .boundary import ANYWHERE, Roots
from .engine import Notice, too_large
from .errors import GlowlintError
from .files import Missing, Target, discover
from .filters import wanted as included
from .model import Document
from .options import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Options, Outcome
from .readers import FORMATS, decode, format_for, read_text
from .rules import RuleSet, load_rules
from .safeio import read_again, read_stream

if TYPE_CHECKING:
    from .result_cache import ResultCache


__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "Options", "Outcome"]


def load(options: Options) -> RuleSet:
    """The rule set (from the user cache when asked), shaped by the configuration;
    sets ``options.pipeline``, the filters of the run."""
    from .filters import configure

    if options.rule_cache:  # the compiled rule set from the user cache folder
        from .cache import load_rules_cached

        ruleset = load_rules_cached(options.rule_files, profile=options.profile)
    else:
        ruleset = load_rules(options.rule_files, profile=options.profile)
    ruleset, options.pipeline = configure(ruleset, options)
    ruleset.time_limit = options.rule_timeout
    return ruleset


def targets_of(options: Options, notice: Callable[[Notice], None]) -> list[Target | Missing]:
    """The files of the path arguments (walked, filtered by include/exclude); ``notice``
    is told, for each argument that gives none, why."""
    paths = [p for p in options.paths if p != "-"]
    if not options.paths:
        paths = ["."]
    items: list[Target | Missing] = []
    roots = ANYWHERE if options.follow_symlinks else Roots.of(options.paths)
    for arg in paths:
        found = excluded = 0
        for target in discover([arg], options.extensions or None, roots):
            found += 1
            if isinstance(target, Missing):
                items.append(target)
                continue
            if options.config is not None and not included(options, target.path,
                                                            target.path in paths):
                excluded += 1
                continue  # include/exclude of the configuration
            items.append(target)
        if not found or excluded == found:  # say why nothing of it is checked
            notice(nothing_checked(options, arg, excluded))
    return items


def nothing_checked(options: Options, arg: str, excluded: int) -> Notice:
    """The notice for a path argument that gives no file to lint, saying why."""
    if excluded and options.config is not None:
        return Notice(arg, options.config.exclusion(arg, os.path.isdir(arg)), error=False,
                      reason=True)
    exts = sorted({*FORMATS, *options.extensions})
    return Notice(arg, f"no files with a linted extension ({', '.join(exts)})",
                  error=False, reason=True)


def read_stdin(options: Options, stdin: bytes | None) -> tuple[bytes, Notice | None]:
    """Standard input (``stdin``, or read now, bounded), or why it is not linted."""
    name = options.stdin_filename or "-"
    limit = options.max_file_size
    size: int | None = None if stdin is None else len(stdin)
    if stdin is not None:
        data = stdin
    else:  # never more than the limit in memory: `- < /dev/zero` has no end
        data, size = read_stream(sys.stdin.buffer, limit)
    if limit and (size is None or size > limit):
        return b"", Notice(name, too_large(size, limit), error=False)
    return data, None


def open_result_cache(options: Options, ruleset: RuleSet) -> ResultCache | str | None:
    """The result cache of this run (``options.cache_dir``), None, or why its folder
    must not be used."""
    if not options.cache_dir:
        return None
    from .result_cache import ResultCache

    extra = (f"max_size={options.max_file_size}",
             f"extensions={sorted(options.extensions.items())}")
    return ResultCache.open(Path(options.cache_dir), ruleset, *extra)


def source_reader(sources: dict[str, str]) -> Callable[[str], str | None]:
    """Read a file's source when a report needs it (the text report shows lines)."""

    def read(path: str) -> str | None:
        if path in sources:
            return sources[path]
        data = read_again(path)
        try:
            return None if data is None else decode(data, path)
        except GlowlintError:
            return None

    return read


def document_reader(options: Options, read_source: Callable[[str], str | None],
                    linted: Callable[[str], bool]) -> Callable[[str], Document | None]:
    """Read a linted file again as a `Document` when a report needs it (the HTML report
    shows its copy): one at a time, so a report holds one document, not the tree's."""

    def read(path: str) -> Document | None:
        if not linted(path):
            return None
        source = read_source(path)
        if source is None:
            return None
        try:
            return read_text(source, path, format_for(path, options.extensions or None) or "txt")
        except GlowlintError:
            return None

    return read


def exit_status(options: Options, outcome: Outcome) -> int:
    if outcome.errors or (options.strict_inputs and outcome.skipped):
        return EXIT_ERROR
    if options.diff:  # like ruff: 1 when there would be changes
        return EXIT_FINDINGS if outcome.diffs else EXIT_CLEAN
    if not options.exit_zero and outcome.failing:
        return EXIT_FINDINGS
    return EXIT_CLEAN
