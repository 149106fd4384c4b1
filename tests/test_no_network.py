"""glowlint makes no network call (SECURITY.md), readability included.

textstat is pinned to 0.7.8: later releases download NLTK data on the first
syllable count. These tests run a whole `glowlint check` (every built-in
rule, the readability metric on a text long enough to be measured, every
output format) with the network blocked, in process and in a fresh
interpreter where textstat is imported for the first time.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Plain, long, dense copy: over the metric's word minimum and hard to read.
LONG = (
    "Our comprehensive microdermabrasion methodology systematically exfoliates "
    "accumulated keratinocytes, substantially ameliorating superficial "
    "irregularities, hyperpigmentation and photodamage, notwithstanding "
    "considerable interindividual variability regarding dermatological "
    "responsiveness, cumulative treatment requirements and postprocedural "
    "recuperation. "
) * 12


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for example in EXAMPLES.iterdir():
        if example.suffix in (".md", ".html", ".txt"):
            (site / example.name).write_bytes(example.read_bytes())
    (site / "long.txt").write_text(LONG)
    return site


def test_textstat_is_the_pinned_offline_release() -> None:
    assert metadata.version("textstat") == "0.7.8"


def test_full_run_with_sockets_blocked(site: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    for name in ("connect", "connect_ex", "sendto", "sendall", "send"):
        monkeypatch.setattr(socket.socket, name, _refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr"):
        monkeypatch.setattr(socket, name, _refuse)
    for module in [m for m in sys.modules if m.split(".")[0] in ("textstat", "pyphen")]:
        monkeypatch.delitem(sys.modules, module)  # imported afresh under the block

    runner = CliRunner()
    for fmt in ("json", "text", "sarif", "html"):
        result = runner.invoke(cli, ["check", "--isolated", "--format", fmt, "--jobs", "1",
                                     "--exit-zero", "site"])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.exc_info
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["check", "--isolated", "-f", "json", "--jobs", "1", "site"])
    findings = json.loads(result.stdout)
    assert "readability" in {f["category"] for f in findings}  # textstat did run
    assert {f["path"] for f in findings} >= {"site/long.txt", "site/clinic-overclaims.html"}
    assert "textstat" in sys.modules
    assert "nltk" not in sys.modules


AUDIT = r"""
import sys

BLOCKED = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request",
           "http.client.connect", "ftplib.connect", "smtplib.connect")

def hook(event, args):
    if event.startswith("socket.") and args and str(getattr(args[0], "family", "")) in (
            "AddressFamily.AF_UNIX", "1"):
        return  # a Unix socket (the worker pool's fork server): this machine only
    if event in BLOCKED:
        sys.stderr.write(f"NETWORK {event} {args!r}\n")
        sys.stderr.flush()
        import os
        os._exit(99)

sys.addaudithook(hook)
from glowlint.cli import main
sys.argv = ["glowlint", *sys.argv[1:]]
main()
"""


def test_fresh_interpreter_under_an_audit_hook(site: Path, tmp_path: Path) -> None:
    """Every socket and URL event of the interpreter is fatal, in worker processes too
    (started from a fork server, which gets the hook from ``sitecustomize``)."""
    for i in range(70):  # enough files for worker processes (glowlint.parallel.MIN_PARALLEL)
        (site / f"page{i}.md").write_text("A painless peel with no downtime.\n")
    hooked = tmp_path / "hooked"
    hooked.mkdir()
    (hooked / "sitecustomize.py").write_text(AUDIT.split("from glowlint.cli import main")[0])
    proc = subprocess.run(
        [sys.executable, "-c", AUDIT, "check", "--isolated", "-f", "json", "--jobs", "2",
         "--no-cache", str(site)],
        capture_output=True, timeout=120, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "GLOWLINT_CACHE_DIR": str(tmp_path / "cache"),
             "HOME": str(tmp_path),
             "PYTHONPATH": f"{hooked}:{Path(__file__).resolve().parent.parent}"},
    )
    assert b"NETWORK" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr  # findings, no error
    categories = {f["category"] for f in json.loads(proc.stdout)}
    assert "readability" in categories


def test_the_audit_hook_does_catch_network_use(tmp_path: Path) -> None:
    """The harness itself: a lookup, in the process or in a forked child, is caught."""
    for snippet in ("import socket; socket.getaddrinfo('localhost', 80)",
                    "import os, socket\nif os.fork() == 0:\n"
                    "    socket.socket().connect(('127.0.0.1', 9))\nelse:\n"
                    "    os._exit(os.waitstatus_to_exitcode(os.wait()[1]))"):
        code = AUDIT.split("from glowlint.cli import main")[0] + snippet
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
        assert proc.returncode == 99 and b"NETWORK socket." in proc.stderr, proc.stderr
