"""Frame rules run last and skip judging what another rule found (`kinds.base.Claimed`):
the findings are those of every frame match judged, then given way."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import astuple
from pathlib import Path

import pytest

from glowlint.api import default_rules
from glowlint.engine import (
    analyse,
    lint_document,
    one_category_per_span,
    one_finding_per_claim,
    planner,
)
from glowlint.kinds.base import Claimed
from glowlint.kinds.frame import FrameRule
from glowlint.model import Document, Finding
from glowlint.readers import read_bytes, read_text
from glowlint.rules import RuleSet

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
RULES = default_rules()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """The examples, the shared corpus's pages and a generated corpus."""
    docs = [read_bytes(p.read_bytes(), str(p), p.suffix[1:])
            for p in sorted((ROOT / "examples").glob("*")) if p.suffix in (".md", ".html", ".txt")]
    dev = SHARED / "corpus" / "dev.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            docs.append(read_text(record["text"], record["id"], record.get("format", "txt")))
    if MAKE_CORPUS.exists():
        out = tmp_path_factory.mktemp("corpus")
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--files", "60"],
                       check=True, capture_output=True)
        docs += [read_bytes(p.read_bytes(), str(p), p.suffix[1:]) for p in sorted(out.rglob("*"))
                 if p.suffix in (".md", ".html", ".txt")]
    return docs


def judged_all(doc: Document, ruleset: RuleSet) -> list[Finding]:
    """The findings as made before `Claimed`: every rule in the plan's order, every frame
    match judged, then the frames' findings given way."""
    analysis = analyse(doc, ruleset)
    plan = planner(ruleset).plan(analysis, ruleset.rules)
    assert plan.claimed is None
    findings = [f for rule in plan.rules for f in rule.check(doc, analysis, plan)]
    findings = one_category_per_span(one_finding_per_claim(findings, plan.rules), ruleset)
    if findings and ruleset.lexicon is not None:
        kind = analysis.document_type(doc, ruleset.lexicon).name
        for f in findings:
            f.document_type = kind
    return sorted(findings, key=Finding.sort_key)


def test_findings_are_those_of_every_frame_match_judged(documents: list[Document]) -> None:
    total = given_way = 0
    for doc in documents:
        expected = judged_all(doc, RULES)
        assert [astuple(f) for f in lint_document(doc, RULES)] == [astuple(f) for f in expected], \
            doc.path
        total += len(expected)
    for doc in documents[:40]:  # the comparison is not vacuous: frames do give way
        analysis = analyse(doc, RULES)
        plan = planner(RULES).plan(analysis, RULES.rules)
        found = [f for r in plan.rules for f in r.check(doc, analysis, plan)]
        given_way += len(found) - len(one_finding_per_claim(found, plan.rules))
    assert total > 100 and given_way > 0


def frame_matches(documents: list[Document]) -> Iterator[tuple[FrameRule, Document]]:
    for doc in documents:
        analysis = analyse(doc, RULES)
        for rule in RULES.rules:
            if type(rule) is FrameRule and rule.may_fire(analysis):
                yield rule, doc


@pytest.mark.parametrize("unfound", [
    lambda s, e: True,
    lambda s, e: s % 2 == 0,
    lambda s, e: s % 3 != 1,
    lambda s, e: (s * 7 + e) % 5 < 2,
])
def test_a_match_left_unjudged_is_judged_where_it_decides(
        documents: list[Document], unfound: Callable[[int, int], bool]) -> None:
    """Whatever matches are left out, the others are what judging every match gives:
    a match left out still keeps an overlapping later one out when it counts."""
    compared = 0
    for rule, doc in frame_matches(documents):
        every = [(m.start(), m.end(), v) for m, v in rule.matches(analyse(doc, RULES))]
        left = [(m.start(), m.end(), v) for m, v in rule.matches(analyse(doc, RULES), unfound)]
        assert left == [t for t in every if not unfound(t[0], t[1])], (rule.id, doc.path)
        compared += len(every)
    assert compared > 100


def test_claimed_spans_overlap_by_category() -> None:
    doc = read_text("It cures acne and removes scars for good.", "<t>", "txt")

    def finding(category: str, start: int, end: int) -> Finding:
        f = RULES.rules[0].finding(doc, start, end)
        f.category = category
        return f

    claimed = Claimed([finding("a", 3, 8), finding("a", 20, 30), finding("b", 0, 40)])
    assert claimed.overlaps("a", 7, 9) and claimed.overlaps("a", 0, 4)
    assert claimed.overlaps("a", 25, 26) and claimed.overlaps("a", 29, 50)
    assert not claimed.overlaps("a", 8, 20) and not claimed.overlaps("a", 30, 40)
    assert not claimed.overlaps("c", 0, 40) and claimed.overlaps("b", 39, 41)
