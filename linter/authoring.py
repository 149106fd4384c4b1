"""Rule authoring tools: `rules show`, `rules test` and `explain` (the logic; cli.py parses).

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

import dataclasses
import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import rules as _rules
from .engine import analyse, lint_document
from .errors import GlowlintError
from .kinds import KINDS, Rule
from .kinds.explaining import INDENT, WIDTH, Explanation
from .kinds.explaining import quote as _quote
from .kinds.explaining import source as _source
from .kinds.explaining import where as _where
from .kinds.explaining import wrap as _wrap
from .kinds.plan import SearchPlan
from .lexicon_packs import framed
from .model import Document, Finding, Severity
from .patterns import TERM
from .readers import read_text
from .reporters.text import snippet
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, load_pack, load_rules
from .safeio import read_regular
from .yamlio import MAX_SIZE, LineDict, load_yaml

# --------------------------------------------------------------------------- loading


@dataclass
class Pack:
    """One pack file and its rules as written (not profiled)."""

    path: Path
    rules: list[Rule]


@dataclass
class Packs:
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


def _example_lines(text: str, indent: str = INDENT) -> list[str]:
    """An example as it stands: one quoted line, or a quoted block for a document."""
    body = text.rstrip("\n")
    if "\n" not in body:
        return [indent + _quote(body)]
    return [f"{indent}| {line}".rstrip() for line in body.split("\n")]


def _plural(n: int, word: str, plural: str | None = None) -> str:
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
            out.append(f"{INDENT}{key}:")
            for item in value:
                shown = type(rule).show_item(key, item)
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
            line = f"{INDENT}  {{{name}}} = {' '.join(str(definition).split())}"
            out.append(line if len(line) <= WIDTH else line[:WIDTH - 1] + "…")
    return out


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
        lines.extend(_wrap(f"- {source.ref}", INDENT))
        lines.extend(_wrap(source.fact, INDENT + "  "))
    lines.append(f"{INDENT}basis: {rule.basis}")
    lines.append("")

    if rule.examples_flag or rule.examples_pass:
        lines.append("Examples")
        note = rule.EXAMPLES_NOTE
        if rule.examples_flag:
            lines.append(f"{INDENT}flagged{note}:")
            for text in rule.examples_flag:
                lines.extend(_example_lines(text, INDENT + "  "))
        if rule.examples_pass:
            lines.append(f"{INDENT}not flagged{note}:")
            for text in rule.examples_pass:
                lines.extend(_example_lines(text, INDENT + "  "))
        lines.append("")

    lines.append(rule.SUGGESTION_LABEL)
    lines.extend(_wrap(rule.suggestion or "(none)", INDENT))
    fix = getattr(rule, "fix", None)
    if fix:
        lines.append("")
        lines.append("Fix")
        safety = ("safe: applied with --fix" if getattr(rule, "fix_safe", False)
                  else "unsafe: applied with --fix --unsafe-fixes")
        lines.append(f"{INDENT}replaces the match with {_quote(fix)} ({safety})")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- rules test


@dataclass
class ExampleFailure:
    path: Path
    rule: Rule
    should_flag: bool
    text: str
    happened: list[str]  # what happened instead, one line each


@dataclass
class ExampleReport:
    files: list[Path]
    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    without_examples: list[str] = field(default_factory=list)
    lexicon_examples: int = 0  # examples of lexicon classes (rules/lexicon.yaml, `lexicon:`)
    lexicon_failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.lexicon_failures


def _only(ruleset: RuleSet, rule: Rule) -> RuleSet:
    return dataclasses.replace(ruleset, rules=[rule])


def _explained(rule: Rule, doc: Document, ruleset: RuleSet) -> Explanation:
    """What ``rule`` made of ``doc``, searched by the reference plan."""
    analysis = analyse(doc, ruleset)
    return rule.explain(doc, analysis, SearchPlan(analysis, [rule]))


def _why_silent(rule: Rule, doc: Document, ruleset: RuleSet) -> list[str]:
    """Why a rule did not fire on a document, in the words of its kind."""
    return _explained(rule, doc, ruleset).silent


def _why_fired(rule: Rule, doc: Document, findings: list[Finding], ruleset: RuleSet
               ) -> list[str]:
    explained = _explained(rule, doc, ruleset)
    verb, tail = explained.fired_as
    out = []
    for f in findings:
        what = f"{verb} {_quote(f.match)} at {f.line}:{f.column}"
        if f.note:
            what += f" ({f.note})"
        out.append(what + tail)
    return out + explained.fired_more


def run_example(rule: Rule, text: str, ruleset: RuleSet, should_flag: bool) -> list[str]:
    """Nothing when the example holds; otherwise what happened, one line each."""
    doc = read_text(text)
    findings = [f for f in lint_document(doc, _only(ruleset, rule)) if f.rule == rule.id]
    if should_flag and not findings:
        return _why_silent(rule, doc, ruleset)
    if not should_flag and findings:
        return _why_fired(rule, doc, findings, ruleset)
    return []


def run_examples(packs: Packs) -> ExampleReport:
    """Run every rule's examples, each rule alone, whatever the profile."""
    report = ExampleReport(files=[p.path for p in packs.packs])
    for pack, rule in packs.rules():
        report.rules += 1
        if not rule.examples_flag and not rule.examples_pass:
            report.without_examples.append(rule.id)
        for should_flag, texts in ((True, rule.examples_flag), (False, rule.examples_pass)):
            for text in texts:
                report.examples += 1
                happened = run_example(rule, text, packs.ruleset, should_flag)
                if happened:
                    report.failures.append(
                        ExampleFailure(pack.path, rule, should_flag, text, happened))
    if packs.ruleset.lexicon is not None:
        # the classes of the packs tested, and the built-in ones with the built-in packs
        origins = {str(p.path) for p in packs.packs}
        builtin = {str(p) for p in _rules.builtin_packs()}
        if origins & builtin:
            origins.add(str(_rules.builtin_rules_dir() / "lexicon.yaml"))
        report.lexicon_examples, report.lexicon_failures = (
            packs.ruleset.lexicon.example_failures(origins))
    return report


