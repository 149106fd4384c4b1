"""The records of a catalogue run: a `Record` in, `RecordFinding` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Finding

DEFAULT_FIELDS = ("description",)
FIELD_FORMATS = {"text": "txt", "markdown": "md", "html": "html"}  # --field-format -> reader
IGNORE_COLUMN = "glowlint_ignore"


@dataclass
class Record:
    """One product record: its text fields (None: null or missing) and who it is.

    ``row`` is the 1-based data row (not a physical line); ``line`` the physical
    line it starts on where the format has lines (JSONL, CSV), else 0.
    """

    row: int
    record_id: str
    label: str  # how a report names it: "sku=B2", or "" when the id is the default one
    fields: dict[str, str | None]
    ignore: str | None = None  # the glowlint_ignore value: "rule-a, rule-b -- reason"
    line: int = 0


@dataclass(eq=False)
class RecordFinding(Finding):
    """A finding in one field of one record.

    ``path`` is where a person reads it ("catalog.csv:row 812 [sku=B2]
    description"), so every report that heads findings by path names the
    record; ``file`` is the input file. ``line``/``column`` and ``start``/``end``
    (code points) are positions inside the field's text.
    """

    file: str = ""
    row: int = 0
    record_id: str = ""
    field: str = ""
    label: str = ""
    record_line: int = 0  # the physical line the record starts on (0: none)
    line_text: str | None = None  # the text of the finding's first line (the text report)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.row, self.start, self.rule)

    def to_dict(self, fix_region: tuple[int, int, int, int] | None = None
                ) -> dict[str, object]:
        """The JSON record of CONTRACT.md (``path`` is the file), then where in the record."""
        out = super().to_dict(fix_region)
        out["path"] = self.file
        out.update(record_id=self.record_id, field=self.field, row=self.row,
                   start=self.start, end=self.end)
        return out

    def logical_name(self) -> str:
        """The SARIF logical location: ``sku=B2/description``."""
        return f"{self.label or self.record_id}/{self.field}"

    def sarif_location(self) -> dict[str, Any]:
        """A SARIF location: the file (at the record's first line, where it has lines)
        and the record and field as a logical location."""
        physical: dict[str, Any] = {"artifactLocation": {"uri": self.file}}
        if self.record_line:
            physical["region"] = {"startLine": self.record_line, "snippet": {"text": self.match}}
        return {"physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": self.logical_name(),
                                      "kind": "member"}]}


def default_id(path: str, row: int) -> str:
    return f"{path}:{row}"


def record_of(values: dict[str, Any], row: int, path: str, text_fields: tuple[str, ...],
              id_field: str | None, line: int = 0) -> Record:
    """A `Record` from one row's values (a dict as read from JSON, CSV or Arrow)."""
    rid: str | None = None
    if id_field is not None:
        raw = values.get(id_field)
        if isinstance(raw, str):
            rid = raw or None
        elif not missing(raw):
            rid = str(raw)
    fields = {name: as_text(values.get(name)) for name in text_fields}
    ignore = values.get(IGNORE_COLUMN)
    return Record(
        row=row,
        record_id=rid if rid is not None else default_id(path, row),
        label=f"{id_field}={rid}" if rid is not None else "",
        fields=fields,
        ignore=ignore if isinstance(ignore, str) and ignore.strip() else None,
        line=line,
    )


def missing(value: Any) -> bool:
    """None, NaN, or pandas' NA and NaT (told by name: pandas is not imported here)."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def as_text(value: Any) -> str | None:
    """A field's text: strings as they are, numbers written out, a list of strings
    (bullet points) one block each; None, NaN and other values: no text."""
    if isinstance(value, str):
        return value
    if missing(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    tolist = getattr(value, "tolist", None)  # an Arrow or NumPy array of strings
    if callable(tolist):
        return as_text(tolist())
    return None


@dataclass
class Tally:
    """What a run saw of its records, for the warnings and the summary."""

    records: int = 0
    nulls: dict[str, int] = field(default_factory=dict)  # field -> null or empty values
    unreadable: int = 0
    with_findings: int = 0
    not_english: int = 0  # records not linted: their copy is not English (`language`)

    @property
    def checked(self) -> int:
        return self.records - self.not_english

    def add_nulls(self, record: Record) -> None:
        for name, text in record.fields.items():
            if not text:
                self.nulls[name] = self.nulls.get(name, 0) + 1


def location(file: str, row: int, label: str, field_name: str) -> str:
    """How the text report heads a finding: ``catalog.csv:row 812 [sku=B2] description``."""
    who = f" [{label}]" if label else ""
    where = f"{file}:row {row}" if file else f"row {row}"
    return f"{where}{who} {field_name}"
