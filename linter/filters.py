"""The steps between the lint and the report: what the user asked to see.

1. `configure` (after the rules load): check every rule id and category named
   in configuration and on the command line; drop the rules that `select`,
   `ignore` or a severity of `off` turn off; set severities and readability
   thresholds on the rules, so reporters (SARIF) describe the rules in force.
2. `wanted` (while files are found): `include`/`exclude` globs.
3. `Pipeline.file` (after each file's lint): select/ignore, per-file-ignores and severity
   overrides on each finding, then inline suppressions
   (`linter.suppressions`), then the baseline (`linter.baseline`).

Selection, as in ruff: a rule id is more specific than a category and wins
over it; at the same level `ignore` wins. With no `select`, everything not
ignored runs. `--select` replaces the configuration's list, `--ignore` adds
to it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import matches
from .directives import CATEGORY as META_CATEGORY
from .directives import META_RULES, may_have_directives
from .errors import GlowlintError
from .model import Finding, Severity
from .readers import decode, format_for
from .safeio import read_again

if TYPE_CHECKING:
    from .baseline import Baseline
    from .channels import Channels
    from .config import Config
    from .options import Options
    from .rules import RuleSet


def _cfg(options: Options) -> Config:
    from .config import Config

    return options.config or Config()


def selection(options: Options) -> tuple[list[str] | None, list[str]]:
    cfg = _cfg(options)
    select = options.select if options.select is not None else cfg.select
    return select, [*cfg.ignore, *options.ignore]


def enabled(rule: str, category: str, select: list[str] | None, ignore: list[str]) -> bool:
    if rule in ignore:
        return False
    if select is not None and rule in select:
        return True
    if category in ignore:
        return False
    return select is None or category in select


def severity_for(rule: str, category: str, overrides: dict[str, str]) -> str | None:
    return overrides.get(rule) or overrides.get(category)


class Names:
    """Which names are rule ids or categories (a rule off in the profile still counts)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.current = {r.id for r in ruleset.rules} | set(ruleset.taxonomy) | set(META_RULES)
        self.current.add(META_CATEGORY)
        self._all: set[str] | None = None

    @property
    def every(self) -> set[str]:
        if self._all is None:
            from .rules import load_pack

            ids: set[str] = set()
            for path in self.ruleset.files:
                try:
                    ids.update(r.id for r in load_pack(path, self.ruleset.taxonomy))
                except GlowlintError:
                    pass
            self._all = ids | self.current
        return self._all

    def __call__(self, name: str) -> bool:
        return name in self.current or name in self.every


def configure(ruleset: RuleSet, options: Options) -> tuple[RuleSet, Pipeline]:
    """Check the names in configuration and flags; the rule set shaped by them.

    The rule set given is not changed (it may be cached): rules whose severity or
    thresholds change are copies.
    """
    from .config import check_ids

    cfg = _cfg(options)
    names = Names(ruleset)
    file_cfg = cfg if cfg.path is not None else None
    every: Callable[[], set[str]] = lambda: names.every  # noqa: E731
    if cfg.select is not None:
        check_ids(cfg.select, "select", names.current, every, file_cfg)
    check_ids(cfg.ignore, "ignore", names.current, every, file_cfg)
    check_ids(list(cfg.severity), "severity", names.current, every, file_cfg)
    for ids in cfg.per_file_ignores.values():
        check_ids(ids, "per-file-ignores", names.current, every, file_cfg)
    for ids in cfg.per_type_ignores.values():
        check_ids(ids, "per-type-ignores", names.current, every, file_cfg)
    if cfg.channel or cfg.per_type_ignores:
        from .channels import check_types

        check_types(cfg, ruleset)
    if options.select is not None:
        check_ids(options.select, "--select", names.current, every, None)
    check_ids(options.ignore, "--ignore", names.current, every, None)

    select, ignore = selection(options)
    kept = []
    for rule in ruleset.rules:
        if not enabled(rule.id, rule.category, select, ignore):
            continue
        level = severity_for(rule.id, rule.category, cfg.severity)
        if level == "off":
            continue
        shaped = rule.configure(cfg)  # the kind's own settings (readability thresholds)
        if level:
            shaped = copy.copy(rule) if shaped is rule else shaped
            shaped.severity = Severity.parse(level)
        kept.append(shaped)
    return ruleset.with_rules(kept), Pipeline(options, names)


