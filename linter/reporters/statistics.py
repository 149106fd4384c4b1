"""`--statistics`: how many findings each rule has, most first (as ruff prints them).

Text: ``count  rule  severity  category`` per line, then the total; any other
format: a JSON array of ``{"rule", "category", "severity", "count"}``. The
severity shown is the highest among the rule's findings.
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Finding, Severity


def render_statistics(findings: list[Finding], fmt: str = "text") -> str:
    counts = Counter(f.rule for f in findings)
    worst: dict[str, Severity] = {}
    category: dict[str, str] = {}
    for f in findings:
        worst[f.rule] = max(worst.get(f.rule, f.severity), f.severity)
        category.setdefault(f.rule, f.category)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt != "text":
        data = [{"rule": r, "category": category[r], "severity": str(worst[r]), "count": n}
                for r, n in rows]
        return json.dumps(data, indent=2) + "\n"
    if not rows:
        return "No problems found.\n"
    width = max(len(str(n)) for _, n in rows)
    rule_width = max(len(r) for r, _ in rows)
    out = [f"{n:>{width}}  {r:<{rule_width}}  {str(worst[r]):<7}  {category[r]}" for r, n in rows]
    total = sum(counts.values())
    out.append(f"Found {total} problem{'s' if total != 1 else ''} in total.")
    return "\n".join(out) + "\n"
