"""One `glowlint check` run, from the paths named to the exit status, owned by `Run`.

configuration -> discovery -> each file read once and linted -> its filters
(select, suppressions, baseline) -> its fixes -> the report -> the exit status.

The steps are `runner`'s functions; `Run` puts them in order, file by file:
files are linted in the report's order (by path) and each file's findings go
to the reporter as soon as it is done, so memory holds the findings of a few
files, not of the tree, and the summary keeps counts. Standard input ('-')
is one more input. The CLI, `api.lint_paths` and the tests all run this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from .engine import Notice, lint_document
from .errors import GlowlintError
from .files import Missing, Target
from .filters import with_directives
from .model import Document, Finding
from .options import Filters, Options, Outcome
from .parallel import FileResult, lint_bytes, lint_targets
from .progress import Progress
from .readers import decode, format_for, read_text
from .run_records import Checked, InOrder, Input
from .runner import (
    document_reader,
    exit_status,
    load,
    open_result_cache,
    read_stdin,
    source_reader,
    targets_of,
)

if TYPE_CHECKING:
    from .collected import Collected
    from .fix_file import Fixed
    from .reporters import Report
    from .result_cache import ResultCache
    from .rules import RuleSet

RECENT = 2  # files whose lines and sources the report may still ask for (the last two)
COLLECTED = ("html", "junit", "checkstyle")  # formats naming every file checked


def lint_copy(text: str, path: str, fmt: str, ruleset: RuleSet, filters: Filters | None = None,
              notices: list[Notice] | None = None) -> tuple[Document, list[Finding]]:
    """A text held in memory (`lint_text`, the live editor, the language server's
    buffers), read and linted as a file of a run is, then filtered (``filters``); a
    rule out of time goes to ``notices`` (without: a Python warning)."""
    doc = read_text(text, path, fmt)
    findings = lint_document(doc, ruleset, notices)
    if filters is not None:
        findings = filters.file(path, text, findings)
    return doc, findings


class Run:
    """A run of `glowlint check`: `chunks` (the report) or `collect`, then `exit_status`.

    ``ruleset``: already loaded (else `runner.load`); ``stdin``: the bytes of '-'
    (else read from standard input); ``notify``: told each notice (and warning)
    as it comes, in the order the inputs were found.
    """

    def __init__(self, options: Options, ruleset: RuleSet | None = None, *,
                 stdin: bytes | None = None,
                 notify: Callable[[Notice | str], None] | None = None) -> None:
        self.options = options
        self.ruleset = ruleset if ruleset is not None else load(options)
        self._loaded = ruleset is None  # by `load`: workers load it alike (`parallel`)
        self.outcome = Outcome()
        self._stdin = stdin
        self._notify = notify
        self.files: list[str] = []  # kept only when the format names them (COLLECTED)
        self._files: list[tuple[int, str]] = []  # (discovery order, path), as linted
        self._keep_files = options.fmt in COLLECTED
        self._keep_all = False  # every file's lines and text kept (`collect`)
        self._late: list[tuple[int, Notice]] = []  # fix notices, told at the end
        self._diffs: list[tuple[int, str]] = []
        self._noticed: set[str] = set()
        self._checked_noticed: set[str] = set()
        self.sources: dict[str, str] = {}  # the last files' texts at hand (and stdin's)
        self.lines: dict[str, dict[int, str | None]] = {}
        self.advice: dict[str, dict[str, str]] = {}
        self._recent: list[str] = []
        self._progress: Progress | None = None
        self._items: list[Target | Missing] | None = None
        self._cache: ResultCache | None = None
        self.done = False  # every file reported (the totals are final)
        self.said = False  # the CLI printed what follows the run

    # -- notices -------------------------------------------------------------

    def _tell(self, item: Notice | str) -> None:
        if isinstance(item, str):
            self.outcome.warnings.append(item)
        else:
            self.outcome.notices.append(item)
            self._noticed.add(item.path)
        if self._notify is not None:
            if self._progress is not None:
                self._progress.close()  # the line goes before the notice
            self._notify(item)

    # -- the inputs, in discovery order ----------------------------------------

    def _start(self) -> tuple[list[Target | Missing], ResultCache | None]:
        """The result cache (or why not), then the inputs found (once)."""
        if self._items is None:
            options = self.options
            cache = open_result_cache(options, self.ruleset)
            if isinstance(cache, str):  # a link or another user's folder: not used, said
                self._tell(f"{options.cache_dir}: cache folder not used: {cache}")
                cache = None
            self._cache = cache
            self._items = targets_of(options, self._tell)
        return self._items, self._cache

    def inputs(self) -> list[str]:
        """The paths the run will lint ('-' as its name), found now if not yet."""
        items, _ = self._start()
        paths = [t.path for t in items if isinstance(t, Target)]
        return [*paths, self.stdin_name] if "-" in self.options.paths else paths

    @property
    def stdin_name(self) -> str:
        return self.options.stdin_filename or "-"

    def _linted(self, items: list[Target | Missing], cache: ResultCache | None
                ) -> Iterator[Input]:
        """Each input with its result, in the report's order (by path): a file's
        findings never wait for a file after it. Notices are told in discovery order
        ('-' read first, told last)."""
        import sys

        options = self.options
        stdin = self._lint_stdin() if "-" in options.paths else None
        n = len(items)
        paths = [t.path for t in items] + ([self.stdin_name] if stdin is not None else [])
        order = sorted(range(len(paths)), key=paths.__getitem__)
        results = lint_targets([t for t in (items[i] for i in order if i < n)
                                if isinstance(t, Target)], self.ruleset, jobs=options.jobs,
                               max_size=options.max_file_size, cache=cache,
                               advice=options.fmt == "html", read_timeout=options.read_timeout,
                               rules=options if self._loaded else None)
        told = InOrder(self._tell)
        self._progress = Progress(n, sys.stderr if options.progress else None)
        for k, i in enumerate(order):
            last = k + 1 == len(order) or paths[order[k + 1]] != paths[i]
            if i == n:
                assert stdin is not None
                yield self._input(told, i, paths[i], *stdin, last=last)
                continue
            target = items[i]
            if isinstance(target, Missing):
                told.add(i, Notice(target.path, target.reason, error=target.error))
                yield Input(i, target.path, None, last=last)
            else:
                yield self._input(told, i, target.path, next(results), last=last)
            self._progress.step()
        self._progress.close()
        self._progress = None
        if cache is not None:
            cache.save()

    def _lint_stdin(self) -> tuple[FileResult | None, bytes]:
        """Standard input, read and linted before the files (its place in the report
        may come first); its notices are told after theirs."""
        options = self.options
        data, notice = read_stdin(options, self._stdin)
        if options.fix and not options.diff:
            self.outcome.fixed_stdin = data  # unchanged unless fixed
        if notice is not None:
            return FileResult([], notice), data
        fmt = format_for(self.stdin_name, options.extensions or None) or "txt"
        return lint_bytes(self.stdin_name, fmt, self.ruleset, data, advice=options.fmt == "html",
                          read_timeout=options.read_timeout), data

    def _input(self, told: InOrder, i: int, path: str, result: FileResult | None,
               data: bytes | None = None, *, last: bool = True) -> Input:
        """The input, its notice told in turn; None as result when it was not linted."""
        told.add(i, result.notice if result is not None else None)
        if result is not None and result.notice is not None and not result.notice.partial:
            result = None
        if result is not None:
            self.outcome.checked += 1
            if self._keep_files:
                self._files.append((i, path))
        return Input(i, path, result, data, last)

    # -- file by file, in the report's order -------------------------------------

    def checked(self) -> Iterator[Checked]:
        """Every file linted, filtered and fixed, in the report's order (by path)."""
        items, cache = self._start()
        group: list[Input] = []
        for item in self._linted(items, cache):
            group.append(item)
            if item.last:
                done = self._check(group)
                group = []
                if done is not None:
                    yield done
        self._finish()

    def _check(self, group: list[Input]) -> Checked | None:
        """One path's inputs (a path named twice is linted twice) as one reported file."""
        linted = [i for i in group if i.result is not None]
        if not linted:
            return None
        options, path = self.options, group[0].path
        results = [i.result for i in linted if i.result is not None]
        findings = sorted(chain.from_iterable(r.findings for r in results), key=Finding.sort_key)
        data = next((i.data for i in linted if i.data is not None), None)
        source = self._source(path, data, results)
        if options.pipeline is not None:
            findings = sorted(options.pipeline.file(path, source, findings),
                              key=Finding.sort_key)
        lines = {k: v for r in results if r.lines for k, v in r.lines.items()} or None
        advice = next((r.advice for r in reversed(results) if r.advice is not None), None)
        if (options.fix or options.diff) and not options.write_baseline:
            fixed = self._fix(linted[0].order, path, findings, data)
            findings = fixed.findings
            if fixed.text is not None:
                source, advice = fixed.text, None  # the advice was of the text before
        if path in self._noticed:
            self._checked_noticed.add(path)
        return Checked(path, findings, lines, source, advice)

    def _source(self, path: str, data: bytes | None, results: list[FileResult]) -> str | None:
        """The text the filters need: standard input's, or a file's that may hold a
        directive (read again; not when the lint saw none)."""
        try:
            if data is not None:
                return decode(data, path)
        except GlowlintError:
            return None
        if any(r.directives is False for r in results):
            return None
        return with_directives(path)

    def _fix(self, index: int, path: str, findings: list[Finding], data: bytes | None
             ) -> Fixed:
        from .fix_file import fix_file  # only a run that fixes

        fixed = fix_file(self.options, self.ruleset, path, findings, data)
        self._late.extend((index, n) for n in fixed.notices)
        self.outcome.fixed += fixed.applied
        if fixed.diff is not None:
            self._diffs.append((index, fixed.diff))
        if fixed.after is not None:
            self.outcome.fixed_stdin = fixed.after
        return fixed

    def _finish(self) -> None:
        """After the last file: the notices of the fixes, the baseline's totals, the diffs."""
        for _, notice in sorted(self._late, key=lambda late: late[0]):
            self._tell(notice)
            self._checked_noticed.add(notice.path)
        if self.options.pipeline is not None:
            self.outcome.baselined, self.outcome.stale_baseline = \
                self.options.pipeline.totals()
        self.outcome.diffs = [d for _, d in sorted(self._diffs, key=lambda d: d[0])]
        self.files[:] = [path for _, path in sorted(self._files)]  # in discovery order
        self.done = True

    # -- the findings, the report ------------------------------------------------

    def findings(self) -> Iterator[Finding]:
        """The findings in the report's order, counted; each file's lines and text kept
        while the report may still show them."""
        fail_on = self.options.fail_on
        for checked in self.checked():
            if checked.advice is not None:  # html: every page's checklist
                self.advice[checked.path] = checked.advice
            if checked.findings:
                self._keep(checked)
            self.outcome.findings += len(checked.findings)
            if not self.outcome.failing:
                self.outcome.failing = any(f.severity >= fail_on for f in checked.findings)
            yield from checked.findings

    def _keep(self, checked: Checked) -> None:
        path = checked.path
        if checked.lines is not None:
            self.lines[path] = checked.lines
        if checked.source is not None:
            self.sources[path] = checked.source
        self._recent.append(path)
        if len(self._recent) > RECENT and not self._keep_all:
            old = self._recent.pop(0)
            if old not in self._recent:
                self.lines.pop(old, None)
                if old != self.stdin_name:
                    self.sources.pop(old, None)

    def report(self) -> Report:
        """The report of the run: its findings are streamed, its totals set at their end."""
        from .reporters import Report

        options = self.options
        report = Report(self._reported(), self.files, self.ruleset, self.sources, options.color)
        report.read = source_reader(self.sources)
        report.read_document = document_reader(options, report.read, self._was_linted())
        report.lines, report.advice = self.lines, self.advice
        report.quiet = options.quiet and options.fmt == "text"
        report.unsafe_fixes = options.unsafe_fixes
        self._report = report
        return report

    def _was_linted(self) -> Callable[[str], bool]:
        linted: set[str] = set()

        def was(path: str) -> bool:
            if not linted:
                linted.update(self.files)
            return path in linted

        return was

    def _reported(self) -> Iterator[Finding]:
        yield from self.findings()
        report, outcome = self._report, self.outcome
        report.checked = outcome.checked
        report.fixed = outcome.fixed
        report.unreadable = outcome.errors
        report.skipped = [f"{n.path}: {n.message}" for n in outcome.notices if n.reason]
        report.not_checked = [f"{n.path}: {n.message}" for n in outcome.notices
                              if not (n.error or n.partial or n.reason)
                              and n.path not in self._checked_noticed]
        report.baselined = outcome.baselined

    def chunks(self) -> Iterator[str]:
        """What `glowlint check` prints: the report (streamed), the diff or the statistics."""
        options = self.options
        if options.diff:
            from .reporters._escape import encodable

            for _ in self.checked():
                pass
            return map(encodable, self.outcome.diffs)
        if options.statistics:
            from .reporters.statistics import render_statistics

            return iter([render_statistics(list(self.findings()), options.fmt)])
        from .reporters import get_stream

        return get_stream(options.fmt)(self.report())

    def collect(self) -> Collected:
        """The whole run in memory: findings (sorted), files linted, notices."""
        self._keep_files = self._keep_all = True
        from .collected import Collected

        findings = list(self.findings())
        return Collected(findings, self.files, self.outcome.notices, self.lines, self.sources,
                         self.advice)

    def exit_status(self) -> int:
        return exit_status(self.options, self.outcome)
