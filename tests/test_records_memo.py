"""Records of a batch with the same copy share the engine's results (`records.memo`):
the findings must be exactly those of each record linted on its own (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from run_helpers import slow_pack

from glowlint import lint_records
from glowlint.cli import cli
from glowlint.records.catalogue import records
from glowlint.records.lint import lint_record
from glowlint.records.memo import Memo
from glowlint.records.model import Record, RecordFinding, record_of
from glowlint.records.rules import RulesSpec, compiled

N = 240  # 80 products of 3 variants: every planted case is in, quick on 2 cores


def every_field(found: list[RecordFinding]) -> list[dict[str, Any]]:
    """All a finding says (not only its key): message, fix, line text, document type."""
    return [dict(vars(f)) for f in found]


def catalogue(fields: tuple[str, ...]) -> list[Record]:
    return [record_of(row, i, "cat.jsonl", fields, "sku")
            for i, row in enumerate(records(N, seed=3, variants=3), 1)]


@pytest.mark.parametrize("fields", [("description",), ("title", "description")])
@pytest.mark.parametrize("field_format", ["txt", "html"])
def test_shared_results_give_the_findings_of_each_record_on_its_own(
        fields: tuple[str, ...], field_format: str) -> None:
    rules = compiled(RulesSpec())
    memo = Memo()
    shared, alone = [], []
    for record in catalogue(fields):
        shared.append(every_field(lint_record(record, rules, field_format, "cat.jsonl", [],
                                              memo=memo)))
        alone.append(every_field(lint_record(record, rules, field_format, "cat.jsonl", [])))
    assert shared == alone
    assert sum(map(len, shared)) > N  # the catalogue has findings to compare
    # two of every three variants reuse their product's description (a few are null, and
    # one is the very long description): the memo was used, not bypassed
    assert memo.hits >= N // 2


def test_one_text_in_two_fields_is_placed_in_each(tmp_path: Path) -> None:
    """The key holds the field: the same words in the title and the description give
    each field its own findings, and a record's advice reads its own fields."""
    text = "Our chemical peel is completely painless."
    rows = [{"sku": "A", "title": text, "description": text},
            {"sku": "B", "title": text, "description": text + " Wear SPF 30 every day."},
            {"sku": "C", "title": text, "description": text}]
    rules = compiled(RulesSpec())
    memo = Memo()
    found = [lint_record(record_of(row, i, "", ("title", "description"), "sku"), rules, "txt",
                         "", [], memo=memo) for i, row in enumerate(rows, 1)]
    painless = [[(f.field, f.start) for f in fs if f.rule == "painless"] for fs in found]
    assert painless == [[("title", 32), ("description", 32)]] * 3
    sunscreen = [[f.field for f in fs if f.rule == "missing-sunscreen"] for fs in found]
    assert sunscreen[0] == sunscreen[2] != sunscreen[1] == []
    assert [every_field(fs) for fs in found] == [
        every_field(lint_record(record_of(row, i, "", ("title", "description"), "sku"),
                                rules, "txt", "", [])) for i, row in enumerate(rows, 1)]


def test_the_command_with_shared_results_reports_what_lint_records_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """check-records (a memo a batch) against `lint_records` (each record on its own),
    every field of every JSON finding compared."""
    rows = list(records(N, seed=3, variants=3))
    path = tmp_path / "cat.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check-records", "cat.jsonl", "--id-field", "sku",
                                      "--text-field", "title", "--text-field", "description",
                                      "--batch-size", "50", "-f", "jsonl"],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    cli_found = [json.loads(line) for line in result.stdout.splitlines()]
    api_found = [f.to_dict() for f in lint_records(rows, text_fields=("title", "description"),
                                                   id_field="sku", path="cat.jsonl")]
    assert len(cli_found) > N and cli_found == api_found


def test_a_result_that_ran_out_of_time_is_not_shared(tmp_path: Path) -> None:
    """A rule's timeout is told for every record that meets it, never reused."""
    pack = slow_pack(tmp_path)
    rules = compiled(RulesSpec(packs=(str(pack),), select=("r-slow", "painless"),
                               time_limit=0.2))
    slow = {"description": "a" * 50_000 + "!"}
    memo = Memo()
    told = []
    for i, row in enumerate([{"sku": "S1", **slow}, {"sku": "S2", **slow}], 1):
        notices: list[Any] = []
        assert lint_record(record_of(row, i, "", ("description",), "sku"), rules, "txt", "",
                           notices, memo=memo) == []
        told.append([(n.path, n.message.split(" (")[0]) for n in notices])
    assert told == [[("description", "rule r-slow timed out")]] * 2
    assert memo.hits == 0 and not memo.results
