"""Issue 20, item 11: Ctrl-C is "glowlint: interrupted" and exit status 130 in every
command (click's "Aborted!" exited 1, the status of findings)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glowlint import authoring, cli_rules, explain, rule_examples, serve, starter
from glowlint import run as run_module
from glowlint.cli import cli


def _interrupt(*args: Any, **kwargs: Any) -> Any:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("args", "where", "name"), [
    (["check", "--isolated", "."], run_module, "targets_of"),
    (["explain", "It is painless."], explain, "explain"),
    (["rules", "list"], cli_rules, "load_rules"),
    (["rules", "show", "painless"], authoring, "load_packs"),
    (["rules", "test"], rule_examples, "run_examples"),
    (["init", "x.yaml"], starter, "write_starter"),
    (["serve", "--port", "0"], serve, "make_server"),
], ids=["check", "explain", "rules-list", "rules-show", "rules-test", "init", "serve"])
def test_ctrl_c_in_every_command(args: list[str], where: Any, name: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(where, name, _interrupt)
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (130, "glowlint: interrupted\n")
    assert "Aborted" not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
@pytest.mark.parametrize("args", [["explain", "-"], ["check", "--isolated", "-"]],
                         ids=["explain", "check"])
def test_a_real_ctrl_c_while_reading_standard_input(args: list[str], tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "glowlint", *args], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    try:
        assert proc.stdin is not None
        proc.stdin.write(b"It is painless.\n")
        proc.stdin.flush()  # and left open: glowlint waits for the rest
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert (proc.returncode, err) == (130, b"glowlint: interrupted\n")


# -- item 13: an unreadable file named on the command line -----------------------------


@pytest.fixture()
def unprivileged(tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    """A command prefix that runs as a user without root's right to read anything, and a
    folder that user can use: as root, setpriv to 'nobody'; else nothing."""
    import shutil
    import tempfile

    if not hasattr(os, "getuid"):
        pytest.skip("file modes: POSIX only")
    if os.getuid() != 0:
        yield [], tmp_path
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root reads any file whatever its mode, and setpriv is missing")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import glowlint"],
                           capture_output=True, timeout=60)
    if probe.returncode != 0:  # e.g. an interpreter under /root (pyenv), closed to others
        last = (probe.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        pytest.skip(f"the unprivileged user cannot run this Python: {last}")
    folder = Path(tempfile.mkdtemp(prefix="glowlint-unpriv-"))
    folder.chmod(0o777)
    yield prefix, folder
    shutil.rmtree(folder)


def test_an_unreadable_named_file_is_a_notice_and_the_rest_are_linted(
        unprivileged: tuple[list[str], Path]) -> None:
    prefix, here = unprivileged
    for name in ("a.md", "b.md", "c.md"):
        (here / name).write_text("It is painless.\n")
        (here / name).chmod(0o644)
    (here / "b.md").chmod(0)
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "glowlint", "check", "--isolated", "--no-cache",
         "-f", "json", "a.md", "b.md", "c.md"],
        cwd=here, capture_output=True, timeout=60,
        env={**os.environ, "GLOWLINT_CACHE_DIR": str(here / "uc")})
    assert proc.stderr == b"glowlint: b.md: cannot read: Permission denied (error)\n"
    assert proc.returncode == 2
    assert proc.stdout.count(b'"rule": "painless"') == 2  # a.md and c.md
