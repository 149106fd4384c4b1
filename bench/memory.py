"""Peak memory of `glowlint check` as the tree grows: it should stay about flat.

    python bench/memory.py                                  # 5,000 and 20,000 pages
    python bench/memory.py --files 5000 20000 --formats json text sarif --baseline OLD
    python bench/memory.py --one-file-mb 9.5 --baseline OLD   # one very large page
    python bench/memory.py --one-file-mb 9.5 --one-line       # that page's words on one line

Generates each corpus with ``../shared/bench/make_corpus.py`` (kept in
``--work`` for the next run), then runs ``glowlint check . --no-cache
--format F --output FILE`` on it, once per command and format, each in a
fresh process whose peak resident memory (its own and its worker processes'
largest) is read from the operating system, after a first run has put the
compiled rule set in the user cache (compiling it would be the peak). Not a
timed test: a measurement to read, with the report's size shown so that the
runs compare like with like.
With ``--one-file-mb M`` it measures one generated Markdown page of about M
MB instead (``make_corpus.py --one-file-mb``), and the peak as a multiple of
the page's size: memory should follow the largest file, about 20 times it.
With ``--one-line`` as well, the page is that page's words on a single line with
no sentence end (one giant sentence): whatever a sentence costs must not grow
faster than the sentence.
Standard library only (Unix), so the baseline may be any checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Run in a fresh interpreter: its children's peak is the command's alone.
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def corpus(work: Path, files: int) -> Path:
    folder = work / f"corpus-{files}"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"), str(folder),
                        "--files", str(files)], check=True, stdout=subprocess.DEVNULL)
    return folder


def one_page(work: Path, mb: float) -> Path:
    folder = work / f"page-{mb:g}mb"
    if not (folder / "huge.md").is_file():
        subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"), str(folder),
                        "--one-file-mb", str(mb)], check=True, stdout=subprocess.DEVNULL)
    return folder


def one_line(work: Path, mb: float) -> Path:
    """The words of `one_page`'s page (letters, digits, currency and per cent signs,
    commas, apostrophes and hyphens) on one line: no sentence ends in it."""
    folder = work / f"line-{mb:g}mb"
    if not (folder / "huge.md").is_file():
        text = (one_page(work, mb) / "huge.md").read_text(encoding="utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        words = re.findall(r"[\w£€$%',-]+", text.removeprefix("---"))
        (folder / "huge.md").write_text(" ".join(words) + "\n", encoding="utf-8")
    return folder


def warm(cmd: list[str], work: Path, env: dict[str, str]) -> None:
    """One run on one page, so that the compiled rule set is in the user cache: a cold
    cache's compilation would be the peak measured, not the lint."""
    page = work / "warm" / "page.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text("Our peel is painless.\n", encoding="utf-8")
    subprocess.run([*cmd, "check", "--no-cache", str(page)], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def peak(cmd: list[str], folder: Path, fmt: str, out: Path, env: dict[str, str]
         ) -> tuple[int, float, int]:
    """Exit status, peak memory in MB and the report's size in bytes of one run."""
    args = [*cmd, "check", ".", "--no-cache", "--format", fmt, "--output", str(out)]
    proc = subprocess.run([sys.executable, "-c", PEAK, *args], cwd=folder, env=env,
                          capture_output=True, text=True, check=True)
    code, kb = proc.stdout.split()
    scale = 1 if sys.platform != "darwin" else 1024  # bytes there, kilobytes on Linux
    return int(code), int(kb) / scale / 1024, out.stat().st_size if out.exists() else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--formats", nargs="+", default=["json", "text"])
    ap.add_argument("--one-file-mb", type=float, default=None,
                    help="measure one generated Markdown page of about this many MB instead")
    ap.add_argument("--one-line", action="store_true",
                    help="with --one-file-mb: that page's words on one line, one giant sentence")
    ap.add_argument("--baseline", default=None, help="another glowlint command to compare")
    ap.add_argument("--glowlint", default=None,
                    help="the glowlint command measured (default: this Python's)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the corpora")
    args = ap.parse_args()
    mine = shlex.split(args.glowlint) if args.glowlint else [sys.executable, "-m", "glowlint"]
    commands = {"this": mine}
    if args.baseline:
        commands["baseline"] = shlex.split(args.baseline)
    work = args.work or Path(tempfile.mkdtemp(prefix="glowlint-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CI": "1"}  # no progress line
    for cmd in commands.values():
        warm(cmd, work, env)
    if args.one_file_mb:
        make = one_line if args.one_line else one_page
        large_page(commands, make(work, args.one_file_mb), args.formats, work, env)
        return 0
    print(f"{'command':<10} {'format':<7} {'pages':>7} {'exit':>4} {'peak MB':>8} "
          f"{'report':>12}")
    for files in args.files:
        folder = corpus(work, files)
        for fmt in args.formats:
            for name, cmd in commands.items():
                out = work / f"report-{name}-{files}.{fmt}"
                code, mb, size = peak(cmd, folder, fmt, out, env)
                out.unlink(missing_ok=True)
                print(f"{name:<10} {fmt:<7} {files:>7} {code:>4} {mb:>8.0f} {size:>12,}",
                      flush=True)
    return 0


def large_page(commands: dict[str, list[str]], folder: Path, formats: list[str], work: Path,
               env: dict[str, str]) -> None:
    """Peak memory on one very large page, and as a multiple of the page's size."""
    size = (folder / "huge.md").stat().st_size
    print(f"{'command':<10} {'format':<7} {'page MB':>7} {'exit':>4} {'peak MB':>8} "
          f"{'x page':>7} {'report':>12}")
    for fmt in formats:
        for name, cmd in commands.items():
            out = work / f"report-{name}-page.{fmt}"
            code, mb, report = peak(cmd, folder, fmt, out, env)
            out.unlink(missing_ok=True)
            print(f"{name:<10} {fmt:<7} {size / 2**20:>7.1f} {code:>4} {mb:>8.0f} "
                  f"{mb * 2**20 / size:>7.1f} {report:>12,}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
