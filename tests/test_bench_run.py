"""bench/run.py's snapshots: what the timed glowlint runs (docs/performance.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/run.py, imported from its file (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def _old_checkout(tmp_path: Path) -> Path:
    old = tmp_path / "old"
    (old / "rules").mkdir(parents=True)
    (old / "rules" / "taxonomy.yaml").write_text("# the old rules\n", encoding="utf-8")
    return old


def test_rules_from_puts_the_other_checkouts_rules_beside_this_code(
        tmp_path: Path, bench: ModuleType) -> None:
    snapshot = tmp_path / "snap"
    package = bench.take_snapshot(REPO, snapshot, _old_checkout(tmp_path))
    assert package == "glowlint"
    assert sorted(p.name for p in (snapshot / "rules").iterdir()) == ["taxonomy.yaml"]
    assert (snapshot / "rules" / "taxonomy.yaml").read_text(encoding="utf-8") == "# the old rules\n"
    code = (snapshot / "glowlint" / "cache.py").read_bytes()
    assert code == (REPO / "linter" / "cache.py").read_bytes()  # this checkout's code


def test_without_rules_from_the_snapshot_has_this_checkouts_rules(tmp_path: Path,
                                                                  bench: ModuleType) -> None:
    snapshot = tmp_path / "snap"
    bench.take_snapshot(REPO, snapshot)
    ours = sorted(p.name for p in (REPO / "rules").iterdir() if p.suffix == ".yaml")
    assert sorted(p.name for p in (snapshot / "rules").iterdir() if p.suffix == ".yaml") == ours


@pytest.mark.parametrize("extra", [["--live"], ["--glowlint", "glowlint"]])
def test_rules_from_without_a_snapshot_is_refused(tmp_path: Path, extra: list[str],
                                                  bench: ModuleType,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        bench.main(["--rules-from", str(_old_checkout(tmp_path)), *extra])
    assert exit.value.code == 2
    assert "--rules-from needs the snapshot" in capsys.readouterr().err


def test_rules_from_a_folder_without_rules_is_refused(tmp_path: Path, bench: ModuleType,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        bench.main(["--rules-from", str(tmp_path)])
    assert exit.value.code == 2
    assert f"--rules-from: {tmp_path / 'rules'} is not a folder" in capsys.readouterr().err