# -- which files ---------------------------------------------------------------


def wanted(options: Options, path: str, named: bool) -> bool:
    """`exclude` applies to every file (pre-commit names files); `include` to walked ones."""
    cfg = _cfg(options)
    if matches(cfg.exclude, path, cfg.root):
        return False
    return named or not cfg.include or matches(cfg.include, path, cfg.root)


# -- findings ------------------------------------------------------------------


def with_directives(path: str) -> str | None:
    """The source of a file that holds a glowlint directive, else None (not decoded)."""
    data = read_again(path)
    if data is None or not may_have_directives(data):
        return None
    try:
        return decode(data, path)
    except GlowlintError:
        return None


def _read(path: str) -> str | None:
    data = read_again(path)
    try:
        return None if data is None else decode(data, path)
    except GlowlintError:
        return None


class Pipeline:
    """The filters of one run, set up once, applied file by file (`file`)."""

    def __init__(self, options: Options, names: Names) -> None:
        self.options, self.names = options, names
        self.cfg = cfg = _cfg(options)
        self.select, self.ignore = selection(options)
        # nothing selects, ignores or re-rates findings: `keep` keeps each as it is
        self.keeps_all = (self.select is None and not self.ignore and not cfg.per_file_ignores
                          and not cfg.severity)
        self.channels: Channels | None = None
        if cfg.per_type_ignores:
            from .channels import Channels

            self.channels = Channels(cfg, names.ruleset)
        self.baseline: Baseline | None = None
        path = options.baseline or (str(cfg.baseline) if cfg.baseline else None)
        if options.write_baseline is None and path:
            from .baseline import Baseline  # only with a baseline: most runs have none

            self.baseline = Baseline.load(Path(path))

    def keep(self, f: Finding) -> bool:
        """Select/ignore, per-file-ignores and severity overrides (which set the severity)."""
        cfg = self.cfg
        if not enabled(f.rule, f.category, self.select, self.ignore):
            return False
        for glob, ids in cfg.per_file_ignores.items():
            if (f.rule in ids or f.category in ids) and matches([glob], f.path, cfg.root):
                return False
        level = severity_for(f.rule, f.category, cfg.severity)
        if level == "off":
            return False
        if level:
            f.severity = Severity.parse(level)
        return True

    def file(self, path: str, source: str | None, findings: list[Finding]) -> list[Finding]:
        """The findings of one file as reported: ``source`` None when it has no directive."""
        found = list(findings) if self.keeps_all else [f for f in findings if self.keep(f)]
        if self.channels is not None and self.channels.might_drop(found):
            fmt = format_for(path, self.options.extensions or None) or "txt"
            text = source if source is not None else _read(path)
            found = self.channels.keep(found, self.channels.type_of(path, text, fmt))
        if source is not None:
            from . import suppressions

            fmt = format_for(path, self.options.extensions or None) or "txt"
            result = suppressions.apply(path, source, fmt, found, self.names,
                                        require_reason=self.cfg.require_suppression_reason)
            found = [f for f in result.findings if f.rule not in META_RULES or self.keep(f)]
        if self.baseline is not None:  # also without findings: its entries are stale
            if source is None and found:
                source = _read(path)
            found, _ = self.baseline.filter(path, found, source)
        return found

    def totals(self) -> tuple[int, int]:
        """The findings the baseline hid, and its entries that matched none (stale)."""
        if self.baseline is None:
            return 0, 0
        return sum(self.baseline.hidden.values()), self.baseline.stale


def write_baseline(options: Options, findings: list[Finding], known: dict[str, str]) -> int:
    """Record ``findings`` in ``--write-baseline``; ``known``: sources at hand (stdin)."""
    from . import baseline

    assert options.write_baseline is not None
    sources = {p: known.get(p) or _read(p) for p in {f.path for f in findings}}
    return baseline.write(Path(options.write_baseline), findings, sources)