def format_examples_report(report: ExampleReport) -> str:
    lines: list[str] = []
    example_lines: dict[Path, dict[tuple[str, str, int], int]] = {}
    for f in report.failures:
        if f.path not in example_lines:
            example_lines[f.path] = _example_positions(f.path)
        which = "a flag example did not fire" if f.should_flag else "a pass example fired"
        lines.append(f"{shown_path(f.path)}:{f.rule.line}: rule {f.rule.id} ({f.rule.kind}): "
                     f"{which}")
        key = "flag" if f.should_flag else "pass"
        texts = f.rule.examples_flag if f.should_flag else f.rule.examples_pass
        line = example_lines[f.path].get((f.rule.id, key, texts.index(f.text)))
        label = f"line {line}: " if line else ""
        body = f.text.rstrip("\n")
        if "\n" in body:
            lines.append(f"  {label}".rstrip())
            lines.extend(_example_lines(body))
        else:
            lines.append(f"  {label}{_quote(body)}")
        for what in f.happened:
            lines.extend(_wrap(what, "  "))
        lines.append("")
    lines.extend(report.lexicon_failures)
    if report.lexicon_examples:
        failed = len(report.lexicon_failures)
        lines.append(f"Lexicon: {failed} of {_plural(report.lexicon_examples, 'example')} failed."
                     if failed else f"Lexicon: all {_plural(report.lexicon_examples, 'example')} "
                     "pass.")
    packs = _plural(len(report.files), "pack")
    if report.failures:
        failed_rules = len({f.rule.id for f in report.failures})
        lines.append(
            f"{len(report.failures)} of {_plural(report.examples, 'example')} failed, "
            f"in {failed_rules} of {_plural(report.rules, 'rule')} ({packs})."
        )
    elif report.examples:
        lines.append(f"All {_plural(report.examples, 'example')} of "
                     f"{_plural(report.rules, 'rule')} pass ({packs}).")
    else:
        lines.append(f"No examples to run ({_plural(report.rules, 'rule')}, {packs}).")
    if report.without_examples:
        lines.extend(_wrap("Rules without examples: " + ", ".join(report.without_examples)))
    return "\n".join(lines) + "\n"


