"""From command-line paths to the files to lint, honouring `.gitignore`.

Folders are walked in sorted order without following links (no symlink
loops); files named on the command line are always linted, whatever their
extension, as a user who names a file means it. A folder that cannot be
read is reported (`Missing`, with the reason) and the walk goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .boundary import LINK_OUTSIDE, Roots
from .readers import format_for
from .safeio import read_regular

_MAX_GITIGNORE = 1 << 20  # a .gitignore past a megabyte is not one: ignored

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".glowlint_cache", "site-packages",
})


class Target(NamedTuple):
    """A file to lint: the path as the user reached it, and its format (a plain value)."""

    path: str
    fmt: str


@dataclass
class Missing:
    """A path that is not linted: named but missing, a folder that cannot be read (an
    error), or a link to outside the roots (``error`` False: a notice only)."""

    path: str
    reason: str = "no such file or folder"
    error: bool = True


@dataclass(eq=False)
class _Ignores:
    """The .gitignore files in force for a folder, nearest last."""

    specs: list[tuple[Path, object]] = field(default_factory=list)

    def with_file(self, folder: Path) -> _Ignores:
        gi = folder / ".gitignore"
        try:
            if not gi.is_file():
                return self
            data = read_regular(gi, _MAX_GITIGNORE)[:_MAX_GITIGNORE]
            lines = data.decode("utf-8", errors="replace").splitlines()
        except OSError:  # a folder that cannot be read: the walk says so when it lists it
            return self
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        return _Ignores(self.specs + [(folder, spec)])

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + "/" if is_dir else rel):  # type: ignore[attr-defined]
                return True
        return False


def _ancestors_ignores(root: Path) -> _Ignores:
    """The .gitignore files between the repository root and ``root``."""
    root = root.resolve()
    chain = [root, *root.parents]
    repo = next((p for p in chain if _exists(p / ".git")), None)
    if repo is None:
        return _Ignores().with_file(root)
    ignores = _Ignores()
    for folder in reversed(chain[: chain.index(repo) + 1]):
        ignores = ignores.with_file(folder)
    return ignores


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # in a folder that cannot be searched
        return False


def discover(
    paths: list[str], extensions: dict[str, str] | None = None, roots: Roots | None = None
) -> Iterator[Target | Missing]:
    """Targets in a stable order: each argument in turn, folders sorted.

    A link met in a walk whose real location is outside ``roots`` (default: the
    ``paths``) is a `Missing` notice, not read; `boundary.ANYWHERE` follows every
    link (``--follow-symlinks``).
    """
    if roots is None:
        roots = Roots.of(paths)
    for arg in paths:
        if not os.path.lexists(arg):
            yield Missing(arg)
            continue
        if not os.path.isdir(arg):
            yield Target(arg, format_for(arg, extensions) or "txt")
            continue
        yield from _walk(arg, extensions, roots)


def _walk(top: str, extensions: dict[str, str] | None, roots: Roots
          ) -> Iterator[Target | Missing]:
    base = Path(top)
    stack: list[tuple[str, _Ignores]] = [(top, _ancestors_ignores(base))]
    while stack:
        folder, ignores = stack.pop()
        resolved = Path(folder).resolve()
        ignores = ignores.with_file(resolved) if folder != top else ignores
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as e:  # this folder is not linted; the walk goes on
            yield Missing(_display(folder), f"cannot read folder: {e.strerror or e}")
            continue
        subdirs = []
        for entry in entries:
            full = Path(resolved, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:  # not even its kind is known: read as a file, which says why not
                is_dir = False
            if is_dir:
                if entry.name in SKIP_DIRS or ignores.ignored(full, True):
                    continue
                subdirs.append(entry.path)
            elif _is_file(entry):
                fmt = format_for(entry.name, extensions)
                if not fmt or ignores.ignored(full, False):
                    continue
                if entry.is_symlink() and not roots.contains(entry.path):
                    yield Missing(_display(entry.path), LINK_OUTSIDE, error=False)
                else:
                    yield Target(_display(entry.path), fmt)
        # depth-first, alphabetical: push in reverse
        stack.extend((d, ignores) for d in reversed(subdirs))


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a link to one; a link loop too, so that it is reported."""
    try:
        return entry.is_file()
    except OSError:  # ELOOP: links that lead to each other
        return True


def _display(path: str) -> str:
    return path[2:] if path.startswith("./") else path
