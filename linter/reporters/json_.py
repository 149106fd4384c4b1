"""`--format json`: one JSON array of findings, exactly as CONTRACT.md says."""

from __future__ import annotations

import json
from collections.abc import Iterator

from . import Report, chunked
from ._ci import Sources, fix_region

STREAMED = True  # the findings walked once, as they come


def stream(report: Report) -> Iterator[str]:
    """The array in chunks, as ``json.dumps(findings, indent=2)`` writes it."""
    return chunked(_pieces(report))


def _pieces(report: Report) -> Iterator[str]:
    """The array element by element."""
    sources = Sources(report)
    empty = True
    for f in report.findings:
        record = f.to_dict(fix_region(f, sources))
        item = json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield ("[\n  " if empty else ",\n  ") + item
        empty = False
    yield "[]\n" if empty else "\n]\n"


def render(report: Report) -> str:
    return "".join(stream(report))
