"""`--format junit`: JUnit XML, one testcase per file linted.

A file with findings fails: its ``<failure>`` lists them, one per line as the
text format heads them. CI systems (GitLab, Jenkins, Azure) show the files as
tests.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..model import Finding
from . import Report
from ._ci import by_file, xml_items


def testcase(path: str, found: list[Finding]) -> ET.Element:
    """The testcase of one file: a failure listing its findings, if it has any."""
    case = ET.Element("testcase", {"name": path, "classname": "glowlint", "file": path})
    if found:
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
    return case


def stream(report: Report) -> Iterator[str]:
    """The XML in chunks, a testcase at a time: the tree is never whole in memory."""
    groups = list(by_file(report))
    failures = sum(1 for _, found in groups if found)
    attrs = {"name": "glowlint", "tests": str(len(groups)), "failures": str(failures),
             "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", attrs)
    suite = ET.SubElement(suites, "testsuite", attrs)
    return xml_items(suites, suite, (testcase(path, found) for path, found in groups), depth=2)


def render(report: Report) -> str:
    return "".join(stream(report))
