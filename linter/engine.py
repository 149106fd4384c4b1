"""The lint itself: documents through checks to findings, as generators.

paths -> documents (linter.files, linter.readers) -> checks (rule kinds)
-> findings -> filters (suppressions, baseline) -> reporter -> exit status.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .context import FOLD, Analysis
from .errors import GlowlintError
from .model import Document, Finding
from .readers import BinaryFile, read_bytes
from .rules import RuleSet


@dataclass
class Notice:
    """Something about a file the user should know that is not a finding."""

    path: str
    message: str
    error: bool  # True: the run cannot be clean (exit 2); False: a skip notice


def analyse(doc: Document, ruleset: RuleSet) -> Analysis:
    return Analysis(doc.copy.text.translate(FOLD), ruleset.context)


def lint_document(doc: Document, ruleset: RuleSet) -> list[Finding]:
    """Every finding of every rule on one document, in position order."""
    analysis = analyse(doc, ruleset)
    findings: list[Finding] = []
    for rule in ruleset.rules:
        findings.extend(rule.check(doc, analysis))
    findings.sort(key=Finding.sort_key)
    return findings


def lint_file(path: str, fmt: str, ruleset: RuleSet, data: bytes | None = None
              ) -> tuple[list[Finding], Notice | None]:
    """Read and lint one file; unreadable input becomes a notice, never a crash."""
    try:
        if data is None:
            with open(path, "rb") as fh:
                data = fh.read()
        doc = read_bytes(data, path, fmt)
    except BinaryFile as e:
        return [], Notice(path, e.message, error=False)
    except GlowlintError as e:
        return [], Notice(path, e.message, error=True)
    except FileNotFoundError:
        return [], Notice(path, "file not found", error=True)
    except IsADirectoryError:
        return [], Notice(path, "is a folder, not a file", error=True)
    except OSError as e:
        return [], Notice(path, f"cannot read: {e.strerror}", error=True)
    return lint_document(doc, ruleset), None


def lint_files(files: Iterable[tuple[str, str]], ruleset: RuleSet
               ) -> Iterator[tuple[str, list[Finding], Notice | None]]:
    for path, fmt in files:
        findings, notice = lint_file(path, fmt, ruleset)
        yield path, findings, notice
