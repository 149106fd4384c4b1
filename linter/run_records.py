"""The records a `run.Run` passes along: an input as linted, a file as reported, and
the notices told in discovery order (a whole run collected is `collected.Collected`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .engine import Notice
from .model import Finding
from .parallel import FileResult


class Input(NamedTuple):
    """One input as linted: its place in discovery order (``order``), and its result
    (None: not linted, a notice said why). ``data``: standard input's bytes; ``last``:
    no other input has its path after it (a path named twice is linted twice)."""

    order: int
    path: str
    result: FileResult | None
    data: bytes | None = None
    last: bool = True


class InOrder:
    """Notices told in discovery order, whatever order the inputs are linted in: each
    input's (or None) is held until those of every input found before it are told."""

    def __init__(self, tell: Callable[[Notice], None]) -> None:
        self.tell = tell
        self.next = 0
        self.held: dict[int, Notice | None] = {}

    def add(self, order: int, notice: Notice | None) -> None:
        self.held[order] = notice
        while self.next in self.held:
            held = self.held.pop(self.next)
            self.next += 1
            if held is not None:
                self.tell(held)


@dataclass(eq=False)
class Checked:
    """One file as the report gets it: filtered, fixed, sorted."""

    path: str
    findings: list[Finding]
    lines: dict[int, str | None] | None = None  # the text of the findings' lines
    source: str | None = None  # the text, when at hand (standard input, fixed, directives)
    advice: dict[str, str] | None = None  # the page's `advice_states` (html)
