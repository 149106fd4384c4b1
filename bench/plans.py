"""CPU a page of the lint in one process: the scanner's search plan against the reference plan.

    python bench/plans.py CORPUS_FOLDER [--pages 300] [--rounds 3]

Reads a sample of the corpus's pages (shuffled with a fixed seed), lints each
once with either planner to compile the patterns they use, then times
(`time.process_time`) ``--rounds`` alternating rounds of every page with the
scanner (``single_pass=True``) and with the reference plan (every rule, every
pattern over every sentence), and prints the CPU a page of each. The findings
of both are compared too: a difference exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from glowlint.cache import load_rules_cached
from glowlint.engine import lint_document
from glowlint.readers import read_bytes

FORMATS = {".md": "md", ".html": "html", ".txt": "txt"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", default="uk")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix in FORMATS)
    random.Random(7).shuffle(files)
    docs = [read_bytes(p.read_bytes(), str(p), FORMATS[p.suffix]) for p in files[:args.pages]]
    ruleset = load_rules_cached([], profile=args.profile)
    differ = 0
    for doc in docs:  # compiles what each plan uses, and compares their findings
        fast = [f.to_dict() for f in lint_document(doc, ruleset)]
        differ += fast != [f.to_dict() for f in lint_document(doc, ruleset, single_pass=False)]
    spent = {True: 0.0, False: 0.0}
    for _ in range(args.rounds):
        for single_pass in (True, False):
            start = time.process_time()
            for doc in docs:
                lint_document(doc, ruleset, single_pass=single_pass)
            spent[single_pass] += time.process_time() - start
    for single_pass, name in ((True, "scanner plan"), (False, "reference plan")):
        per_page = spent[single_pass] / args.rounds / len(docs) * 1000
        print(f"{name:<15} {per_page:6.2f} ms CPU a page ({len(docs)} pages)")
    print(f"pages whose findings differ: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
