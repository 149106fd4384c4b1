"""The configuration of ``glowlint check`` (`.glowlint.yaml`, ``[tool.glowlint]``) for
catalogue runs: which keys apply to records, merged with the command line.

Found as ``check`` finds it (`config.load`: the working folder upwards,
``--config``, ``--isolated``) and checked by the same code (`filters.configure`),
so a bad name is the same one-line error naming the file and line. What applies,
and how:

- ``profile``, ``extend-rules``, ``select``, ``ignore``, ``severity``,
  ``readability``: the rules (a `RulesSpec`, so ``--jobs`` and Dask workers compile
  the same rules); ``--select`` replaces the file's list, ``--ignore`` adds to it;
- ``fail-on``, ``format``: the defaults of ``--fail-on`` and ``--format``;
- ``per-file-ignores``: by the catalogue file's path;
- ``channel``: the document type of every record of the files a glob matches;
  ``per-type-ignores``: rules left out by a record's type (``channel``'s, else the
  record's own);
- ``require-suppression-reason``: a ``glowlint_ignore`` value without a reason is
  not applied.

Not applied (`NOT_APPLIED`): ``include``/``exclude`` and ``extensions`` choose the
pages a folder walk lints, and check-records reads only the files it is given, by
``--input-format``; ``baseline`` names a baseline of pages, keyed by file and
neighbourhood, which cannot match records (``--baseline`` takes a records baseline).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..config import Config, matches
from ..rules import DEFAULT_PROFILE
from .rules import RulesSpec, compiled

NOT_APPLIED = ("include", "exclude", "extensions", "baseline")


def load(config_file: str | None, isolated: bool) -> Config:
    """The configuration in force, found as ``glowlint check`` finds it."""
    from .. import config

    return config.load(Path(config_file) if config_file else None, isolated=isolated)


def spec_of(cfg: Config, profile: str | None, packs: tuple[str, ...],
            select: list[str] | None, ignore: list[str], time_limit: float) -> RulesSpec:
    """The rules of a run: the command line over the configuration, every name checked
    (an error names the configuration file and line, or the option)."""
    from ..filters import configure
    from ..options import Options

    spec = RulesSpec(
        profile=profile or cfg.profile or DEFAULT_PROFILE,
        packs=(*(str(p) for p in cfg.extend_rules), *packs),
        select=tuple(select) if select is not None else (
            tuple(cfg.select) if cfg.select is not None else None),
        ignore=(*cfg.ignore, *ignore),
        time_limit=time_limit,
        severity=tuple(cfg.severity.items()),
        readability=tuple(cfg.readability.items()),
        per_type_ignores=tuple((t, tuple(ids)) for t, ids in cfg.per_type_ignores.items()),
    )
    base = compiled(RulesSpec(spec.profile, spec.packs, time_limit=time_limit)).full
    # raises on a bad name, a document type of `channel` included (a baseline of pages is
    # not loaded: it does not apply)
    configure(base, Options(config=replace(cfg, baseline=None), select=select, ignore=ignore))
    return spec


def for_file(spec: RulesSpec, cfg: Config | None, path: str) -> RulesSpec:
    """``spec`` with the document type ``channel`` gives the records of ``path``."""
    if cfg is None or not cfg.channel:
        return spec
    for glob, name in cfg.channel.items():
        if matches([glob], path, cfg.root):
            return replace(spec, channel=name)
    return spec


def ignored_in(cfg: Config | None, path: str) -> frozenset[str]:
    """The rule ids and categories ``per-file-ignores`` leaves out of ``path``."""
    if cfg is None:
        return frozenset()
    return frozenset(i for glob, ids in cfg.per_file_ignores.items()
                     if matches([glob], path, cfg.root) for i in ids)

