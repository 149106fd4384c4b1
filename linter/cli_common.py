"""What every command of the CLI shares: the one-line failure and option parsing."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from .engine import parse_size
from .errors import GlowlintError

EXIT_ERROR = 2  # usage error, unreadable configuration or rule file (docs/contract.md)


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
