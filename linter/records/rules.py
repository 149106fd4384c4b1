"""The rule set of a catalogue run, compiled once per process and content hash.

What travels between processes (to `--jobs` workers and Dask workers) is a
`RulesSpec`: the profile, the paths of extra packs, select and ignore, plain
data that pickles in a few bytes. Each process compiles it the first time it
meets its content hash (the rule files' bytes, glowlint's code, the profile and
the selection: `cache.ruleset_key`) and keeps it in an explicit `RuleCache`;
compiled rules are never shipped. A rule set given as an object (the Python API
in one process) is used as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlowlintError
from ..kinds.compile import TIME_LIMIT
from ..rules import DEFAULT_PROFILE, RuleSet

PER_RECORD = frozenset({"required"})  # kinds that read a record's fields together


@dataclass(frozen=True)
class RulesSpec:
    """The rules of a run, as data: what `RuleCache.get` compiles."""

    profile: str = DEFAULT_PROFILE
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    time_limit: float = TIME_LIMIT
    # from the configuration (`configured`): severity per rule id or category ("off"
    # leaves it out), the readability thresholds, and the rules a document type leaves
    # out (per-type-ignores), as `glowlint check` applies them
    severity: tuple[tuple[str, str], ...] = ()
    readability: tuple[tuple[str, float], ...] = ()
    per_type_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the document type of every record of this file (configuration ``channel``), else
    # each record's own; not part of the compiled rules
    channel: str | None = None


@dataclass(eq=False)
class Compiled:
    """A rule set split for records: the whole set (a record with one text field is
    linted as `glowlint check` lints a file), the rules read field by field, and the
    rules read over a record's fields together (`PER_RECORD` kinds)."""

    full: RuleSet
    per_field: RuleSet
    per_record: RuleSet
    per_type_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    # every rule id or category some document type leaves out (asked once a record)
    ignored_by_type: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.ignored_by_type = frozenset().union(*self.per_type_ignores.values())

    @classmethod
    def of(cls, ruleset: RuleSet, spec: RulesSpec | None = None) -> Compiled:
        per_field = [r for r in ruleset.rules if r.kind not in PER_RECORD]
        per_record = [r for r in ruleset.rules if r.kind in PER_RECORD]
        by_type = {t: frozenset(ids) for t, ids in spec.per_type_ignores} if spec else {}
        return cls(ruleset, ruleset.with_rules(per_field), ruleset.with_rules(per_record),
                   by_type)


@dataclass(eq=False)
class RuleCache:
    """Compiled rule sets of this process by content hash; ``compilations`` counts the
    misses (a Dask worker compiles each rule set once, whatever the partitions)."""

    by_hash: dict[str, Compiled] = field(default_factory=dict)
    keys: dict[RulesSpec, str] = field(default_factory=dict)
    given: dict[int, tuple[RuleSet, Compiled]] = field(default_factory=dict)
    compilations: int = 0

    def key(self, spec: RulesSpec) -> str:
        """The content hash of ``spec`` (the files are read and hashed once per spec)."""
        known = self.keys.get(spec)
        if known is None:
            from ..cache import ruleset_key

            packs = [Path(p) for p in spec.packs]
            base = ruleset_key(packs, spec.profile, True)
            known = self.keys[spec] = "\0".join(
                (base, repr(spec.select), repr(spec.ignore), repr(spec.time_limit),
                 repr(spec.severity), repr(spec.readability), repr(spec.per_type_ignores)))
        return known

    def get(self, spec: RulesSpec) -> Compiled:
        key = self.key(spec)
        compiled = self.by_hash.get(key)
        if compiled is None:
            compiled = self.by_hash[key] = Compiled.of(compile_spec(spec), spec)
            self.compilations += 1
        return compiled

    def wrap(self, ruleset: RuleSet) -> Compiled:
        """A rule set object given by the caller, split once and kept with it."""
        held = self.given.get(id(ruleset))
        if held is None or held[0] is not ruleset:
            if len(self.given) >= 8:  # the few most recent: a caller may make many
                del self.given[next(iter(self.given))]
            held = self.given[id(ruleset)] = (ruleset, Compiled.of(ruleset))
        return held[1]


def compile_spec(spec: RulesSpec) -> RuleSet:
    """Load (through the user's rule-set cache) and shape the rules of ``spec`` as
    `glowlint check` shapes them (`filters.configure`): select and ignore (names
    checked, as by ``--select``), severities ("off" leaves a rule out), thresholds."""
    from ..cache import load_rules_cached

    for pack in spec.packs:
        if not os.path.exists(pack):
            raise GlowlintError("rule pack not found", pack)
    ruleset = load_rules_cached([Path(p) for p in spec.packs], profile=spec.profile)
    shaped = configured(ruleset, spec)
    shaped.time_limit = spec.time_limit
    return shaped


def configured(ruleset: RuleSet, spec: RulesSpec) -> RuleSet:
    """``ruleset`` shaped by ``spec``'s settings, by the code that shapes `glowlint check`'s."""
    from ..config import Config
    from ..filters import configure
    from ..options import Options

    cfg = Config(severity=dict(spec.severity), readability=dict(spec.readability),
                 per_type_ignores={t: list(ids) for t, ids in spec.per_type_ignores})
    select = list(spec.select) if spec.select is not None else None
    shaped, _ = configure(ruleset, Options(config=cfg, select=select, ignore=list(spec.ignore)))
    return shaped


# The cache of this process. An empty dict made at import is no work; everything is
# compiled on first use, in the process that uses it.
PROCESS = RuleCache()


def compiled(rules: RuleSet | RulesSpec | None) -> Compiled:
    """The compiled rules of ``rules`` in this process (None: the default profile)."""
    if isinstance(rules, RuleSet):
        return PROCESS.wrap(rules)
    return PROCESS.get(rules if rules is not None else RulesSpec())


def compilations() -> int:
    """How many rule sets this process has compiled (what the Dask test asks workers)."""
    return PROCESS.compilations