def _example_positions(path: Path) -> dict[tuple[str, str, int], int]:
    """The line of each example in a pack: (rule id, flag|pass, index) -> line."""
    import yaml

    try:
        root = yaml.compose(read_regular(path, MAX_SIZE).decode("utf-8-sig"),
                            Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}

    def get(node: Any, key: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    out: dict[tuple[str, str, int], int] = {}
    rules = get(root, "rules")
    for rule in rules.value if isinstance(rules, yaml.SequenceNode) else []:
        rid = get(rule, "id")
        examples = get(rule, "examples")
        if not isinstance(rid, yaml.ScalarNode) or examples is None:
            continue
        for key in ("flag", "pass"):
            items = get(examples, key)
            if isinstance(items, yaml.SequenceNode):
                for i, item in enumerate(items.value):
                    out[(rid.value, key, i)] = item.start_mark.line + 1
            elif isinstance(items, yaml.ScalarNode):
                out[(rid.value, key, 0)] = items.start_mark.line + 1
    return out


# --------------------------------------------------------------------------- explain


@dataclass
class SetAside:
    rule: Rule
    start: int
    end: int
    reason: str


def _finding_lines(f: Finding, doc: Document, advice: frozenset[str]) -> list[str]:
    out = [f"{f.severity}[{f.rule}] at {f.line}:{f.column}: {f.message}"]
    out.extend(snippet(f, doc.line_text(f.line)))
    gutter = " " * len(str(f.line))
    if f.note:
        out.extend(_wrap(f"= note: {f.note}", gutter + " ", hanging=gutter + "   "))
    if f.suggestion:
        label = "add" if f.category in advice else "suggestion"
        out.extend(_wrap(f"= {label}: {f.suggestion}", gutter + " ", hanging=gutter + "   "))
    return out


def explain(
    text: str,
    ruleset: RuleSet,
    *,
    fmt: str = "txt",
    path: str = "<text>",
    verbose: bool = False,
) -> str:
    """Which rules fire on ``text`` and, with ``verbose``, what the context set aside."""
    doc = read_text(text, path, fmt)
    findings = lint_document(doc, ruleset)
    lines: list[str] = []
    advice = _rules.advice_categories(ruleset.taxonomy)
    for f in findings:
        lines.extend(_finding_lines(f, doc, advice))
        lines.append("")

    set_aside: list[SetAside] = []
    sections: dict[type[Rule], list[tuple[Rule, Explanation]]] = {}
    if verbose:
        analysis = analyse(doc, ruleset)
        plan = SearchPlan(analysis, ruleset.rules)  # the reference: every match, everywhere
        for rule in ruleset.rules:
            explained = rule.explain(doc, analysis, plan)
            set_aside.extend(SetAside(rule, s, e, why) for s, e, why in explained.set_aside)
            if rule.SECTION:
                sections.setdefault(type(rule), []).append((rule, explained))
        set_aside.sort(key=lambda a: (a.start, a.rule.id))
        lines.append("Set aside by the context:")
        if not set_aside:
            lines.append(f"{INDENT}(no match)")
        for a in set_aside:
            lines.extend(_wrap(
                f"{_where(doc, a.start)} [{a.rule.id}] {_quote(_source(doc, a.start, a.end))}: "
                f"{a.reason}", INDENT, hanging=INDENT * 2))
        lines.append("")
        for name, kind in KINDS.items():
            if kind.SECTION:
                lines.extend(_section_lines(name, kind.SECTION, sections.get(kind, [])))
        if ruleset.lexicon is not None and any(getattr(r, "types", ()) for r in ruleset.rules):
            kind = analysis.document_type(doc, ruleset.lexicon)
            lines.extend(_wrap(f"Document type: {kind.name} ({kind.why})", "",
                               hanging=INDENT))
            lines.append("")

    counts = Counter(f.severity for f in findings)
    if findings:
        parts = [_plural(counts[s], str(s)) for s in (Severity.ERROR, Severity.WARNING,
                                                      Severity.INFO) if counts[s]]
        fired = len({f.rule for f in findings})
        summary = (f"{_plural(len(findings), 'finding')} ({', '.join(parts)}) from "
                   f"{_plural(fired, 'rule')}")
    else:
        summary = "No rule fires"
    summary += f" (profile {ruleset.profile})"
    if verbose:
        summary += f"; {_plural(len(set_aside), 'match', 'matches')} set aside."
    else:
        summary += ". Use --verbose to see the matches the context set aside."
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _section_lines(kind: str, title: str, explained: list[tuple[Rule, Explanation]]
                   ) -> list[str]:
    """A kind's section of ``explain -v`` (`Rule.SECTION`): each rule's lines, then the
    rules with nothing to say (for required rules: not triggered)."""
    lines = [f"{title}:"]
    idle = []
    for rule, said in explained:
        if said.section is None:
            idle.append(rule.id)
        else:
            lines.extend(said.section)
    if idle:
        lines.extend(_wrap("not triggered: " + ", ".join(idle), INDENT, hanging=INDENT * 2))
    if len(lines) == 1:
        lines.append(f"{INDENT}(no {kind} rule in force)")
    lines.append("")
    return lines
