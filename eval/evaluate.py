#!/usr/bin/env python3
"""Measure glowlint against a labelled corpus: precision, recall and F1 per category.

The project's own harness (issue 3): it lints every document of a corpus
in-process (``glowlint.lint_text`` with rules loaded once by ``load_rules``) and
compares the findings with the labels, the way ``shared/eval/score.py`` does:

- claims:  a labelled span is found when a finding of the same category
           overlaps it; a claim finding that overlaps no label of its category
           is a false positive;
- missing: a (document, missing-* category) pair is found when the document
           has a finding of that category anywhere;
- traps:   spans that look like claims but are fine; a claim finding that
           overlaps one is counted (and is also a false positive above).

Readability (metric) findings are not scored.

Usage (from the repository root):

    python eval/evaluate.py [CORPUS.jsonl ...] [--split train|test|all] [--profile uk]
        [--show-errors] [--min-claims-f1 F] [--min-missing-f1 F] [--max-trap-rate R]

Documents carry a ``split`` (eval/split.py: by source, frozen before tuning);
one without is train. By default each split is scored, then the gap between
them (train F1 minus test F1: how much the rules learned the train wording),
and the bounds apply to the test split.

With no corpus, ``eval/corpus.jsonl`` (the project's own labelled copy) is
used. The last line reads:

    claims P=0.91 R=0.84 F1=0.87 | missing P=... R=... F1=... | traps 2/40

Exit status: 0 when every bound given is met, 1 when one is not, 2 when a
corpus cannot be read. The corpus format is shared/corpus/README.md's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "corpus.jsonl"

if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

from glowlint import lint_text  # noqa: E402
from glowlint.rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_rules  # noqa: E402

Pos = tuple[int, int]
Span = tuple[Pos, Pos]


def position(text: str, offset: int) -> Pos:
    """1-based (line, column) of a character offset, columns in code points."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def quote_span(text: str, quote: str) -> Span:
    start = text.find(quote)
    if start < 0:
        raise ValueError(f"quote not in text: {quote!r}")
    return position(text, start), position(text, start + len(quote))


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    """Counts per category, trap hits and every miss or false positive."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    trap_hits: int = 0
    trap_total: int = 0
    errors: list[str] = field(default_factory=list)
    # per page and claim category: does the page make such a claim at all? (tp, fp, fn)
    pages: list[int] = field(default_factory=lambda: [0, 0, 0])

    def total(self, missing: bool) -> tuple[float, float, float]:
        cats = [c for c in self.categories() if c.startswith("missing-") == missing]
        return prf(sum(self.tp[c] for c in cats), sum(self.fp[c] for c in cats),
                   sum(self.fn[c] for c in cats))

    def categories(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    @property
    def trap_rate(self) -> float:
        return self.trap_hits / self.trap_total if self.trap_total else 0.0

    def table(self) -> list[str]:
        lines = [f"{'category':28} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for c in self.categories():
            p, r, f = prf(self.tp[c], self.fp[c], self.fn[c])
            lines.append(f"{c:28} {self.tp[c]:4} {self.fp[c]:4} {self.fn[c]:4} "
                         f"{p:6.2f} {r:6.2f} {f:6.2f}")
        return lines

    def page_summary(self) -> str:
        """Claims judged per page and category, not per span: a reviewer flags some of
        a page's sentences about the body, glowlint each of them."""
        p, r, f = prf(*self.pages)
        return f"claim categories per page P={p:.2f} R={r:.2f} F1={f:.2f}"

    def summary(self) -> str:
        cp, cr, cf = self.total(False)
        mp, mr, mf = self.total(True)
        return (f"claims P={cp:.2f} R={cr:.2f} F1={cf:.2f} | "
                f"missing P={mp:.2f} R={mr:.2f} F1={mf:.2f} | "
                f"traps {self.trap_hits}/{self.trap_total}")


def load_corpus(path: Path) -> list[dict]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: invalid JSON ({e.msg})") from None
    return docs


def gap_line(train: Score, test: Score) -> str:
    """How much worse the rules do on copy nobody tuned them on (train minus test F1)."""
    parts = []
    for label, missing in (("claims", False), ("missing", True)):
        a, b = train.total(missing)[2], test.total(missing)[2]
        parts.append(f"{label} F1 train {a:.2f} test {b:.2f} gap {a - b:+.2f}")
    return "gap: " + " | ".join(parts)


