"""Progress on standard error: only on a terminal, outside CI, never when piped."""

from __future__ import annotations

import io
import itertools
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint import progress, runner
from glowlint.cli import cli
from glowlint.progress import Progress, wanted
from glowlint.run import Run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(("stderr", "stdout", "env", "to_file", "expected"), [
    (Terminal(), Terminal(), {}, False, True),
    (Terminal(), Terminal(), {"CI": "true"}, False, False),
    (Terminal(), Terminal(), {"CI": "1"}, False, False),
    (Terminal(), Terminal(), {"CI": "false"}, False, True),
    (Terminal(), Pipe(), {}, False, False),  # glowlint check | less
    (Terminal(), Pipe(), {}, True, True),  # --output report.html
    (Pipe(), Terminal(), {}, False, False),  # 2>log
    (object(), Terminal(), {}, False, False),  # no isatty at all
])
def test_wanted(stderr: object, stdout: object, env: dict[str, str], to_file: bool,
                expected: bool) -> None:
    assert wanted(stderr, stdout, env, to_file) is expected


def test_lines_after_the_delay_at_most_every_interval_then_erased() -> None:
    times = iter([0.0, 0.2, 0.6, 0.65, 0.8, 1.0, 1.0])
    out = Terminal()
    p = Progress(5, out, clock=lambda: next(times))
    assert list(p.each("abcde")) == list("abcde")
    p.close()
    assert out.getvalue() == (
        "\r\x1b[Kglowlint: 2/5 files (3 files/s)"  # 0.2 s: too early; 0.65 s: too soon
        "\r\x1b[Kglowlint: 4/5 files (5 files/s)"
        "\r\x1b[Kglowlint: 5/5 files (5 files/s)"  # the last one is always drawn
        "\r\x1b[K"
    )


def test_a_quick_run_draws_nothing() -> None:
    out = Terminal()
    p = Progress(3, out, clock=lambda: 0.0)
    list(p.each(range(3)))
    p.close()
    assert out.getvalue() == ""


def test_the_run_shows_progress_on_a_terminal(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.md").write_text("Gentle and effective.\n")
    clock = itertools.count(0.0, 1.0)
    monkeypatch.setattr(progress, "CLOCK", lambda: next(clock))
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    options = runner.Options(paths=[str(tmp_path)], jobs=1, progress=True)
    outcome = Run(options).collect()
    assert len(outcome.files) == 3
    assert err.getvalue() == (
        "\r\x1b[Kglowlint: 1/3 files (1 files/s)\r\x1b[Kglowlint: 2/3 files (1 files/s)"
        "\r\x1b[Kglowlint: 3/3 files (1 files/s)\r\x1b[K")


def test_never_in_captured_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    for i in range(3):
        Path(f"p{i}.md").write_text("Gentle and effective.\n")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "."], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "All clear: 3 files checked, no problems found.\n", "")
