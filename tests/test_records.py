"""glowlint check-records and the records API (issue 21): each record a document,
findings that name record, field and row, every output format, bad rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from run_helpers import check_records, slow_pack

from glowlint import lint_records, lint_text
from glowlint.cli import cli
from glowlint.records.model import RecordFinding
from glowlint.records.rules import RuleCache, RulesSpec

run = check_records


def jsonl(path: Path, *records: object) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return str(path)


PEEL = {"sku": "B2", "description": "Our peel is completely painless."}
CLEANSER = {"sku": "B3", "description": "Gentle cleanser.\nIt has no side effects 😀."}


def test_text_report_names_file_row_record_and_field(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl", PEEL, CLEANSER)
    code, out, _ = run(path, "--id-field", "sku")
    assert code == 1
    assert f"{path}:row 1 [sku=B2] description:1:24: error[painless]" in out
    assert "1 | Our peel is completely painless.\n  |                        ^^^^^^^^" in out
    assert f"{path}:row 2 [sku=B3] description:2:8: error[no-side-effects]" in out
    assert out.endswith("Found 6 problems (2 errors, 4 warnings) in 2 records "
                        "(2 records checked).\n")


def test_json_finding_has_the_contract_fields_and_where_in_the_record(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl", PEEL, CLEANSER)
    code, out, _ = run(path, "--id-field", "sku", "-f", "json")
    found = json.loads(out)
    side = next(f for f in found if f["rule"] == "no-side-effects")
    assert code == 1 and side == {**side, "path": path, "line": 2, "column": 8, "end_line": 2,
                                  "end_column": 23, "match": "no side effects",
                                  "record_id": "B3", "field": "description", "row": 2,
                                  "start": 24, "end": 39, "severity": "error"}
    assert CLEANSER["description"][24:39] == "no side effects"
    lines = run(path, "--id-field", "sku", "-f", "jsonl")[1].splitlines()
    assert [json.loads(line) for line in lines] == found


def test_default_id_is_path_and_row(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl", {"description": "It is painless."})
    found = json.loads(run(path, "-f", "json")[1])
    assert [(f["record_id"], f["row"]) for f in found] == [(f"{path}:1", 1)]
    assert f"{path}:row 1 description:1:7: error[painless]" in run(path)[1]


def test_sarif_github_junit_html_and_statistics_name_the_record(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl", PEEL, CLEANSER)
    sarif = json.loads(run(path, "--id-field", "sku", "-f", "sarif")[1])
    result = sarif["runs"][0]["results"][-1]
    assert result["ruleId"] == "no-side-effects"
    assert result["locations"] == [{
        "physicalLocation": {"artifactLocation": {"uri": path},
                             "region": {"startLine": 2, "snippet": {"text": "no side effects"}}},
        "logicalLocations": [{"fullyQualifiedName": "sku=B3/description", "kind": "member"}]}]
    github = run(path, "--id-field", "sku", "-f", "github")[1].splitlines()
    assert github[-1].startswith(f"::error file={path},line=2,col=1,endLine=2,endColumn=1,"
                                 "title=glowlint no-side-effects (absolute-safety)::"
                                 "row 2 [sku=B3] description:2:8: Says")
    junit = run(path, "--id-field", "sku", "-f", "junit")[1]
    assert f'<testcase name="{path}:row 2 [sku=B3] description"' in junit
    html = run(path, "--id-field", "sku", "-f", "html")[1]
    assert html.count(f"{path}:row 1 [sku=B2]") >= 1 and "no side effects" in html
    stats = run(path, "--id-field", "sku", "--statistics")[1]
    assert "1  painless                   error    pain-free" in stats
    assert stats.endswith("Found 6 problems in total.\n")


def test_advice_reads_all_fields_of_a_record_and_claims_each_field(tmp_path: Path) -> None:
    advice = ("Wear SPF 30 sunscreen every day afterwards. Book a consultation with a "
              "qualified practitioner first. Not suitable with active eczema. Redness and mild "
              "swelling are common and fade within a day.")
    record = {"sku": "P1", "title": "Chemical peel, completely painless", "description": advice}
    path = jsonl(tmp_path / "cat.jsonl", record)
    both = json.loads(run(path, "--id-field", "sku", "--text-field", "title",
                          "--text-field", "description", "-f", "json")[1])
    assert [(f["field"], f["rule"], f["start"], f["end"]) for f in both] == [
        ("title", "painless", 26, 34)]
    alone = json.loads(run(path, "--id-field", "sku", "--text-field", "title", "-f", "json")[1])
    assert {f["rule"] for f in alone} == {"painless", "missing-sunscreen", "missing-consultation",
                                         "missing-contraindications", "missing-side-effects"}


def test_advice_finding_is_placed_in_the_field_that_triggered_it(tmp_path: Path) -> None:
    record = {"title": "Glow serum", "description": "Line one.\nOur chemical peel evens tone."}
    found = list(lint_records([record], text_fields=["title", "description"]))
    missing = [f for f in found if f.rule == "missing-sunscreen"]
    assert [(f.field, f.line, f.column, f.match) for f in missing] == [
        ("description", 2, 5, "chemical peel")]
    assert record["description"][missing[0].start:missing[0].end] == "chemical peel"


def test_findings_equal_lint_text_on_each_field() -> None:
    from glowlint.records.catalogue import records

    for rec in records(60, seed=3):
        found = list(lint_records([rec], text_fields=["description"]))
        expected = lint_text(rec["description"]) if rec["description"] else []
        if rec["glowlint_ignore"]:
            expected = [f for f in expected if f.rule != "painless"]
        assert [(f.rule, f.start, f.end, f.line, f.column) for f in found] == [
            (f.rule, f.start, f.end, f.line, f.column) for f in expected]


def test_bad_rows_are_told_with_their_row_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "cat.jsonl"
    path.write_bytes(b'{"description": "fine"}\n{"description": \n\n[1, 2]\n'
                     b'{"description": "\xff painless"}\n{"description": "It is painless."}\n')
    code, out, err = run(str(path), "-f", "json")
    assert code == 1
    assert [f["row"] for f in json.loads(out)] == [5]
    assert f"glowlint: {path}: row 2 (line 2): not valid JSON: Expecting value (column 17); " \
           "row skipped" in err
    assert "row 3 (line 4): not a JSON object; row skipped" in err
    assert "row 4 (line 5): not valid UTF-8 at byte 17 of the line; row skipped" in err
    summary = run(str(path))[1]
    assert summary.endswith("(2 records checked). 3 unreadable rows skipped.\n")


def test_rows_the_json_parser_refuses_are_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "cat.jsonl"
    path.write_bytes(b'{"n": ' + b"7" * 5000 + b'}\n' + b"[" * 100_000 + b"]" * 100_000
                     + b'\n{"description": "It is painless."}\n')
    code, out, err = run(str(path), "-f", "json")
    assert code == 1
    assert [f["row"] for f in json.loads(out)] == [3]
    assert ("row 1 (line 1): not valid JSON: a number too long to read (column 1); "
            "row skipped") in err
    assert "row 2 (line 2): not valid JSON: nested too deeply (column 1); row skipped" in err


def test_csv_quoted_newlines_and_a_bad_encoding_row(tmp_path: Path) -> None:
    path = tmp_path / "cat.csv"
    path.write_bytes("sku,description\nA,\"First line.\nIt is painless.\"\nB,caf\xe9\n"
                     "C,No side effects.\n".encode("latin-1"))
    code, out, err = run(str(path), "--id-field", "sku", "-f", "json")
    assert code == 1
    assert [(f["record_id"], f["row"], f["line"], f["column"]) for f in json.loads(out)] == [
        ("A", 1, 2, 7), ("C", 3, 1, 1)]
    assert f"glowlint: {path}: row 2 (line 4): not valid UTF-8; save the file as UTF-8; " \
           "row skipped" in err


def test_missing_field_nulls_and_duplicate_ids_warn_once(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl", {"sku": "A", "body": "x"}, {"sku": "A", "body": "y"},
                 {"sku": "B", "description": None}, {"sku": "A", "description": ""},
                 {"sku": "C", "description": "It is painless."})
    code, out, err = run(path, "--id-field", "sku")
    assert code == 1
    assert err.count("has no field 'description'") == 1
    assert f"{path}: row 1 has no field 'description' (its fields: body, sku)" in err
    assert err.count("duplicate record id") == 1
    assert "duplicate record id sku=A (rows 1 and 2)" in err
    assert out.endswith("in 1 record (5 records checked). Empty or null: 4 without "
                        "description.\n")


def test_a_file_that_cannot_be_read_exits_2_and_the_others_are_linted(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "cat.jsonl", {"description": "It is painless."})
    code, out, err = run(str(tmp_path / "nope.csv"), good)
    assert code == 2
    assert f"glowlint: {tmp_path / 'nope.csv'}: file not found" in err
    assert "error[painless]" in out and "1 file could not be read." in out
    code, _, err = run(str(tmp_path / "cat.txt"))
    assert code == 2 and "unknown input format" in err
    broken = tmp_path / "bad.parquet"
    broken.write_bytes(b"not parquet at all")
    code, _, err = run(str(broken))
    assert code == 2 and err.startswith(f"glowlint: {broken}: cannot read as Parquet")


def test_glowlint_ignore_column_silences_named_rules(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "cat.jsonl",
                 {"description": "It is painless, with no side effects.",
                  "glowlint_ignore": "painless -- approved by legal 2026-03"},
                 {"description": "It is painless.", "glowlint_ignore": "painless"},
                 {"description": "It is painless.", "glowlint_ignore": "pain-les -- typo"})
    code, out, err = run(path, "-f", "json")
    assert [(f["row"], f["rule"]) for f in json.loads(out)] == [
        (1, "no-side-effects"), (3, "painless")]
    assert "row 2: glowlint_ignore without a reason" in err
    assert "row 3: glowlint_ignore names no rule or category 'pain-les'" in err


def test_baseline_hides_recorded_findings_by_record_field_and_match(tmp_path: Path) -> None:
    path = tmp_path / "cat.jsonl"
    jsonl(path, PEEL, CLEANSER)
    base = str(tmp_path / "base.json")
    code, _, err = run(str(path), "--id-field", "sku", "--write-baseline", base)
    assert code == 0 and "recorded 6 baseline entries" in err
    new = {"sku": "N1", "description": "Results guaranteed and painless."}
    jsonl(path, new, CLEANSER, PEEL)  # rows moved: the ids did not
    code, out, err = run(str(path), "--id-field", "sku", "--baseline", base, "-f", "json")
    assert code == 1 and {f["record_id"] for f in json.loads(out)} == {"N1"}
    assert run(str(path), "--id-field", "sku", "--baseline", base)[1].endswith(
        "6 more hidden by the baseline.\n")
    jsonl(path, PEEL)
    code, _, err = run(str(path), "--id-field", "sku", "--baseline", base)
    assert code == 0 and "1 baseline entry no longer match" in err


def test_html_field_format_positions_are_in_the_field_source(tmp_path: Path) -> None:
    desc = "<p>Our <b>peel</b> is <em>completely painless</em>.</p>"
    path = jsonl(tmp_path / "cat.jsonl", {"description": desc})
    found = json.loads(run(path, "--field-format", "html", "--select", "painless",
                           "-f", "json")[1])
    assert [(f["start"], f["end"], f["match"]) for f in found] == [
        (desc.index("painless"), desc.index("painless") + 8, "painless")]


def test_lint_frame_has_one_schema_whether_empty_or_not() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    from glowlint import lint_frame

    full = lint_frame(pd.DataFrame([PEEL, CLEANSER]), id_field="sku")
    empty = lint_frame(pd.DataFrame([{"sku": "Z", "description": "A calm cleanser."}]),
                       id_field="sku")
    assert len(empty) == 0 and list(full.dtypes.items()) == list(empty.dtypes.items())
    assert pa.Table.from_pandas(full, preserve_index=False).schema == \
        pa.Table.from_pandas(empty, preserve_index=False).schema
    row = full[full.rule == "no-side-effects"].iloc[0]
    assert (row.record_id, row.field, row.row, row.start, row.end, row.line, row.column) == (
        "B3", "description", 2, 24, 39, 2, 8)


def test_rules_compile_once_per_content_hash(tmp_path: Path) -> None:
    cache = RuleCache()
    first = cache.get(RulesSpec())
    assert cache.get(RulesSpec()) is first and cache.compilations == 1
    cache.get(RulesSpec(select=("painless",)))
    assert cache.compilations == 2
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: p\nrules: []\n", encoding="utf-8")
    spec = RulesSpec(packs=(str(pack),))
    key = cache.key(spec)
    assert key != RuleCache().key(RulesSpec())
    pack.write_text("pack: p2\nrules: []\n", encoding="utf-8")
    assert RuleCache().key(spec) != key  # the content counts, not the path


def test_streamed_formats_write_before_the_last_record_is_read(tmp_path: Path) -> None:
    from glowlint.records import report
    from glowlint.records.rules import compiled
    from glowlint.records.run import RecordsOptions, RecordsOutcome
    from glowlint.records.run import run as run_records

    path = jsonl(tmp_path / "cat.jsonl", *({"description": f"It is painless, number {i}. " * 8}
                                          for i in range(400)))
    seen: list[int] = []

    def counted(batches: Iterator[list[RecordFinding]]) -> Iterator[list[RecordFinding]]:
        for i, batch in enumerate(batches):
            seen.append(i)
            yield batch

    ruleset = compiled(RulesSpec()).full
    for fmt in ("jsonl", "json", "text"):
        seen.clear()
        batches = run_records(RecordsOptions([path], batch=20), lambda m: None, None,
                              RecordsOutcome())
        first = next(report.chunks(fmt, counted(batches), RecordsOutcome(), ruleset))
        assert first and len(seen) < 20, fmt  # 20 batches in all


def test_jobs_give_the_same_findings(tmp_path: Path) -> None:
    from glowlint.records.catalogue import write

    paths = write(tmp_path, 120, seed=5, parquet=False)
    one = run(str(paths["csv"]), "--id-field", "sku", "-f", "jsonl")[1]
    two = run(str(paths["csv"]), "--id-field", "sku", "-f", "jsonl", "--jobs", "2",
              "--batch-size", "16")[1]
    assert one == two and one.count("\n") > 100


def test_examples_catalogue_output_is_the_documented_one(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root / "examples")
    with open(root / "examples" / "catalogue.csv", encoding="utf-8", newline="") as fh:
        assert [r["sku"] for r in csv.DictReader(fh)][:2] == ["GL-101", "GL-102"]
    result = CliRunner().invoke(cli, ["check-records", "catalogue.csv", "--id-field", "sku",
                                      "--text-field", "title", "--text-field", "description",
                                      "--color", "never"], catch_exceptions=False)
    expected = (root / "examples" / "catalogue-output.log").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_a_bad_csv_record_is_skipped_whole_and_the_next_row_read_where_it_starts(
        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["sku", "description"])
        writer.writerow(["A", "It is painless."])
        writer.writerow(["B", 'word, "quoted"\nline ' * 10_000])  # over csv's 131,072
        writer.writerow(["C", "Calm.\r\nNo side effects."])
    code, out, err = run(str(path), "--id-field", "sku", "-f", "json")
    assert [(f["record_id"], f["row"], f["line"]) for f in json.loads(out)] == [
        ("A", 1, 1), ("C", 3, 2)]
    assert err.startswith(f"glowlint: {path}: row 2 (line 3): not valid CSV: field larger "
                          "than field limit (131072); row skipped\n")
    assert run(str(path), "--id-field", "sku")[1].endswith(
        "(2 records checked). 1 unreadable row skipped.\n")


def test_input_format_overrides_the_extension_and_lists_are_bullet_points(
        tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    jsonl(path, {"sku": "L1", "bullets": ["Gentle on skin", "It is painless"]})
    code, out, _ = run(str(path), "--input-format", "jsonl", "--text-field", "bullets",
                       "--id-field", "sku", "-f", "json")
    found = json.loads(out)
    assert code == 1 and [(f["rule"], f["line"], f["column"], f["start"]) for f in found] == [
        ("painless", 3, 7, 22)]
    assert "Gentle on skin\n\nIt is painless"[22:30] == "painless"


def test_a_rule_that_runs_out_of_time_on_a_record_is_told_and_the_run_goes_on(
        tmp_path: Path) -> None:
    pack = slow_pack(tmp_path)
    path = jsonl(tmp_path / "cat.jsonl", {"sku": "S1", "description": "a" * 50_000 + "!"},
                 {"sku": "S2", "description": "It is painless."})
    code, out, err = run(path, "--id-field", "sku", "--rules", str(pack), "--rule-timeout",
                         "0.2", "--select", "r-slow,painless", "-f", "json")
    assert code == 1 and [f["record_id"] for f in json.loads(out)] == ["S2"]
    assert err == (f"glowlint: {path}:row 1 [sku=S1] description: rule r-slow timed out "
                   "(limit 0.2 s per rule and file); other rules' findings are reported "
                   "(incomplete)\n")


def test_each_finding_says_what_its_record_was_taken_to_be(tmp_path: Path) -> None:
    path = tmp_path / "cat.jsonl"
    jsonl(path, {"sku": "A", "title": "Glow peel",
                 "description": "Book your peel at our clinic: each session takes 30 minutes. "
                                "It is painless."},
          {"sku": "B", "description": "Take two capsules daily; each sachet is one serving. "
                                      "It is painless."})
    code, out, _ = run(str(path), "--id-field", "sku", "--text-field", "title",
                       "--text-field", "description", "-f", "json")
    assert code == 1
    kinds = {(f["record_id"], f["document_type"]) for f in json.loads(out)}
    assert kinds == {("A", "treatment"), ("B", "supplement")}


def test_a_claim_without_advice_findings_takes_the_type_of_all_the_fields() -> None:
    # Alone, "It is painless." is a page; with the title it is a supplement's record.
    # No advice rule fires, so the record's type is read from all its fields together.
    assert [(f.rule, f.document_type) for f in lint_text("It is painless.")] == [
        ("painless", "page")]
    record = {"sku": "B", "title": "Take two capsules daily; each sachet is one serving.",
              "description": "It is painless."}
    found = list(lint_records([record], text_fields=("title", "description"), id_field="sku"))
    assert [(f.field, f.rule, f.start, f.end, f.document_type) for f in found] == [
        ("description", "painless", 6, 14, "supplement")]
