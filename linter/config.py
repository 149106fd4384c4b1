"""Project configuration: `.glowlint.yaml` or `[tool.glowlint]` in `pyproject.toml`.

Discovery starts in the working folder and walks up to the filesystem root;
the first folder that holds a configuration wins. In one folder,
`.glowlint.yaml` (or `.glowlint.yml`) wins over `pyproject.toml`, and a
`pyproject.toml` without a `[tool.glowlint]` table is not a configuration (the
walk goes on). `--config FILE` names the file instead; `--isolated` ignores
every configuration file. Paths and globs in the file are relative to the
folder that holds it.

Every key is validated: an unknown key, a wrong type, an unknown profile,
severity, format or extension is a one-line `GlowlintError` naming the file,
the line (YAML) and the key. Rule ids and categories are checked once the
rules are loaded (`check_ids`), as packs named in `extend-rules` add rules.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from .errors import GlowlintError
from .rules import PROFILES
from .safeio import SETTINGS_LIMIT, read_regular

MAX_SIZE = SETTINGS_LIMIT  # bytes: a larger configuration file is not read
YAML_NAMES = (".glowlint.yaml", ".glowlint.yml")
SEVERITY_LEVELS = ("error", "warning", "info", "off")
READERS = ("md", "html", "txt")
READABILITY_KEYS = {"max-grade": float, "max-sentence-words": int, "min-words": int}
KEYS = (
    "profile", "select", "ignore", "severity", "extend-rules", "include", "exclude",
    "per-file-ignores", "fail-on", "extensions", "readability", "require-suppression-reason",
    "baseline", "format", "channel", "per-type-ignores",
)


@dataclass(eq=False)
class Config:
    """A validated configuration; every field is None/empty when the file is silent."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    profile: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    extend_rules: list[Path] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    # glob -> document type, and type -> rule ids or categories left out (linter/channels.py)
    channel: dict[str, str] = field(default_factory=dict)
    per_type_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str | None = None
    extensions: dict[str, str] = field(default_factory=dict)
    readability: dict[str, float] = field(default_factory=dict)
    require_suppression_reason: bool = False
    baseline: Path | None = None
    format: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str) -> tuple[str | None, int | None, str]:
        """File, line and display name of a key, for error messages."""
        if self.path is None:
            return None, None, key
        name = f"tool.glowlint.{key}" if self.path.suffix == ".toml" else key
        return str(self.path), self.key_lines.get(key), name

    def exclusion(self, path: str, is_dir: bool) -> str:
        """Why a path named on the command line gives nothing to lint: the key that
        excludes it (``exclude``, else ``include`` for the files of a folder)."""
        key = "exclude" if not is_dir or matches(self.exclude, path, self.root) else (
            "exclude" if self.exclude and not self.include else "include")
        file, line, name = self.where(key)
        at = f"{shown(Path(file))}{f':{line}' if line else ''} " if file else ""
        what = "every file excluded" if is_dir else "excluded"
        return f"{what} by {at}key {name!r}"

    def error(self, key: str, message: str) -> GlowlintError:
        path, line, name = self.where(key)
        return GlowlintError(f"{name!r}: {message}", path, line)


# -- discovery ---------------------------------------------------------------


def _has_tool_table(path: Path) -> bool:
    try:
        text = read_regular(path, MAX_SIZE).decode("utf-8", errors="replace")
    except OSError:
        return False
    return "tool.glowlint" in text and _read_toml(path) is not None


def find(start: Path | None = None) -> Path | None:
    """The configuration file in force for ``start`` (default: the working folder)."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (here / name).is_file():
                return shown(here / name)
        pyproject = shown(here / "pyproject.toml")
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def shown(path: Path) -> Path:
    """A path as messages name it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return Path(rel) if not rel.startswith("..") else path


def load(path: Path | None = None, *, isolated: bool = False, start: Path | None = None) -> Config:
    """The named configuration, else the discovered one, else an empty one."""
    if isolated:
        return Config(root=(start or Path.cwd()))
    if path is None:
        path = find(start)
        if path is None:
            return Config(root=(start or Path.cwd()))
    elif not os.path.exists(path):  # anything else that is no regular file: its readers say so
        raise GlowlintError("configuration file not found", str(path))
    if path.suffix == ".toml":
        table = _read_toml(path)
        if table is None:
            raise GlowlintError("no [tool.glowlint] table", str(path))
        return parse(table, path)
    from .yamlio import LineDict, load_yaml  # a YAML file to read: not imported otherwise

    data = load_yaml(path)
    if data is None:
        data = LineDict()
        data.key_lines = {}
    return parse(data, path)


