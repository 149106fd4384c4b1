"""What every rule has, whatever its kind: identity, explanation, provenance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Document, Finding, Severity

if TYPE_CHECKING:
    from ..context import Analysis


@dataclass(frozen=True)
class Source:
    """One document or guideline a rule rests on, and the fact it takes from it."""

    ref: str
    fact: str


@dataclass(eq=False)
class Rule:
    """Common fields; each kind adds its own and implements `check`."""

    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    basis: str
    sources: list[Source]
    examples_flag: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    name: str = ""
    pack: str = ""
    line: int = 0

    # Keys this kind accepts in YAML beyond the common ones.
    KIND_KEYS: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        """Validate and compile the kind's own keys (overridden per kind)."""
        return {}

    def check(self, doc: Document, analysis: Analysis) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        severity: Severity | None = None,
        message: str | None = None,
        suggestion: str | None = None,
        note: str = "",
    ) -> Finding:
        """A finding for the copy span ``[start, end)``, placed in the source."""
        copy = doc.copy
        src_start, src_end = copy.src_start(start), copy.src_end(end)
        line, column = doc.position(src_start)
        end_line, end_column = doc.position(src_end)
        return Finding(
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            message=message or self.message,
            match=doc.source[src_start:src_end],
            suggestion=suggestion if suggestion is not None else self.suggestion,
            basis=self.basis,
            start=src_start,
            end=src_end,
            note=note,
        )
