"""What `glowlint check` prints once the run is done: the notices, then the report, the
diff or the statistics, on standard output, standard error or into ``--output``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .engine import Notice
    from .options import Options, Outcome
    from .rules import RuleSet


def notice_line(notice: Notice) -> str:
    """One line on stderr per file that was skipped, unreadable or not linted completely."""
    from .reporters._escape import printable  # a file name's controls and bytes shown

    kind = "error" if notice.error else "incomplete" if notice.partial else "skipped"
    return f"glowlint: {printable(notice.path)}: {printable(notice.message)} ({kind})"


def report(options: Options, outcome: Outcome, ruleset: RuleSet) -> None:
    """Notices on stderr, then the report (or the diff, or the statistics) where it goes;
    GlowlintError when ``--output`` cannot be written."""
    diff, output = options.diff, options.output
    for line in [*(f"glowlint: {w}" for w in outcome.warnings),
                 *map(notice_line, outcome.notices)]:
        click.echo(line, err=True)
    if outcome.stale_baseline:
        n = outcome.stale_baseline
        click.echo(f"glowlint: {n} baseline entr{'y' if n == 1 else 'ies'} no longer "
                   f"match{'es' if n == 1 else ''}; rewrite with --write-baseline", err=True)
    if diff:
        n = outcome.fixed
        click.echo(f"Would fix {n} problem{'s' if n != 1 else ''}.", err=True)
    from .runner import render_chunks

    chunks: Iterable[str]
    if diff:
        from .reporters._escape import encodable

        chunks = map(encodable, outcome.diffs)
    elif options.statistics:
        from .reporters.statistics import render_statistics

        chunks = [render_statistics(outcome.findings, options.fmt)]
    else:
        chunks = render_chunks(options, outcome, ruleset)
    if outcome.fixed_stdin is not None:  # the fixed text is standard output; the report
        sys.stdout.buffer.write(outcome.fixed_stdin)  # goes to stderr, as ruff does
        sys.stdout.buffer.flush()
    if output:
        from .fileio import write_report

        wrote = write_report(output, chunks, len(outcome.findings), len(outcome.files))
        if not options.quiet:
            click.echo(wrote, err=True)
    else:
        to_stderr = outcome.fixed_stdin is not None
        for chunk in chunks:
            click.echo(chunk, nl=False, err=to_stderr, color=options.color)
