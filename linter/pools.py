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

from collections.abc import Callable, Sequence
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
                 initargs: tuple[Any, ...] = (), preload: Sequence[str] = ()
                 ) -> ProcessPoolExecutor:
    """A pool of ``jobs`` workers started by `start_method`. Raises what the pool raises
    where processes cannot start (OSError, ImportError, NotImplementedError).

    ``preload``: modules a fork server imports as it starts
    (`multiprocessing.set_forkserver_preload`), so that every worker forked from it
    has them imported (some 70 ms of glowlint's imports a worker); without it, each
    worker imports them itself. Nothing else is preloaded: these modules do no work
    at import. A fork server already running (started by another pool of this
    process) keeps what it has.
    """
    from concurrent.futures import ProcessPoolExecutor

    ctx = context()
    if preload and ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(list(preload))
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                               initializer=initializer, initargs=initargs)
