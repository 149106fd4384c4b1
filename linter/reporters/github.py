"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE``
(``warning`` and ``notice`` for the milder severities). The message is
escaped as GitHub's toolkit escapes command data (``%`` ``\\r`` ``\\n``) and
property values additionally ``:`` and ``,``: a file name or message can never
end the command or start another. Other control characters are written out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Report, advice_categories, chunked
from ._ci import message
from ._escape import printable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """As the toolkit escapes command data; other control characters (an escape
    sequence for the log viewer) are written out as ``\\x1b`` (`_escape`)."""
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, advice: frozenset[str]) -> str:
    """The workflow command (one line) that annotates the finding."""
    props = {
        "file": f.path,
        "line": str(f.line),
        "col": str(f.column),
        "endLine": str(f.end_line),
        "endColumn": str(f.end_column),
        "title": f"glowlint {f.rule} ({f.category})",
    }
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message(f, advice))}\n"


STREAMED = True  # the findings walked once, as they come


def stream(report: Report) -> Iterator[str]:
    """The commands in chunks, so the report is never whole in memory."""
    advice = advice_categories(report.ruleset)
    return chunked(command(f, advice) for f in report.findings)


def render(report: Report) -> str:
    return "".join(stream(report))
