"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning takes it.

The driver lists every rule in force (and the suppression rules) with id,
name, short and full description, help (text and Markdown) and default level;
each result has a physical location (1-based lines and columns, the end
exclusive, columns in Unicode code points), a stable fingerprint, and the
rule's fix as a SARIF ``fixes`` entry when the finding has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from ..model import Finding, Severity
from ..version import __version__
from . import Report, advice_categories
from ._ci import (
    ITEMS,
    Sources,
    fingerprints,
    fix_region,
    help_markdown,
    help_text,
    json_items,
    message,
    rules,
)

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative URI reference for a path as the user gave it (forward slashes, escaped)."""
    posix = path.replace("\\", "/")
    if posix.startswith("./"):
        posix = posix[2:]
    raw = posix.encode("utf-8", "surrogateescape")  # a name's bytes that are not UTF-8: %FF
    if posix.startswith("/"):
        return "file://" + quote(raw)
    return quote(raw)


def region(f: Finding) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "snippet": {"text": f.match},
    }


def result(f: Finding, fingerprint: str, rule_index: int, sources: Sources,
           advice: frozenset[str]) -> dict[str, Any]:
    """One finding as a SARIF result (a catalogue record's finding gives its own location)."""
    own = getattr(f, "sarif_location", None)
    location = own() if own is not None else {"physicalLocation": {
        "artifactLocation": {"uri": uri(f.path)},
        "region": region(f),
    }}
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message(f, advice)},
        "locations": [location],
        "partialFingerprints": {"glowlintMatchHash/v1": fingerprint},
        "properties": {"category": f.category},
    }
    fixed = fix_region(f, sources)
    if f.fix is not None and fixed is not None and own is None:
        deleted = dict(zip(("startLine", "startColumn", "endLine", "endColumn"), fixed,
                           strict=True))
        out["fixes"] = [{
            "description": {"text": f"Replace with {f.fix!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(f.path)},
                "replacements": [{
                    "deletedRegion": deleted,
                    "insertedContent": {"text": f.fix},
                }],
            }],
        }]
    return out


def stream(report: Report) -> Iterator[str]:
    """The log in chunks: the results are encoded one at a time, as they are written,
    and the sources their fixes need are read one file at a time."""
    descriptors = rules(report)
    advice = advice_categories(report.ruleset)
    index = {r.id: i for i, r in enumerate(descriptors)}
    driver_rules = []
    for r in descriptors:
        short = r.name if r.name != r.id else r.message.split(". ")[0].rstrip(".")
        driver_rules.append({
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": short},
            "fullDescription": {"text": r.message},
            "help": {"text": help_text(r, advice), "markdown": help_markdown(r, advice)},
            "defaultConfiguration": {"level": LEVELS[r.severity]},
            "properties": {"category": r.category, "tags": ["glowlint", r.category]},
        })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "glowlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": ITEMS,
        }],
    }
    sources = Sources(report)
    results = (result(f, fp, index[f.rule], sources, advice)
               for f, fp in zip(report.findings, fingerprints(list(report.findings)), strict=True))
    return json_items(log, results, depth=4)


def render(report: Report) -> str:
    return "".join(stream(report))
