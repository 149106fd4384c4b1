"""The `glowlint` command. Exit status: 0 clean, 1 findings, 2 bad input (CONTRACT.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import GlowlintError
from .model import Severity
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_rules

EXIT_ERROR = 2
SEVERITIES = ("error", "warning", "info")


def fail(error: GlowlintError | str) -> NoReturn:
    click.echo(f"glowlint: {error}", err=True)
    sys.exit(EXIT_ERROR)


def use_color(choice: str, stream: object) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="glowlint")
def cli() -> None:
    """Lint beauty and skin-care marketing copy for overclaims and missing safety advice."""


def _load(rules: tuple[str, ...], profile: str) -> RuleSet:
    return load_rules([Path(p) for p in rules], profile=profile)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--profile", type=click.Choice(PROFILES), default=DEFAULT_PROFILE,
              show_default=True, help="Where the copy is published: selects rules and severities.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", default=None,
              help="Name (and so format) of the text read from '-'.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
def check(
    paths: tuple[str, ...], fmt: str, profile: str, rule_files: tuple[str, ...], fail_on: str,
    exit_zero: bool, stdin_filename: str | None, output: str | None, quiet: bool, color: str,
) -> None:
    """Lint PATHS (files, folders, or - for standard input; default: the current folder)."""
    from . import runner

    options = runner.Options(
        paths=list(paths) or ["."],
        fmt=fmt,
        profile=profile,
        rule_files=[Path(p) for p in rule_files],
        fail_on=Severity.parse(fail_on),
        exit_zero=exit_zero,
        stdin_filename=stdin_filename,
        output=output,
        quiet=quiet,
        color=use_color(color, sys.stdout) and output is None,
    )
    try:
        ruleset = runner.load(options)
    except GlowlintError as e:
        fail(e)
    outcome = runner.lint(options, ruleset)
    for notice in outcome.notices:
        kind = "error" if notice.error else "skipped"
        click.echo(f"glowlint: {notice.path}: {notice.message} ({kind})", err=True)
    rendered = runner.render(options, outcome, ruleset)
    if output:
        from .fileio import write_atomic

        write_atomic(Path(output), rendered.encode("utf-8"))
    else:
        click.echo(rendered, nl=False, color=options.color)
    sys.exit(runner.exit_status(options, outcome))


@cli.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List and explain the rules (default: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


@rules.command("list")
@click.option("--category", default=None, help="Only rules of this category.")
@click.option("--profile", type=click.Choice(PROFILES), default=DEFAULT_PROFILE,
              show_default=True)
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
def rules_list(category: str | None = None, profile: str = DEFAULT_PROFILE,
               rule_files: tuple[str, ...] = ()) -> None:
    """One line per rule: id, kind, category, severity."""
    try:
        ruleset = _load(rule_files, profile)
    except GlowlintError as e:
        fail(e)
    if category and category not in ruleset.taxonomy:
        fail(f"unknown category {category!r}")
    shown = [r for r in ruleset.rules if not category or r.category == category]
    width = max((len(r.id) for r in shown), default=10)
    for r in shown:
        click.echo(f"{r.id:<{width}}  {r.kind:<8}  {r.category:<28}  {r.severity}")


def main() -> None:
    try:
        cli(prog_name="glowlint")
    except GlowlintError as e:
        fail(e)
    except KeyboardInterrupt:
        click.echo("glowlint: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the contract: one line, exit 2, never a traceback
        if os.environ.get("GLOWLINT_DEBUG"):
            raise
        fail(f"internal error: {type(e).__name__}: {e} (set GLOWLINT_DEBUG=1 for a traceback)")
