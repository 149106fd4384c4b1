"""What `glowlint check` does, step by step, apart from parsing its arguments.

paths -> documents -> findings (lint) -> filters -> report -> exit status.
Each step is a function of plain data, so the CLI stays thin and tests can
drive a whole run without click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import language
from .boundary import ANYWHERE, FIX_OUTSIDE, Roots
from .engine import Notice, lint_document, too_large
from .errors import GlowlintError
from .files import Missing, Target, discover
from .filters import wanted as included
from .model import Document, Finding
from .options import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Options, Outcome
from .parallel import lint_targets
from .progress import Progress
from .readers import FORMATS, BinaryFile, decode, format_for, read_text
from .rules import RuleSet, load_rules
from .safeio import read_again, read_stream

if TYPE_CHECKING:
    from .result_cache import ResultCache


__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "Options", "Outcome"]


def load(options: Options) -> RuleSet:
    from .filters import configure

    if options.rule_cache:  # the compiled rule set from the user cache folder
        from .cache import load_rules_cached

        ruleset = load_rules_cached(options.rule_files, profile=options.profile)
    else:
        ruleset = load_rules(options.rule_files, profile=options.profile)
    ruleset, options.pipeline = configure(ruleset, options)
    ruleset.time_limit = options.rule_timeout
    return ruleset


def apply_filters(options: Options, outcome: Outcome) -> None:
    """Configuration (select, ignore, per-file-ignores, severity), suppressions, baseline."""
    if options.pipeline is not None:
        options.pipeline.apply(outcome)


def lint(options: Options, ruleset: RuleSet, stdin: bytes | None = None) -> Outcome:
    """Lint every path (and standard input for '-'); never raises for bad files."""
    out = Outcome()
    items = targets_of(options, out)
    lint_files(options, ruleset, items, out)
    if "-" in options.paths:
        lint_stdin(options, ruleset, stdin, out)
    out.findings.sort(key=Finding.sort_key)
    return out


def targets_of(options: Options, out: Outcome) -> list[Target | Missing]:
    """The files of the path arguments (walked, filtered by include/exclude), and a
    notice in ``out`` for each argument that gives none, saying why."""
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
            out.notices.append(nothing_checked(options, arg, excluded))
    return items


def lint_files(options: Options, ruleset: RuleSet, items: list[Target | Missing],
               out: Outcome) -> None:
    """Lint the files (in worker processes, through the result cache) into ``out``."""
    targets = [t for t in items if isinstance(t, Target)]
    cache = open_result_cache(options, ruleset)
    if isinstance(cache, str):  # a link or another user's folder: not used, and said
        out.warnings.append(f"{options.cache_dir}: cache folder not used: {cache}")
        cache = None
    want_advice = options.fmt == "html"
    results = lint_targets(targets, ruleset, jobs=options.jobs,
                           max_size=options.max_file_size, cache=cache, advice=want_advice)
    progress = Progress(len(items), sys.stderr if options.progress else None)
    for target in progress.each(items):
        if isinstance(target, Missing):
            out.notices.append(Notice(target.path, target.reason, error=target.error))
            continue
        result = next(results)
        if result.notice is not None:
            out.notices.append(result.notice)
            if not result.notice.partial:
                continue
        out.files.append(target.path)
        out.findings.extend(result.findings)
        if result.directives is False:
            out.directive_free.add(target.path)
        if result.lines is not None:
            out.lines[target.path] = result.lines
        if result.advice is not None:
            out.advice[target.path] = result.advice
    progress.close()
    if cache is not None:
        cache.save()


def lint_stdin(options: Options, ruleset: RuleSet, stdin: bytes | None, out: Outcome) -> None:
    """Lint standard input (``stdin``, or read now, bounded) as ``--stdin-filename``."""
    name = options.stdin_filename or "-"
    limit = options.max_file_size
    size: int | None = None if stdin is None else len(stdin)
    if stdin is not None:
        data = stdin
    else:  # never more than the limit in memory: `- < /dev/zero` has no end
        data, size = read_stream(sys.stdin.buffer, limit)
    out.stdin_data = data
    try:
        if limit and (size is None or size > limit):
            out.stdin_data = b""
            raise BinaryFile(too_large(size, limit), name)
        source = decode(data, name)
    except BinaryFile as e:
        out.notices.append(Notice(name, e.message, error=False))
        return
    except GlowlintError as e:
        out.notices.append(Notice(name, e.message, error=True))
        return
    fmt = format_for(name, options.extensions or None) or "txt"
    foreign = language.notice(name, source, fmt)
    if foreign is not None:
        out.notices.append(foreign)
        return
    doc = read_text(source, name, fmt)
    advice: dict[str, str] | None = {} if options.fmt == "html" else None
    out.findings.extend(lint_document(doc, ruleset, out.notices, advice=advice))
    if advice:
        out.advice[name] = advice
    out.files.append(name)
    out.sources[name] = source


def nothing_checked(options: Options, arg: str, excluded: int) -> Notice:
    """The notice for a path argument that gives no file to lint, saying why."""
    if excluded and options.config is not None:
        return Notice(arg, options.config.exclusion(arg, os.path.isdir(arg)), error=False,
                      reason=True)
    exts = sorted({*FORMATS, *options.extensions})
    return Notice(arg, f"no files with a linted extension ({', '.join(exts)})",
                  error=False, reason=True)


def open_result_cache(options: Options, ruleset: RuleSet) -> ResultCache | str | None:
    """The result cache of this run (``options.cache_dir``), None, or why its folder
    must not be used."""
    if not options.cache_dir:
        return None
    from .result_cache import ResultCache

    extra = (f"max_size={options.max_file_size}",
             f"extensions={sorted(options.extensions.items())}")
    return ResultCache.open(Path(options.cache_dir), ruleset, *extra)


def lint_source(options: Options, ruleset: RuleSet, path: str, source: str) -> list[Finding]:
    """The findings of one text as `lint` reports them for ``path`` (used by `fix`)."""
    fmt = format_for(path, options.extensions or None) or "txt"
    # a rule that times out here was already reported by `lint`
    findings = lint_document(read_text(source, path, fmt), ruleset, [])
    if options.pipeline is not None:  # suppressed and baselined findings are not fixed
        findings = options.pipeline.file(path, source, findings)
    return findings


def fix(options: Options, ruleset: RuleSet, outcome: Outcome) -> None:
    """`--fix` / `--diff`: rewrite every file that has a fix to apply.

    With `--fix`, files are written (atomically) and their findings become the
    ones left; with `--diff`, nothing is written and `outcome.diffs` holds the
    changes. A file that cannot be written is reported and keeps its findings.
    """
    from .fix_apply import FileFix, fix_bytes, wanted, write_fix

    unsafe = options.unsafe_fixes
    stdin_name = (options.stdin_filename or "-") if outcome.stdin_data is not None else None
    todo = {f.path for f in wanted(outcome.findings, unsafe)}
    roots = ANYWHERE if options.follow_symlinks else Roots.of(options.paths)
    if stdin_name is not None and options.fix and not options.diff:
        outcome.fixed_stdin = outcome.stdin_data  # unchanged unless fixed below
    for path in outcome.files:
        is_stdin = path == stdin_name
        if path not in todo and not (is_stdin and options.fix and not options.diff):
            continue
        try:
            if is_stdin:
                data = outcome.stdin_data or b""
            else:  # bounded, as the lint read it: a file swapped for a pipe is not fixed
                again = read_again(path, options.max_file_size)
                if again is None:
                    raise GlowlintError("changed while glowlint ran, fixes not applied", path)
                data = again
            result: FileFix = fix_bytes(
                data, path, partial(lint_source, options, ruleset, path), unsafe
            )
        except GlowlintError as e:
            outcome.notices.append(Notice(path, e.message, error=False))
            continue
        except OSError as e:
            outcome.notices.append(Notice(path, f"cannot read: {e.strerror}", error=True))
            continue
        if options.diff:
            if result.changed:
                outcome.diffs.append(result.diff())
                outcome.fixed += result.applied
            continue
        if is_stdin:
            outcome.fixed_stdin = result.after
        elif result.changed:
            if not roots.contains(path):  # never write through a link to outside
                outcome.notices.append(Notice(path, FIX_OUTSIDE, error=False))
                continue
            try:
                write_fix(result)
            except GlowlintError as e:
                outcome.notices.append(Notice(path, e.message, error=False))
                continue
        outcome.fixed += result.applied
        outcome.sources[path] = result.text_after
        outcome.advice.pop(path, None)  # taken of the text before the fixes
        outcome.findings = [f for f in outcome.findings if f.path != path] + result.findings
    outcome.findings.sort(key=Finding.sort_key)


def source_reader(outcome: Outcome) -> Callable[[str], str | None]:
    """Read a file's source when a report needs it (the text report shows lines)."""

    def read(path: str) -> str | None:
        if path in outcome.sources:
            return outcome.sources[path]
        data = read_again(path)
        try:
            return None if data is None else decode(data, path)
        except GlowlintError:
            return None

    return read


