"""What every command of the CLI shares: the one-line failure and option parsing."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from .engine import parse_size
from .errors import GlowlintError
from .options import EXIT_ERROR  # usage error, unreadable configuration or rule file

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it


def fail(error: GlowlintError | str) -> NoReturn:
    """One line on standard error, exit 2."""
    click.echo(f"glowlint: {error}", err=True)
    sys.exit(EXIT_ERROR)


def size_option(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A size option ("10MB", "512k") in bytes, or a usage error."""
    try:
        return parse_size(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


class Commands(click.Group):
    """The command group: Ctrl-C in any command is "glowlint: interrupted", exit 130
    (click's own "Aborted!" exits 1, the status of findings)."""

    # Commands imported only when run or listed: a lint of pages never loads them.
    LAZY = {
        "check-records": ("glowlint.records.command", "check_records"),
        "explain": ("glowlint.cli_rules", "explain"),
        "init": ("glowlint.cli_rules", "init"),
        "rules": ("glowlint.cli_rules", "rules"),
        "serve": ("glowlint.cli_servers", "serve"),  # the live editor (linter/serve.py)
        "server": ("glowlint.cli_servers", "server"),  # the language server (linter/lsp/)
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name]
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("glowlint: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
