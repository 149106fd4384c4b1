"""The bad-input matrix (issue 7): every file a website repository can hold.

Each case drives the real CLI (`glowlint check`, in process) next to a good
file, and checks the exact outcome: the one-line notice on standard error
(naming the file and the reason), the exit status, and that the good file
was still linted. Only the rule of ``tests/data/bad-input-rules.yaml`` runs
(``--select bi-zorblax``), so the outcomes do not depend on the built-in packs.

Decisions these tests pin down (SECURITY.md "What glowlint reads"):

- text is UTF-8 (a BOM is allowed and is not counted in columns) or UTF-16
  with a BOM; anything else that is not valid UTF-8 is an error naming the
  byte offset and line (exit 2), never a guess;
- a NUL byte in the first 8 kB means binary: skipped with a notice (not an
  error, also when the file is named on the command line);
- lines end at CRLF, LF or a lone CR, as editors count them;
- a file over ``--max-file-size`` (default 10 MB) is skipped with a notice
  without being read.
"""

from __future__ import annotations

import builtins
import codecs
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from glowlint.cli import cli

PACK = Path(__file__).parent / "data" / "bad-input-rules.yaml"
GOOD = b"The zorblax cream.\n"  # one finding: line 1, columns 5-12
GOOD_FINDING = (1, 5, 1, 12, "zorblax")

