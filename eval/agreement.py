#!/usr/bin/env python3
"""How far two reviewers agree: a second, blind labelling scored against the first.

The test split's labels are one reviewer's judgement. What glowlint's score
on them means depends on how far a second careful reviewer, labelling the
same documents blind, would agree with the first: that agreement is the
ceiling a rule set can be expected to reach. This scores the second labelling
exactly as ``evaluate.py`` scores glowlint (a labelled span of the first is
found when a span of the second with the same category overlaps it; a
missing-advice category per document), then scores glowlint on the same
documents for comparison.

Usage (from the repository root):

    python eval/agreement.py SECOND.jsonl [--reference eval/corpus.jsonl]

SECOND.jsonl holds documents with the same ids and texts as the reference;
only the ids it holds are scored. Exit status 2 when a file cannot be read or
a text differs from the reference's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from evaluate import DEFAULT_CORPUS, Score, load_corpus, overlaps, quote_span, score  # noqa: E402


def agreement(reference: Sequence[dict], second: dict[str, dict]) -> Score:
    """The second labelling of each reference document, scored against the first."""
    s = Score()
    for d in reference:
        other = second[d["id"]]
        text, did = d["text"], d["id"]
        theirs = [(c["category"], quote_span(text, c["quote"]), c["quote"])
                  for c in other.get("claims", [])]
        used: set[int] = set()
        for c in d.get("claims", []):
            sp = quote_span(text, c["quote"])
            hit = [i for i, (cat, span, _) in enumerate(theirs)
                   if cat == c["category"] and overlaps(span, sp)]
            if hit:
                s.tp[c["category"]] += 1
                used.update(hit)
            else:
                s.fn[c["category"]] += 1
                s.errors.append(f"MISS {did} {c['category']}: {c['quote']!r}")
        for i, (cat, _, quote) in enumerate(theirs):
            if i not in used:
                s.fp[cat] += 1
                s.errors.append(f"FP   {did} {cat}: {quote!r}")
        for trap in d.get("traps", []):
            s.trap_total += 1
            if any(overlaps(span, quote_span(text, trap)) for _, span, _ in theirs):
                s.trap_hits += 1
        expected, given = set(d.get("missing", [])), set(other.get("missing", []))
        for cat in expected | given:
            if cat in expected and cat in given:
                s.tp[cat] += 1
            elif cat in expected:
                s.fn[cat] += 1
            else:
                s.fp[cat] += 1
    return s


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("second", type=Path)
    ap.add_argument("--reference", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    try:
        second = {d["id"]: d for d in load_corpus(args.second)}
        reference = [d for d in load_corpus(args.reference) if d["id"] in second]
    except (OSError, ValueError) as e:
        print(f"agreement: {e}", file=sys.stderr)
        return 2
    for d in reference:
        if second[d["id"]]["text"] != d["text"]:
            print(f"agreement: {args.second}: the text of {d['id']} differs from the reference's",
                  file=sys.stderr)
            return 2
    reviewer = agreement(reference, second)
    linter = score(reference)
    print(f"{len(reference)} documents labelled twice")
    print("\n".join(reviewer.table()))
    if args.show_errors:
        print("\n".join(reviewer.errors))
    print(f"second reviewer: {reviewer.summary()}")
    print(f"glowlint:        {linter.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
