"""What `glowlint check` does, step by step, apart from parsing its arguments.

paths -> documents -> findings (lint) -> filters -> report -> exit status.
Each step is a function of plain data, so the CLI stays thin and tests can
drive a whole run without click.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Notice, lint_document, lint_file
from .errors import GlowlintError
from .files import Missing, discover
from .model import Finding, Severity
from .readers import decode, format_for, read_text
from .rules import DEFAULT_PROFILE, RuleSet, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class Options:
    """Everything that shapes a run (from the command line and configuration)."""

    paths: list[str] = field(default_factory=lambda: ["."])
    fmt: str = "text"
    profile: str = DEFAULT_PROFILE
    rule_files: list[Path] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    exit_zero: bool = False
    stdin_filename: str | None = None
    output: str | None = None
    quiet: bool = False
    color: bool = False
    extensions: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What a run found: findings, the files linted, and notices about the others."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(n.error for n in self.notices)


def load(options: Options) -> RuleSet:
    return load_rules(options.rule_files, profile=options.profile)


def lint(options: Options, ruleset: RuleSet, stdin: bytes | None = None) -> Outcome:
    """Lint every path (and standard input for '-'); never raises for bad files."""
    out = Outcome()
    paths = [p for p in options.paths if p != "-"]
    if not options.paths:
        paths = ["."]
    for target in discover(paths, options.extensions or None):
        if isinstance(target, Missing):
            out.notices.append(Notice(target.path, "no such file or folder", error=True))
            continue
        findings, notice = lint_file(target.path, target.fmt, ruleset)
        if notice is not None:
            out.notices.append(notice)
            continue
        out.files.append(target.path)
        out.findings.extend(findings)
    if "-" in options.paths:
        name = options.stdin_filename or "-"
        data = stdin if stdin is not None else sys.stdin.buffer.read()
        try:
            source = decode(data, name)
        except GlowlintError as e:
            out.notices.append(Notice(name, e.message, error=True))
        else:
            doc = read_text(source, name, format_for(name, options.extensions or None) or "txt")
            out.findings.extend(lint_document(doc, ruleset))
            out.files.append(name)
            out.sources[name] = source
    out.findings.sort(key=Finding.sort_key)
    return out


def attach_sources(outcome: Outcome) -> None:
    """Read back the source of every file with findings (the text report shows lines)."""
    for path in {f.path for f in outcome.findings} - set(outcome.sources):
        try:
            with open(path, "rb") as fh:
                outcome.sources[path] = decode(fh.read(), path)
        except (OSError, GlowlintError):
            pass


def render(options: Options, outcome: Outcome, ruleset: RuleSet) -> str:
    from .reporters import Report, get

    if options.fmt == "text":
        attach_sources(outcome)
    report = Report(outcome.findings, outcome.files, ruleset, outcome.sources, options.color)
    text = get(options.fmt)(report)
    if options.quiet and options.fmt == "text":
        kept = [line for line in text.rstrip("\n").split("\n")[:-1]]
        text = "\n".join(kept).strip("\n") + ("\n" if kept and any(kept) else "")
    return text


def exit_status(options: Options, outcome: Outcome) -> int:
    if outcome.errors:
        return EXIT_ERROR
    if not options.exit_zero and any(f.severity >= options.fail_on for f in outcome.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
