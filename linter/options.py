"""The records of one `glowlint check` run: what shapes it (`Options`) and what it found
(`Outcome`). `run.Run` runs the steps; `filters` and the reporters read these records
without importing the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .engine import MAX_FILE_SIZE, Notice
from .kinds.compile import TIME_LIMIT
from .model import Finding, Severity
from .readers.limit import READ_TIME_LIMIT
from .rules import DEFAULT_PROFILE

if TYPE_CHECKING:
    from .config import Config

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Filters(Protocol):
    """What the run needs of its filters (`filters.Pipeline`)."""

    def file(self, path: str, source: str | None, findings: list[Finding]) -> list[Finding]: ...

    def totals(self) -> tuple[int, int]: ...


@dataclass(eq=False)
class Options:
    """Everything that shapes a run (from the command line and configuration)."""

    paths: list[str] = field(default_factory=lambda: ["."])
    fmt: str = "text"
    profile: str = DEFAULT_PROFILE
    rule_files: list[Path] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    exit_zero: bool = False
    stdin_filename: str | None = None
    output: str | None = None
    quiet: bool = False
    color: bool = False
    extensions: dict[str, str] = field(default_factory=dict)
    fix: bool = False  # apply fixes (in place; for '-', the fixed text to stdout)
    unsafe_fixes: bool = False  # include fixes that are not marked safe
    diff: bool = False  # print the fixes as a unified diff, change nothing
    # adoption (linter.config, linter.filters): the configuration file's settings,
    # --select (replaces the file's list), --ignore (adds to it), baselines
    config: Config | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    baseline: str | None = None
    write_baseline: str | None = None
    statistics: bool = False
    pipeline: Filters | None = None  # set by `runner.load`: the filters of this run
    # bounds (issue 7): files over max_file_size bytes are skipped (0: no limit);
    # each rule may spend rule_timeout seconds matching on one file
    max_file_size: int = MAX_FILE_SIZE
    rule_timeout: float = TIME_LIMIT
    read_timeout: float = READ_TIME_LIMIT  # seconds to read one file's copy (0: no limit)
    # speed (linter/parallel.py, linter/cache.py): worker processes (0: one per core),
    # the result cache folder (None: no result cache; the CLI's default is
    # .glowlint_cache), the compiled rule set cached in the user cache folder
    jobs: int = 0
    cache_dir: str | None = None
    rule_cache: bool = False
    # files done / total and the rate on standard error (linter/progress.py: the CLI sets
    # it only for a terminal, outside CI, when the report is not piped)
    progress: bool = False
    # read and fix files through links to outside the paths named (linter/boundary.py)
    follow_symlinks: bool = False
    # a file skipped (binary, too large, a link to outside ...) makes the exit status 2
    strict_inputs: bool = False


@dataclass(eq=False)
class Outcome:
    """What a run found, in counts: its findings went to the report file by file."""

    checked: int = 0  # files linted
    findings: int = 0  # findings reported
    failing: bool = False  # a finding at or above --fail-on
    notices: list[Notice] = field(default_factory=list)
    fixed: int = 0  # fixes applied (with --diff: that would be applied)
    diffs: list[str] = field(default_factory=list)  # --diff: one unified diff per file
    fixed_stdin: bytes | None = None  # --fix on '-': the fixed text
    # --baseline: the findings it hid, and its entries for the files checked that
    # matched no finding (the CLI says to rewrite it)
    baselined: int = 0
    stale_baseline: int = 0
    # about the run, not a file (a cache folder not used): printed, never an exit status
    warnings: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(n.error for n in self.notices)

    @property
    def skipped(self) -> int:
        """Inputs skipped with a notice, not linted (`--strict-inputs` makes them errors)."""
        return sum(not (n.error or n.partial or n.reason) for n in self.notices)
