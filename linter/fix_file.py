"""The `--fix` / `--diff` step of a run (`run.Run` calls `fix_file` for each file).

Its own module: a run that fixes nothing (``glowlint check`` without ``--fix`` or
``--diff``) never defines its record nor imports what applies fixes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from .boundary import ANYWHERE, FIX_OUTSIDE, Roots
from .engine import Notice, lint_document
from .errors import GlowlintError
from .model import Finding
from .readers import format_for, read_text
from .safeio import read_again

if TYPE_CHECKING:
    from .options import Options
    from .rules import RuleSet


@dataclass(eq=False)
class Fixed:
    """What `--fix` / `--diff` did to one file."""

    findings: list[Finding]  # those left (or those found, when nothing was applied)
    applied: int = 0
    text: str | None = None  # the text after the fixes, when they were applied
    diff: str | None = None  # --diff: the change
    after: bytes | None = None  # standard input's fixed bytes (--fix on '-')
    notices: list[Notice] = field(default_factory=list)


def fix_file(options: Options, ruleset: RuleSet, path: str, findings: list[Finding],
             stdin: bytes | None = None) -> Fixed:
    """`--fix` / `--diff` on one file (``stdin``: standard input's bytes).

    With `--fix` the file is written (atomically) and its findings become the
    ones left; with `--diff` nothing is written. A file that cannot be written
    is reported and keeps its findings.
    """
    from .fix_apply import FileFix, fix_bytes, wanted, write_fix

    unsafe, writes = options.unsafe_fixes, options.fix and not options.diff
    out = Fixed(findings, after=stdin if writes else None)
    if not wanted(findings, unsafe) and not (stdin is not None and writes):
        return out
    try:
        if stdin is not None:
            data = stdin
        else:  # bounded, as the lint read it: a file swapped for a pipe is not fixed
            again = read_again(path, options.max_file_size)
            if again is None:
                raise GlowlintError("changed while glowlint ran, fixes not applied", path)
            data = again
        result: FileFix = fix_bytes(data, path, partial(lint_source, options, ruleset, path),
                                    unsafe)
    except GlowlintError as e:
        return Fixed(findings, after=out.after, notices=[Notice(path, e.message, error=False)])
    except OSError as e:
        return Fixed(findings, after=out.after,
                     notices=[Notice(path, f"cannot read: {e.strerror}", error=True)])
    if options.diff:
        changed = result.changed
        return Fixed(findings, result.applied if changed else 0,
                     diff=result.diff() if changed else None)
    if stdin is None and result.changed:
        roots = ANYWHERE if options.follow_symlinks else Roots.of(options.paths)
        try:
            if not roots.contains(path):  # never write through a link to outside
                raise GlowlintError(FIX_OUTSIDE, path)
            write_fix(result)
        except GlowlintError as e:
            return Fixed(findings, notices=[Notice(path, e.message, error=False)])
    return Fixed(sorted(result.findings, key=Finding.sort_key), result.applied,
                 result.text_after, after=result.after if stdin is not None else None)


def lint_source(options: Options, ruleset: RuleSet, path: str, source: str) -> list[Finding]:
    """The findings of one text as the run reports them for ``path`` (used by the fixes)."""
    fmt = format_for(path, options.extensions or None) or "txt"
    # a rule that times out here was already reported by the lint
    findings = lint_document(read_text(source, path, fmt), ruleset, [])
    if options.pipeline is not None:  # suppressed and baselined findings are not fixed
        findings = options.pipeline.file(path, source, findings)
    return findings
