"""One run (`run.Run`): the findings go to the report file by file, in the report's
order; standard input is one more input; reading a file is bounded in time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from run_helpers import count_lints

from glowlint import run as run_module
from glowlint.cli import cli
from glowlint.options import Options
from glowlint.readers import limit, markdown, read_text
from glowlint.rules import load_rules

CLAIM = "Our peel is completely painless.\n"


@pytest.fixture(scope="module")
def uk():  # type: ignore[no-untyped-def]
    return load_rules(profile="uk")




def test_findings_reach_the_report_before_the_next_files_are_linted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uk) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        (tmp_path / f"p{i:02}.md").write_text(CLAIM, encoding="utf-8")
    linted = count_lints(monkeypatch)
    run = run_module.Run(Options(paths=[str(tmp_path)], jobs=1), uk)
    findings = run.findings()
    first = next(findings)
    assert first.path == str(tmp_path / "p00.md")
    assert linted == [str(tmp_path / "p00.md")]  # the other 29 files are still to come
    per_file = run.outcome.findings
    assert per_file > 1 and not run.lines.keys() - {first.path}
    rest = list(findings)
    assert len(linted) == 30 and len(rest) == 30 * per_file - 1
    assert len(run.lines) == run_module.RECENT  # the lines of the last files only


def test_report_order_is_by_path_and_notices_in_discovery_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A walk gives blog/x.md before blog-post.md ('/' sorts after '-'); the report is
    sorted by path, as a report made of every finding at once was, and a path named
    twice is linted twice, its findings together."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "x.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "blog" / "bin.md").write_bytes(b"\0\1binary")
    (tmp_path / "blog-post.md").write_text("No downtime.\n" + CLAIM, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"\0binary")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "-f", "jsonl",
                                      "blog", "blog-post.md", "a.txt", "blog/x.md"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["path"], r["line"]) for r in rows] == sorted((r["path"], r["line"])
                                                            for r in rows)
    paths = [r["path"] for r in rows]
    assert list(dict.fromkeys(paths)) == ["blog-post.md", "blog/x.md"]
    once = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "-f", "jsonl",
                                    "blog/x.md"]).stdout.splitlines()
    assert paths.count("blog/x.md") == 2 * len(once)
    assert [json.loads(line) for line in once] == [r for r in rows if r["path"] == "blog/x.md"
                                                   ][::2]
    assert result.stderr.splitlines() == [
        "glowlint: blog/bin.md: binary file skipped (skipped)",
        "glowlint: a.txt: binary file skipped (skipped)",
    ]
    assert result.exit_code == 1


def test_standard_input_is_one_more_input_in_the_report_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "z.md").write_text(CLAIM, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--no-cache", "-f", "jsonl", "--stdin-filename", "m.md",
              "z.md", "-", "a.md"], input="It is painless.\n")
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert list(dict.fromkeys(paths)) == ["a.md", "m.md", "z.md"]
    assert result.exit_code == 1


def test_a_read_past_its_time_limit_stops_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader looks at the (injected) clock as it goes, not only at the end."""
    calls: list[float] = []

    def clock() -> float:
        calls.append(float(len(calls)))  # a second passes at every look
        return calls[-1]

    monkeypatch.setattr(limit, "CLOCK", clock)
    page = "\n\n".join(f"Paragraph {i} of the page." for i in range(4000))
    with limit.time_limit(3) as bound, pytest.raises(limit.ReadTimeout) as e:
        read_text(page, "big.md", "md")
    assert bound is not None and bound.expired
    assert e.value.message == "reading took longer than 3 s (--read-timeout); not checked"
    assert len(calls) == 5  # the start, then looks every EVERY pieces: 4000 would take 16
    calls.clear()
    with limit.time_limit(3):
        assert read_text("One paragraph.", "small.md", "md").copy.text == "One paragraph."
    assert len(calls) == 2  # the start, and the look when the copy is built


def test_a_slow_reader_is_a_notice_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fast.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "slow.md").write_text("SLOW\n\n" + CLAIM, encoding="utf-8")
    now = [0.0]
    monkeypatch.setattr(limit, "CLOCK", lambda: now[0])
    real = markdown.extract

    def slow_extract(source: str):  # type: ignore[no-untyped-def]
        if source.startswith("SLOW"):
            now[0] += 60.0  # a minute passes while this page is read
        return real(source)

    monkeypatch.setattr(markdown, "extract", slow_extract)
    args = ["check", "--isolated", "--no-cache", "--jobs", "1", "--read-timeout", "5", "."]
    result = CliRunner().invoke(cli, args)
    assert result.stderr == ("glowlint: slow.md: reading took longer than 5 s "
                             "(--read-timeout); not checked (skipped)\n")
    assert result.stdout.startswith("fast.md:1:")
    assert "(1 checked). 1 file not checked (slow.md: reading took longer than 5 s" \
        in result.stdout
    assert result.exit_code == 1
    assert CliRunner().invoke(cli, [*args, "--strict-inputs"]).exit_code == 2
    again = CliRunner().invoke(cli, [*args[:-2], "0", "."])  # no limit: both read
    assert again.stderr == "" and "in 2 files (2 checked)" in again.stdout


def test_files_are_linted_in_the_report_order_so_none_waits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uk) -> None:  # type: ignore[no-untyped-def]
    """`glowlint check site/ about.md`: were files linted as found, the findings of the
    whole folder would wait in memory for about.md's, which the report shows first."""
    (tmp_path / "site").mkdir()
    for i in range(20):
        (tmp_path / "site" / f"p{i:02}.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "about.md").write_text(CLAIM, encoding="utf-8")
    paths = [str(tmp_path / "site"), str(tmp_path / "about.md")]
    linted = count_lints(monkeypatch)
    run = run_module.Run(Options(paths=paths, jobs=1, fmt="junit"), uk)
    findings = run.findings()
    first = next(findings)
    assert first.path == str(tmp_path / "about.md")
    assert linted == [str(tmp_path / "about.md")]
    rest = list(findings)
    assert len(rest) + 1 == run.outcome.findings and run.outcome.findings % 21 == 0
    assert run.files[0] == str(tmp_path / "site" / "p00.md")  # named in discovery order
    assert run.files[-1] == str(tmp_path / "about.md") and len(run.files) == 21
