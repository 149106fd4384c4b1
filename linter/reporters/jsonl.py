"""`--format jsonl`: one finding per line, each the JSON record of CONTRACT.md."""

from __future__ import annotations

import json

from . import Report


def render(report: Report) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)
