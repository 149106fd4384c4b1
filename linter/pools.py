"""Worker process pools that start without `fork`.

A forked child inherits whatever locks other threads of its parent held, and
Python 3.12+ warns ("This process is multi-threaded, use of fork() may lead to
deadlocks") when the parent has threads: a test runner, a language server, a
Dask client and the read time limit all have some. Pools start their workers
from a fork server where the platform has one (Python 3.14's default on Linux),
else by `spawn` (macOS, Windows): a worker imports glowlint afresh and is given
only data, which is why the rules travel as what to load, not as compiled
objects (`parallel`, `records.rules.RulesSpec`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext


def start_method() -> str:
    """``forkserver`` where the platform has it, else ``spawn``; never ``fork``."""
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def context() -> BaseContext:
    import multiprocessing

    return multiprocessing.get_context(start_method())


def process_pool(jobs: int, initializer: Callable[..., object] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers started by `start_method`. Raises what the pool raises
    where processes cannot start (OSError, ImportError, NotImplementedError)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=context(),
                               initializer=initializer, initargs=initargs)
