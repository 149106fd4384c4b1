"""`--format junit`: JUnit XML, one testcase per file linted.

A file with findings fails: its ``<failure>`` lists them, one per line as the
text format heads them. CI systems (GitLab, Jenkins, Azure) show the files as
tests.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Report
from ._ci import by_file


def render(report: Report) -> str:
    groups = list(by_file(report))
    failures = sum(1 for _, found in groups if found)
    attrs = {"name": "glowlint", "tests": str(len(groups)), "failures": str(failures),
             "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    for path, found in groups:
        case = ET.SubElement(suite, "testcase", {"name": path, "classname": "glowlint",
                                                 "file": path})
        if not found:
            continue
        worst = max(f.severity for f in found)
        n = len(found)
        failure = ET.SubElement(case, "failure", {
            "message": f"{n} problem{'s' if n != 1 else ''}", "type": str(worst),
        })
        failure.text = "\n".join(
            f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.rule}] {f.message}"
            + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            for f in found
        )
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
