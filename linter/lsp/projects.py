"""The configuration in force for a file, found as `glowlint check` finds it.

`glowlint check` looks for `.glowlint.yaml`, `.glowlint.yml` or a
`pyproject.toml` with `[tool.glowlint]` from the working folder upwards; the
server looks from the folder of each open file, so a file of a project is
linted with that project's configuration, its extra rule packs and profile.
Which configuration a folder has, and the configuration itself, are found
and loaded once and kept until a configuration or rule file changes
(`Projects.invalidate`): a keystroke re-lints the buffer with rules already
compiled, and reads no file. A configuration or rule pack that does not
load is reported in one line (file and line) and the last configuration that
loaded for that file keeps being used, so a typo in `.glowlint.yaml` never
leaves the writer without diagnostics.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import config, runner
from ..errors import GlowlintError
from ..options import Options
from ..rules import DEFAULT_PROFILE, RuleSet

CONFIG_NAMES = (*config.YAML_NAMES, "pyproject.toml")
_PACK_NAME = re.compile(r"^pack:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)
_PACK_HEAD = 4096  # bytes of a pack read to find its name (it comes first)


@dataclass(eq=False)
class Project:
    """A loaded configuration: the run options and the rule set shaped by them."""

    options: Options
    ruleset: RuleSet
    config_path: Path | None = None
    _packs: dict[str, Path] | None = field(default=None, repr=False)

    def pack_file(self, pack: str) -> Path | None:
        """The YAML file of the pack named ``pack`` (a rule's documentation)."""
        if self._packs is None:
            self._packs = {}
            for path in self.ruleset.files:
                try:
                    with open(path, "rb") as fh:
                        head = fh.read(_PACK_HEAD).decode("utf-8", "replace")
                except OSError:
                    continue
                m = _PACK_NAME.search(head)
                self._packs.setdefault(m.group(1) if m else path.stem, path)
        return self._packs.get(pack)

    def watched(self) -> list[Path]:
        """The files whose change changes this project's findings."""
        files = [self.config_path] if self.config_path else []
        return [*files, *self.options.rule_files]


def load_project(config_path: Path | None, folder: Path) -> Project:
    """Load a configuration as the CLI does (raises `GlowlintError` on bad input)."""
    cfg = config.load(config_path) if config_path else config.Config(root=folder)
    options = Options(
        paths=[str(folder)],
        profile=cfg.profile or DEFAULT_PROFILE,
        rule_files=list(cfg.extend_rules),
        extensions=dict(cfg.extensions),
        config=cfg,
        rule_cache=True,
    )
    ruleset = runner.load(options)
    return Project(options, ruleset, config_path)


class Projects:
    """The projects of the open files, one per configuration file, loaded on demand."""

    def __init__(self, report: Callable[[str], None],
                 loader: Callable[[Path | None, Path], Project] = load_project) -> None:
        self._report = report  # shows the user one line (window/showMessage)
        self._loader = loader
        self._loaded: dict[str, Project] = {}
        self._last_good: dict[str, Project] = {}
        self._found: dict[Path, tuple[Path | None, str]] = {}  # folder -> its config, key
        self._broken: set[str] = set()  # the configurations that failed to load

    def for_file(self, path: Path) -> Project:
        """The project in force for ``path``: its configuration, else the last good one."""
        folder = path.parent
        known = self._found.get(folder)
        if known is None:
            found = config.find(folder) if folder.is_dir() else None
            known = self._found[folder] = (found, str(found.resolve()) if found else "")
        found, key = known
        project = self._loaded.get(key)
        if project is not None:
            return project
        try:
            project = self._loader(found, folder)
        except (GlowlintError, OSError, ValueError) as e:
            fallback = self._last_good.get(key)
            kept = "keeping the last configuration that loaded" if fallback else \
                "using the built-in rules"
            self._report(f"glowlint: {one_line(e)} ({kept})")
            self._broken.add(key)
            project = fallback or self._loader(None, folder)
        else:
            self._last_good[key] = project
            self._broken.discard(key)
        self._loaded[key] = project
        return project

    def invalidate(self) -> None:
        """Forget every loaded configuration: the next lint loads them again."""
        self._loaded.clear()
        self._found.clear()

    def is_watched(self, path: Path) -> bool:
        """Whether ``path`` is a configuration file or a rule pack of a loaded project
        (while a configuration does not load: any YAML file)."""
        if path.name in CONFIG_NAMES:
            return True
        if self._broken and path.suffix in (".yaml", ".yml"):
            return True  # the broken or missing rule pack may be this one, mended
        real = os.path.realpath(path)
        return any(os.path.realpath(p) == real for project in self._loaded.values()
                   for p in project.watched())


def one_line(error: BaseException) -> str:
    """An error as one line (file and line first, as `GlowlintError` puts them)."""
    text = str(error) or type(error).__name__
    return " ".join(text.split())
