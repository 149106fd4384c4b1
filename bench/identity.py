"""Byte-identical findings: the same inputs through two glowlint commands, every format.

    python bench/identity.py --baseline "/path/to/old/venv/bin/glowlint"
    python bench/identity.py --baseline OLD --files 5000 --jsonl ../shared/corpus/dev.jsonl

Runs ``glowlint check . --format F --no-cache`` (and ``--statistics``) with
each command, in the same invocation, on ``examples/``, on a generated corpus
(``--files`` pages of ``../shared/bench/make_corpus.py``; 0 to leave it out),
and on each labelled corpus given with ``--jsonl`` (default:
``eval/corpus.jsonl`` and ``../shared/corpus/dev.jsonl``, each document
written to a file named as ``shared/eval/score.py`` names it). Prints one line
per input and format, and exits 1 on any difference, showing the first lines
that differ. Standard library only, so the baseline may be any checkout.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "checkstyle", "rdjson", "html")
EXT = {"md": ".md", "html": ".html", "txt": ".txt"}


def materialise(corpus: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            name = doc["id"] + EXT.get(doc.get("format", "txt"), ".txt")
            (out / name).write_text(doc["text"], encoding="utf-8", newline="")
    return out


def run(cmd: list[str], args: list[str], cwd: Path, env: dict[str, str]) -> bytes:
    proc = subprocess.run([*cmd, "check", ".", "--no-cache", *args], cwd=cwd, env=env,
                          capture_output=True)
    return b"exit %d\n" % proc.returncode + proc.stdout + b"\n--stderr--\n" + proc.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", required=True, help="the glowlint command to compare with")
    ap.add_argument("--glowlint", default=None,
                    help="the glowlint command under test (default: this Python's)")
    ap.add_argument("--files", type=int, default=500, help="pages of the generated corpus")
    ap.add_argument("--jsonl", action="append", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=None, help="folder for the inputs")
    args = ap.parse_args()
    mine = shlex.split(args.glowlint) if args.glowlint else [sys.executable, "-m", "glowlint"]
    base = shlex.split(args.baseline)
    work = args.work or Path(tempfile.mkdtemp(prefix="glowlint-identity-"))
    inputs = {"examples": REPO / "examples"}
    if args.files:
        corpus = work / f"corpus-{args.files}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"),
                            str(corpus), "--files", str(args.files)],
                           check=True, stdout=subprocess.DEVNULL)
        inputs[corpus.name] = corpus
    jsonl = args.jsonl if args.jsonl is not None else [
        REPO / "eval" / "corpus.jsonl", SHARED / "corpus" / "dev.jsonl"]
    for path in jsonl:
        inputs[str(path.name)] = materialise(path, work / ("jsonl-" + path.stem))
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    failed = 0
    for name, folder in inputs.items():
        for label, extra in [(f, ["--format", f]) for f in FORMATS] + [
                ("text --statistics", ["--statistics"])]:
            # Separate user caches: each command builds and reads its own rule-set cache.
            old = run(base, extra, folder, {**env, "GLOWLINT_CACHE_DIR": str(work / "uc-base")})
            new = run(mine, extra, folder, {**env, "GLOWLINT_CACHE_DIR": str(work / "uc-mine")})
            same = old == new
            print(f"{'same' if same else 'DIFFERENT':9} {name:22} {label:18} "
                  f"{len(new):>9} bytes", flush=True)
            if not same:
                failed += 1
                diff = difflib.unified_diff(old.decode(errors="replace").splitlines(),
                                            new.decode(errors="replace").splitlines(),
                                            "baseline", "this", lineterm="", n=1)
                for line in list(diff)[:20]:
                    print("    " + line)
    print(f"{failed} difference(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
