"""`--format json`: one JSON array of findings, exactly as CONTRACT.md says."""

from __future__ import annotations

import json

from . import Report


def render(report: Report) -> str:
    return json.dumps([f.to_dict() for f in report.findings], indent=2, ensure_ascii=False) + "\n"
