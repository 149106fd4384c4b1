"""The commands about rules and configuration: `glowlint init`, `glowlint rules` (list,
show, test) and `glowlint explain`. Loaded only when one runs or the commands are listed
(`cli_common.Commands.LAZY`): a check of a page never defines their options."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import fail
from .engine import MAX_FILE_SIZE
from .errors import GlowlintError
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_rules


def _load(rules: tuple[str, ...], profile: str) -> RuleSet:
    return load_rules([Path(p) for p in rules], profile=profile)


@click.command()
@click.argument("path", required=False, default=".glowlint.yaml", type=click.Path(dir_okay=False))
def init(path: str) -> None:
    """Write a commented starter configuration (default: .glowlint.yaml); never overwrites."""
    from .starter import write_starter

    try:
        write_starter(Path(path))
    except GlowlintError as e:
        fail(e)
    click.echo(f"glowlint: wrote {path}; edit it, then run 'glowlint check'", err=True)


@click.group(invoke_without_command=True)
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
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def rules_list(category: str | None = None, profile: str = DEFAULT_PROFILE,
               rule_files: tuple[str, ...] = (), fmt: str = "text") -> None:
    """List the rules in force: id, kind, category, severity.

    The severity is the one of the profile; rules the profile turns off are not listed.
    """
    try:
        ruleset = _load(rule_files, profile)
    except GlowlintError as e:
        fail(e)
    if category and category not in ruleset.taxonomy:
        from difflib import get_close_matches

        close = get_close_matches(category, list(ruleset.taxonomy), n=3)
        fail(f"unknown category {category!r}"
             + (f" (did you mean {', '.join(close)}?)" if close else ""))
    shown = [r for r in ruleset.rules if not category or r.category == category]
    if fmt == "json":
        import json

        records = [
            {"id": r.id, "name": r.name, "kind": r.kind, "category": r.category,
             "severity": str(r.severity), "message": r.message, "suggestion": r.suggestion,
             "basis": r.basis, "pack": r.pack}
            for r in shown
        ]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    width = max((len(r.id) for r in shown), default=10)
    cat_width = max((len(r.category) for r in shown), default=10)
    for r in shown:
        click.echo(f"{r.id:<{width}}  {r.kind:<8}  {r.category:<{cat_width}}  {r.severity}")


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
def rules_show(rule_id: str, rule_files: tuple[str, ...] = ()) -> None:
    """Explain one rule: what it flags, why, examples.

    Prints the kind, the category and its meaning, the severity in each profile,
    the message, the patterns, the sources and basis, the examples, the
    suggestion and the fix. An unknown ID exits 2 with the closest ids.
    """
    from .authoring import load_packs, show_rule, unknown_rule_message

    try:
        packs = load_packs([Path(p) for p in rule_files])
    except GlowlintError as e:
        fail(e)
    found = packs.find(rule_id)
    if found is None:
        fail(unknown_rule_message(rule_id, (r.id for _, r in packs.rules())))
    pack, rule = found
    click.echo(show_rule(rule, packs.ruleset, pack.path), nl=False)


@rules.command("test")
@click.argument("packs", nargs=-1, type=click.Path(), metavar="[PACK.yaml]...")
def rules_test(packs: tuple[str, ...]) -> None:
    """Run the flag/pass examples of rule packs.

    Tests the rules of each PACK (a file, or a folder of packs) with the
    built-in taxonomy and context; without PACK, the built-in packs. Exit
    status: 0 all pass, 1 an example fails, 2 a pack does not load.
    """
    from .authoring import builtin_clashes, load_packs
    from .rule_examples import format_examples_report, run_examples

    try:
        loaded = load_packs([Path(p) for p in packs], builtin=not packs)
    except GlowlintError as e:
        fail(e)
    report = run_examples(loaded)
    click.echo(format_examples_report(report), nl=False)
    for note in builtin_clashes(loaded) if packs else []:
        click.echo(note, err=True)
    sys.exit(0 if report.ok else 1)


@click.command()
@click.argument("text", metavar="TEXT")
@click.option("-f", "--format", "fmt", type=click.Choice(["txt", "md", "html"]), default="txt",
              show_default=True, help="How to read TEXT: plain text, Markdown or HTML.")
@click.option("--profile", type=click.Choice(PROFILES), default=DEFAULT_PROFILE,
              show_default=True, help="Where the copy is published: selects rules and severities.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(),
              help="An extra YAML rule pack (repeatable).")
@click.option("-v", "--verbose", is_flag=True,
              help="Also show the matches the context set aside, and why, and each "
              "required rule's trigger.")
def explain(text: str, fmt: str, profile: str, rule_files: tuple[str, ...], verbose: bool) -> None:
    """Show which rules fire on TEXT, and why.

    TEXT is a sentence, or - to read standard input. --verbose also shows every
    match the context set aside (negated, asked, hedged ...) and each required
    rule's trigger and advice. Exit status 0, or 2 on bad input.
    """
    from .explain import explain as explain_text

    path = "<text>"
    if text == "-":
        from .readers import decode

        path = "-"
        from .engine import format_size
        from .safeio import read_stream

        data, size = read_stream(sys.stdin.buffer, MAX_FILE_SIZE)
        if size is None or size > MAX_FILE_SIZE:
            fail(GlowlintError(f"standard input too large (the limit is "
                               f"{format_size(MAX_FILE_SIZE)})", "-"))
        try:
            text = decode(data, "-")
        except GlowlintError as e:
            fail(e)
    try:
        ruleset = _load(rule_files, profile)
    except GlowlintError as e:
        fail(e)
    click.echo(explain_text(text, ruleset, fmt=fmt, path=path, verbose=verbose), nl=False)
