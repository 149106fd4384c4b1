"""The two long-running commands: `glowlint serve` (the live editor in a browser page)
and `glowlint server` (the language server for editors)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import fail, size_option
from .errors import GlowlintError
from .rules import DEFAULT_PROFILE, PROFILES


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is reachable from this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--profile", type=click.Choice(PROFILES), default=DEFAULT_PROFILE,
              show_default=True, help="The profile selected when the page opens.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Log every request on standard error.")
def serve(host: str, port: int, profile: str, rule_files: tuple[str, ...], verbose: bool) -> None:
    """A local live editor: paste copy in a browser page and see the findings as you type."""
    from .serve import Rules, is_loopback, make_server, url_of

    rules_in_force = Rules([Path(p) for p in rule_files])
    try:
        rules_in_force.get(profile)  # a broken pack fails now, not on the first request
    except GlowlintError as e:
        fail(e)
    try:
        server = make_server(host, port, rules_in_force, profile=profile, quiet=not verbose)
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}")
    click.echo(f"glowlint: live editor on {url_of(server)} (Ctrl+C to stop)")
    if not is_loopback(host):
        click.echo(f"glowlint: warning: {host} may be reachable from other machines", err=True)
    sys.stdout.flush()
    try:
        server.serve_forever()  # Ctrl+C: "interrupted", exit 130, as every command
    finally:
        server.server_close()


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default "
              "and only transport; accepted because editors' clients pass it).")
@click.option("--max-file-size", default="2MB", show_default=True, callback=size_option,
              help="Leave buffers larger than this unlinted, with a message (0: no limit).")
@click.option("--rule-docs", default=None, metavar="URL",
              help="A rule's documentation, '{rule}' replaced by its id (default: the rule "
              "pack's YAML file, at the rule).")
def server(stdio: bool, max_file_size: int, rule_docs: str | None) -> None:
    """A language server for editors: diagnostics, quick fixes and hover as you type.

    Needs the optional extra: pip install 'glowlint[lsp]'. See docs/editors.md.
    """
    from .lsp.handlers import Settings

    try:
        from .lsp.server import serve as serve_lsp
    except ImportError as e:
        fail(f"the language server needs pygls 2 ({e}): pip install 'glowlint[lsp]'")
    serve_lsp(Settings(max_size=max_file_size, rule_docs=rule_docs))
