"""The `glowlint` command. Exit status: 0 clean, 1 findings, 2 bad input (CONTRACT.md)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from .cli_common import EXIT_ERROR, EXIT_INTERRUPTED, Commands, fail
from .cli_common import size_option as _size
from .cli_report import report, say
from .engine import MAX_FILE_SIZE
from .errors import GlowlintError
from .kinds.compile import TIME_LIMIT
from .model import Severity
from .progress import wanted as progress_wanted
from .readers.limit import READ_TIME_LIMIT
from .reporters import FORMATS as REPORT_FORMATS
from .rules import DEFAULT_PROFILE, PROFILES
from .version import __version__

if TYPE_CHECKING:
    from .config import Config
    from .options import Options
    from .run import Run

SEVERITIES = ("error", "warning", "info")


def use_color(choice: str, stream: object) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="glowlint")
def cli() -> None:
    """Lint beauty and skin-care marketing copy for overclaims and missing safety advice."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: a notice
@click.option("-f", "--format", "fmt", type=click.Choice(list(REPORT_FORMATS)), default=None,
              help="Output format (configuration 'format', else text; html: one "
              "self-contained page, use with --output).")
@click.option("--profile", type=click.Choice(PROFILES), default=None,
              help=f"Where the copy is published: selects rules and severities "
              f"(configuration 'profile', else {DEFAULT_PROFILE}).")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit status 1 (configuration 'fail-on', "
              "else warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", default=None,
              help="Name (and so format) of the text read from '-'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes in place (for '-': print the fixed text).")
