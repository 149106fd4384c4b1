"""Rule authoring tools: loading packs as written, and `rules show` (the logic; cli.py
parses). `rules test` is in rule_examples.py, `explain` in explain.py.

Everything here returns text (or plain records) so the CLI stays thin and the
tests can call it directly:

- `load_packs` loads packs as written (every rule, its own severity, whatever
  the profile turns off), after `load_rules` has validated them together;
- `show_rule` describes one rule, like ``ruff rule``;
- `run_examples` runs every rule's ``flag``/``pass`` examples and `format_examples_report`
  says, for each failure, which rule, where, which example and what happened;
- `explain` lints one text and says which rules fire and, verbosely, which
  matches the context set aside and why.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import rules as _rules
from .errors import GlowlintError
from .kinds import Rule
from .kinds.explaining import INDENT, WIDTH
from .kinds.explaining import quote as _quote
from .kinds.explaining import wrap as _wrap
from .lexicon_packs import framed
from .patterns import TERM
from .rule_docs import fix_lines, readable, source_title
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, builtin_rules_dir, load_pack, load_rules
from .yamlio import LineDict, load_yaml

# --------------------------------------------------------------------------- loading


@dataclass
class Pack:
    """One pack file and its rules as written (not profiled)."""

    path: Path
    rules: list[Rule]


@dataclass
class Packs:
    """Rule packs validated together, as `glowlint rules` reads them."""

    ruleset: RuleSet  # validated together, with the taxonomy and the context model
    packs: list[Pack]

    def rules(self) -> Iterator[tuple[Pack, Rule]]:
        for pack in self.packs:
            for rule in pack.rules:
                yield pack, rule

    def find(self, rule_id: str) -> tuple[Pack, Rule] | None:
        for pack, rule in self.rules():
            if rule.id == rule_id:
                return pack, rule
        return None


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Pack files from paths; a folder stands for the ``*.yaml`` packs in it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p for p in sorted(path.glob("*.y*ml"))
                if p.name not in ("taxonomy.yaml", "context.yaml")
            )
        else:
            out.append(path)
    return out


def load_packs(extra: Iterable[Path] = (), *, builtin: bool = True) -> Packs:
    """The built-in packs (when ``builtin``) and ``extra``, validated as `check` loads them.

    Raises `GlowlintError` for a pack that does not load.
    """
    files = pack_files(extra)
    ruleset = load_rules(files, builtin=builtin)
    packs = [Pack(path, load_pack(path, ruleset.taxonomy)) for path in ruleset.files]
    for pack in packs:  # validated by load_rules: the classes they name exist
        for rule in framed(pack.rules):
            rule.lexicon = ruleset.lexicon
    return Packs(ruleset, packs)


def builtin_clashes(packs: Packs) -> list[str]:
    """Notes on rule ids of user packs that a built-in pack also defines.

    `rules test` tests a user pack on its own; `check --rules` loads it with the
    built-in packs and refuses a second rule of the same id.
    """
    builtin = [p.resolve() for p in _rules.builtin_packs()]
    if not builtin or all(p.path.resolve() in builtin for p in packs.packs):
        return []
    known: dict[str, Path] = {}
    for path in builtin:
        try:
            known.update((r.id, path) for r in load_pack(path, packs.ruleset.taxonomy))
        except GlowlintError:
            return []  # a broken built-in pack is reported by the runs that load it
    notes = []
    for pack, rule in packs.rules():
        if pack.path.resolve() not in builtin and rule.id in known:
            notes.append(f"note: {shown_path(pack.path)}:{rule.line}: rule id {rule.id!r} is "
                         f"also a built-in rule ({shown_path(known[rule.id])}); "
                         f"'glowlint check --rules' will refuse this pack")
    return notes


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return str(path)


def closest_ids(rule_id: str, ids: Iterable[str], n: int = 3) -> list[str]:
    ids = list(ids)
    close = difflib.get_close_matches(rule_id, ids, n=n, cutoff=0.6)
    if not close:
        close = [i for i in ids if rule_id in i or i in rule_id][:n]
    return close


def unknown_rule_message(rule_id: str, ids: Iterable[str]) -> str:
    close = closest_ids(rule_id, ids)
    hint = f"did you mean {', '.join(close)}?" if close else "see 'glowlint rules list'"
    return f"unknown rule {rule_id!r} ({hint})"


# --------------------------------------------------------------------------- helpers


def example_block(text: str, indent: str = INDENT) -> list[str]:
    """An example as it stands: one quoted line, or a quoted block for a document."""
    body = text.rstrip("\n")
    if "\n" not in body:
        return [indent + _quote(body)]
    return [f"{indent}| {line}".rstrip() for line in body.split("\n")]


def plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _raw_rule(path: Path, rule_id: str) -> tuple[LineDict | None, dict[str, Any]]:
    """The rule's mapping as written in its pack, and the pack's terms."""
    try:
        data = load_yaml(path)
    except Exception:  # noqa: BLE001 - already validated; show what we can
        return None, {}
    terms = data.get("terms") or {} if isinstance(data, dict) else {}
    for item in (data.get("rules") or []) if isinstance(data, dict) else []:
        if isinstance(item, LineDict) and item.get("id") == rule_id:
            return item, terms if isinstance(terms, dict) else {}
    return None, {}


# --------------------------------------------------------------------------- rules show


def _severities(rule: Rule) -> list[str]:
    out = []
    for profile in PROFILES:
        level = rule.profiles.get(profile, str(rule.severity))
        note = "  (default profile)" if profile == DEFAULT_PROFILE else ""
        out.append(f"{INDENT}{profile:<7} {level}{note}")
    return out


def _context_lines(rule: Rule) -> list[str]:
    """How the shared context judgement applies to this rule, in its kind's words."""
    text = rule.context_text()
    return _wrap(text, INDENT) if text else []


