"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE``
(``warning`` and ``notice`` for the milder severities). The message is
escaped as GitHub's toolkit escapes command data (``%`` ``\\r`` ``\\n``) and
property values additionally ``:`` and ``,``.
"""

from __future__ import annotations

from ..model import Severity
from . import Report
from ._ci import message

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        props = {
            "file": f.path,
            "line": str(f.line),
            "col": str(f.column),
            "endLine": str(f.end_line),
            "endColumn": str(f.end_column),
            "title": f"glowlint {f.rule} ({f.category})",
        }
        joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        lines.append(f"::{COMMANDS[f.severity]} {joined}::{escape_data(message(f))}\n")
    return "".join(lines)
