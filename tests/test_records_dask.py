"""The catalogue on a 2-worker Dask LocalCluster (processes, on 127.0.0.1) gives the
findings `lint_records` gives, from both workers, each compiling the rules once
(issue 21). One cluster for the whole test: starting one costs seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import lint_records
from glowlint.cli import cli
from glowlint.records.catalogue import records, write

N = 600
FIELDS = ["description", "title"]


def test_dask_cluster_gives_the_findings_of_lint_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    from glowlint.dask import (
        lint_dataframe,
        local_cluster,
        read_parquet,
        rule_compilations,
        write_findings,
    )

    write(tmp_path, N, seed=7, row_group=150, parquet=True)
    monkeypatch.chdir(tmp_path)
    expected = sorted((f.record_id, f.field, f.rule, f.start, f.end) for f in lint_records(
        records(N, seed=7), text_fields=FIELDS, id_field="sku", path="catalogue.parquet"))
    assert len(expected) > 3 * N
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        ddf, offsets = read_parquet("catalogue.parquet")
        assert ddf.npartitions == 4 and offsets == [0, 150, 300, 450]
        found = lint_dataframe(ddf, FIELDS, "sku", path="catalogue.parquet", offsets=offsets)
        write_findings(found, "findings")  # written by the workers, one part a partition
        pd = pytest.importorskip("pandas")
        df = pd.read_parquet("findings")
        assert sorted(zip(df.record_id, df.field, df.rule, df["start"], df["end"],
                          strict=True)) == expected
        compiled = rule_compilations(client)
        assert list(compiled.values()) == [1, 1]  # both workers linted, each compiled once
        # the CLI on the same cluster: batches of records read here, linted there
        result = CliRunner().invoke(cli, [
            "check-records", "catalogue.parquet", "--id-field", "sku", "--text-field",
            "description", "--text-field", "title", "-f", "jsonl", "--batch-size", "100",
            "--dask-scheduler", cluster.scheduler_address], catch_exceptions=False)
        assert result.exit_code == 1, result.stderr
        assert sorted((d["record_id"], d["field"], d["rule"], d["start"], d["end"])
                      for d in map(json.loads, result.stdout.splitlines())) == expected
        assert list(rule_compilations(client).values()) == [1, 1]  # the same content hash
