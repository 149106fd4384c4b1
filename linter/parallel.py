"""Linting many files: the result cache, then worker processes for the rest.

`lint_targets` yields each target's findings and notice in the order of the
targets (discovery order, so reports are the same whatever the scheduling).
Each file is read once, one at a time: by the main process to hash it for the
result cache, or by whichever process lints it. Workers send back findings,
not text, so memory is bounded by the largest file, not by the tree; with
them comes what the later steps need of the bytes (`FileResult`), so neither
the filters nor the text report read an unchanged file again.

Worker processes start only when there are at least `MIN_PARALLEL` files to
lint (start-up costs about as much as linting a few dozen pages), from a fork
server (which imports glowlint's modules once for all of them: `WORKER_MODULES`)
or by spawn, never by fork (`pools`). Each loads the run's rule set
itself, once, from the user cache (`runner.load` of the run's options, less
what only the main process needs); a rule set that did not come from there is
sent to each worker as it is.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from .directives import may_have_directives
from .engine import Notice, lint_file
from .errors import GlowlintError
from .model import finding_lines
from .options import Options
from .readers import READERS, decode
from .readers.limit import time_limit

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .files import Target
    from .model import Finding
    from .pools import Workers
    from .result_cache import ResultCache
    from .rules import RuleSet

MIN_PARALLEL = 64  # files to lint before worker processes pay for themselves
AHEAD = 3  # chunks per worker submitted ahead of the one the caller waits for
# what a worker imports to load its rule set and lint, imported once by the fork server
# (`pools.Workers`' preload); `glowlint` runs the CLI as __main__ in a worker too
WORKER_MODULES = (f"{__package__}.parallel", f"{__package__}.runner", f"{__package__}.cache",
                  f"{__package__}.cli")


class FileResult(NamedTuple):
    """One file's findings and notice, and what later steps need of its bytes.

    Taken while the bytes are at hand, so that nothing reads the file again:
    ``directives``, whether they may hold a glowlint directive (the filters
    read only the files that may), and ``lines``, the text of the findings'
    lines (what the text report shows). None: the file was not read here.
    ``advice``: `advice_states` of the page, when asked for (the HTML report).
    """

    findings: list[Finding]
    notice: Notice | None
    directives: bool | None = None
    lines: dict[int, str | None] | None = None
    advice: dict[str, str] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined,unused-ignore]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _read(path: str, max_size: int) -> bytes | None:
    """The bytes of a file, or None when `lint_file` should read it (and report why not).

    Read by the size the file states, plus a byte to see its end: asking for the
    limit (megabytes) at once costs each small file a large buffer. A file longer
    than it stated (it grew, or a device such as /dev/zero states no size) is read
    on, up to the limit.
    """
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if max_size and size > max_size:
                return None
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(max_size + 1 - len(data)) if max_size else fh.read()
            return data
    except OSError:
        return None


def _result(data: bytes, path: str, findings: list[Finding], notice: Notice | None,
            advice: dict[str, str] | None = None) -> FileResult:
    """A file's result with what its bytes tell the filters and the report."""
    lines = None
    if findings:
        try:
            lines = finding_lines(decode(data, path), findings)
        except GlowlintError:  # the report reads it and says nothing, as before
            pass
    return FileResult(findings, notice, may_have_directives(data), lines, advice)


def _lint_one(path: str, fmt: str, ruleset: RuleSet, max_size: int, want_key: bool,
              want_advice: bool = False, data: bytes | None = None, read_timeout: float = 0
              ) -> tuple[str | None, FileResult]:
    """The result cache key of a file's bytes (if wanted and read) and its result;
    ``data``: the bytes, when already read (standard input). Reading the copy out of
    them may take ``read_timeout`` seconds (0: no limit): past it, a notice."""
    data = _read(path, max_size) if data is None else data
    foreign = _not_english(data, path, fmt) if data is not None else None
    if foreign is not None:  # not linted, nor cached: the guess costs less than a lookup
        return None, FileResult([], foreign)
    advice: dict[str, str] | None = {} if want_advice else None
    with time_limit(read_timeout) as limit:
        findings, notice = lint_file(path, fmt, ruleset, data=data, max_size=max_size,
                                     advice=advice)
    if limit is not None and limit.expired and notice is not None:  # a skip, not cached
        return None, FileResult([], Notice(path, notice.message, error=False))
    if data is None:
        return None, FileResult(findings, notice)
    key = _result_key(data, fmt) if want_key else None
    return key, _result(data, path, findings, notice, advice or None)


