"""`--format rdjson`: the Reviewdog Diagnostic Format, for `reviewdog -f=rdjson`.

Reviewdog counts columns in UTF-8 bytes, so code-point columns are converted
with the line's text; a rule's fix becomes a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Finding
from . import Report, advice_categories
from ._ci import ITEMS, Sources, fix_region, json_items, message

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _pos(sources: Sources, path: str, line: int, column: int) -> dict[str, int]:
    text = sources.line(path, line)
    if text is not None:
        column = len(text[: column - 1].encode("utf-8")) + 1
    return {"line": line, "column": column}


def _range(sources: Sources, path: str, region: tuple[int, int, int, int]) -> dict[str, Any]:
    line, column, end_line, end_column = region
    return {"start": _pos(sources, path, line, column),
            "end": _pos(sources, path, end_line, end_column)}


def diagnostic(f: Finding, sources: Sources, advice: frozenset[str]) -> dict[str, Any]:
    """One finding as a reviewdog diagnostic."""
    d: dict[str, Any] = {
        "message": message(f, advice),
        "location": {"path": f.path, "range": _range(
            sources, f.path, (f.line, f.column, f.end_line, f.end_column))},
        "severity": SEVERITY[str(f.severity)],
        "source": {"name": "glowlint"},
        "code": {"value": f.rule},
        "original_output": f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.rule}] "
                           f"{f.message}",
    }
    fixed = fix_region(f, sources)
    if f.fix is not None and fixed is not None:
        d["suggestions"] = [{"range": _range(sources, f.path, fixed), "text": f.fix}]
    return d


STREAMED = True  # the findings walked once, as they come


def stream(report: Report) -> Iterator[str]:
    """The document in chunks, a diagnostic at a time, reading one file's source at a time."""
    sources = Sources(report)
    advice = advice_categories(report.ruleset)
    diagnostics = (diagnostic(f, sources, advice) for f in report.findings)
    return json_items({"source": {"name": "glowlint"}, "diagnostics": ITEMS}, diagnostics,
                      depth=2)


def render(report: Report) -> str:
    return "".join(stream(report))
