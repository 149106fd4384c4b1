"""Module-level patterns compiled on first use, not at import.

The regex module compiles in Python, about half a millisecond a pattern; a
one-file run (a pre-commit hook) imports modules whose patterns it mostly
never uses (suppression comments, fix templates, rule-file validation). The
stdlib `re` compiles in Python too (0.05 to 0.3 ms a pattern): a pattern of
the stdlib that a one-page check rarely reaches (a block quote, a control
character in a report, a symbol between words) is ``LazyPattern(..., stdlib=True)``.
"""

from __future__ import annotations

from typing import Any


class LazyPattern:
    """Stands in for ``regex.compile(pattern, flags)`` (``re.compile`` with ``stdlib``)
    and compiles it when first used."""

    __slots__ = ("_args", "_compiled", "_stdlib")

    def __init__(self, pattern: str, flags: int = 0, *, stdlib: bool = False) -> None:
        self._args = (pattern, flags)
        self._stdlib = stdlib
        self._compiled: Any = None

    def _get(self) -> Any:
        compiled = self._compiled
        if compiled is None:
            if self._stdlib:
                import re as engine
            else:
                import regex as engine  # type: ignore[no-redef]
            compiled = self._compiled = engine.compile(*self._args)
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
        if self._stdlib:
            return (_stdlib_pattern, self._args)
        return (LazyPattern, self._args)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"


def _stdlib_pattern(pattern: str, flags: int) -> LazyPattern:
    """A pickled ``LazyPattern(..., stdlib=True)`` as loaded."""
    return LazyPattern(pattern, flags, stdlib=True)
