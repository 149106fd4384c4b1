"""Progress of a long run on standard error: files done / total and the rate.

Shown as ruff and pre-commit users expect of a terminal, and only there:
`wanted` is False when standard error is not a terminal, in CI (the `CI`
environment variable, which GitHub Actions, GitLab and most CI services set)
and when the report goes to a pipe. A line appears once a run has taken
`DELAY` seconds (a quick run never shows one), is redrawn at most every
`INTERVAL` seconds, and is erased when the run ends, so the report that
follows is what it would be without it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TextIO, TypeVar

DELAY = 0.5  # seconds before the first line
INTERVAL = 0.1  # seconds between redraws
_ERASE = "\r\x1b[K"
T = TypeVar("T")
CLOCK: Callable[[], float] = time.monotonic  # seconds (tests set a clock of their own)


def _tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # closed
        return False


def wanted(stderr: object, stdout: object, env: Mapping[str, str] | None = None,
           to_file: bool = False) -> bool:
    """Whether to show progress: standard error a terminal, not CI, output not piped.

    ``to_file``: the report goes to a file (`--output`), so standard output does not count.
    """
    env = os.environ if env is None else env
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    return _tty(stderr) and (to_file or _tty(stdout))


class Progress:
    """``step()`` once per file; ``close()`` erases the line (if one was drawn)."""

    def __init__(self, total: int, stream: TextIO | None,
                 clock: Callable[[], float] | None = None) -> None:
        self.total, self.stream, self.clock = total, stream, clock or CLOCK
        self.done = 0
        self.start = self.clock()
        self.drawn_at: float | None = None

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """The items, a step counted as the caller finishes each (when it asks for the next)."""
        for item in items:
            yield item
            self.step()

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.stream is None:
            return
        now = self.clock()
        if now - self.start < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < INTERVAL \
                and self.done < self.total:
            return
        self.drawn_at = now
        rate = self.done / (now - self.start)
        self.stream.write(f"{_ERASE}glowlint: {self.done}/{self.total} files "
                          f"({rate:.0f} files/s)")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.drawn_at is not None:
            self.stream.write(_ERASE)
            self.stream.flush()
        self.drawn_at = None