def document_reader(options: Options, outcome: Outcome) -> Callable[[str], Document | None]:
    """Read a linted file again as a `Document` when a report needs it (the HTML report
    shows its copy): one at a time, so a report holds one document, not the tree's."""
    linted = set(outcome.files)
    read_source = source_reader(outcome)

    def read(path: str) -> Document | None:
        if path not in linted:
            return None
        source = read_source(path)
        if source is None:
            return None
        try:
            return read_text(source, path, format_for(path, options.extensions or None) or "txt")
        except GlowlintError:
            return None

    return read


def render_chunks(options: Options, outcome: Outcome, ruleset: RuleSet) -> Iterator[str]:
    """The report in the chosen format, as chunks to write as they come."""
    from .reporters import Report, get_stream

    report = Report(outcome.findings, outcome.files, ruleset, outcome.sources, options.color)
    report.read = source_reader(outcome)
    report.read_document = document_reader(options, outcome)
    report.lines = outcome.lines
    report.advice = outcome.advice
    report.quiet = options.quiet and options.fmt == "text"
    report.fixed, report.unsafe_fixes = outcome.fixed, options.unsafe_fixes
    report.unreadable = outcome.errors
    report.skipped = [f"{n.path}: {n.message}" for n in outcome.notices if n.reason]
    checked = set(outcome.files)  # a notice about a checked file (fixes not applied) is not a skip
    report.not_checked = [f"{n.path}: {n.message}" for n in outcome.notices
                          if not (n.error or n.partial or n.reason) and n.path not in checked]
    report.baselined = outcome.baselined
    return get_stream(options.fmt)(report)


def render(options: Options, outcome: Outcome, ruleset: RuleSet) -> str:
    return "".join(render_chunks(options, outcome, ruleset))


def exit_status(options: Options, outcome: Outcome) -> int:
    if outcome.errors or (options.strict_inputs and outcome.skipped):
        return EXIT_ERROR
    if options.diff:  # like ruff: 1 when there would be changes
        return EXIT_FINDINGS if outcome.diffs else EXIT_CLEAN
    if not options.exit_zero and any(f.severity >= options.fail_on for f in outcome.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
