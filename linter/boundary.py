"""The roots a run may read and write in: the paths named on the command line.

A repository can hold a link to ``/etc/passwd`` or to ``../outside.txt``; a walk
that followed it would print a file the user never named in a report, and
``--fix`` would rewrite a file outside the repository. `Roots.contains` says
whether a path's real location (every link resolved) lies inside a root: a
folder named on the command line, or the folder of a file named on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import NamedTuple

LINK_OUTSIDE = "link to outside the folders checked skipped (--follow-symlinks reads it)"
FIX_OUTSIDE = "a link to a file outside the folders checked: fixes not written"


class Roots(NamedTuple):
    """Real paths of the roots of a run, each ending in a separator (a plain value)."""

    real: tuple[str, ...]

    @classmethod
    def of(cls, paths: Iterable[str]) -> Roots:
        """The roots of the command-line ``paths`` ('-' is not a path)."""
        real = []
        for arg in paths:
            if arg == "-":
                continue
            if os.path.isdir(arg):
                real.append(os.path.realpath(arg))
            else:  # a named file: its folder, as named (the file may be a link)
                real.append(os.path.realpath(os.path.dirname(os.path.abspath(arg))))
        return cls(tuple(_slash(r) for r in real))

    def contains(self, path: str) -> bool:
        """Whether the real location of ``path`` is inside one of the roots (always,
        for `ANYWHERE`)."""
        if not self.real:
            return True
        where = _slash(os.path.realpath(path))
        return any(where.startswith(root) for root in self.real)


ANYWHERE = Roots(())  # --follow-symlinks: no root checked


def _slash(path: str) -> str:
    return path if path.endswith(os.sep) else path + os.sep
