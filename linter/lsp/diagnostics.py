"""Findings as LSP diagnostics, each carrying its own edits in ``data``.

A code action request then needs no lint: the fix and the suppression of
each finding were computed with the text it was found in, and travel with
the diagnostic the client sends back. ``data`` is plain JSON:

    {"rule": id, "version": the buffer's version linted,
     "fix": {"range", "newText", "safe"} | null, "suppress": {"range", "newText"} | null}

The version lets a code action refuse edits made for an older text (a
diagnostic the client still holds after a keystroke): applied to the new
text they would land in the wrong place.

The range of a missing-advice finding is its trigger span, as the CLI
reports it. `codeDescription.href` points at the rule's documentation: the
``--rule-docs`` URL template when one is given, else the rule pack's YAML
file at the rule's line (what `glowlint rules show` reads).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..directives import META_RULES
from ..fix_apply import fix_span
from ..model import Finding, Severity
from . import markup
from .buffer import Lines
from .projects import Project

SOURCE = "glowlint"
SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}  # DiagnosticSeverity
REASON = "reason"  # the placeholder the writer replaces with the approval
_LINE_BREAK = re.compile(r"\r\n?|\n")


def rule_href(finding: Finding, project: Project, template: str | None) -> str | None:
    """The URL of a rule's documentation (None for the suppression findings)."""
    if template:
        return template.replace("{rule}", finding.rule)
    rule = project.ruleset.by_id().get(finding.rule) if finding.rule not in META_RULES else None
    if rule is None:
        return None
    path = project.pack_file(rule.pack)
    if path is None:
        return None
    return Path(path).resolve().as_uri() + (f"#L{rule.line}" if rule.line else "")


def suppression(finding: Finding, lines: Lines, fmt: str, path: str) -> dict[str, Any] | None:
    """The edit that disables ``finding``'s rule for its line, in the format's comment.

    Markdown and HTML: ``<!-- glowlint-disable-line RULE -- reason -->`` at the
    end of the line (``{/* ... */}`` in MDX), which leaves the page's
    structure as it was (a comment line above a list item or a quote would
    split it). Plain text: a ``# glowlint-disable-next-line RULE -- reason``
    line above, indented as the line. None in front matter (a YAML value would
    take the comment in), on a line that ends inside a tag, a comment or a
    ``<title>`` (`markup`: the comment would break the tag or show on the
    page), and for findings about suppressions themselves.
    """
    if finding.rule in META_RULES:
        return None
    text = lines.text
    line = finding.line - 1
    if not 0 <= line < len(lines.lines):
        return None
    start = lines.index.starts[line]
    content = lines.lines[line]
    if fmt == "txt":
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        m = _LINE_BREAK.search(text)
        eol = m.group() if m else "\n"
        new = f"{indent}# glowlint-disable-next-line {finding.rule} -- {REASON}{eol}"
        at = start
    else:
        if fmt == "md" and start < lines.front_matter_end:
            return None
        at = start + len(content.rstrip(" \t"))
        if markup.inside(lines.markup, at):
            return None  # the line ends in a tag, a comment or a <title>: no comment fits
        if path.lower().endswith(".mdx"):
            new = f" {{/* glowlint-disable-line {finding.rule} -- {REASON} */}}"
        else:
            new = f" <!-- glowlint-disable-line {finding.rule} -- {REASON} -->"
    return {"range": lines.range(at, at), "newText": new}


def fix_edit(finding: Finding, lines: Lines) -> dict[str, Any] | None:
    if finding.fix is None:
        return None
    start, end = fix_span(finding)
    return {"range": lines.range(start, end), "newText": finding.fix, "safe": finding.fix_safe,
            "old": lines.text[start:end]}


def diagnostic(finding: Finding, lines: Lines, fmt: str, path: str, project: Project,
               docs: str | None = None, version: int | None = None) -> dict[str, Any]:
    """One finding as an LSP ``Diagnostic`` (JSON), its edits in ``data``."""
    rng = {"start": lines.position(finding.line - 1, finding.column - 1),
           "end": lines.position(finding.end_line - 1, finding.end_column - 1)}
    message = finding.message + (f" ({finding.note})" if finding.note else "")
    out: dict[str, Any] = {
        "range": rng,
        "severity": SEVERITY.get(finding.severity, 2),
        "code": finding.rule,
        "source": SOURCE,
        "message": message,
        "data": {"rule": finding.rule, "version": version, "fix": fix_edit(finding, lines),
                 "suppress": suppression(finding, lines, fmt, path)},
    }
    href = rule_href(finding, project, docs)
    if href:
        out["codeDescription"] = {"href": href}
    return out
