"""`--format jsonl`: one finding per line, each the JSON record of CONTRACT.md."""

from __future__ import annotations

import json
from collections.abc import Iterator

from . import Report, chunked
from ._ci import Sources, fix_region

STREAMED = True  # the findings walked once, as they come


def stream(report: Report) -> Iterator[str]:
    """The lines in chunks, so the report is never whole in memory."""
    sources = Sources(report)
    return chunked(json.dumps(f.to_dict(fix_region(f, sources)), ensure_ascii=False) + "\n"
                   for f in report.findings)


def render(report: Report) -> str:
    return "".join(stream(report))
