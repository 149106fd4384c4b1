#!/usr/bin/env python3
"""Add blind-labelled documents to eval/corpus.jsonl, each in the split its source decides.

A document's split is a function of its source alone (the host of its first
``provenance`` address): ``test`` for 40 % of hosts, chosen by a hash, and
``train`` for the rest. Every page of one website lands in the same split, so
no rule tuned on a site's wording is scored on that site; and the split is
fixed before anyone reads the documents, so no choice of split is tuned
either. The test split is frozen: tests/test_eval.py holds its digest, so a
change to it (a new document, a relabelled span) is a deliberate, visible
act, never a side effect of tuning.

Usage (from the repository root):
    python eval/split.py LABELLED.jsonl [...]   # append new documents (ids must be new)
    python eval/split.py --check                # print the digest of the test split
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.jsonl"
TEST_SHARE = 4  # tenths of the sources that go to the test split


def source(doc: dict) -> str:
    """The website a document was adapted from (its first provenance address's host)."""
    for entry in doc.get("provenance", []):
        host = urlsplit(entry).hostname if entry.startswith(("http://", "https://")) else None
        if host:
            return host.removeprefix("www.")
    return ""


def split_of(doc: dict) -> str:
    """``test`` or ``train``, from the document's source; no source: train."""
    host = source(doc)
    if not host:
        return "train"
    bucket = int(hashlib.sha256(host.encode()).hexdigest()[:8], 16) % 10
    return "test" if bucket < TEST_SHARE else "train"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_digest(docs: list[dict]) -> str:
    """One digest of every test document as it stands (ids, text and labels)."""
    canon = [json.dumps(d, sort_keys=True, ensure_ascii=False)
             for d in sorted(docs, key=lambda d: d["id"]) if d.get("split") == "test"]
    return hashlib.sha256("\n".join(canon).encode()).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labelled", nargs="*", type=Path)
    ap.add_argument("--check", action="store_true", help="print the test split's digest")
    args = ap.parse_args()
    docs = load(CORPUS)
    known = {d["id"] for d in docs}
    for path in args.labelled:
        for doc in load(path):
            if doc["id"] in known:
                print(f"{path}: id {doc['id']} is already in the corpus", file=sys.stderr)
                return 2
            doc["split"] = split_of(doc)
            docs.append(doc)
            known.add(doc["id"])
    for doc in docs:
        doc.setdefault("split", "train")
    if args.labelled:
        CORPUS.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                          encoding="utf-8")
    counts = {s: sum(d["split"] == s for d in docs) for s in ("train", "test")}
    print(f"{len(docs)} documents: {counts['train']} train, {counts['test']} test; "
          f"test digest {test_digest(docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