def score(docs: Sequence[dict], profile: str = DEFAULT_PROFILE,
          rules: RuleSet | None = None) -> Score:
    """Lint every document in-process and compare the findings with its labels."""
    rules = rules or load_rules(profile=profile)
    s = Score()
    for d in docs:
        text, did = d["text"], d["id"]
        findings = lint_text(text, d.get("format", "txt"), path=did, rules=rules)
        claims = [f for f in findings
                  if not f.category.startswith("missing-") and f.category != "readability"]
        spans = [((f.line, f.column), max((f.end_line, f.end_column), (f.line, f.column + 1)))
                 for f in claims]
        used: set[int] = set()
        for c in d.get("claims", []):
            cat, quote = c["category"], c["quote"]
            sp = quote_span(text, quote)
            hit = [i for i, f in enumerate(claims) if f.category == cat and overlaps(spans[i], sp)]
            if hit:
                s.tp[cat] += 1
                used.update(hit)
            else:
                s.fn[cat] += 1
                s.errors.append(f"MISS {did} {cat}: {quote!r}")
        for i, f in enumerate(claims):
            if i not in used:
                s.fp[f.category] += 1
                s.errors.append(f"FP   {did} {f.category} ({f.rule}) line {f.line}: {f.match!r}")
        labelled = {c["category"] for c in d.get("claims", [])}
        found = {f.category for f in claims}
        s.pages[0] += len(labelled & found)
        s.pages[1] += len(found - labelled)
        s.pages[2] += len(labelled - found)
        for trap in d.get("traps", []):
            s.trap_total += 1
            sp = quote_span(text, trap)
            if any(overlaps(x, sp) for x in spans):
                s.trap_hits += 1
                s.errors.append(f"TRAP {did}: {trap!r}")
        expected = set(d.get("missing", []))
        flagged = {f.category for f in findings if f.category.startswith("missing-")}
        for cat in sorted(expected | flagged):
            if cat in expected and cat in flagged:
                s.tp[cat] += 1
            elif cat in expected:
                s.fn[cat] += 1
                s.errors.append(f"MISS {did} {cat}")
            else:
                s.fp[cat] += 1
                s.errors.append(f"FP   {did} {cat}")
    return s


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="evaluate.py",
        description="Precision, recall and F1 of glowlint per category on a labelled corpus.",
    )
    ap.add_argument("corpus", nargs="*", type=Path,
                    help=f"JSON Lines corpus (default: {DEFAULT_CORPUS.name})")
    ap.add_argument("--profile", default=DEFAULT_PROFILE, choices=PROFILES)
    ap.add_argument("--split", choices=("train", "test", "all"), default="all",
                    help="score one split of the corpus (default: each, and the gap)")
    ap.add_argument("--min-claims-f1", type=float)
    ap.add_argument("--min-missing-f1", type=float)
    ap.add_argument("--max-trap-rate", type=float)
    ap.add_argument("--show-errors", action="store_true",
                    help="list every miss, false positive and flagged trap")
    args = ap.parse_args(argv)

    docs: list[dict] = []
    for path in args.corpus or [DEFAULT_CORPUS]:
        try:
            docs.extend(load_corpus(path))
        except (OSError, ValueError) as e:
            print(f"evaluate.py: cannot read corpus: {e}", file=sys.stderr)
            return 2
    splits = {name: [d for d in docs if d.get("split", "train") == name]
              for name in ("train", "test")}
    scored = [args.split] if args.split != "all" else [n for n in splits if splits[n]]
    try:
        rules = load_rules(profile=args.profile)
        scores = {n: score(splits[n] if n != "all" else docs, args.profile, rules)
                  for n in scored}
    except (KeyError, ValueError) as e:
        print(f"evaluate.py: bad corpus entry: {e}", file=sys.stderr)
        return 2
    for name, sc in scores.items():
        count = len(splits[name]) if name != "all" else len(docs)
        print(f"{name}: {count} documents, profile {args.profile}")
        print("\n".join(sc.table()))
        if args.show_errors:
            print("\n".join(sorted(sc.errors)))
        print(f"{name}: {sc.page_summary()}")
        print(f"{name}: {sc.summary()}")
        print()
    if len(scores) == 2:
        print(gap_line(scores["train"], scores["test"]))
    # the bounds hold for the test split when there is one (what CI keeps from falling)
    s = scores["test"] if "test" in scores else next(iter(scores.values()))
    print(s.summary())

    failed = []
    cf, mf = s.total(False)[2], s.total(True)[2]
    if args.min_claims_f1 is not None and cf < args.min_claims_f1:
        failed.append(f"claims F1 {cf:.2f} < {args.min_claims_f1}")
    if args.min_missing_f1 is not None and mf < args.min_missing_f1:
        failed.append(f"missing F1 {mf:.2f} < {args.min_missing_f1}")
    if args.max_trap_rate is not None and s.trap_rate > args.max_trap_rate:
        failed.append(f"trap rate {s.trap_rate:.2f} > {args.max_trap_rate}")
    for msg in failed:
        print(f"FAILED: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