@click.option("--unsafe-fixes", is_flag=True,
              help="Include the fixes that change what the copy promises.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff and change nothing (exit 1 if any).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="The configuration file (default: .glowlint.yaml or pyproject.toml "
              "[tool.glowlint], from the working folder upwards).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", "select", multiple=True,
              help="Only these rule ids or categories (comma-separated, repeatable; replaces "
              "the configuration's 'select').")
@click.option("--ignore", "ignore", multiple=True,
              help="Leave out these rule ids or categories (added to the configuration's).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record the findings in this baseline file (exit 0) and report nothing.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--max-file-size", default="10MB", show_default=True, callback=_size,
              help="Skip (with a notice) files larger than this (bytes, or e.g. 512k, 10MB; "
              "0: no limit).")
@click.option("--rule-timeout", type=click.FloatRange(min=0, min_open=True),
              default=TIME_LIMIT, show_default=True,
              help="Seconds of matching each rule may spend on one file; a rule that runs "
              "out is reported and the run goes on.")
@click.option("--read-timeout", type=click.FloatRange(min=0), default=READ_TIME_LIMIT,
              show_default=True,
              help="Seconds reading one file's copy may take; a file that runs out is "
              "skipped with a notice (0: no limit).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Files linted in parallel by this many processes (default 0: one per "
              "core; used from 64 files on).")
@click.option("--no-cache", is_flag=True,
              help="Lint every file again: do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=".glowlint_cache",
              show_default=True,
              help="Folder of the result cache (an unchanged file with unchanged rules and "
              "options is not linted again).")
@click.option("--strict-inputs", is_flag=True,
              help="Exit 2 when an input is skipped (binary, too large, a link to outside).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read (and fix) files through links to outside the paths named.")
def check(
    paths: tuple[str, ...], fmt: str, profile: str, rule_files: tuple[str, ...], fail_on: str,
    exit_zero: bool, stdin_filename: str | None, output: str | None, quiet: bool, color: str,
    fix: bool = False, unsafe_fixes: bool = False, diff: bool = False,
    config_file: str | None = None, isolated: bool = False, select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (), baseline: str | None = None, write_baseline: str | None = None,
    statistics: bool = False, max_file_size: int = MAX_FILE_SIZE,
    rule_timeout: float = TIME_LIMIT, read_timeout: float = READ_TIME_LIMIT, jobs: int = 0,
    no_cache: bool = False,
    cache_dir: str = ".glowlint_cache", follow_symlinks: bool = False,
    strict_inputs: bool = False,
) -> None:
    """Lint PATHS (files, folders, or - for standard input; default: the current folder)."""
    from .options import Options

    cfg = _config(config_file, isolated)
    targets = [(p, w) for p, w in ((output, "the report"), (write_baseline, "the baseline"))
               if p]
    _check_targets(targets)  # before the lint: a long run must not end unable to write
    options = Options(
        paths=list(paths) or ["."],
        fmt=fmt or cfg.format or "text",
        profile=profile or cfg.profile or DEFAULT_PROFILE,
        rule_files=[*cfg.extend_rules, *(Path(p) for p in rule_files)],
        fail_on=Severity.parse(fail_on or cfg.fail_on or "warning"),
        extensions=dict(cfg.extensions),
        config=cfg,
        select=_names(select) if select else None,
        ignore=_names(ignore),
        baseline=baseline,
        write_baseline=write_baseline,
        statistics=statistics,
        exit_zero=exit_zero,
        stdin_filename=stdin_filename,
        output=output,
        quiet=quiet,
        color=use_color(color, sys.stdout) and output is None,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        max_file_size=max_file_size,
        rule_timeout=rule_timeout,
        read_timeout=read_timeout,
        jobs=jobs,
        cache_dir=None if no_cache else cache_dir,
        rule_cache=True,
        progress=progress_wanted(sys.stderr, sys.stdout, to_file=output is not None),
        follow_symlinks=follow_symlinks,
        strict_inputs=strict_inputs,
    )
    _run(options, targets)


def _run(options: Options, targets: list[tuple[str, str]]) -> NoReturn:
    """The run: its notices, then its report, as they come; its exit status."""
    from .run import Run

    try:
        run = Run(options, notify=say)
        _check_targets(targets, run.inputs())  # never over a file being linted
        if options.write_baseline:
            _write_baseline(run)
        report(run)
    except GlowlintError as e:  # the rules, a filter, the --output file or the baseline
        fail(e)
    sys.exit(run.exit_status())


def _config(config_file: str | None, isolated: bool) -> Config:
    """The configuration in force; exit 2 on a bad one."""
    from . import config

    try:
        return config.load(Path(config_file) if config_file else None, isolated=isolated)
    except GlowlintError as e:
        fail(e)


def _check_targets(targets: list[tuple[str, str]], inputs: Iterable[str] = ()) -> None:
    """Exit 2 with one line when a file to write (report, baseline) cannot be written."""
    if not targets:
        return
    from .fileio import check_target

    try:
        for path, what in targets:
            check_target(path, what, inputs)
    except GlowlintError as e:
        fail(e)


def _names(values: tuple[str, ...]) -> list[str]:
    """--select a,b --select c: every name, in order."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _write_baseline(run: Run) -> NoReturn:
    """--write-baseline: the findings recorded, nothing reported (exit 0, or 2)."""
    from .filters import write_baseline

    findings = list(run.findings())
    n = write_baseline(run.options, findings, run.sources)
    click.echo(f"glowlint: recorded {n} finding{'s' if n != 1 else ''} in "
               f"{run.options.write_baseline}", err=True)
    sys.exit(EXIT_ERROR if run.outcome.errors else 0)


def main() -> None:
    """The console script (and `python -m glowlint`): runs a command, then ends the process."""
    try:
        cli(prog_name="glowlint")
    except GlowlintError as e:
        fail(e)
    except KeyboardInterrupt:
        click.echo("glowlint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as e:  # noqa: BLE001 - the contract: one line, exit 2, never a traceback
        if os.environ.get("GLOWLINT_DEBUG"):
            raise
        fail(f"internal error: {type(e).__name__}: {e} (set GLOWLINT_DEBUG=1 for a traceback)")
