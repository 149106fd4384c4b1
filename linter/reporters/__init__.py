"""Output formats. Each reporter turns sorted findings into text for a stream.

Loaded lazily by name, so `glowlint check` pays only for the format it prints.
A reporter's ``stream`` yields its report in chunks and reads the files it
shows (sources, documents) one at a time, in the findings' order: memory holds
the largest file, not the tree. The findings may arrive as the run makes them
(`run.Run`): a reporter marked ``STREAMED`` walks them once, as they come; the
others (which need every finding before they write: rule lists, counts per
file) are given a list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Finding

if TYPE_CHECKING:
    from ..rules import RuleSet


@dataclass(eq=False)
class Report:
    """Everything a reporter may show: the findings, the files seen, the rules."""

    # sorted by path; walked once by a STREAMED reporter (the run's stream), else a list
    findings: Iterable[Finding]
    files: Sequence[str] = field(default_factory=list)  # the files linted (when named)
    ruleset: RuleSet | None = None
    sources: dict[str, str] = field(default_factory=dict)  # path -> source text
    color: bool = False
    fixed: int = 0  # fixes applied by this run (--fix)
    unsafe_fixes: bool = False  # --unsafe-fixes: unsafe fixes count as fixable
    # reads a file's source on demand (the text report shows lines), one file at a time
    read: Callable[[str], str | None] | None = None
    # reads a file as a document (its copy) on demand, for the formats that show the
    # copy (html): one at a time, so a report never holds the documents of the tree
    read_document: Callable[[str], Document | None] | None = None
    # path -> the text of its findings' lines (model.finding_lines), taken when the
    # lint read the file: the text report needs no source for them
    lines: dict[str, dict[int, str | None]] = field(default_factory=dict)
    # path -> its `advice_states`, taken by the lint (html: the checklist needs no re-read)
    advice: dict[str, dict[str, str]] = field(default_factory=dict)
    quiet: bool = False  # the findings only, no summary line
    # inputs that could not be read (the run exits 2: the summary never says "All clear"),
    # and why inputs named on the command line gave nothing to check (runner.lint's notices)
    unreadable: int = 0
    skipped: list[str] = field(default_factory=list)
    # files found but not checked, each "path: why" (not English, binary, too large):
    # the summary names them, so a run that skipped one never says "All clear"
    not_checked: list[str] = field(default_factory=list)
    baselined: int = 0  # findings the baseline hid (the summary says how many)
    checked: int | None = None  # files linted, when ``files`` does not name them

    def files_checked(self) -> int:
        return self.checked if self.checked is not None else len(self.files)

    def source(self, path: str) -> str | None:
        if path in self.sources:
            return self.sources[path]
        return self.read(path) if self.read is not None else None

    def document(self, path: str) -> Document | None:
        """The file as a document, read now (None: no reader, or it cannot be read)."""
        return self.read_document(path) if self.read_document is not None else None


def advice_categories(ruleset: RuleSet | None) -> frozenset[str]:
    """The categories whose findings ask for advice to add (the taxonomy's kind
    ``missing``) rather than flag a claim: their suggestion is labelled "add".

    A finding carries only its category's name; the kind is in the rule set's
    taxonomy (without a rule set, the shipped one's: packs cannot add categories).
    """
    from ..rules import advice_categories as of
    from ..rules import builtin_rules_dir, load_taxonomy

    if ruleset is not None:
        return of(ruleset.taxonomy)
    return of(load_taxonomy(builtin_rules_dir() / "taxonomy.yaml"))


FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_",
    "html": "html",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "checkstyle": "checkstyle",
    "rdjson": "rdjson",
}

Render = Callable[[Report], str]
CHUNK = 2**16  # characters of report per chunk written


def chunked(pieces: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    """The pieces joined into chunks of about ``size`` characters.

    Few large chunks rather than one per finding: each write to the stream costs
    more than formatting a finding, and a chunk at a time keeps memory flat.
    """
    buffer: list[str] = []
    n = 0
    for piece in pieces:
        buffer.append(piece)
        n += len(piece)
        if n >= size:
            yield "".join(buffer)
            buffer, n = [], 0
    if buffer:
        yield "".join(buffer)


def get_stream(name: str) -> Callable[[Report], Iterator[str]]:
    """The format's report as chunks (written as they come: memory stays flat)."""
    from ._escape import encodable

    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    if hasattr(module, "stream"):
        stream: Callable[[Report], Iterator[str]] = module.stream
        if getattr(module, "STREAMED", False):
            return lambda report: map(encodable, stream(report))
        return lambda report: map(encodable, stream(_whole(report)))
    render: Render = module.render
    return lambda report: iter((encodable(render(report)),))


def _whole(report: Report) -> Report:
    """The report with its findings in a list (a format that needs them all at once)."""
    if not isinstance(report.findings, list):
        report.findings = list(report.findings)
    return report


def get(name: str) -> Render:
    from ._escape import encodable

    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    render: Render = module.render
    return lambda report: encodable(render(_whole(report)))
