"""`lint_frame`: a pandas DataFrame of records in, a DataFrame of findings out.

The findings frame has a fixed, flat schema (`COLUMNS`: strings and 64-bit
integers, one row a finding), the same whether it holds findings or none, so
it converts to Arrow and Parquet as it is and a Dask partition's ``meta`` is
`empty_frame()`. This is what `glowlint.dask.lint_dataframe` maps over
partitions and what Spark's ``mapInPandas`` can call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..rules import RuleSet
from .lint import lint_record, reader_format
from .memo import Memo
from .model import DEFAULT_FIELDS, IGNORE_COLUMN, RecordFinding, record_of
from .rules import RulesSpec, compiled

COLUMNS: tuple[tuple[str, str], ...] = (
    ("path", "string"), ("row", "int64"), ("record_id", "string"), ("field", "string"),
    ("rule", "string"), ("category", "string"), ("severity", "string"),
    ("start", "int64"), ("end", "int64"), ("line", "int64"), ("column", "int64"),
    ("end_line", "int64"), ("end_column", "int64"),
    ("match", "string"), ("message", "string"), ("suggestion", "string"),
)
_FIELD = {"path": "file"}  # columns whose finding field has another name


def empty_frame() -> Any:
    """The findings frame with no rows (Dask's ``meta``)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in COLUMNS})


def to_frame(findings: Iterable[RecordFinding]) -> Any:
    """Findings as the flat frame of `COLUMNS`."""
    import pandas as pd

    cols: dict[str, list[Any]] = {name: [] for name, _ in COLUMNS}
    for f in findings:
        for name, _ in COLUMNS:  # each column is the finding's field of that name
            value = getattr(f, _FIELD.get(name, name))
            cols[name].append(str(value) if name == "severity" else value)
    return pd.DataFrame({name: pd.Series(cols[name], dtype=dtype) for name, dtype in COLUMNS})


def _rows(df: Any, row_field: str | None, first_row: int) -> list[int]:
    """Each record's 1-based row: a column, else an integer index (+ 1, so a frame
    read whole, or split by Dask's ``from_pandas``, counts rows as the file does),
    else the position."""
    if row_field is not None:
        return [int(r) for r in df[row_field].tolist()]
    index = df.index
    if getattr(index.dtype, "kind", "") in "iu" and len(index):
        return [int(i) + first_row for i in index.tolist()]
    return list(range(first_row, first_row + len(df)))


def frame_findings(df: Any, text_fields: tuple[str, ...], id_field: str | None, fmt: str,
                   rules: RuleSet | RulesSpec | None, path: str, row_field: str | None,
                   first_row: int) -> Iterator[RecordFinding]:
    ruleset = compiled(rules)
    wanted = [c for c in dict.fromkeys([*text_fields, *([id_field] if id_field else []),
                                        IGNORE_COLUMN]) if c in df.columns]
    columns = [df[c].tolist() for c in wanted]
    channel = rules.channel if isinstance(rules, RulesSpec) else None
    memo = Memo()  # rows of the frame with the same copy share the engine's results
    for row, values in zip(_rows(df, row_field, first_row), zip(*columns, strict=True),
                           strict=False):
        record = record_of(dict(zip(wanted, values, strict=True)), row, path, text_fields,
                           id_field)
        yield from lint_record(record, ruleset, fmt, path, channel=channel, memo=memo)


def lint_frame(
    df: Any,
    text_fields: Iterable[str] = DEFAULT_FIELDS,
    id_field: str | None = None,
    field_format: str = "text",
    rules: RuleSet | RulesSpec | None = None,
    *,
    path: str = "",
    row_field: str | None = None,
    first_row: int = 1,
) -> Any:
    """The findings of every record (row) of ``df``, as a frame of `COLUMNS`.

    Records are read as `lint_records` reads them; ``row``: ``row_field``'s
    value, else the integer index + ``first_row``, else the position. Rules
    given as a `RulesSpec` are compiled once per process (never pickled).
    """
    fields = tuple(text_fields)
    fmt = reader_format(field_format)
    return to_frame(frame_findings(df, fields, id_field, fmt, rules, path, row_field, first_row))
