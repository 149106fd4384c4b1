"""Rule packs: YAML in, validated and compiled rules out.

A pack is data (see README "Writing rules"): ``terms`` that patterns share and
``rules``. Every key is validated; a mistake is one error naming the file, the
line and the rule. Nothing here runs user code: YAML is loaded safely and
patterns are only compiled.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from .context import ContextModel
from .errors import GlowlintError
from .kinds import KINDS, Rule
from .kinds.base import Source
from .kinds.compile import TIME_LIMIT, PackTerms
from .lazyre import LazyPattern
from .model import Severity

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .lexicon_records import LexiconClass
    from .planning import Planning
    from .yamlio import LineDict

# The YAML reader (linter/yamlio.py) is imported where a file is read: a rule set
# from the cache reads none.

PROFILES = ("us", "uk", "eu", "strict")
DEFAULT_PROFILE = "uk"
COMMON_KEYS = frozenset({
    "id", "name", "kind", "category", "severity", "message", "suggestion", "basis", "sources",
    "examples", "profiles",
})
PACK_KEYS = frozenset({"pack", "description", "terms", "lexicon", "rules"})
# Files of the rules folder that are not rule packs.
NOT_PACKS = ("taxonomy.yaml", "context.yaml", "lexicon.yaml", "sources.yaml")
_ID = LazyPattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def builtin_rules_dir() -> Path:
    """The shipped packs: `linter/rules` in an installed wheel, `rules/` in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "rules"
    return installed if (installed / "taxonomy.yaml").is_file() else package.parent / "rules"


