"""The one error type that reaches the user: a one-line message, exit status 2."""

from __future__ import annotations


class GlowlintError(Exception):
    """Bad input the user can fix: names the file and, where known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"