def _read_toml(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        raw = read_regular(path, MAX_SIZE)
        if len(raw) > MAX_SIZE:
            raise GlowlintError(f"too large for a configuration file (over {MAX_SIZE // 2**20} MB)",
                                str(path))
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except OSError as e:
        raise GlowlintError(f"cannot read: {e.strerror}", str(path)) from None
    except UnicodeDecodeError as e:
        raise GlowlintError(f"not valid UTF-8 at byte {e.start}", str(path),
                            raw.count(b"\n", 0, e.start) + 1) from None
    except tomllib.TOMLDecodeError as e:
        raise GlowlintError(f"invalid TOML: {e}", str(path)) from None
    except RecursionError:  # tomllib parses arrays and tables recursively
        raise GlowlintError("invalid TOML: nested too deeply", str(path)) from None
    table = data.get("tool", {}).get("glowlint")
    return table if isinstance(table, dict) else None


# -- validation --------------------------------------------------------------


class _Checker:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg

    def fail(self, key: str, message: str) -> NoReturn:
        raise self.cfg.error(key, message)

    def string(self, key: str, value: Any, choices: tuple[str, ...] | None = None) -> str:
        if not isinstance(value, str) or not value:
            self.fail(key, "must be a string")
        if choices is not None and value not in choices:
            self.fail(key, f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def str_list(self, key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "must be a list of strings")
        return list(value)

    def mapping(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, "must be a mapping")
        return value

    def path(self, key: str, value: Any) -> Path:
        return shown(self.cfg.root / self.string(key, value))


def parse(data: Any, path: Path) -> Config:
    """Validate a configuration mapping read from ``path``."""
    cfg = Config(path=path, root=path.resolve().parent)
    if not isinstance(data, dict):
        raise GlowlintError("a configuration is a mapping of keys to values", str(path))
    cfg.key_lines = dict(getattr(data, "key_lines", {}))
    check = _Checker(cfg)
    for key in data:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            check.fail(key, f"unknown key{hint}; known keys: {', '.join(KEYS)}")
    get = data.get
    if "profile" in data:
        cfg.profile = check.string("profile", get("profile"), PROFILES)
    if "select" in data:
        cfg.select = check.str_list("select", get("select")) or None  # empty: every rule
    if "ignore" in data:
        cfg.ignore = check.str_list("ignore", get("ignore"))
    for name, level in check.mapping("severity", get("severity", {})).items():
        level = "off" if level is False else level  # YAML 1.1 reads a bare `off` as false
        if level not in SEVERITY_LEVELS:
            check.fail("severity", f"{name}: {level!r} is not one of: {', '.join(SEVERITY_LEVELS)}")
        cfg.severity[str(name)] = level
    cfg.extend_rules = [
        shown(cfg.root / p) for p in check.str_list("extend-rules", get("extend-rules", []))
    ]
    for p in cfg.extend_rules:
        if not p.is_file():
            check.fail("extend-rules", f"rule pack {p} not found")
    cfg.include = check.str_list("include", get("include", []))
    cfg.exclude = check.str_list("exclude", get("exclude", []))
    for glob, ids in check.mapping("per-file-ignores", get("per-file-ignores", {})).items():
        cfg.per_file_ignores[str(glob)] = check.str_list("per-file-ignores", ids)
    _parse_channels(cfg, data, check.fail)
    if "fail-on" in data:
        cfg.fail_on = check.string("fail-on", get("fail-on"), ("error", "warning", "info"))
    _extensions_and_readability(check, data, cfg)
    reason = get("require-suppression-reason", False)
    if not isinstance(reason, bool):
        check.fail("require-suppression-reason", "must be true or false")
    cfg.require_suppression_reason = reason
    if "baseline" in data:
        cfg.baseline = check.path("baseline", get("baseline"))
    if "format" in data:
        from .reporters import FORMATS

        cfg.format = check.string("format", get("format"), tuple(FORMATS))
    return cfg


def _parse_channels(cfg: Config, data: dict[str, Any], fail: Any) -> None:
    """``channel`` and ``per-type-ignores`` into ``cfg`` (linter/channels.py applies them)."""
    channel = data.get("channel")
    if isinstance(channel, str):
        channel = {"*": channel}
    if channel is not None:
        if not isinstance(channel, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in channel.items()):
            fail("channel", "must be a document type, or a map of glob to document type")
        cfg.channel = {str(k): str(v) for k, v in channel.items()}
    ignores = data.get("per-type-ignores")
    if ignores is not None:
        if not isinstance(ignores, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
                for k, v in ignores.items()):
            fail("per-type-ignores", "must map a document type to a list of rule ids or "
                 "categories")
        cfg.per_type_ignores = {str(k): [str(i) for i in v] for k, v in ignores.items()}


def _extensions_and_readability(check: _Checker, data: Any, cfg: Config) -> None:
    """``extensions`` (file extension -> reader) and ``readability`` (thresholds)."""
    for ext, reader in check.mapping("extensions", data.get("extensions", {})).items():
        ext = str(ext).lower()
        if not ext.startswith("."):
            ext = "." + ext
        if len(ext) < 2 or "/" in ext:
            check.fail("extensions", f"{ext!r} is not a file extension")
        if reader not in READERS:
            check.fail("extensions", f"{ext}: {reader!r} is not one of: {', '.join(READERS)}")
        cfg.extensions[ext] = reader
    for name, value in check.mapping("readability", data.get("readability", {})).items():
        if name not in READABILITY_KEYS:
            check.fail("readability", f"unknown threshold {name!r} (one of: "
                       f"{', '.join(READABILITY_KEYS)})")
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value) or value < 0):  # .nan and .inf are not numbers
            check.fail("readability", f"{name} must be a number of at least 0")
        cfg.readability[name] = float(value)


def check_ids(
    names: list[str], key: str, known: set[str], all_known: Any, cfg: Config | None
) -> None:
    """Every name is a rule id or category; else an error naming the key.

    ``known`` holds the ids and categories in force; ``all_known()`` is asked
    only for a name outside it (a rule the profile switches off is known).
    """
    for name in names:
        if name in known or name in all_known():
            continue
        import difflib

        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"unknown rule or category {name!r}{hint}"
        if cfg is not None:
            raise cfg.error(key, message)
        raise GlowlintError(f"{key}: {message}")


# -- include / exclude ----------------------------------------------------------


@cache
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _rel(path: str, root: Path) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()


def matches(patterns: list[str], path: str, root: Path) -> bool:
    return bool(patterns) and bool(_spec(tuple(patterns)).match_file(_rel(path, root)))
