"""Issue 20, item 9: --output and --write-baseline replace only regular files (or make
new ones); a pipe or a device is written through, never replaced; a symbolic link and
a file being linted are refused before anything is written."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from glowlint.cli import cli

PAGE = "It is painless.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", *args],
                                catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text(PAGE)
    return tmp_path


def _drain(path: str, got: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@needs_fifo
@pytest.mark.parametrize("via_link", [False, True], ids=["fifo", "link-to-fifo"])
def test_a_pipe_is_written_through(here: Path, via_link: bool) -> None:
    os.mkfifo("pipe")
    target = "pipe"
    if via_link:  # what a shell's >(...) names: /dev/fd/63, a link to a pipe
        os.symlink("pipe", "fd63")
        target = "fd63"
    got: list[bytes] = []
    reader = _drain("pipe", got)
    status, _, err = run("-f", "json", "-o", target, "p.md")
    reader.join(10)
    assert status == 1, err
    assert b'"rule": "painless"' in got[0]
    assert stat.S_ISFIFO(os.lstat("pipe").st_mode)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="making a device node needs root")
def test_a_device_is_written_through_never_replaced(here: Path) -> None:
    os.mknod("null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's twin
    assert run("-o", "null", "p.md")[0] == 1
    assert run("--write-baseline", "null", "p.md")[0] == 0
    assert stat.S_ISCHR(os.lstat("null").st_mode)


def test_a_symbolic_link_is_refused(here: Path) -> None:
    (here / "real.html").write_text("keep me\n")
    os.symlink("real.html", "r.html")
    for option, what in (("-o", "the report"), ("--write-baseline", "the baseline")):
        status, out, err = run(option, "r.html", "p.md")
        assert (status, out) == (2, "")
        assert err == (f"glowlint: r.html: cannot write {what}: a symbolic link; name the "
                       "file it points to\n")
    assert os.path.islink("r.html") and (here / "real.html").read_text() == "keep me\n"


def test_a_dangling_link_is_refused(here: Path) -> None:
    os.symlink(here / "nowhere" / "x", "r.json")
    assert run("-o", "r.json", "p.md")[:2] == (2, "")
    assert not (here / "nowhere").exists()


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_file_being_linted_is_refused(here: Path, option: str) -> None:
    os.link("p.md", "same.md")  # the same file by another name
    for name in ("p.md", "same.md"):
        status, _, err = run(option, name, ".")
        assert status == 2
        assert err.endswith("it is a file being linted (p.md)\n")
    assert (here / "p.md").read_text() == PAGE
    assert run(option, "other.json", "p.md")[0] in (0, 1)  # a new file is fine


# -- item 14: --fix keeps the file's owner, extended attributes and hard links -----------

FIXED = "Usually only mildly uncomfortable.\n"


def test_fix_keeps_hard_links(here: Path) -> None:
    (here / "a.txt").write_text("Painless.\n")
    os.link("a.txt", "b.txt")
    inode = os.stat("a.txt").st_ino
    assert run("--fix", "a.txt")[0] == 0
    assert (here / "b.txt").read_text() == FIXED  # the other name sees the fix
    assert os.stat("a.txt").st_ino == inode and os.stat("a.txt").st_nlink == 2
    assert [p.name for p in here.iterdir() if "glowlint" in p.name] == []  # no copy left


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="giving a file to another user needs root")
def test_fix_keeps_the_owner(here: Path) -> None:
    page = here / "page.txt"
    page.write_text("Painless.\n")
    os.chown(page, 65534, 65534)
    page.chmod(0o640)
    assert run("--fix", "page.txt")[0] == 0
    st = page.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert page.read_text() == FIXED


def test_fix_keeps_extended_attributes(here: Path) -> None:
    page = here / "page.txt"
    page.write_text("Painless.\n")
    try:
        os.setxattr(page, "user.glowlint.test", b"kept")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    assert run("--fix", "page.txt")[0] == 0
    assert os.getxattr(page, "user.glowlint.test") == b"kept"
    assert page.read_text() == FIXED


def test_an_in_place_write_that_fails_puts_the_old_text_back(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glowlint import fixwrite

    (here / "a.txt").write_text("Painless.\n")
    os.link("a.txt", "b.txt")
    real_put = fixwrite._put
    calls: list[bytes] = []

    def failing_put(path: Path, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 1:  # the fix: half written, then the disk is full
            with open(path, "r+b") as fh:
                fh.write(data[:5])
            raise OSError(28, "No space left on device")
        real_put(path, data)

    monkeypatch.setattr(fixwrite, "_put", failing_put)
    status, _, err = run("--fix", "a.txt")
    assert err == ("glowlint: a.txt: cannot write (No space left on device), fixes not "
                   "applied (skipped)\n")
    assert (here / "b.txt").read_text() == "Painless.\n"
    assert [p.name for p in here.iterdir() if "glowlint" in p.name] == []
