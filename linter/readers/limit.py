"""A time limit on reading one file (`--read-timeout`), as `--rule-timeout` bounds a rule.

The readers are linear in their input, so the limit is a second guard (a
slow machine, a pathological page): `time_limit` sets the end for the reads
inside it, and `CopyBuilder` looks at the clock every `EVERY` pieces of copy
and when it builds the copy. Past the end, `ReadTimeout`: the file is
skipped with a notice (never an error), and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..errors import GlowlintError

CLOCK: Callable[[], float] = time.monotonic  # the clock read (tests inject a slow one)
EVERY = 256  # pieces of copy between two looks at the clock
READ_TIME_LIMIT = 10.0  # seconds to read one file (the CLI's default)


class ReadTimeout(GlowlintError):
    """A file whose reading ran out of time (`Limit.expired` tells the run it was that)."""


class Limit:
    """The end of one file's reading; ``expired`` once a look found it past."""

    __slots__ = ("end", "expired", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = CLOCK() + seconds
        self.expired = False

    def check(self) -> None:
        if CLOCK() > self.end:
            self.expired = True
            raise ReadTimeout(f"reading took longer than {self.seconds:g} s "
                              "(--read-timeout); not checked")


_LIMIT: ContextVar[Limit | None] = ContextVar("glowlint_read_limit", default=None)


def current() -> Limit | None:
    """The limit of the read in progress, if any."""
    return _LIMIT.get()


@contextmanager
def time_limit(seconds: float) -> Iterator[Limit | None]:
    """Reads inside must end within ``seconds`` from now (0: no limit)."""
    if not seconds:
        yield None
        return
    limit = Limit(seconds)
    token = _LIMIT.set(limit)
    try:
        yield limit
    finally:
        _LIMIT.reset(token)