def _result_key(data: bytes, fmt: str) -> str:
    from .result_cache import ResultCache  # not imported by a --no-cache run

    return ResultCache.key(data, fmt)


def lint_bytes(path: str, fmt: str, ruleset: RuleSet, data: bytes, *, max_size: int = 0,
               advice: bool = False, read_timeout: float = 0) -> FileResult:
    """An input already read (standard input), linted as a file is, in this process."""
    return _lint_one(path, fmt, ruleset, max_size, False, advice, data, read_timeout)[1]


def _not_english(data: bytes, path: str, fmt: str) -> Notice | None:
    """The notice for a file whose copy is not English (`language`), or None."""
    from . import language

    try:
        source = decode(data, path)
    except GlowlintError:  # lint_file says why
        return None
    return language.notice(path, source, fmt)


def _serve(conn: Connection, rules: RuleSet | Options, max_size: int, want_key: bool,
           want_advice: bool, read_timeout: float) -> None:
    """A worker process: the rule set (``rules``, or loaded as the options say:
    `_recipe`) loaded once and kept in this frame, then each chunk of paths it is
    sent linted (`pools.answer`). Ctrl-C is left to the main process, which says
    "interrupted" once and stops the workers (a worker would print a traceback)."""
    import signal

    from .pools import answer

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if isinstance(rules, Options):
            from .runner import load

            rules = load(rules)
    except Exception as e:  # noqa: BLE001 - each chunk answers with it, in the main process
        failed = e

        def work(chunk: list[tuple[str, str]]) -> list[tuple[str | None, FileResult]]:
            raise failed
    else:
        ruleset = rules

        def work(chunk: list[tuple[str, str]]) -> list[tuple[str | None, FileResult]]:
            return [_lint_one(path, fmt, ruleset, max_size, want_key, want_advice, None,
                              read_timeout) for path, fmt in chunk]
    answer(conn, work)


def _recipe(options: Options | None) -> Options | None:
    """What a worker needs to load the run's rule set from the user cache as `runner.load`
    did (None: the rule set did not come from there): the options that shape it, without
    the baseline, which only the main process reads."""
    if options is None or not options.rule_cache:
        return None
    config = replace(options.config, baseline=None) if options.config is not None else None
    return replace(options, paths=[], config=config, baseline=None, write_baseline=None,
                   pipeline=None)


def lint_targets(
    targets: Sequence[Target],
    ruleset: RuleSet,
    *,
    jobs: int = 0,
    max_size: int = 0,
    cache: ResultCache | None = None,
    advice: bool = False,
    read_timeout: float = 0,
    rules: Options | None = None,
) -> Iterator[FileResult]:
    """The result of each target, in the order of ``targets``; each file is read once.

    ``jobs``: worker processes (0: one per core; 1: none). ``cache``: the
    result cache to consult and fill (the caller saves it). ``advice``: take
    each linted page's `advice_states` (a cached result has none).
    ``read_timeout``: seconds to read each file's copy (0: no limit). ``rules``: the
    options ``ruleset`` was loaded with (`runner.load`), for workers to load it alike.
    """
    results, todo = _cached(targets, cache, max_size)
    jobs = jobs or default_jobs()
    want_key = cache is not None
    work = (ruleset, _recipe(rules))
    pool = _parallel(todo, work, jobs, max_size, want_key, advice, read_timeout,
                     {targets[i].fmt for i in todo}) \
        if jobs > 1 and len(todo) >= MIN_PARALLEL else None
    pending = _handed(pool, targets, todo)
    owner = threading.current_thread()  # a generator dropped at exit may close elsewhere
    shared: dict[str, str] = {}
    finished = False
    try:
        for i, t in enumerate(targets):
            result = results[i]
            if result is None:
                if pending is not None:
                    key, result = next(pending)
                    _share(result.findings, shared)
                else:
                    key, result = _lint_one(t.path, t.fmt, ruleset, max_size, want_key,
                                            advice, None, read_timeout)
                if cache is not None and key is not None:
                    cache.put(key, result.findings, result.notice)
            results[i] = None  # keep only what is still to come
            yield result
        finished = True
    finally:  # stopped early (Ctrl-C, an error, a caller that stops reading): the
        if pool is not None:  # workers are ended at once; a generator finalised in
            # another thread (the garbage collector's) does not wait for them
            pool.stop(wait=threading.current_thread() is owner, cancel=not finished)


