"""Issue 20, item 4: every file glowlint reads for itself (baseline, configuration,
rule packs) is read only if it is a regular file, never past a size limit, with a
one-line error naming it; standard input is read up to a limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

PACK = Path(__file__).parent / "data" / "bad-input-rules.yaml"
ZERO = "/dev/zero"
needs_zero = pytest.mark.skipif(not os.path.exists(ZERO), reason="no /dev/zero")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")


def _cap_memory() -> None:  # a regression fails the test instead of the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def child(*args: str, stdin: int | None = None) -> tuple[int, bytes]:
    """glowlint in a child process with capped memory and a timeout: (status, stderr)."""
    proc = subprocess.run([sys.executable, "-m", "glowlint", *args], capture_output=True,
                          stdin=stdin, timeout=60, preexec_fn=_cap_memory,
                          env=os.environ.copy())
    return proc.returncode, proc.stderr


def run(*args: str, input: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("The zorblax cream.\n")
    return tmp_path


@needs_zero
def test_baseline_from_configuration_that_is_dev_zero(here: Path) -> None:
    (here / ".glowlint.yaml").write_text(f"extend-rules: ['{PACK}']\nbaseline: {ZERO}\n")
    assert child("check", "ok.md") == (
        2, b"glowlint: /dev/zero: cannot read the baseline: a device, not a regular file\n")


@needs_zero
def test_baseline_option_that_is_dev_zero(here: Path) -> None:
    assert child("check", "--isolated", "--baseline", ZERO, "ok.md") == (
        2, b"glowlint: /dev/zero: cannot read the baseline: a device, not a regular file\n")


@needs_fifo
@pytest.mark.parametrize("option, message", [
    ("--baseline", "cannot read the baseline: a named pipe, not a regular file"),
    ("--rules", "cannot read: a named pipe, not a regular file"),
    ("--config", "cannot read: a named pipe, not a regular file"),
])
def test_a_named_pipe_is_never_opened_for_reading_and_waited_on(
        here: Path, option: str, message: str) -> None:
    os.mkfifo("pipe.yaml")
    args = ("check", option, "pipe.yaml", "ok.md")
    if option != "--config":
        args = ("check", "--isolated", *args[1:])
    assert child(*args) == (2, f"glowlint: pipe.yaml: {message}\n".encode())


@needs_zero
def test_a_toml_configuration_that_is_dev_zero(here: Path) -> None:
    os.symlink(ZERO, "pyproject.toml")
    assert child("check", "--config", "pyproject.toml", "ok.md") == (
        2, b"glowlint: pyproject.toml: cannot read: a device, not a regular file\n")


def test_a_baseline_over_the_size_limit(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint import baseline

    monkeypatch.setattr(baseline, "MAX_SIZE", 2**20)
    Path("big.json").write_bytes(b" " * (2**20 + 1))
    assert run("check", "--isolated", "--baseline", "big.json", "ok.md") == (
        2, "glowlint: big.json: baseline too large (over 1 MB)\n")


def test_a_toml_configuration_over_the_size_limit(here: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint import config

    monkeypatch.setattr(config, "MAX_SIZE", 2**20)
    Path("big.toml").write_bytes(b"#" * (2**20 + 1))
    assert run("check", "--config", "big.toml", "ok.md") == (
        2, "glowlint: big.toml: too large for a configuration file (over 1 MB)\n")


@needs_zero
def test_check_reads_standard_input_up_to_the_limit(here: Path) -> None:
    with open(ZERO, "rb") as zero:
        assert child("check", "--isolated", "--max-file-size", "64k", "-", stdin=zero.fileno()) \
            == (0, b"glowlint: -: file too large (the limit is 64 kB: --max-file-size) (skipped)\n")


@needs_zero
def test_explain_reads_standard_input_up_to_the_limit(here: Path) -> None:
    with open(ZERO, "rb") as zero:
        assert child("explain", "-", stdin=zero.fileno()) == (
            2, b"glowlint: -: standard input too large (the limit is 10 MB)\n")


def test_stdin_just_over_the_limit_names_its_size(here: Path) -> None:
    import io

    from glowlint.safeio import read_stream

    assert read_stream(io.BytesIO(b"x" * 25), 10) == (b"x" * 10, 25)
    assert read_stream(io.BytesIO(b"x" * 10), 10) == (b"x" * 10, 10)
    assert read_stream(io.BytesIO(b"x" * 1000), 10, drain=2) == (b"x" * 10, None)
