"""``glowlint check-records``: lint catalogue files (JSONL, CSV, Parquet) record by record.

Loaded only when the command runs or is listed (`cli_common.Commands.LAZY`); the
run's modules are imported when it runs.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any, NoReturn

import click

from ..cli_common import EXIT_ERROR
from ..cli_common import fail as _fail
from ..kinds.compile import TIME_LIMIT
from ..reporters import FORMATS as REPORT_FORMATS
from ..rules import DEFAULT_PROFILE, PROFILES
from .model import DEFAULT_FIELDS, FIELD_FORMATS


def _names(values: tuple[str, ...]) -> list[str]:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


@click.command("check-records")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--input-format", type=click.Choice(["jsonl", "csv", "parquet"]), default=None,
              help="How to read FILES (default: by extension: .jsonl/.ndjson, .csv, .parquet).")
@click.option("--text-field", "text_fields", multiple=True, metavar="NAME",
              help="A field holding copy (repeatable; default: description).")
@click.option("--id-field", default=None, metavar="NAME",
              help="The field naming a record (default: FILE:ROW).")
@click.option("--field-format", type=click.Choice(list(FIELD_FORMATS)), default="text",
              show_default=True, help="How to read the text fields.")
@click.option("-f", "--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default=None,
              help="Output format (configuration 'format', else text).")
@click.option("--profile", type=click.Choice(PROFILES), default=None,
              help=f"Where the copy is published (configuration 'profile', else "
              f"{DEFAULT_PROFILE}).")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
@click.option("--select", multiple=True,
              help="Only these rule ids or categories (replaces the configuration's 'select').")
@click.option("--ignore", multiple=True,
              help="Leave out these rule ids or categories (added to the configuration's).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (configuration 'fail-on', "
              "else warning).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="The configuration file (default: .glowlint.yaml or pyproject.toml "
              "[tool.glowlint], from the working folder upwards).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fix", is_flag=True, hidden=True,
              help="Refused: records are not rewritten (docs/catalogues.md).")
@click.option("--diff", is_flag=True, hidden=True, help="Refused, as --fix.")
@click.option("--unsafe-fixes", is_flag=True, hidden=True, help="Refused, as --fix.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this records baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record the findings (by record id, field, rule and match) and exit 0.")
@click.option("--rule-timeout", type=click.FloatRange(min=0, min_open=True), default=TIME_LIMIT,
              show_default=True, help="Seconds of matching each rule may spend on one record.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Records linted by this many processes on this machine.")
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Records sent to a worker at a time (memory holds a few batches).")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS",
              help="Lint on this Dask cluster (tcp://host:8786; needs glowlint[dask]).")
@click.option("--dask-local", type=click.IntRange(min=1), default=None, metavar="N",
              help="Lint on a local Dask cluster of N worker processes (on 127.0.0.1).")
def check_records(files: tuple[str, ...], input_format: str | None,
                  text_fields: tuple[str, ...], id_field: str | None, field_format: str,
                  fmt: str, profile: str, rule_files: tuple[str, ...], select: tuple[str, ...],
                  ignore: tuple[str, ...], fail_on: str, exit_zero: bool, output: str | None,
                  quiet: bool, color: str, statistics: bool, baseline: str | None,
                  write_baseline: str | None, rule_timeout: float, jobs: int, batch_size: int,
                  dask_scheduler: str | None, dask_local: int | None,
                  config_file: str | None = None, isolated: bool = False,
                  fix: bool = False, diff: bool = False, unsafe_fixes: bool = False) -> None:
    """Lint product records in FILES: each record is a document, each finding names its
    record, field and row. Exit status: 0 clean, 1 findings, 2 a file cannot be read."""
    from ..errors import GlowlintError
    from . import settings
    from .rules import compiled
    from .run import RecordsOptions, RecordsOutcome, run

    _check_arguments({"--fix": fix, "--diff": diff, "--unsafe-fixes": unsafe_fixes},
                     dask_scheduler, dask_local, output)
    try:
        cfg = settings.load(config_file, isolated)
        spec = settings.spec_of(cfg, profile, tuple(rule_files),
                                _names(select) if select else None, _names(ignore), rule_timeout)
    except GlowlintError as e:
        _fail(e)
    fmt = fmt or cfg.format or "text"
    fail_on = fail_on or cfg.fail_on or "warning"
    options = RecordsOptions(
        files=list(files), input_format=input_format,
        text_fields=tuple(text_fields) or DEFAULT_FIELDS, id_field=id_field,
        field_format=field_format, rules=spec, batch=batch_size, baseline=baseline,
        jobs=dask_local or (16 if dask_scheduler else jobs),  # batches in flight: twice this
        keep_documents=fmt == "html" and not statistics, config=cfg,
    )
    try:
        ruleset = compiled(spec).full
    except GlowlintError as e:
        _fail(e)
    outcome = RecordsOutcome()

    def warn(message: str) -> None:
        click.echo(message, err=True)

    with _executor(jobs, dask_scheduler, dask_local) as executor:
        try:
            batches = run(options, warn, executor, outcome)
            if write_baseline:
                _write_baseline(write_baseline, batches, outcome)
            status = _report(batches, outcome, ruleset, fmt, output, quiet, color, statistics)
        except GlowlintError as e:
            _fail(e)
    if outcome.stale_baseline:
        n = outcome.stale_baseline
        warn(f"glowlint: {n} baseline entr{'y' if n == 1 else 'ies'} no longer match; "
             "rewrite with --write-baseline")
    if outcome.errors:
        sys.exit(EXIT_ERROR)
    worst = max(status, default=None)
    failing = worst is not None and worst >= _severity(fail_on)
    sys.exit(1 if failing and not exit_zero else 0)


def _check_arguments(fixes: dict[str, bool], dask_scheduler: str | None,
                     dask_local: int | None, output: str | None) -> None:
    """Exit 2 with one line on options that cannot go together or cannot be honoured,
    before anything is read. A fix is refused: a catalogue is not rewritten (a copy
    re-serialised would differ from the export beyond the fixes; docs/catalogues.md)."""
    for name, given in fixes.items():
        if given:
            _fail(f"{name} is not available for check-records: a catalogue is not rewritten; "
                  "-f json gives each finding's fix (docs/catalogues.md)")
    if dask_scheduler and dask_local:
        _fail("give --dask-scheduler or --dask-local, not both")
    if output:
        from ..fileio import output_folder_error

        problem = output_folder_error(output)
        if problem:
            _fail(f"{output}: {problem}")


def _severity(name: str) -> Any:
    from ..model import Severity

    return Severity.parse(name)


def _report(batches: Iterator[Any], outcome: Any, ruleset: Any, fmt: str, output: str | None,
            quiet: bool, color: str, statistics: bool) -> Counter[Any]:
    """Write the report; the findings per severity."""
    from .report import chunks

    counts: Counter[Any] = Counter()
    if statistics:
        from ..reporters.statistics import render_statistics

        findings = [f for batch in batches for f in batch]
        counts.update(f.severity for f in findings)
        pieces: Iterator[str] = iter([render_statistics(list(findings), fmt)])
    else:
        colored = output is None and (color == "always" or (
            color == "auto" and sys.stdout.isatty()))
        pieces = chunks(fmt, batches, outcome, ruleset, color=colored, quiet=quiet, counts=counts)
    if output:
        from pathlib import Path

        from ..errors import GlowlintError
        from ..fileio import write_atomic

        try:
            write_atomic(Path(output), (p.encode("utf-8") for p in pieces))
        except OSError as e:
            raise GlowlintError(f"cannot write the report ({e.strerror or e})", output) from None
        if not quiet:
            n = sum(counts.values())
            click.echo(f"wrote {output} ({n} finding{'s' if n != 1 else ''} in "
                       f"{outcome.tally.records} records)", err=True)
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=color == "always" or None)
    return counts


def _write_baseline(path: str, batches: Iterator[Any], outcome: Any) -> NoReturn:
    from .suppress import write_baseline

    n = write_baseline(path, (f for batch in batches for f in batch))
    click.echo(f"glowlint: recorded {n} baseline entr{'y' if n == 1 else 'ies'} in {path}",
               err=True)
    sys.exit(EXIT_ERROR if outcome.errors else 0)


class _executor:
    """Where batches are linted: here (None), a process pool, or a Dask cluster."""

    def __init__(self, jobs: int, scheduler: str | None, local: int | None) -> None:
        self.jobs, self.scheduler, self.local = jobs, scheduler, local
        self.closers: list[Any] = []
        self.pool: Any = None

    def __enter__(self) -> Any:
        if self.scheduler or self.local:
            from ..dask import connect

            submitter, closers = connect(self.scheduler, self.local)
            self.closers = closers
            return submitter
        if self.jobs > 1:
            from ..pools import process_pool

            self.pool = process_pool(self.jobs)  # workers compile a `RulesSpec`
            return self.pool
        return None

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:  # interrupted or failed: what has not started is dropped
            self.pool.shutdown(wait=exc[0] is None, cancel_futures=exc[0] is not None)
        for close in reversed(self.closers):
            close()
