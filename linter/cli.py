"""The `glowlint` command. Exit status: 0 clean, 1 findings, 2 bad input (CONTRACT.md)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import GlowlintError
from .model import Finding, Severity
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
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
    from .engine import lint_document, lint_file
    from .files import Missing, discover
    from .readers import format_for, read_text
    from .reporters import Report, get

    try:
        ruleset = _load(rule_files, profile)
    except GlowlintError as e:
        fail(e)
    findings: list[Finding] = []
    files: list[str] = []
    sources: dict[str, str] = {}
    errors = 0
    file_paths = [p for p in paths if p != "-"] if paths else ["."]
    for target in discover(file_paths):
        if isinstance(target, Missing):
            click.echo(f"glowlint: {target.path}: no such file or folder", err=True)
            errors += 1
            continue
        result, notice = lint_file(target.path, target.fmt, ruleset)
        if notice is not None:
            kind = "error" if notice.error else "skipped"
            click.echo(f"glowlint: {notice.path}: {notice.message} ({kind})", err=True)
            errors += notice.error
            continue
        files.append(target.path)
        findings.extend(result)
        if fmt == "text" and result:
            sources[target.path] = _source(target.path)
    if "-" in paths:
        name = stdin_filename or "-"
        text = sys.stdin.buffer.read()
        from .readers import decode

        try:
            source = decode(text, name)
        except GlowlintError as e:
            fail(e)
        doc = read_text(source, name, format_for(name) or "txt")
        findings.extend(lint_document(doc, ruleset))
        files.append(name)
        sources[name] = source
    findings.sort(key=Finding.sort_key)
    stream_color = use_color(color, sys.stdout) and output is None
    rendered = get(fmt)(Report(findings, files, ruleset, sources, stream_color))
    if quiet and fmt == "text":
        rendered = "\n".join(rendered.rstrip("\n").split("\n")[:-1]) + "\n"
        rendered = rendered.lstrip("\n")
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False, color=stream_color)
    if errors:
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_on)
    if not exit_zero and any(f.severity >= threshold for f in findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _source(path: str) -> str:
    from .readers import decode

    with open(path, "rb") as fh:
        return decode(fh.read(), path)


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