def _cached(targets: Sequence[Target], cache: ResultCache | None, max_size: int
            ) -> tuple[list[FileResult | None], list[int]]:
    """Each target's result from the result cache (None: to lint), and those to lint."""
    results: list[FileResult | None] = [None] * len(targets)
    if cache is None:
        return results, list(range(len(targets)))
    todo: list[int] = []
    for i, t in enumerate(targets):
        data = _read(t.path, max_size)
        hit = cache.get(cache.key(data, t.fmt), t.path) if data is not None else None
        if hit is None or data is None:
            todo.append(i)
        else:
            results[i] = _result(data, t.path, *hit)
    return results, todo


def _share(findings: list[Finding], shared: dict[str, str]) -> None:
    """One copy of each rule's texts (a worker's findings arrive with their own copies)."""
    for f in findings:
        f.message = shared.setdefault(f.message, f.message)
        f.basis = shared.setdefault(f.basis, f.basis)
        f.category = shared.setdefault(f.category, f.category)
        f.rule = shared.setdefault(f.rule, f.rule)
        if f.suggestion is not None:
            f.suggestion = shared.setdefault(f.suggestion, f.suggestion)


def _worker_modules(ruleset: RuleSet, formats: Iterable[str] = ()) -> tuple[str, ...]:
    """The modules of the rule set's kinds (imported only for the kinds it has), of its
    planning and lexicon, and of the readers of ``formats`` (with the language guess):
    the fork server imports them once, not each worker as it unpickles the rule set and
    reads its first page."""
    parts = [ruleset.planning, *([ruleset.lexicon] if ruleset.lexicon is not None else [])]
    readers = [f"{__package__}.readers.{READERS.get(fmt, 'plain')}" for fmt in formats]
    return tuple(sorted({type(rule).__module__ for rule in ruleset.rules}
                        | {type(part).__module__ for part in parts}
                        | ({f"{__package__}.doctypes"} if ruleset.lexicon is not None else set())
                        | ({f"{__package__}.language", *readers} if readers else set())))


def _parallel(todo: list[int], work: tuple[RuleSet, Options | None], jobs: int,
              max_size: int, want_key: bool, want_advice: bool = False,
              read_timeout: float = 0, formats: Iterable[str] = ()) -> Workers | None:
    """Workers for the files ``todo`` (of ``formats``); None if none can start.
    ``work``: the rule set, and the options to load it with in a worker (`_recipe`)."""
    from .pools import Workers

    jobs = min(jobs, max(1, len(todo) // 16))
    try:
        return Workers(jobs, _serve, (work[1] or work[0], max_size, want_key, want_advice,
                                      read_timeout),
                       preload=WORKER_MODULES + _worker_modules(work[0], formats))
    except (OSError, ImportError, NotImplementedError):  # no processes in this sandbox
        return None


def _handed(pool: Workers | None, targets: Sequence[Target], todo: list[int]
            ) -> Iterator[tuple[str | None, FileResult]] | None:
    """The results of ``todo`` in order from the workers (None: no workers). At most
    `AHEAD` chunks a worker are handed out ahead of the one waited for: a report slower
    than the workers (json, a slow disk) never lets results pile up. The chunks shrink
    as the files left do (guided scheduling): at the end, no worker waits long for
    another to finish a large one."""
    if pool is None or not todo:
        return None
    jobs, chunks, k = len(pool.procs), [], 0
    while k < len(todo):
        size = max(4, min(64, (len(todo) - k) // (jobs * 6)))
        chunks.append([(targets[i].path, targets[i].fmt) for i in todo[k:k + size]])
        k += size

    def results() -> Iterator[tuple[str | None, FileResult]]:
        for done in pool.results(chunks, AHEAD):
            yield from done

    return results()
