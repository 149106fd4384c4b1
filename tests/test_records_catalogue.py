"""A seeded catalogue gives identical findings through the CLI, `lint_records` and
`lint_frame`, in JSONL, CSV and Parquet (issue 21). Not timed: tests/test_records_dask.py
adds the cluster, bench/records.py measures speed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import lint_frame, lint_records
from glowlint.cli import cli
from glowlint.records.catalogue import records, write

N = 1000  # records: every planted case is in, and the suite stays quick on 2 cores
FIELDS = ["description", "title"]
Key = tuple[str, str, str, int, int]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue")
    write(folder, N, seed=7, row_group=300, parquet=True)
    return folder


def cli_keys(folder: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> list[Key]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["check-records", name, "--id-field", "sku",
                                      "--text-field", "description", "--text-field", "title",
                                      "-f", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    return sorted((d["record_id"], d["field"], d["rule"], d["start"], d["end"])
                  for d in map(json.loads, result.stdout.splitlines()))


def frame_keys(df: object) -> list[Key]:
    return sorted(zip(df.record_id, df.field, df.rule, df["start"], df["end"], strict=True))


def api_keys(rows: object, path: str) -> list[Key]:
    return sorted((f.record_id, f.field, f.rule, f.start, f.end)
                  for f in lint_records(rows, text_fields=FIELDS, id_field="sku", path=path))


def test_the_catalogue_is_seeded_and_holds_every_planted_case(catalogue: Path,
                                                              tmp_path: Path) -> None:
    again = write(tmp_path, N, seed=7, row_group=300, parquet=False)
    assert again["jsonl"].read_bytes() == (catalogue / "catalogue.jsonl").read_bytes()
    rows = list(records(N, seed=7))
    descriptions = [r["description"] for r in rows]
    assert descriptions.count(None) > 10 and descriptions.count("") > 10
    skus = [r["sku"] for r in rows if r["sku"]]
    assert len(skus) - len(set(skus)) >= 1 and len(skus) < N  # duplicates, nulls
    assert any(d and "😍" in d for d in descriptions) and any(d and "\n" in d for d in descriptions)
    assert max(len(d or "") for d in descriptions) > 50_000  # the very long one
    assert sum(1 for r in rows if r["glowlint_ignore"]) >= 3
    with open(catalogue / "catalogue.csv", encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in fh) > N + 1  # quoted line breaks: more lines than rows
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.ParquetFile(catalogue / "catalogue.parquet").metadata.num_row_groups == 4


def test_jsonl_cli_lint_records_and_lint_frame_agree(catalogue: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    expected = cli_keys(catalogue, "catalogue.jsonl", monkeypatch)
    with open("catalogue.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert len(expected) > 3 * N
    assert api_keys(rows, "catalogue.jsonl") == expected
    assert frame_keys(lint_frame(pd.DataFrame(rows), FIELDS, "sku",
                                 path="catalogue.jsonl")) == expected


def test_csv_cli_lint_records_and_lint_frame_agree(catalogue: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    expected = cli_keys(catalogue, "catalogue.csv", monkeypatch)
    with open("catalogue.csv", encoding="utf-8", newline="") as fh:
        assert api_keys(csv.DictReader(fh), "catalogue.csv") == expected
    df = pd.read_csv("catalogue.csv", dtype=str)
    assert frame_keys(lint_frame(df, FIELDS, "sku", path="catalogue.csv")) == expected


def test_parquet_cli_and_lint_frame_agree(catalogue: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    expected = cli_keys(catalogue, "catalogue.parquet", monkeypatch)
    df = pd.read_parquet("catalogue.parquet")
    assert frame_keys(lint_frame(df, FIELDS, "sku", path="catalogue.parquet")) == expected
    assert api_keys(df.to_dict("records"), "catalogue.parquet") == expected


def test_the_three_formats_give_the_same_findings(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    write(tmp_path, 150, seed=11, row_group=40)
    found = {}
    for fmt in ("jsonl", "csv", "parquet"):  # default ids name the file: compared without it
        found[fmt] = sorted((rid.replace(f"catalogue.{fmt}:", ""), *rest)
                            for rid, *rest in cli_keys(tmp_path, f"catalogue.{fmt}", monkeypatch))
    assert found["jsonl"] == found["csv"] == found["parquet"]
    assert len(found["jsonl"]) > 300
