"""What `glowlint check` prints: each notice on standard error as it comes, then the
report, the diff or the statistics, on standard output, standard error or into
``--output``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .engine import Notice
    from .run import Run


def notice_line(notice: Notice) -> str:
    """One line on stderr per file that was skipped, unreadable or not linted completely."""
    from .reporters._escape import printable  # a file name's controls and bytes shown

    kind = "error" if notice.error else "incomplete" if notice.partial else "skipped"
    return f"glowlint: {printable(notice.path)}: {printable(notice.message)} ({kind})"


def say(item: Notice | str) -> None:
    """A notice (or a warning about the run) on standard error, as the run meets it."""
    click.echo(f"glowlint: {item}" if isinstance(item, str) else notice_line(item), err=True)


def report(run: Run) -> None:
    """The report (or the diff, or the statistics) where it goes, streamed as the run
    makes it; GlowlintError when ``--output`` cannot be written."""
    options, outcome = run.options, run.outcome
    chunks: Iterable[str] = run.chunks()
    to_stderr = options.fix and not options.diff and "-" in options.paths
    if to_stderr or options.diff:  # the fixed text (or the count) goes first
        chunks = list(chunks)
    _after(run)
    if outcome.fixed_stdin is not None:  # the fixed text is standard output; the report
        sys.stdout.buffer.write(outcome.fixed_stdin)  # goes to stderr, as ruff does
        sys.stdout.buffer.flush()
    if options.output:
        from .fileio import write_report

        wrote = write_report(options.output, chunks,
                             lambda: (outcome.findings, outcome.checked))
        _after(run)
        if not options.quiet:
            click.echo(wrote, err=True)
        return
    for chunk in chunks:
        click.echo(chunk, nl=False, err=to_stderr, color=options.color)
    _after(run)


def _after(run: Run) -> None:
    """Once the run is done (said once): a stale baseline, and what --diff would fix."""
    outcome = run.outcome
    if run.said or not run.done:
        return
    run.said = True
    if outcome.stale_baseline:
        n = outcome.stale_baseline
        click.echo(f"glowlint: {n} baseline entr{'y' if n == 1 else 'ies'} no longer "
                   f"match{'es' if n == 1 else ''}; rewrite with --write-baseline", err=True)
    if run.options.diff:
        n = outcome.fixed
        click.echo(f"Would fix {n} problem{'s' if n != 1 else ''}.", err=True)
