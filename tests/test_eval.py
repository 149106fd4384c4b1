"""The project's own evaluation harness (eval/): quality can only go up.

`eval/evaluate.py` lints eval/corpus.jsonl in-process. The test split is
frozen (its digest below: a change to it is a deliberate act, named in the
commit) and must meet the bounds below, and so must the train split. They
are the figures the harness measured when the bounds were last set; raise
them when the rules improve, never lower them to let a change in.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from glowlint.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "corpus.jsonl"
SHARED_CHECK = ROOT.parent / "shared" / "eval" / "check_corpus.py"

# The frozen test split (eval/split.py --check prints it).
TEST_DIGEST = "008fd9301eee11d6f199ce7804d30ad20d445617ce649ce84d18a8fb32c38862"
# Measured (profile uk) when these bounds were set, as `python eval/evaluate.py` prints:
# train: claims P=0.67 R=0.73 F1=0.70 | missing P=0.85 R=0.88 F1=0.86 | traps 391/8516
# test:  claims P=0.64 R=0.68 F1=0.66 | missing P=0.82 R=0.86 F1=0.84 | traps 311/5726
# (the bounds are the figures before rounding: F1s floored, trap rates rounded up)
BOUNDS = {
    "train": {"claims": 0.70, "missing": 0.86, "traps": 0.046},
    "test": {"claims": 0.65, "missing": 0.84, "traps": 0.055},
}


def _load_evaluate() -> ModuleType:
    path = ROOT / "eval" / "evaluate.py"
    spec = importlib.util.spec_from_file_location("glowlint_evaluate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


evaluate = _load_evaluate()


def corpus() -> list[dict]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_corpus_covers_every_category_with_traps() -> None:
    docs = corpus()
    taxonomy = load_rules().taxonomy
    assert len(docs) >= 300
    assert {d["format"] for d in docs} == {"md", "html", "txt"}
    claim_cats = {c for c, v in taxonomy.items() if v.kind == "claim"}
    missing_cats = {c for c, v in taxonomy.items() if v.kind == "missing"}
    labelled = [c["category"] for d in docs for c in d["claims"]]
    assert set(labelled) == claim_cats
    assert all(labelled.count(c) >= 5 for c in claim_cats)
    assert {m for d in docs for m in d["missing"]} == missing_cats
    assert sum(len(d["traps"]) for d in docs) >= 30
    assert any(not d["treatment"] for d in docs) and any(not d["missing"] and d["treatment"]
                                                         for d in docs)
    for d in docs:
        assert d["treatment"] or not d["missing"], d["id"]
        for quote in [c["quote"] for c in d["claims"]] + d["traps"]:
            assert d["text"].count(quote) == 1, (d["id"], quote)


@pytest.mark.skipif(not SHARED_CHECK.is_file(),
                    reason="shared/eval/check_corpus.py is not beside the repository")
def test_corpus_passes_the_shared_checker() -> None:
    proc = subprocess.run([sys.executable, str(SHARED_CHECK), str(CORPUS)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ERROR" not in proc.stdout


@pytest.mark.parametrize("split", ["train", "test"])
def test_harness_meets_the_bounds(split: str, capsys: pytest.CaptureFixture[str]) -> None:
    bound = BOUNDS[split]
    status = evaluate.main([
        "--split", split,
        "--min-claims-f1", str(bound["claims"]),
        "--min-missing-f1", str(bound["missing"]),
        "--max-trap-rate", str(bound["traps"]),
    ])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    lines = out.out.splitlines()
    last = lines[-1]
    assert last.startswith("claims P=") and "| missing P=" in last and "| traps " in last
    rows = {line.split()[0] for line in lines[2:] if line[:1].isalpha()}
    assert {"missing-sunscreen", "missing-consultation", "missing-contraindications",
            "missing-side-effects", "pain-free", "absolute-safety"} <= rows


def test_the_test_split_is_frozen() -> None:
    docs = corpus()
    split = evaluate_split()
    test = [d for d in docs if d.get("split") == "test"]
    assert len(test) >= 100
    assert split.test_digest(docs) == TEST_DIGEST
    # split by source: no website has pages on both sides
    hosts = {s: {split.source(d) for d in docs if d.get("split") == s} for s in ("train", "test")}
    assert hosts["train"] & hosts["test"] == set()
    assert all(d["split"] == split.split_of(d) for d in docs if split.source(d))


def evaluate_split() -> ModuleType:
    path = ROOT / "eval" / "split.py"
    spec = importlib.util.spec_from_file_location("glowlint_eval_split", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unmet_bound_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--min-missing-f1", "1.01"]) == 1
    assert "FAILED: missing F1" in capsys.readouterr().err


def test_unreadable_corpus_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(tmp_path / "nope.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert evaluate.main([str(bad)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_scoring_matches_the_shared_rules() -> None:
    doc = {
        "id": "t", "format": "txt", "treatment": True,
        "text": ("Our microdermabrasion is completely painless. Is it painful? "
                 "Wear SPF 30 afterwards."),
        "claims": [{"quote": "completely painless", "category": "pain-free"}],
        "missing": ["missing-consultation", "missing-contraindications", "missing-side-effects"],
        "traps": ["Is it painful?"],
    }
    s = evaluate.score([doc])
    assert (s.tp["pain-free"], s.fp["pain-free"], s.fn["pain-free"]) == (1, 0, 0)
    assert s.trap_hits == 0 and s.trap_total == 1
    for cat in doc["missing"]:
        assert s.tp[cat] == 1
    assert s.fp["missing-sunscreen"] == 0
    assert s.summary().startswith("claims P=1.00 R=1.00 F1=1.00 | missing P=1.00 R=1.00 F1=1.00")


def test_a_page_counts_each_claim_category_once() -> None:
    """Two flagged sentences of one category on a page whose reviewer flagged one are
    one page-level hit; a category only glowlint flags is one page-level false positive."""
    doc = {
        "id": "p", "format": "txt", "treatment": False,
        "text": "It stimulates collagen. It also boosts collagen. It is completely painless.",
        "claims": [{"quote": "stimulates collagen", "category": "medical-claim"}],
        "missing": [], "traps": [],
    }
    s = evaluate.score([doc])
    assert (s.tp["medical-claim"], s.fp["medical-claim"]) == (1, 1)
    assert s.pages == [1, 1, 0]
    assert s.page_summary() == "claim categories per page P=0.50 R=1.00 F1=0.67"


def _load_agreement() -> ModuleType:
    path = ROOT / "eval" / "agreement.py"
    spec = importlib.util.spec_from_file_location("glowlint_agreement", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_agreement_scores_a_second_labelling_against_the_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second reviewer who drops one claim and adds one of another category loses
    exactly one true positive and gains one false positive; texts must match."""
    first = [d for d in corpus() if d.get("split") != "test" and len(d["claims"]) >= 2][:3]
    second = json.loads(json.dumps(first))
    dropped = second[0]["claims"].pop(0)
    added = {"quote": dropped["quote"], "category":
             "superlative" if dropped["category"] != "superlative" else "pain-free"}
    second[0]["claims"].append(added)
    agreement = _load_agreement()
    score = agreement.agreement(first, {d["id"]: d for d in second})
    claims = sum(len(d["claims"]) for d in first)
    assert sum(n for c, n in score.fn.items() if not c.startswith("missing-")) == 1
    assert score.fn[dropped["category"]] == 1
    assert score.fp[added["category"]] == 1
    assert sum(score.tp[c] for c in score.tp if not c.startswith("missing-")) == claims - 1
    path = tmp_path / "second.jsonl"
    second[1]["text"] += " changed"
    path.write_text("".join(json.dumps(d) + "\n" for d in second), encoding="utf-8")
    reference = tmp_path / "first.jsonl"
    reference.write_text("".join(json.dumps(d) + "\n" for d in first), encoding="utf-8")
    assert agreement.main([str(path), "--reference", str(reference)]) == 2
    assert f"the text of {second[1]['id']} differs" in capsys.readouterr().err