@pytest.fixture(autouse=True)
def _only_our_rules(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in packs play no part here (and loading them would cost most of the time);
    the rule-set cache goes to one folder for these tests, not to the home folder."""
    monkeypatch.setattr("glowlint.rules.builtin_packs", lambda: [])
    monkeypatch.setenv("GLOWLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rule-cache"))


@pytest.fixture
def fast_tmp(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory when the system has one: creating many files stays fast."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="glowlint-test-", dir=shm))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging (POSIX, main thread)."""
    def expired(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def glowlint(*args: str, input: bytes | None = None) -> Result:
    result = CliRunner().invoke(
        cli,
        ["check", "--isolated", "--rules", str(PACK), "--select", "bi-zorblax", "-f", "json",
         *args],
        input=input,
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("glowlint raised") from result.exception
    return result


def found(result: Result) -> list[tuple[Any, ...]]:
    """(path, line, column, end_line, end_column, match) of every finding."""
    return [
        (f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["match"])
        for f in json.loads(result.stdout)
    ]


def write(path: str | Path, data: bytes) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a fresh folder, with ok.md (one finding) beside the case."""
    monkeypatch.chdir(tmp_path)
    write("ok.md", GOOD)
    return tmp_path


def only_ok(result: Result) -> None:
    assert found(result) == [("ok.md", *GOOD_FINDING)]


# -- empty and blank -------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.md", "empty.html", "empty.txt", "empty.mdx"])
def test_empty_file_is_linted_and_clean(here: Path, name: str) -> None:
    write(name, b"")
    result = glowlint(name, "ok.md")
    assert (result.exit_code, result.stderr) == (1, "")
    only_ok(result)
    alone = glowlint(name, "--format", "text")
    assert (alone.exit_code, alone.stderr) == (0, "")
    assert "All clear: 1 file checked" in alone.stdout


@pytest.mark.parametrize("name", ["blank.md", "blank.html", "blank.txt"])
def test_whitespace_only_file_is_linted_and_clean(here: Path, name: str) -> None:
    write(name, b" \t\n\n   \r\n\r\xc2\xa0\xe2\x80\x83\n\f\v")
    result = glowlint(name, "ok.md")
    assert (result.exit_code, result.stderr) == (1, "")
    only_ok(result)


# -- binary ----------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def test_binary_with_text_extension_in_folder_is_skipped(here: Path) -> None:
    write("site/logo.md", PNG)
    write("site/page.md", GOOD)
    result = glowlint("site")
    assert result.exit_code == 1  # the finding in page.md; the skip is not an error
    assert result.stderr == "glowlint: site/logo.md: binary file skipped (skipped)\n"
    assert found(result) == [("site/page.md", *GOOD_FINDING)]


def test_binary_alone_is_a_skip_not_an_error(here: Path) -> None:
    write("assets/photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(300))
    folder = glowlint("assets")
    assert (folder.exit_code, folder.stderr) == (
        0, "glowlint: assets/photo.html: binary file skipped (skipped)\n")
    named = glowlint("assets/photo.html")  # named on the command line: the same
    assert (named.exit_code, named.stderr) == (
        0, "glowlint: assets/photo.html: binary file skipped (skipped)\n")
    assert found(named) == []


# -- encodings -------------------------------------------------------------------


def test_invalid_utf8_names_byte_and_line_and_others_are_linted(here: Path) -> None:
    write("latin1.md", "Intro.\n\nCafé zorblax.\n".encode("cp1252"))
    result = glowlint("latin1.md", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "glowlint: latin1.md: not valid UTF-8 at byte 11 (line 3); save the file as UTF-8 "
        "(error)\n"
    )
    only_ok(result)


def test_invalid_utf8_on_stdin(here: Path) -> None:
    result = glowlint("--stdin-filename", "page.md", "-", input=b"Caf\xe9 zorblax")
    assert result.exit_code == 2
    assert result.stderr == (
        "glowlint: page.md: not valid UTF-8 at byte 3 (line 1); save the file as UTF-8 (error)\n"
    )


def test_truncated_utf8_sequence_at_end(here: Path) -> None:
    write("cut.txt", "The zorblax crè".encode()[:-1])  # the file ends inside "è"
    result = glowlint("cut.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "glowlint: cut.txt: not valid UTF-8 at byte 14 (line 1); save the file as UTF-8 "
        "(error)\n"
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_and_positions_are_code_points(here: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "Intro 😀 é.\r\nThe zorblax cream 😀 zorblax.\r\n"
    write("wide.txt", bom + text.encode(codec))
    result = glowlint("wide.txt")
    assert (result.exit_code, result.stderr) == (1, "")
    assert found(result) == [
        ("wide.txt", 2, 5, 2, 12, "zorblax"),
        ("wide.txt", 2, 21, 2, 28, "zorblax"),  # the emoji is one column
    ]


def test_utf16_without_bom_is_binary(here: Path) -> None:
    write("nobom.txt", "The zorblax cream.".encode("utf-16-le"))
    result = glowlint("nobom.txt", "ok.md")
    assert result.exit_code == 1
    assert result.stderr == "glowlint: nobom.txt: binary file skipped (skipped)\n"
    only_ok(result)


def test_invalid_utf16_names_the_byte_and_line(here: Path) -> None:
    write("broken16.txt", codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8a\x00")
    result = glowlint("broken16.txt", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: broken16.txt: not valid UTF-16 at byte 6 (line 1) (error)\n"
    only_ok(result)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_invalid_utf16_on_a_later_line(here: Path, codec: str) -> None:
    """Issue 20, item 15: the line counts CRLF, LF and a lone CR, as editors do."""
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    lone = "\ud800".encode(codec, "surrogatepass")
    write("broken16.txt", bom + "a\r\nb\nc\rd ".encode(codec) + lone + "x".encode(codec))
    result = glowlint("broken16.txt", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: broken16.txt: not valid UTF-16 at byte 20 (line 4) (error)\n"
    only_ok(result)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_read(here: Path, codec: str) -> None:
    """Issue 20, item 15: a UTF-32 LE file was decoded as UTF-16 (and passed)."""
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    text = "Intro 😀 é.\r\nThe zorblax cream 😀 zorblax.\r\n"
    write("wide.txt", bom + text.encode(codec))
    result = glowlint("wide.txt")
    assert (result.exit_code, result.stderr) == (1, "")
    assert found(result) == [
        ("wide.txt", 2, 5, 2, 12, "zorblax"),
        ("wide.txt", 2, 21, 2, 28, "zorblax"),
    ]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_invalid_utf32_names_the_byte_and_line(here: Path, codec: str) -> None:
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    bad = (0x110000).to_bytes(4, "little" if codec.endswith("le") else "big")
    write("broken32.txt", bom + "a\nb".encode(codec) + bad)
    result = glowlint("broken32.txt", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: broken32.txt: not valid UTF-32 at byte 16 (line 2) (error)\n"
    only_ok(result)


def test_utf32_fix_keeps_the_encoding(here: Path) -> None:
    from glowlint.fix_apply import decode_bytes

    data = codecs.BOM_UTF32_LE + "The cream.\n".encode("utf-32-le")
    text, enc = decode_bytes(data, "wide.txt")
    assert (text, enc.encode(text)) == ("The cream.\n", data)


@pytest.mark.parametrize("name", ["bom.md", "bom.html", "bom.txt"])
def test_utf8_bom_is_not_counted_in_columns(here: Path, name: str) -> None:
    write(name, codecs.BOM_UTF8 + b"The zorblax cream.\n")
    result = glowlint(name)
    assert (result.exit_code, result.stderr) == (1, "")
    assert found(result) == [(name, 1, 5, 1, 12, "zorblax")]


# -- line endings ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.md", "page.html", "page.txt"])
@pytest.mark.parametrize(
    "eol", ["\r\n", "\r", "\n"], ids=["crlf", "lone-cr", "lf"]
)
def test_line_endings_count_as_editors_count_them(here: Path, name: str, eol: str) -> None:
    text = eol.join(["Title", "", "The zorblax cream.", "", "More  zorblax.", ""])
    write(name, text.encode())
    result = glowlint(name)
    assert (result.exit_code, result.stderr) == (1, "")
    assert found(result) == [(name, 3, 5, 3, 12, "zorblax"), (name, 5, 7, 5, 14, "zorblax")]


def test_mixed_line_endings(here: Path) -> None:
    write("mixed.txt", b"one\r\ntwo\rthree\nfour\r\rThe zorblax.\n")
    result = glowlint("mixed.txt")
    assert found(result) == [("mixed.txt", 6, 5, 6, 12, "zorblax")]


def test_text_report_shows_the_crlf_line_without_its_cr(here: Path) -> None:
    write("win.md", b"Title\r\n\r\nThe zorblax cream.\r\n")
    result = glowlint("win.md", "--format", "text")
    assert result.exit_code == 1
    assert "3 | The zorblax cream.\n" in result.stdout
    assert "\r" not in result.stdout


# -- size ------------------------------------------------------------------------


def test_50_mb_file_is_skipped_without_being_read(here: Path, fast_tmp: Path) -> None:
    big = fast_tmp / "export.md"
    line = b"The zorblax cream is gentle on every skin.\n"
    with big.open("wb") as fh:
        fh.write(line * (50 * 2**20 // len(line) + 1))
    assert big.stat().st_size > 50 * 2**20
    glowlint("ok.md")  # rules loaded before memory is measured

    def peak_memory(*args: str) -> tuple[Result, int]:
        tracemalloc.start()
        try:
            return glowlint(*args), tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    result, peak = peak_memory(str(big), "ok.md")
    _, peak_without = peak_memory("ok.md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"glowlint: {big}: file too large (50 MB, the limit is 10 MB: --max-file-size) "
        "(skipped)\n"
    )
    only_ok(result)
    assert peak - peak_without < 2**20  # memory follows the files linted, not those skipped


def test_size_limit_is_configurable_and_inclusive(here: Path) -> None:
    write("page.txt", b"The zorblax cream." + b" " * 1006)  # exactly 1 kB
    at = glowlint("--max-file-size", "1k", "page.txt")
    assert (at.exit_code, at.stderr) == (1, "")
    over = glowlint("--max-file-size", "1023", "page.txt", "ok.md")
    assert over.exit_code == 1
    assert over.stderr == (
        "glowlint: page.txt: file too large (1 kB, the limit is 1023 bytes: --max-file-size) "
        "(skipped)\n"
    )
    only_ok(over)
    unlimited = glowlint("--max-file-size", "0", "page.txt")
    assert found(unlimited) == [("page.txt", 1, 5, 1, 12, "zorblax")]


def test_bad_size_is_a_usage_error(here: Path) -> None:
    result = glowlint("--max-file-size", "ten", "ok.md")
    assert result.exit_code == 2
    assert "Invalid value for '--max-file-size': not a size: 'ten'" in result.stderr


def test_endless_device_is_bounded_by_the_size_limit(here: Path) -> None:
    """/dev/zero has no size and no end: read at most the limit (in a child process whose
    memory is capped, so that a regression fails this test instead of the machine)."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")

    def cap_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    proc = subprocess.run(
        [sys.executable, "-m", "glowlint", "check", "--isolated", "--rules", str(PACK),
         "--select", "bi-zorblax", "-f", "json", "--max-file-size", "64k", "/dev/zero", "ok.md"],
        capture_output=True, timeout=120, preexec_fn=cap_memory, env=os.environ.copy(),
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == (
        b"glowlint: /dev/zero: file too large (the limit is 64 kB: --max-file-size) (skipped)\n"
    )
    assert [f["path"] for f in json.loads(proc.stdout)] == ["ok.md"]


def test_stdin_over_the_size_limit_is_skipped(here: Path) -> None:
    result = glowlint("--max-file-size", "10", "--stdin-filename", "in.md", "-",
                      input=b"The zorblax cream.")
    assert (result.exit_code, found(result)) == (0, [])
    assert result.stderr == (
        "glowlint: in.md: file too large (18 bytes, the limit is 10 bytes: --max-file-size) "
        "(skipped)\n"
    )


def test_size_limit_in_the_python_api(here: Path) -> None:
    from glowlint import lint_paths
    from glowlint.rules import load_rules

    rules = load_rules([PACK], builtin=False)
    result = lint_paths(["ok.md"], rules=rules, max_file_size=10)
    assert (result.files, result.findings) == ([], [])
    assert [(n.path, n.message, n.error) for n in result.notices] == [
        ("ok.md", "file too large (19 bytes, the limit is 10 bytes: --max-file-size)", False)]
    assert len(lint_paths(["ok.md"], rules=rules).findings) == 1


def test_single_5_mb_line(here: Path) -> None:
    # minified HTML: one line, 5 MB
    unit = "<section><h2>Our cream</h2><p>" + "It is gentle and kind. " * 40 + "</p></section>"
    n = 5 * 2**20 // len(unit)
    head = "<p>The zorblax cream.</p>"
    write("minified.html", (head + unit * n + head).encode())
    result = glowlint("minified.html")
    assert (result.exit_code, result.stderr) == (1, "")
    last = len(head) + n * len(unit) + 8
    assert found(result) == [
        ("minified.html", 1, 8, 1, 15, "zorblax"),
        ("minified.html", 1, last, 1, last + 7, "zorblax"),
    ]


def test_single_5_mb_line_of_plain_text(here: Path) -> None:
    words = "lorem ipsum dolor sit amet " * (5 * 2**20 // 27)  # a 5 MB sentence
    write("dump.txt", f"zorblax {words}. The zorblax".encode())
    result = glowlint("dump.txt")
    end = 8 + len(words) + 7
    assert found(result) == [
        ("dump.txt", 1, 1, 1, 8, "zorblax"),
        ("dump.txt", 1, end, 1, end + 7, "zorblax"),
    ]


# -- markup ----------------------------------------------------------------------


def test_deeply_nested_html(here: Path) -> None:
    depth = 50_000
    write("deep.html", b"<div>" * depth + b"The zorblax cream." + b"</div>" * depth)
    with time_limit(20):
        result = glowlint("deep.html")
    assert found(result) == [("deep.html", 1, 5 * depth + 5, 1, 5 * depth + 12, "zorblax")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # an element never closed: its text is still copy
        ("<p>The zorblax <b>cream", [(1, 8)]),
        # a tag never closed is text, not a tag that swallows the page
        ("<div class='x'\n<p>The zorblax cream.</p>", [(2, 8)]),
        ("<a href=\"x\n<p>The zorblax cream.</p>", [(2, 8)]),
        # a comment or script never closed hides the rest, as in a browser
        ("<p>zorblax</p><!-- zorblax", [(1, 4)]),
        ("<p>zorblax</p><script>var zorblax", [(1, 4)]),
        ("<p>zorblax</p><style>zorblax", [(1, 4)]),
        ("<title>zorblax", [(1, 8)]),
        ("</p></div></body>zorblax</html>", [(1, 18)]),
        ("<<<>>>zorblax<<", [(1, 7)]),
    ],
)
def test_unclosed_html(here: Path, source: str, expected: list[tuple[int, int]]) -> None:
    write("broken.html", source.encode())
    result = glowlint("broken.html")
    assert result.stderr == ""
    assert [(line, col) for _, line, col, *_ in found(result)] == expected


@pytest.mark.parametrize(
    "source",
    [
        "<div " * 10_000,
        "<div" * 10_000,
        '<a title="x ' * 10_000,
        "<!x " * 10_000,
        "<p>" * 50_000,
        "&amp" * 25_000,
    ],
    ids=["open-tags", "open-tags-no-space", "open-quotes", "bogus-comments", "open-p", "amp"],
)
def test_pathological_html_is_linear(here: Path, source: str) -> None:
    write("bad.html", (source + "The zorblax cream.").encode())
    with time_limit(10):  # quadratic, this would take minutes
        result = glowlint("bad.html")
    assert result.exit_code in (0, 1)


@pytest.mark.parametrize(
    "source",
    ["[" * 20_000, "![x " * 10_000, "<http:" * 10_000, "][" * 10_000, "`` `a " * 10_000,
     "<div " * 10_000],
    ids=["brackets", "images", "autolinks", "refs", "backticks", "open-tags"],
)
def test_pathological_markdown_line_is_linear(here: Path, source: str) -> None:
    write("bad.md", (source + " The zorblax cream.").encode())
    with time_limit(10):  # quadratic, this would take minutes
        result = glowlint("bad.md")
    assert result.exit_code in (0, 1)


# Each construct at a size n; doubling n must at most about double the time of
# reading it (issue 20, item 1). The first four are the red-team's: a run of
# backticks (cubic), a table delimiter line, a heading's closing sequence and a
# front matter value, each a long run of spaces that a regex shared out
# between two repetitions (quadratic).
GROWING: dict[str, tuple[str, Any]] = {
    "md-backtick-run": ("md", lambda n: "x " + "`" * n + "\n"),
    "md-table-delimiter": ("md", lambda n: "a | b\n" + " " * n + "x\n"),
    "md-heading-tail": ("md", lambda n: "# x" + " " * n + "y \n"),
    "md-front-matter": ("md", lambda n: "---\ntitle: a" + " " * n + "b\n---\n"),
    "md-toml-front-matter": ("md", lambda n: "+++\ntitle = a" + "\t" * n + "b\n+++\n"),
    "md-backtick-runs": ("md", lambda n: "x " + "``` `` ` " * (n // 9) + "\n"),
    "md-backtick-descending": ("md", lambda n: "x" + "".join(
        " " + "`" * k for k in range(int((2 * n) ** 0.5), 0, -1)) + "\n"),
    "md-table-delimiter-tail": ("md", lambda n: "a | b\n|---" + " " * n + "x\n"),
    "md-heading-hashes": ("md", lambda n: "# x" + " #" * (n // 2) + " y\n"),
    "md-quote-heading": ("md", lambda n: "> # x" + " " * n + "#x\n"),
    "md-table-cells": ("md", lambda n: "a | b\n--|--\n" + "`x| " * (n // 4) + "\n"),
    "md-brackets": ("md", lambda n: "[" * n + "\n"),
    "md-images": ("md", lambda n: "![x " * (n // 4) + "\n"),
    "md-autolinks": ("md", lambda n: "<http:" * (n // 6) + "\n"),
    "md-open-tags": ("md", lambda n: "<div " * (n // 5) + "\n"),
    "html-open-tags": ("html", lambda n: "<div " * (n // 5)),
    "html-open-quotes": ("html", lambda n: '<a title="x ' * (n // 12)),
    "html-bogus-comments": ("html", lambda n: "<!x " * (n // 4)),
    "html-amp": ("html", lambda n: "&amp" * (n // 4)),
    "txt-spaces": ("txt", lambda n: "x" + " " * n + "y\n"),
}


def reading_time(source: str, fmt: str, repeat: int) -> float:
    """The CPU time of reading ``source`` ``repeat`` times."""
    from glowlint.readers import read_text

    gc.disable()
    try:
        start = time.thread_time()  # the CPU time of this thread: other processes do not count
        for _ in range(repeat):
            read_text(source, "x", fmt)
        return time.thread_time() - start
    finally:
        gc.enable()


def growth(make: Any, fmt: str, n: int) -> float:
    """How much longer reading takes when the construct is twice as long (best of 7 each)."""
    small, large = make(n), make(2 * n)
    once = reading_time(small, fmt, 1)
    repeat = max(1, int(0.002 / max(once, 1e-6)))  # a few ms a timing: less noise
    times: dict[str, float] = {small: float("inf"), large: float("inf")}
    for _ in range(7):
        for source in (small, large):  # in turn: a busy moment slows both
            times[source] = min(times[source], reading_time(source, fmt, repeat))
    return times[large] / times[small]


@pytest.mark.parametrize("name", sorted(GROWING))
def test_readers_are_linear_in_each_construct(name: str) -> None:
    """Twice the input takes at most ~2.5 times as long (a quadratic reader: 4, cubic: 8).

    Sizes stay small (the red-team's inputs ran for hours): the ratio tells a
    quadratic reader from a linear one at any size, whatever the machine.
    """
    fmt, make = GROWING[name]
    with time_limit(60):
        ratio = growth(make, fmt, 2048)
        if ratio > 2.5:  # a busy machine: measure again before failing
            ratio = min(ratio, growth(make, fmt, 2048))
    assert ratio <= 2.5, f"{name}: twice the input took {ratio:.1f} times as long"


def test_readers_keep_positions_on_the_linear_constructs(here: Path) -> None:
    """The copy after each construct is found, at its exact place."""
    for name, (fmt, make) in sorted(GROWING.items()):
        source = make(64) + (">" if fmt == "html" else "") + "\n\nThe zorblax cream.\n"
        write(f"case.{fmt}", source.encode())
        result = glowlint(f"case.{fmt}")
        line = source.count("\n")  # the last line
        assert found(result) == [(f"case.{fmt}", line, 5, line, 12, "zorblax")], name


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # front matter never closed: a thematic break, then the text
        ("---\ntitle: The zorblax cream\n", [(2, 12)]),
        # closed, but not YAML: read line by line, never parsed, never an error
        ('---\ntitle: "The zorblax: [\n\t: : bad\n---\nBody zorblax.\n', [(2, 13), (5, 6)]),
        ("---\n---\nzorblax\n", [(3, 1)]),
        ("+++\ntitle = 'zorblax'\n+++\n", [(2, 10)]),
        ("---\ndescription: >\n  The zorblax\n  cream\n---\n", [(3, 7)]),
        ("---\n" + "title: x\n" * 20_000 + "zorblax\n", [(20_002, 1)]),
    ],
    ids=["unclosed", "not-yaml", "empty", "toml", "folded", "long-unclosed"],
)
def test_malformed_front_matter(here: Path, source: str, expected: list[tuple[int, int]]) -> None:
    write("post.md", source.encode())
    result = glowlint("post.md")
    assert result.stderr == ""
    assert [(line, col) for _, line, col, *_ in found(result)] == expected


# -- the file system -------------------------------------------------------------


def test_symlink_loop_in_a_folder_does_not_hang(here: Path) -> None:
    write("site/page.md", GOOD)
    os.symlink(".", "site/loop")  # site/loop/loop/loop/...
    os.makedirs("site/sub")
    os.symlink("..", "site/sub/up")
    os.symlink("self.md", "site/self.md")  # a link to itself
    os.symlink("a.md", "site/b.md")
    os.symlink("b.md", "site/a.md")  # two links to each other
    with time_limit(10):
        result = glowlint("site")
    assert result.exit_code == 1  # links to folders are never followed; file loops are skipped
    assert result.stderr == (
        "glowlint: site/a.md: symbolic link loop skipped (skipped)\n"
        "glowlint: site/b.md: symbolic link loop skipped (skipped)\n"
        "glowlint: site/self.md: symbolic link loop skipped (skipped)\n"
    )
    assert found(result) == [("site/page.md", *GOOD_FINDING)]  # once, not once per loop


def test_symlink_loop_named_on_the_command_line_is_skipped(here: Path) -> None:
    os.symlink("self.md", "self.md")
    result = glowlint("self.md", "ok.md")
    assert result.exit_code == 1
    assert result.stderr == "glowlint: self.md: symbolic link loop skipped (skipped)\n"
    only_ok(result)


def test_dangling_link_in_a_folder_is_not_a_file(here: Path) -> None:
    write("site/page.md", GOOD)
    os.symlink("gone.md", "site/old.md")
    result = glowlint("site")
    assert (result.exit_code, result.stderr) == (1, "")
    assert found(result) == [("site/page.md", *GOOD_FINDING)]


def test_unreadable_file_is_an_error_and_others_are_linted(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("secret.md", GOOD)
    real_open = builtins.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result = glowlint("secret.md", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: secret.md: cannot read: Permission denied (error)\n"
    only_ok(result)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any file whatever its mode; the test above covers it")
def test_unreadable_file_by_permissions(here: Path) -> None:
    secret = write("site/secret.md", GOOD)
    write("site/page.md", GOOD)
    secret.chmod(0)
    try:
        result = glowlint("site")
    finally:
        secret.chmod(0o644)
    assert result.exit_code == 2
    assert result.stderr == "glowlint: site/secret.md: cannot read: Permission denied (error)\n"
    assert found(result) == [("site/page.md", *GOOD_FINDING)]


def _lock(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave as a folder of mode 000 does for a user who is not root
    (we run as root, who reads any folder): it cannot be listed, nor anything in it
    looked at."""
    locked = str(folder.resolve())
    real_scandir, real_stat = os.scandir, os.stat

    def inside(path: Any) -> bool:
        p = os.path.abspath(os.fsdecode(path)) if not isinstance(path, int) else ""
        return p.startswith(locked + os.sep)

    def scandir(path: Any = ".") -> Any:
        if os.path.abspath(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if inside(path):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


def test_unreadable_folder_is_named_and_the_walk_goes_on(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20, item 5: `chmod 000 d` stopped the run (PermissionError on d/.gitignore)."""
    write("site/a.md", GOOD)
    write("site/locked/secret.md", GOOD)
    write("site/zz/page.md", GOOD)
    _lock(monkeypatch, Path("site/locked"))
    result = glowlint("site")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: site/locked: cannot read folder: Permission denied (error)\n"
    assert found(result) == [("site/a.md", *GOOD_FINDING), ("site/zz/page.md", *GOOD_FINDING)]


def test_unreadable_folder_named_on_the_command_line(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("locked/secret.md", GOOD)
    _lock(monkeypatch, Path("locked"))
    result = glowlint("locked", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: locked: cannot read folder: Permission denied (error)\n"
    only_ok(result)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any folder whatever its mode; the tests above cover it")
def test_unreadable_folder_by_permissions(here: Path) -> None:
    write("site/locked/secret.md", GOOD)
    write("site/page.md", GOOD)
    Path("site/locked").chmod(0)
    try:
        result = glowlint("site")
    finally:
        Path("site/locked").chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == "glowlint: site/locked: cannot read folder: Permission denied (error)\n"
    assert found(result) == [("site/page.md", *GOOD_FINDING)]


def test_missing_path_is_an_error_and_others_are_linted(here: Path) -> None:
    result = glowlint("nope.md", "ok.md")
    assert result.exit_code == 2
    assert result.stderr == "glowlint: nope.md: no such file or folder (error)\n"
    only_ok(result)


def test_path_with_spaces_and_non_ascii(here: Path) -> None:
    write("Dossier été/crème zorblax ✨.md", GOOD)
    write("Dossier été/vieux café.txt", "Café".encode("cp1252"))
    result = glowlint("Dossier été")
    assert result.exit_code == 2
    assert found(result) == [("Dossier été/crème zorblax ✨.md", *GOOD_FINDING)]
    assert result.stderr == (
        "glowlint: Dossier été/vieux café.txt: not valid UTF-8 at byte 3 (line 1); save the "
        "file as UTF-8 (error)\n"
    )
    text = glowlint("--format", "text", "Dossier été/crème zorblax ✨.md")
    assert "Dossier été/crème zorblax ✨.md:1:5: error[bi-zorblax]" in text.stdout


def test_folder_of_10000_files(fast_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fast_tmp)
    os.mkdir("many")
    for i in range(10_000):
        fd = os.open(f"many/p{i:05d}.md", os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, GOOD if i % 1000 == 0 else b"A note.\n")
        os.close(fd)
    start = time.perf_counter()
    result = glowlint("--format", "text", "--no-cache", "many")  # the cold result cache costs
    elapsed = time.perf_counter() - start                        # more than the lint itself
    assert (result.exit_code, result.stderr) == (1, "")
    assert "(10000 checked)" in result.stdout
    heads = [line.split(":")[0] for line in result.stdout.splitlines() if ": error[" in line]
    assert heads == [f"many/p{i:05d}.md" for i in range(0, 10_000, 1000)]
    assert elapsed < 30, f"{elapsed:.1f} s for 10,000 small files"


# -- fixes never lose data: glowlint.fileio.write_atomic ----------------------------

CHILD = r"""
import os, sys, time
from pathlib import Path
from glowlint import fileio

target, stage = Path(sys.argv[1]), sys.argv[2]
real_fdopen, real_replace = os.fdopen, os.replace


class HalfWriter:
    def __init__(self, fh):
        self.fh = fh
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)
    def __getattr__(self, name):
        return getattr(self.fh, name)
    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        print("ready", flush=True)
        time.sleep(60)  # killed here, half written


def stuck_replace(src, dst):
    print("ready", flush=True)
    time.sleep(60)  # killed here, written but not renamed


if stage == "write":
    os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
elif stage == "rename":
    os.replace = stuck_replace
    fileio.os.replace = stuck_replace
if stage == "loop":
    print("ready", flush=True)
    for k in range(10**6):
        fileio.write_atomic(target, bytes([65 + k % 26]) * (4 * 2**20))
else:
    fileio.write_atomic(target, b"NEW " * (2 * 2**20))
"""


def _killed_mid_write(folder: Path, stage: str, wait: float = 0.0) -> Path:
    target = folder / "page.md"
    target.write_bytes(b"The original copy.\n")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), stage],
                             stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(wait)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return target


@pytest.mark.parametrize("stage", ["write", "rename"])
def test_killed_mid_write_leaves_the_original_intact(fast_tmp: Path, stage: str) -> None:
    target = _killed_mid_write(fast_tmp, stage)
    assert target.read_bytes() == b"The original copy.\n"
    # the half-written (or unrenamed) temporary file is all a kill leaves behind
    (leftover,) = [p for p in fast_tmp.iterdir() if p != target]
    assert leftover.name.startswith(".page.md.") and leftover.name.endswith(".glowlint-tmp")
    expected = 8 * 2**20 if stage == "rename" else 8 * 2**20 // 2  # of b"NEW " * 2M
    assert leftover.stat().st_size == expected


def test_killed_while_rewriting_again_and_again(fast_tmp: Path) -> None:
    """Killed at an arbitrary moment: the file is one whole version, never a mix."""
    target = _killed_mid_write(fast_tmp, "loop", wait=0.3)
    data = target.read_bytes()
    assert data == b"The original copy.\n" or (
        len(data) == 4 * 2**20 and data == data[:1] * len(data)
    )


def test_failed_write_keeps_the_original_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glowlint import fileio

    target = tmp_path / "page.md"
    target.write_bytes(b"The original copy.\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        fileio.write_atomic(target, b"new text")
    assert target.read_bytes() == b"The original copy.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
