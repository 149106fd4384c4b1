"""`--format checkstyle`: Checkstyle XML, which many CI and review tools read.

Every file linted is a ``<file>``; each finding an ``<error>`` with line,
column, severity (error, warning or info), message and ``source``
``glowlint.<rule>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..model import Finding
from . import Report, advice_categories
from ._ci import by_file, message, xml_items


def file_element(path: str, found: list[Finding], advice: frozenset[str]) -> ET.Element:
    """The ``<file>`` of one file, an ``<error>`` per finding."""
    node = ET.Element("file", {"name": path})
    for f in found:
        ET.SubElement(node, "error", {
            "line": str(f.line),
            "column": str(f.column),
            "severity": str(f.severity),
            "message": message(f, advice),
            "source": f"glowlint.{f.rule}",
        })
    return node


def stream(report: Report) -> Iterator[str]:
    """The XML in chunks, a file at a time: the tree is never whole in memory."""
    root = ET.Element("checkstyle", {"version": "4.3"})
    advice = advice_categories(report.ruleset)
    files = (file_element(path, found, advice) for path, found in by_file(report))
    return xml_items(root, root, files, depth=1)


def render(report: Report) -> str:
    return "".join(stream(report))
