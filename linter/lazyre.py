"""Module-level patterns compiled on first use, not at import.

The regex module compiles in Python, about half a millisecond a pattern; a
one-file run (a pre-commit hook) imports modules whose patterns it mostly
never uses (suppression comments, fix templates, rule-file validation).
"""

from __future__ import annotations

from typing import Any


class LazyPattern:
    """Stands in for ``regex.compile(pattern, flags)`` and compiles it when first used."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: Any = None

    def _get(self) -> Any:
        compiled = self._compiled
        if compiled is None:
            import regex

            compiled = self._compiled = regex.compile(*self._args)
        return compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    # the calls made per page, without a failed attribute lookup first
    def search(self, *args: Any, **kw: Any) -> Any:
        return self._get().search(*args, **kw)

    def match(self, *args: Any, **kw: Any) -> Any:
        return self._get().match(*args, **kw)

    def finditer(self, *args: Any, **kw: Any) -> Any:
        return self._get().finditer(*args, **kw)

    @property
    def pattern(self) -> str:
        return self._args[0]

    @property
    def flags(self) -> int:
        compiled = self._compiled
        return self._args[1] if compiled is None else int(compiled.flags)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, self._args)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"
