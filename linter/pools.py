"""Worker process pools that start without `fork`.

A forked child inherits whatever locks other threads of its parent held, and
Python 3.12+ warns ("This process is multi-threaded, use of fork() may lead to
deadlocks") when the parent has threads: a test runner, a language server, a
Dask client and the read time limit all have some. Pools start their workers
from a fork server where the platform has one (Python 3.14's default on Linux),
else by `spawn` (macOS, Windows): a worker imports glowlint afresh and is given
only data, which is why the rules travel as what to load, not as compiled
objects (`parallel`, `records.rules.RulesSpec`).

`Workers` are processes that each run one function for the whole run, which
loads the rule set into its own frame and answers chunk after chunk (`answer`):
a worker holds no module-level state, where a pool's initializer would have to
leave the rule set in a global for the tasks that follow.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess


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


HELD = 2  # chunks a worker holds: the one it lints and the next, ready when it is done


class Workers:
    """``jobs`` worker processes started by `start_method`, each running ``serve(conn,
    *args)``: a function that loads what it needs once (the rule set) and keeps it in
    its own frame, then calls `answer` with the work to do on each chunk (no module
    of the worker holds state for it, as a pool's initializer would need).

    `results` hands out the chunks and gives their answers in the chunks' order.
    Raises what starting a process raises where processes cannot start (OSError,
    ImportError, NotImplementedError); ``preload`` as for `process_pool`.
    """

    def __init__(self, jobs: int, serve: Callable[..., None], args: tuple[Any, ...] = (),
                 preload: Sequence[str] = ()) -> None:
        ctx: Any = context()  # a context of either start method: its Process and Pipe
        if preload and ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(list(preload))
        self.conns: list[Connection] = []
        self.procs: list[BaseProcess] = []
        try:
            for _ in range(jobs):
                mine, theirs = ctx.Pipe()
                self.conns.append(mine)
                proc = ctx.Process(target=serve, args=(theirs, *args), daemon=True)
                proc.start()
                self.procs.append(proc)
                theirs.close()  # the worker's end lives in the worker: its exit is our EOF
        except BaseException:
            self.stop(wait=True, cancel=True)
            raise

    def results(self, chunks: Iterable[Any], ahead: int) -> Iterator[Any]:
        """Each chunk's answer, in the order of ``chunks``; at most ``ahead`` chunks a
        worker handed out beyond the one waited for (a caller slower than the workers
        never lets answers pile up). A worker holds at most `HELD` chunks and is given
        the next as soon as it answers, so none waits idle while another holds work
        (as a pool's shared queue would have it). A worker that ends early raises
        `WorkerLost`."""
        from multiprocessing.connection import wait

        todo = iter(chunks)
        queued: list[deque[int]] = [deque() for _ in self.conns]  # chunks each worker holds
        answers: dict[int, Any] = {}
        sent = given = 0
        window = ahead * len(self.conns)

        def top_up() -> None:
            nonlocal sent
            for w in sorted(range(len(self.conns)), key=lambda w: len(queued[w])):
                while len(queued[w]) < HELD and sent - given < window:
                    chunk = next(todo, None)
                    if chunk is None:
                        return
                    self.conns[w].send(chunk)
                    queued[w].append(sent)
                    sent += 1

        top_up()
        while given < sent:
            while given not in answers:
                busy: dict[Any, int] = {self.conns[w]: w for w in range(len(self.conns))
                                        if queued[w]}
                for ready in wait(list(busy)):
                    w = busy[ready]
                    try:
                        answers[queued[w].popleft()] = self.conns[w].recv()
                    except (EOFError, OSError) as e:
                        raise WorkerLost("a worker process ended unexpectedly") from e
                top_up()
            done, answer = answers.pop(given)
            given += 1
            if not done:  # the worker's exception, raised here as a pool would
                raise answer
            top_up()
            yield answer

    def stop(self, *, wait: bool, cancel: bool) -> None:
        """End the workers: each after the chunks it holds, or at once when ``cancel``
        (a run stopped early: a worker only reads and lints, it has nothing to finish);
        ``wait``: until they have ended."""
        for conn in self.conns:
            try:
                conn.send(None)
            except OSError:  # it has ended already
                pass
        for proc in self.procs:
            if cancel:
                proc.terminate()
            if wait:
                proc.join()
        for conn in self.conns:
            conn.close()


class WorkerLost(RuntimeError):
    """A worker process ended before answering (killed, out of memory)."""


def answer(conn: Connection, work: Callable[[Any], Any]) -> None:
    """A worker's loop: ``work`` on each chunk received on ``conn`` until None, each
    answer (or the exception ``work`` raised) sent back. The chunks waiting are read
    before an answer is sent, so the main process, which hands out a chunk only after
    reading an answer, never waits on a full pipe for a worker that waits on it."""
    waiting: deque[Any] = deque()
    while True:
        chunk = waiting.popleft() if waiting else conn.recv()
        if chunk is None:
            return
        try:
            reply: tuple[bool, Any] = (True, work(chunk))
        except Exception as e:  # noqa: BLE001 - raised in the main process, as a pool does
            reply = (False, e)
        while conn.poll():
            waiting.append(conn.recv())
        conn.send(reply)
