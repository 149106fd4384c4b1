"""Linting many files: the result cache, then worker processes for the rest.

`lint_targets` yields each target's findings and notice in the order of the
targets (discovery order, so reports are the same whatever the scheduling).
Files are read one at a time (the main process only hashes them for the
result cache); workers read and lint their own files and send back findings
only, so memory is bounded by the largest file, not by the tree.

Worker processes start only when there are at least `MIN_PARALLEL` files to
lint (start-up costs about as much as linting a few dozen pages); the rule
set is sent once per worker, by the pool's initializer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .engine import Notice, lint_file

if TYPE_CHECKING:
    from .cache import ResultCache
    from .files import Target
    from .model import Finding
    from .rules import RuleSet

MIN_PARALLEL = 64  # files to lint before worker processes pay for themselves
Result = tuple[list["Finding"], "Notice | None"]

_RULESET: RuleSet | None = None  # in a worker: the rule set, from the initializer


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined,unused-ignore]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _read(path: str, max_size: int) -> bytes | None:
    """The bytes of a file, or None when `lint_file` should read it (and report why not)."""
    try:
        with open(path, "rb") as fh:
            if max_size and os.fstat(fh.fileno()).st_size > max_size:
                return None
            return fh.read(max_size + 1) if max_size else fh.read()  # /dev/zero has no size
    except OSError:
        return None


def _lint_one(path: str, fmt: str, ruleset: RuleSet, max_size: int, want_key: bool
              ) -> tuple[str | None, list[Finding], Notice | None]:
    from .cache import ResultCache

    data = _read(path, max_size) if want_key else None
    findings, notice = lint_file(path, fmt, ruleset, data=data, max_size=max_size)
    key = ResultCache.key(data, fmt) if data is not None else None
    return key, findings, notice


def _init_worker(ruleset: RuleSet) -> None:
    global _RULESET
    _RULESET = ruleset


def _work(chunk: list[tuple[str, str]], max_size: int, want_key: bool
          ) -> list[tuple[str | None, list[Finding], Notice | None]]:
    assert _RULESET is not None
    return [_lint_one(path, fmt, _RULESET, max_size, want_key) for path, fmt in chunk]


def lint_targets(
    targets: Sequence[Target],
    ruleset: RuleSet,
    *,
    jobs: int = 0,
    max_size: int = 0,
    cache: ResultCache | None = None,
) -> Iterator[Result]:
    """(findings, notice) of each target, in the order of ``targets``.

    ``jobs``: worker processes (0: one per core; 1: none). ``cache``: the
    result cache to consult and fill (the caller saves it).
    """
    results: list[Result | None] = [None] * len(targets)
    todo: list[int] = []
    if cache is not None:
        for i, t in enumerate(targets):
            data = _read(t.path, max_size)
            hit = cache.get(cache.key(data, t.fmt), t.path) if data is not None else None
            if hit is None:
                todo.append(i)
            else:
                results[i] = hit
    else:
        todo = list(range(len(targets)))
    jobs = jobs or default_jobs()
    want_key = cache is not None
    done = _parallel(targets, todo, ruleset, jobs, max_size, want_key) \
        if jobs > 1 and len(todo) >= MIN_PARALLEL else None
    pending = iter(done) if done is not None else None
    shared: dict[str, str] = {}
    for i, t in enumerate(targets):
        result = results[i]
        if result is None:
            if pending is not None:
                key, findings, notice = next(pending)
                _share(findings, shared)
            else:
                key, findings, notice = _lint_one(t.path, t.fmt, ruleset, max_size, want_key)
            if cache is not None and key is not None:
                cache.put(key, findings, notice)
            result = (findings, notice)
        results[i] = None  # keep only what is still to come
        yield result


def _share(findings: list[Finding], shared: dict[str, str]) -> None:
    """One copy of each rule's texts (a worker's findings arrive with their own copies)."""
    for f in findings:
        f.message = shared.setdefault(f.message, f.message)
        f.basis = shared.setdefault(f.basis, f.basis)
        f.category = shared.setdefault(f.category, f.category)
        f.rule = shared.setdefault(f.rule, f.rule)
        if f.suggestion is not None:
            f.suggestion = shared.setdefault(f.suggestion, f.suggestion)


def _parallel(targets: Sequence[Target], todo: list[int], ruleset: RuleSet, jobs: int,
              max_size: int, want_key: bool
              ) -> Iterator[tuple[str | None, list[Finding], Notice | None]] | None:
    """Results of ``todo`` in order, from worker processes; None if no pool can start."""
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(jobs, max(1, len(todo) // 16))
    size = max(4, min(64, len(todo) // (jobs * 8) or 1))
    chunks = [[(targets[i].path, targets[i].fmt) for i in todo[k:k + size]]
              for k in range(0, len(todo), size)]
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                   initargs=(ruleset,))
    except (OSError, ImportError, NotImplementedError):  # no semaphores in this sandbox
        return None

    def results() -> Iterator[tuple[str | None, list[Finding], Notice | None]]:
        with pool:
            for chunk_result in pool.map(_work, chunks, [max_size] * len(chunks),
                                         [want_key] * len(chunks)):
                yield from chunk_result

    return results()
