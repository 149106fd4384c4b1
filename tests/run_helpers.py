"""Shared test helpers: which files a run lints (the run's order and its caches), records
linted by the CLI, and a rule pack that times out."""

from __future__ import annotations

from pathlib import Path

import pytest

from glowlint import parallel


def count_lints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths linted from now on (in this process), in order."""
    linted: list[str] = []
    real = parallel._lint_one

    def counting(path: str, *args: object) -> object:
        linted.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_lint_one", counting)
    return linted


def check_records(*args: str) -> tuple[int, str, str]:
    """``glowlint check-records ARGS``: (exit status, stdout, stderr)."""
    from click.testing import CliRunner

    from glowlint.cli import cli

    result = CliRunner().invoke(cli, ["check-records", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def lint_cost(text: str, rules: object) -> float:
    """The best of three wall-clock times of linting ``text``: for tests that compare the
    cost of one text with another's in the same run, never with a fixed limit."""
    import time

    from glowlint import lint_text

    best = 1e9
    for _ in range(3):
        start = time.perf_counter()
        lint_text(text, rules=rules)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return best


def slow_pack(folder: Path) -> Path:
    """A rule pack whose one rule backtracks for ever on a long run of "a" (rule r-slow):
    what a rule timeout is tested with."""
    pack = folder / "slow.yaml"
    pack.write_text(
        "pack: slow-test\nrules:\n  - id: r-slow\n    kind: claim\n    category: superlative\n"
        "    severity: warning\n    message: Says aaaa.\n    basis: test\n"
        "    sources: [{ref: test, fact: made up}]\n    patterns: ['(a+)+$']\n"
        "    examples: {flag: ['aaaa'], pass: ['b']}\n", encoding="utf-8")
    return pack