# keys whose items are regex, shown in the phrase shorthand (linter/rule_docs.py)
_REGEX_KEYS = frozenset({"patterns", "triggers", "satisfied-by", "unless", "trigger",
                         "satisfied", "unless-sentence"})
_KEY_NAMES = {"patterns": "phrases (shorthand: ... up to three words, … any ending, "
                          "(a|b) a choice, ? optional, # a digit)"}


def _kind_keys(rule: Rule, raw: LineDict | None, terms: dict[str, Any]) -> list[str]:
    """The kind's own keys as the pack writes them (patterns, triggers, thresholds)."""
    if raw is None:
        return []
    out: list[str] = []
    used: list[str] = []
    for key, value in raw.items():
        if key not in type(rule).KIND_KEYS or key in ("fix", "fix-safe"):
            continue
        if isinstance(value, list):
            out.append(f"{INDENT}{_KEY_NAMES.get(key, key)}:")
            for item in value:
                shown = (readable(str(item)) if key in _REGEX_KEYS
                         else type(rule).show_item(key, item))
                out.append(f"{INDENT}  - {shown}")
                used.extend(TERM.findall(str(item)))
        else:
            if isinstance(value, bool):
                value = str(value).lower()
            out.append(f"{INDENT}{key}: {value}")
            used.extend(TERM.findall(str(value)))
    seen: set[str] = set()
    for name in used:
        if name in terms and name not in seen:
            if not seen:
                out.append(f"{INDENT}terms:")
            seen.add(name)
            definition = terms[name]
            if isinstance(definition, list):
                definition = " | ".join(str(d) for d in definition)
            definition = readable(str(definition))
            line = f"{INDENT}  {{{name}}} = {' '.join(str(definition).split())}"
            out.append(line if len(line) <= WIDTH else line[:WIDTH - 1] + "…")
    return out


def _examples(rule: Rule) -> list[str]:
    """The rule's examples as `rules show` lists them (nothing without any)."""
    if not rule.examples_flag and not rule.examples_pass:
        return []
    lines = ["Examples"]
    for label, texts in (("flagged", rule.examples_flag), ("not flagged", rule.examples_pass)):
        if texts:
            lines.append(f"{INDENT}{label}{rule.EXAMPLES_NOTE}:")
            for text in texts:
                lines.extend(example_block(text, INDENT + "  "))
    lines.append("")
    return lines


def show_rule(rule: Rule, ruleset: RuleSet, path: Path | None = None) -> str:
    """Everything about one rule, for a reviewer: what, where, how severe, why, examples."""
    category = ruleset.taxonomy.get(rule.category)
    title = f"{rule.id}: {rule.name}" if rule.name and rule.name != rule.id else rule.id
    lines = [title, "=" * len(title), ""]
    lines.append(f"kind      {rule.kind}")
    lines.append(f"category  {rule.category}")
    if category and category.means:
        lines.extend(_wrap(category.means, " " * 10))
    if path is not None:
        lines.append(f"pack      {shown_path(path)}:{rule.line}")
    lines.append("")

    lines.append("Message")
    lines.extend(_wrap(rule.message, INDENT))
    lines.append("")
    raw, terms = _raw_rule(path, rule.id) if path is not None else (None, {})
    keys = _kind_keys(rule, raw, terms)
    if keys:
        lines.append(rule.KEYS_HEADING)
        lines.extend(keys)
        lines.append("")
    context = _context_lines(rule)
    if context:
        lines.append("Context")
        lines.extend(context)
        lines.append("")

    lines.append("Severity by profile")
    lines.extend(_severities(rule))
    lines.append("")

    lines.append("Why")
    for source in rule.sources:
        lines.extend(_wrap(f"- {source_title(source.ref, builtin_rules_dir())}", INDENT))
        lines.extend(_wrap(source.fact, INDENT + "  "))
    lines.append(f"{INDENT}basis: {rule.basis}")
    lines.append("")

    lines.extend(_examples(rule))
    lines.append(rule.SUGGESTION_LABEL)
    lines.extend(_wrap(rule.suggestion or "(none)", INDENT))
    fixes = fix_lines(rule, ruleset, INDENT, raw.get("fix") if raw is not None else None)
    if fixes:
        lines.extend(["", "Fix", *fixes])
    return "\n".join(lines) + "\n"
