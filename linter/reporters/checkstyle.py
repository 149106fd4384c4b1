"""`--format checkstyle`: Checkstyle XML, which many CI and review tools read.

Every file linted is a ``<file>``; each finding an ``<error>`` with line,
column, severity (error, warning or info), message and ``source``
``glowlint.<rule>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Report
from ._ci import by_file, message


def render(report: Report) -> str:
    root = ET.Element("checkstyle", {"version": "4.3"})
    for path, found in by_file(report):
        node = ET.SubElement(root, "file", {"name": path})
        for f in found:
            ET.SubElement(node, "error", {
                "line": str(f.line),
                "column": str(f.column),
                "severity": str(f.severity),
                "message": message(f),
                "source": f"glowlint.{f.rule}",
            })
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