class Category(NamedTuple):
    """A finding category of ``rules/taxonomy.yaml``: its kind and what it means."""

    name: str
    kind: str
    means: str
    # Categories whose finding this one replaces where it covers all of that
    # finding's words (one span, one category per meaning: engine.one_category_per_span)
    prevails_over: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The name a reader sees: ``absolute-safety`` -> "Absolute safety"."""
        return self.name.replace("-", " ").capitalize()


def advice_categories(taxonomy: dict[str, Category]) -> frozenset[str]:
    """The categories of advice the copy must carry (the taxonomy's kind ``missing``):
    their suggestion is advice to add, not safer wording."""
    return frozenset(name for name, c in taxonomy.items() if c.kind == "missing")


def load_taxonomy(path: Path) -> dict[str, Category]:
    from .yamlio import load_yaml

    data = load_yaml(path)
    taxonomy = {
        name: Category(name, str(v.get("kind", "")), str(v.get("means", "")).strip(),
                       tuple(str(c) for c in v.get("prevails-over", ()) or ()))
        for name, v in data["categories"].items()
    }
    for category in taxonomy.values():
        for other in category.prevails_over:
            if other not in taxonomy:
                raise GlowlintError(
                    f"category {category.name!r}: prevails-over names unknown category "
                    f"{other!r}", str(path))
    return taxonomy


class Where:
    """Validation of one rule's mapping, failing with file, line and rule id."""

    def __init__(self, path: str, data: LineDict, rule_id: str) -> None:
        self.path, self.data, self.rule_id = path, data, rule_id
        self.spent = 0  # characters of its patterns, terms expanded (kinds.compile budget)

    def fail(self, message: str, key: str | None) -> NoReturn:
        line = self.data.key_lines.get(key, self.data.line) if key else self.data.line
        who = f"rule {self.rule_id}: " if self.rule_id else ""
        raise GlowlintError(f"{who}{message}", self.path, line)

    def string(self, data: dict[str, Any], key: str, default: Any = ...) -> Any:
        if key not in data:
            if default is ...:
                self.fail(f"missing required key {key!r}", None)
            return default
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key!r} must be a non-empty string", key)
        return value.strip()

    def boolean(self, data: dict[str, Any], key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{key!r} must be true or false", key)
        return value

    def number(self, data: dict[str, Any], key: str, default: float) -> float:
        value = data.get(key, default)
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value)):  # YAML's .nan and .inf are not thresholds
            self.fail(f"{key!r} must be a number", key)
        return float(value)

    def str_list(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(f"{key!r} must be a list of strings", key)
        return value


@dataclass(eq=False)
class RuleSet:
    """The compiled rules in force, in pack order, and the context model.

    Its ``repr`` names its rules (the dataclass one would write out the scanner and
    the lexicon, megabytes).
    """

    rules: list[Rule]
    context: ContextModel
    taxonomy: dict[str, Category]
    profile: str = DEFAULT_PROFILE
    files: list[Path] = field(default_factory=list)
    # Seconds of pattern matching each rule may spend on one file (--rule-timeout).
    time_limit: float = TIME_LIMIT
    # The lexicon classes of every pack, compiled (what frame rules read)
    lexicon: Lexicon | None = None
    # The anchors of the rules' patterns and the scanner built from them (linter/scanner.py)
    planning: Planning = field(default_factory=lambda: _planning())

    def __repr__(self) -> str:
        return f"RuleSet({[r.id for r in self.rules]!r}, profile={self.profile!r})"

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def with_rules(self, rules: list[Rule]) -> RuleSet:
        """This rule set with ``rules`` in force (some left out, or their settings changed).

        The prefilter built for these rules (linter/scanner.py) goes along: it
        depends only on the rules' patterns, so unless rules were left out, it
        still fits and is not built again.
        """
        return dataclasses.replace(self, rules=rules, planning=self.planning.shaped())


def _planning() -> Planning:
    from .planning import Planning

    return Planning()


def _terms(path: str, pack: LineDict) -> dict[str, str]:
    raw = pack.get("terms") or {}
    if not isinstance(raw, dict):
        raise GlowlintError("'terms' must be a mapping of name to pattern", path,
                            pack.key_lines.get("terms"))
    from .yamlio import LineDict

    terms = PackTerms()  # counts what the pack's patterns expand to (kinds.compile)
    for name, value in raw.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "|".join(f"(?:{v})" for v in value)
        if not isinstance(value, str):
            line = raw.key_lines.get(name) if isinstance(raw, LineDict) else None
            raise GlowlintError(f"term {name!r} must be a pattern or a list of patterns",
                                path, line)
        terms[name] = value
    return terms


def parse_rule(
    path: str, data: Any, terms: dict[str, str], taxonomy: dict[str, Category], pack: str
) -> Rule:
    from .yamlio import LineDict

    if not isinstance(data, LineDict):
        raise GlowlintError("each rule must be a mapping", path)
    raw_id = data.get("id")
    where = Where(path, data, raw_id if isinstance(raw_id, str) else "")
    rule_id = where.string(data, "id")
    if not _ID.fullmatch(rule_id):
        where.fail("'id' must be lower-case words joined by hyphens, like 'no-side-effects'", "id")
    kind = where.string(data, "kind")
    if kind not in KINDS:
        where.fail(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})", "kind")
    cls = KINDS[kind]
    unknown = sorted(set(data) - COMMON_KEYS - cls.KIND_KEYS)
    if unknown:
        where.fail(f"unknown key {unknown[0]!r} for a {kind} rule", unknown[0])
    category = where.string(data, "category")
    if category not in taxonomy:
        where.fail(f"unknown category {category!r} (see taxonomy.yaml)", "category")
    severity_name = where.string(data, "severity")
    try:
        severity = Severity.parse(severity_name)
    except KeyError:
        where.fail(f"severity must be error, warning or info, not {severity_name!r}", "severity")
    sources = _sources(data, where)
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        where.fail("'examples' takes 'flag' and 'pass' lists", "examples")
    flag, passing = where.str_list(examples, "flag"), where.str_list(examples, "pass")
    if cls.NEEDS_EXAMPLES and (not flag or not passing):
        where.fail("'examples' needs at least one 'flag' and one 'pass' sentence", "examples")
    profiles = _profiles(data, where)
    return cls(
        id=rule_id,
        kind=kind,
        category=category,
        severity=severity,
        message=where.string(data, "message"),
        suggestion=where.string(data, "suggestion", None),
        basis=where.string(data, "basis"),
        sources=sources,
        examples_flag=flag,
        examples_pass=passing,
        profiles=dict(profiles),
        name=where.string(data, "name", rule_id),
        pack=pack,
        line=data.line,
        **cls.kind_fields(data, terms, where),
    )


