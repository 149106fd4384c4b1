"""glowlint on Dask (``pip install 'glowlint[dask]'``): catalogues linted on a cluster.

`lint_dataframe` maps `lint_frame` over a Dask DataFrame's partitions and
returns the findings as a Dask DataFrame (lazy, a partition each); write it
from the workers with `write_findings` (Parquet or JSONL) rather than
gathering millions of findings to the client. Rules travel as a `RulesSpec`
(profile, pack paths, selection) and each worker compiles them once per
content hash. ``glowlint check-records --dask-scheduler``/``--dask-local``
sends batches of records with `connect`'s submitter.

Workers start by ``spawn`` and import this module: it does nothing at import,
and Dask itself is imported only when a function here runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .records.frame import empty_frame, lint_frame
from .records.model import DEFAULT_FIELDS
from .records.rules import RulesSpec, compilations


def _needs_dask() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError:
        from .errors import GlowlintError

        raise GlowlintError("Dask is not installed: pip install 'glowlint[dask]'") from None
    return dd


def _partition(df: Any, text_fields: tuple[str, ...], id_field: str | None, field_format: str,
               rules: RulesSpec, path: str, row_field: str | None,
               offsets: tuple[int, ...] | None, partition_info: dict[str, Any] | None = None
               ) -> Any:
    """`lint_frame` of one partition; with ``offsets``, rows count from the partition's
    first row in the file (Dask passes ``partition_info``)."""
    first = 1
    if offsets is not None and partition_info is not None:
        first = offsets[partition_info["number"]] + 1
        df = df.reset_index(drop=True)
    return lint_frame(df, text_fields, id_field, field_format, rules, path=path,
                      row_field=row_field, first_row=first)


def lint_dataframe(ddf: Any, text_fields: Iterable[str] = DEFAULT_FIELDS,
                   id_field: str | None = None, field_format: str = "text",
                   rules: RulesSpec | None = None, *, path: str = "",
                   row_field: str | None = None,
                   offsets: Iterable[int] | None = None) -> Any:
    """The findings of every record of ``ddf``, as a lazy Dask DataFrame (`COLUMNS`).

    Rows: ``row_field``'s value; else, with ``offsets`` (the number of rows before
    each partition, `parquet_offsets`), counted as in the file; else the index + 1
    (what ``from_pandas`` keeps).
    """
    _needs_dask()
    return ddf.map_partitions(
        _partition, tuple(text_fields), id_field, field_format, rules or RulesSpec(), path,
        row_field, tuple(offsets) if offsets is not None else None,
        meta=empty_frame(), align_dataframes=False, enforce_metadata=False,
    )


def read_parquet(path: str, columns: Iterable[str] | None = None) -> tuple[Any, list[int]]:
    """A Parquet catalogue as a Dask DataFrame of one partition per row group (a small file
    is otherwise one partition), and the rows before each partition (for `lint_dataframe`)."""
    import pyarrow.parquet as pq

    dd = _needs_dask()
    meta = pq.ParquetFile(path).metadata
    offsets, at = [], 0
    for i in range(meta.num_row_groups):
        offsets.append(at)
        at += meta.row_group(i).num_rows
    ddf = dd.read_parquet(path, columns=list(columns) if columns else None,
                          split_row_groups=True)
    if ddf.npartitions != len(offsets):  # partitions are not row groups: rows by position
        raise ValueError(f"{path}: {ddf.npartitions} partitions for {len(offsets)} row groups")
    return ddf, offsets


def write_findings(findings: Any, out: str, fmt: str = "parquet") -> None:
    """Write a findings Dask DataFrame from the workers: a folder of Parquet parts, or
    JSONL parts (``out`` a folder; one ``N.jsonl`` per partition)."""
    if fmt == "parquet":
        findings.to_parquet(out, write_index=False)
    elif fmt == "jsonl":
        findings.to_json(f"{out}/*.jsonl", orient="records", lines=True, force_ascii=False)
    else:
        raise ValueError(f"unknown findings format {fmt!r}: parquet or jsonl")


class Submitter:
    """A Dask client as `concurrent.futures` is used: ``submit`` (not pure: each batch
    is new work, and hashing its records to name the task would cost more than nothing)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


def local_cluster(workers: int) -> Any:
    """A LocalCluster of ``workers`` processes of one thread, on the loopback interface."""
    from dask.distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address="127.0.0.1:0")


def connect(scheduler: str | None, local: int | None) -> tuple[Submitter, list[Any]]:
    """A submitter on the cluster at ``scheduler``, or on a new local one of ``local``
    workers; and what to close, in order, when done."""
    _needs_dask()
    from dask.distributed import Client

    from .errors import GlowlintError

    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
            return Submitter(client), [client.close]
        cluster = local_cluster(local or 1)
    except OSError as e:
        raise GlowlintError(f"cannot reach the Dask scheduler: {e}", scheduler or "") from None
    client = Client(cluster)
    return Submitter(client), [cluster.close, client.close]


def rule_compilations(client: Any) -> dict[str, int]:
    """Rule sets each worker has compiled (one per rule set however many partitions)."""
    result: dict[str, int] = client.run(compilations)
    return result
