"""The CI output formats: SARIF (schema-valid), GitHub workflow commands (exact, escaped),
JUnit, Checkstyle, rdjson, JSON Lines, and --statistics."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from glowlint.cli import cli
from glowlint.model import Finding, Severity
from glowlint.reporters import CHUNK, FORMATS, Report, get, get_stream
from glowlint.rules import load_rules

DATA = Path(__file__).parent / "data"
PACK = DATA / "adoption" / "rules.yaml"
RULES = load_rules([PACK], builtin=False)
SELECT = "adopt-painless,adopt-best,adopt-no-downtime,suppression"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a page.md").write_text(
        "# Peels\n\nOur peel is painless.\n\n"
        "<!-- glowlint-disable-next-line adopt-best -->\nThere is no downtime.\n"
    )
    (tmp_path / "pages" / "clean.txt").write_text("We are open on Saturdays.\n")
    (tmp_path / "pages" / "crème.html").write_text(
        "<p>Crème brûlée facial: the best option.</p>\n")
    return tmp_path


def check(fmt: str, *extra: str) -> tuple[int, str]:
    code, out, err = run("check", "--isolated", "--rules", str(PACK), "--select", SELECT,
                         "--format", fmt, *extra, "pages")
    assert code != 2, err
    return code, out


# -- SARIF ------------------------------------------------------------------------


def test_sarif_validates_against_the_schema(site: Path) -> None:
    code, out = check("sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids[:3] == ["adopt-painless", "adopt-best", "adopt-no-downtime"]
    assert "unused-suppression" in ids and "expired-suppression" in ids
    painless = driver["rules"][0]
    assert painless["name"] == "Painless claim"
    assert painless["shortDescription"] == {"text": "Painless claim"}
    assert painless["fullDescription"] == {"text": "Promises a procedure causes no pain."}
    assert painless["defaultConfiguration"] == {"level": "error"}
    assert "Safer wording: most people feel only mild discomfort" in painless["help"]["text"]
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}
    assert run_["columnKind"] == "unicodeCodePoints"
    results = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"])
               for r in run_["results"]]
    assert results == [
        ("adopt-painless", "error", {"artifactLocation": {"uri": "pages/a%20page.md"}, "region": {
            "startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 21,
            "snippet": {"text": "painless"}}}),
        ("unused-suppression", "warning", {"artifactLocation": {"uri": "pages/a%20page.md"},
                                           "region": {
            "startLine": 5, "startColumn": 33, "endLine": 5, "endColumn": 43,
            "snippet": {"text": "adopt-best"}}}),
        ("adopt-no-downtime", "note", {"artifactLocation": {"uri": "pages/a%20page.md"},
                                       "region": {
            "startLine": 6, "startColumn": 10, "endLine": 6, "endColumn": 21,
            "snippet": {"text": "no downtime"}}}),
        ("adopt-best", "warning", {"artifactLocation": {"uri": "pages/cr%C3%A8me.html"},
                                   "region": {
            "startLine": 1, "startColumn": 25, "endLine": 1, "endColumn": 40,
            "snippet": {"text": "the best option"}}}),
    ]
    first = run_["results"][0]
    assert first["ruleIndex"] == 0
    assert first["message"]["text"] == ("Promises a procedure causes no pain.\n"
                                        "Suggestion: most people feel only mild discomfort")
    assert first["fixes"] == [{
        "description": {"text": "Replace with 'usually only mildly uncomfortable'"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "pages/a%20page.md"},
            "replacements": [{
                "deletedRegion": {"startLine": 3, "startColumn": 13, "endLine": 3,
                                  "endColumn": 21},
                "insertedContent": {"text": "usually only mildly uncomfortable"},
            }],
        }],
    }]
    assert "fixes" not in run_["results"][1]


def test_sarif_fingerprints_survive_inserted_lines(site: Path) -> None:
    before = [r["partialFingerprints"] for r in json.loads(check("sarif")[1])["runs"][0]["results"]]
    page = site / "pages" / "a page.md"
    page.write_text("Intro.\n\n" + page.read_text())
    after = [r["partialFingerprints"] for r in json.loads(check("sarif")[1])["runs"][0]["results"]]
    assert before == after


def test_sarif_with_no_findings_is_valid(site: Path) -> None:
    code, out, _ = run("check", "--isolated", "--rules", str(PACK), "--select", SELECT,
                       "--format", "sarif", "pages/clean.txt")
    assert code == 0
    log = json.loads(out)
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    assert log["runs"][0]["results"] == []


# -- GitHub workflow commands --------------------------------------------------------


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="pages/a.md", line=3, column=13, end_line=3, end_column=21, rule="adopt-painless",
        category="pain-free", severity=Severity.ERROR,
        message="Promises a procedure causes no pain.", match="painless",
        suggestion="most people feel only mild discomfort",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_github_exact_with_escaping() -> None:
    findings = [
        _finding(),
        _finding(path="odd, name: 100%.md", line=1, column=1, end_line=2, end_column=4,
                 severity=Severity.WARNING, message="50% off\r\nis a claim: no, really",
                 suggestion=None),
        _finding(severity=Severity.INFO, suggestion=None),
    ]
    out = get("github")(Report(findings))
    assert out == (
        "::error file=pages/a.md,line=3,col=13,endLine=3,endColumn=21,"
        "title=glowlint adopt-painless (pain-free)::Promises a procedure causes no pain."
        "%0ASuggestion: most people feel only mild discomfort\n"
        "::warning file=odd%2C name%3A 100%25.md,line=1,col=1,endLine=2,endColumn=4,"
        "title=glowlint adopt-painless (pain-free)::50%25 off%0D%0Ais a claim: no, really\n"
        "::notice file=pages/a.md,line=3,col=13,endLine=3,endColumn=21,"
        "title=glowlint adopt-painless (pain-free)::Promises a procedure causes no pain.\n"
    )


def test_github_from_the_cli(site: Path) -> None:
    code, out = check("github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=pages/a page.md,line=3,col=13,endLine=3,endColumn=21,"
        "title=glowlint adopt-painless (pain-free)::Promises a procedure causes no pain."
        "%0ASuggestion: most people feel only mild discomfort"
    )
    assert len(out.splitlines()) == 4


# -- control characters (issue 20, item 17) -----------------------------------------

EVIL_NAME = "a\n::error file=evil.md::pwned.md"
OSC_LINE = "Our \x1b]0;owned\x07peel is \x1b[2J painless\x9b.\n"


@pytest.fixture()
def evil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A page whose name holds a newline and a workflow command, one whose line holds an
    OSC sequence (it sets the terminal's title), CSI and a C1 control."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / EVIL_NAME).write_text("Our peel is painless.\n")
    (tmp_path / "pages" / "osc.md").write_text(OSC_LINE)
    return tmp_path


def controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize("color", [False, True])
def test_text_report_escapes_control_characters(evil: Path, color: bool) -> None:
    code, out = check("text", "--color", "always" if color else "never")
    assert code == 1
    lines = out.splitlines()
    assert not any(line.startswith("::") for line in lines)  # no workflow command
    if not color:
        assert controls(out) == []
        assert lines[:4] == [
            "pages/a\\n::error file=evil.md::pwned.md:1:13: error[adopt-painless] [*] "
            "Promises a procedure causes no pain.",
            "  |",
            "1 | Our peel is painless.",
            "  |             ^^^^^^^^",
        ]
        # the span moves with the escapes: still under "painless"
        at = lines.index("1 | Our \\x1b]0;owned\\x07peel is \\x1b[2J painless\\x9b.")
        assert lines[at + 1] == "  | " + " " * 36 + "^" * 8
    else:  # only the styles' own escape sequences
        assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out
        assert "\x1b[2J" not in out


def test_github_report_keeps_every_command_on_its_line(evil: Path) -> None:
    code, out = check("github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2 and all(line.startswith("::error file=pages/") for line in lines)
    assert lines[0].startswith("::error file=pages/a%0A%3A%3Aerror file=evil.md%3A%3Apwned.md,")
    assert controls(out) == []
    out = get("github")(Report([_finding(path="p\x1b]0;x\x07.md", message="a\x1b[2Jb")]))
    assert out.startswith("::error file=p\\x1b]0;x\\x07.md,line=3,")
    assert "::a\\x1b[2Jb%0ASuggestion: " in out


# -- JUnit, Checkstyle ---------------------------------------------------------------


def test_junit_one_testcase_per_file(site: Path) -> None:
    _, out = check("junit")
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    [suite] = root
    assert (suite.get("tests"), suite.get("failures")) == ("3", "2")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert list(cases) == ["pages/a page.md", "pages/clean.txt", "pages/crème.html"]
    assert cases["pages/clean.txt"].find("failure") is None
    failure = cases["pages/a page.md"].find("failure")
    assert failure is not None
    assert (failure.get("message"), failure.get("type")) == ("3 problems", "error")
    assert (failure.text or "").splitlines()[0] == (
        "pages/a page.md:3:13: error[adopt-painless] Promises a procedure causes no pain. "
        "(suggestion: most people feel only mild discomfort)")


def test_checkstyle(site: Path) -> None:
    _, out = check("checkstyle")
    root = ET.fromstring(out)
    files = {f.get("name"): [e.attrib for e in f] for f in root}
    assert list(files) == ["pages/a page.md", "pages/clean.txt", "pages/crème.html"]
    assert files["pages/clean.txt"] == []
    assert files["pages/crème.html"] == [{
        "line": "1", "column": "25", "severity": "warning",
        "message": "Claims to be the best.\nSuggestion: one of several options",
        "source": "glowlint.adopt-best",
    }]


# -- rdjson, jsonl -------------------------------------------------------------------


def test_rdjson_counts_columns_in_utf8_bytes(site: Path) -> None:
    _, out = check("rdjson")
    doc = json.loads(out)
    assert doc["source"] == {"name": "glowlint"}
    by_rule = {d["code"]["value"]: d for d in doc["diagnostics"]}
    best = by_rule["adopt-best"]
    # "<p>Crème brûlée facial: " is 24 code points and 27 bytes
    assert best["location"] == {"path": "pages/crème.html", "range": {
        "start": {"line": 1, "column": 28}, "end": {"line": 1, "column": 43}}}
    assert best["severity"] == "WARNING"
    assert by_rule["adopt-painless"]["suggestions"] == [{
        "range": {"start": {"line": 3, "column": 13}, "end": {"line": 3, "column": 21}},
        "text": "usually only mildly uncomfortable",
    }]
    assert "suggestions" not in best


def test_jsonl_is_the_json_records_one_per_line(site: Path) -> None:
    _, lines = check("jsonl")
    _, array = check("json")
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(array)


# -- statistics, output file --------------------------------------------------------------


def test_statistics(site: Path) -> None:
    code, out = check("text", "--statistics")
    assert code == 1
    assert out == (
        "1  adopt-best          warning  superlative\n"
        "1  adopt-no-downtime   info     no-downtime\n"
        "1  adopt-painless      error    pain-free\n"
        "1  unused-suppression  warning  suppression\n"
        "Found 4 problems in total.\n"
    )
    _, out = check("json", "--statistics")
    assert json.loads(out)[0] == {"rule": "adopt-best", "category": "superlative",
                                  "severity": "warning", "count": 1}


def test_output_file(site: Path) -> None:
    code, out = check("sarif", "--output", "report.sarif")
    assert (code, out) == (1, "")
    assert json.loads((site / "report.sarif").read_text())["version"] == "2.1.0"


# -- streaming: a large report in chunks, one file's source at a time ---------------------

LINE = "Our crème «glow» peel is painless, really.\n"  # multi-byte text before the match
AT = LINE.index("painless")


def _tree(files: int = 30, per_file: int = 20) -> tuple[list[Finding], dict[str, str]]:
    """Findings over many files, sorted as a run sorts them, and the files' text.

    Each finding's fix replaces more than its match ("peel is painless"), so the
    formats that show fixes need the file's text to place it.
    """
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    for i in range(files):
        path = f"pages/p{i:02}.md"
        sources[path] = LINE * per_file
        for j in range(per_file):
            start = j * len(LINE) + AT
            findings.append(_finding(
                path=path, line=j + 1, column=AT + 1, end_line=j + 1, end_column=AT + 9,
                start=start, end=start + 8, fix="usually only mildly uncomfortable",
                fix_span=(start - len("peel is "), start + 8),
            ))
    return findings, sources


def _report(files: int = 30) -> tuple[Report, dict[str, str]]:
    findings, sources = _tree(files)
    paths = [*sources, "pages/zz clean.txt"] if files else []
    return Report(findings, paths, RULES, {p: sources.get(p, "Open on Saturdays.\n")
                                           for p in paths}), sources


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_a_large_report_in_chunks(fmt: str) -> None:
    report, _ = _report()
    chunks = list(get_stream(fmt)(report))
    assert len(chunks) > 1  # written as it is made: never the whole report in memory
    assert max(len(c) for c in chunks) < 4 * CHUNK
    assert "".join(chunks) == get(fmt)(report)


@pytest.mark.parametrize("files", [0, 1, 30])
@pytest.mark.parametrize("fmt", ["json", "sarif", "rdjson"])
def test_json_formats_stream_what_json_writes_whole(fmt: str, files: int) -> None:
    report, _ = _report(files)
    out = "".join(get_stream(fmt)(report))
    doc = json.loads(out)
    assert out == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        jsonschema.validate(doc, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
        assert len(doc["runs"][0]["results"]) == files * 20


@pytest.mark.parametrize("files", [0, 1, 30])
@pytest.mark.parametrize("fmt", ["junit", "checkstyle"])
def test_xml_formats_stream_what_elementtree_writes_whole(fmt: str, files: int) -> None:
    report, _ = _report(files)
    out = "".join(get_stream(fmt)(report))
    root = ET.fromstring(out)
    ET.indent(root)
    assert out == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    assert len(list(root.iter("testcase" if fmt == "junit" else "file"))) == len(report.files)


@pytest.mark.parametrize("fmt", ["sarif", "rdjson"])
def test_sources_are_read_one_file_at_a_time(fmt: str) -> None:
    findings, sources = _tree()
    reads: list[str] = []

    def read(path: str) -> str:
        reads.append(path)
        return sources[path]

    report = Report(findings, list(sources), RULES)
    report.read = read
    doc = json.loads(get(fmt)(report))
    assert reads == list(sources)  # each once, in turn: only the current file is kept
    if fmt == "sarif":  # the fix's region, from the file's text
        [change] = doc["runs"][0]["results"][-1]["fixes"][0]["artifactChanges"]
        assert change["replacements"][0]["deletedRegion"] == {
            "startLine": 20, "startColumn": AT + 1 - len("peel is "), "endLine": 20,
            "endColumn": AT + 9}
    else:  # columns in UTF-8 bytes, from the line's text
        start = doc["diagnostics"][-1]["location"]["range"]["start"]
        assert start == {"line": 20, "column": len(LINE[:AT].encode()) + 1}


def test_ci_sources_count_lines_as_findings_do() -> None:
    """Fix regions (sarif) and byte columns (rdjson) use the lines the findings' own
    positions use: CRLF, LF and a lone CR each end a line, as editors count."""
    from glowlint.model import LineIndex
    from glowlint.reporters._ci import Sources

    source = "one\rtwo\r\nthree painless\nfour"
    sources = Sources(Report([], ["a.txt"], None, {"a.txt": source}))
    index = LineIndex(source)
    offset = source.index("painless")
    assert sources.position("a.txt", offset) == index.position(offset) == (3, 7)
    assert [sources.line("a.txt", n) for n in (1, 2, 3, 4)] == [
        "one", "two", "three painless", "four"]
    assert sources.line("a.txt", 5) is None and sources.position("a.txt", 99) is None


# -- issue 19, item 7: --output says what it wrote, and a missing folder is one line --------

ARGS = ("check", "--isolated", "--rules", str(PACK), "--select", SELECT)


def test_output_into_missing_folder_is_one_line_naming_it(site: Path) -> None:
    code, out, err = run(*ARGS, "--format", "sarif", "--output", "out/x.sarif", "pages")
    assert (code, out) == (2, "")
    assert err == "glowlint: out/x.sarif: cannot write the report: no folder 'out'\n"
    assert not (site / "out").exists()
    (site / "taken").write_text("a file\n")
    code, out, err = run(*ARGS, "--output", "taken/r.html", "pages")
    assert (code, err) == (
        2, "glowlint: taken/r.html: cannot write the report: 'taken' is not a folder\n")


def test_output_prints_one_line_on_stderr(site: Path) -> None:
    n = len(json.loads(check("json")[1]))
    code, out, err = run(*ARGS, "--format", "html", "--output", "report.html", "pages")
    assert (code, out) == (1, "")
    assert err == f"wrote report.html ({n} findings in 3 files)\n"
    assert (site / "report.html").read_text().startswith("<!DOCTYPE html>")
    code, out, err = run(*ARGS, "-q", "--output", "r.txt", "pages")
    assert (code, out, err) == (1, "", "")