def _sources(data: dict[str, Any], where: Where) -> list[Source]:
    raw = data.get("sources")
    if not isinstance(raw, list) or not raw:
        where.fail("'sources' must list at least one source with its fact", "sources")
    sources = []
    for s in raw:
        if not isinstance(s, dict) or not {"ref", "fact"} <= set(s) or set(s) - {"ref", "fact"}:
            where.fail("each source needs exactly 'ref' and 'fact'", "sources")
        sources.append(Source(str(s["ref"]), str(s["fact"]).strip()))
    return sources


def _profiles(data: dict[str, Any], where: Where) -> dict[str, str]:
    profiles = data.get("profiles") or {}
    if not isinstance(profiles, dict):
        where.fail("'profiles' maps a profile to a severity or 'off'", "profiles")
    # YAML 1.1 reads a bare `off` as false: take it as the user meant it.
    profiles = {k: "off" if v is False else v for k, v in profiles.items()}
    for prof, level in profiles.items():
        if prof not in PROFILES:
            where.fail(f"unknown profile {prof!r} (one of: {', '.join(PROFILES)})", "profiles")
        if level not in ("error", "warning", "info", "off"):
            where.fail(f"profile {prof!r}: {level!r} is not a severity or 'off'", "profiles")
    return profiles


def load_pack(path: Path, taxonomy: dict[str, Category],
              lexicon: dict[str, LexiconClass] | None = None) -> list[Rule]:
    """The rules of one pack; its ``lexicon:`` classes are added to ``lexicon``."""
    from .yamlio import LineDict, load_yaml

    data = load_yaml(path)
    name = str(path)
    if not isinstance(data, LineDict) or "rules" not in data:
        raise GlowlintError("a rule pack is a mapping with a 'rules' list", name)
    unknown = sorted(set(data) - PACK_KEYS)
    if unknown:
        raise GlowlintError(f"unknown key {unknown[0]!r} in a rule pack", name,
                            data.key_lines.get(unknown[0]))
    if not isinstance(data["rules"], list):
        raise GlowlintError("'rules' must be a list", name, data.key_lines.get("rules"))
    terms = _terms(name, data)
    if lexicon is not None and "lexicon" in data:
        from .lexicon_packs import add_classes  # read only to compile: not from the cache

        add_classes(lexicon, data["lexicon"], name, data.key_lines.get("lexicon"))
    pack = str(data.get("pack") or path.stem)
    return [parse_rule(name, r, terms, taxonomy, pack) for r in data["rules"]]


def builtin_packs() -> list[Path]:
    here = builtin_rules_dir()
    return sorted(p for p in here.glob("*.yaml") if p.name not in NOT_PACKS)


def load_rules(
    extra_packs: list[Path] | None = None,
    *,
    profile: str = DEFAULT_PROFILE,
    builtin: bool = True,
) -> RuleSet:
    """Load the built-in packs and the user's, resolved for a jurisdiction profile."""
    if profile not in PROFILES:
        raise GlowlintError(f"unknown profile {profile!r} (one of: {', '.join(PROFILES)})")
    from .lexicon_packs import bind_lexicon, load_lexicon

    here = builtin_rules_dir()
    taxonomy = load_taxonomy(here / "taxonomy.yaml")
    context = ContextModel.load(here / "context.yaml")
    files = (builtin_packs() if builtin else []) + list(extra_packs or [])
    classes, types = load_lexicon(here / "lexicon.yaml")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        for rule in load_pack(path, taxonomy, classes):
            if rule.id in seen:
                raise GlowlintError(
                    f"rule id {rule.id!r} is already defined in {seen[rule.id]}", str(path),
                    rule.line,
                )
            seen[rule.id] = str(path)
            level = rule.profiles.get(profile)
            if level == "off":
                continue
            if level:
                rule.severity = Severity.parse(level)
            rules.append(rule)
    lexicon = bind_lexicon(rules, classes, seen, types)
    return RuleSet(rules=rules, context=context, taxonomy=taxonomy, profile=profile, files=files,
                   lexicon=lexicon)
