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
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import rules as _rules
from .context import Analysis, Verdict
from .engine import analyse, lint_document
from .errors import GlowlintError
from .kinds import Rule
from .lexicon_packs import framed
from .model import Document, Finding, Severity
from .patterns import TERM
from .readers import read_text
from .reporters.text import snippet
from .rule_docs import fix_lines, readable, source_title
from .rules import DEFAULT_PROFILE, PROFILES, RuleSet, builtin_rules_dir, load_pack, load_rules
from .safeio import read_regular
from .yamlio import MAX_SIZE, LineDict, load_yaml

WIDTH = 88
INDENT = "    "


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


def _wrap(text: str, indent: str = "", width: int = WIDTH, hanging: str | None = None
          ) -> list[str]:
    """Wrap ``text`` at ``width``; continuation lines take ``hanging`` (default: ``indent``)."""
    text = " ".join(text.split())
    later = indent if hanging is None else hanging
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=later,
                         break_long_words=False, break_on_hyphens=False) or [indent]


def _quote(text: str) -> str:
    """A text in double quotes, on one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r").replace("\n", "\\n") + '"'


def _example_lines(text: str, indent: str = INDENT) -> list[str]:
    """An example as it stands: one quoted line, or a quoted block for a document."""
    body = text.rstrip("\n")
    if "\n" not in body:
        return [indent + _quote(body)]
    return [f"{indent}| {line}".rstrip() for line in body.split("\n")]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _where(doc: Document, start: int) -> str:
    """``line:column`` in the source of a copy offset."""
    try:
        line, col = doc.position(doc.copy.src_start(start))
    except ValueError:
        return "?"
    return f"{line}:{col}"


def _source(doc: Document, start: int, end: int) -> str:
    try:
        return doc.source[doc.copy.src_start(start):doc.copy.src_end(end)]
    except ValueError:
        return doc.copy.text[start:end]


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
    """How the shared context judgement applies to this rule, from its switches."""
    skip = list(getattr(rule, "skip_sentences", ()) or ())
    kind = rule.kind
    if kind in ("claim", "frame"):
        aside = []
        if getattr(rule, "negation", True):
            aside.append("negated")
        if getattr(rule, "questions", True):
            aside.append("asked (a question)")
        if getattr(rule, "hedge", True):
            aside.append("hedged")
        if getattr(rule, "distancing", True):
            aside.append("distanced (reported or hypothetical)")
        if skip:
            aside.append("inside a " + " or ".join(skip) + " sentence")
        text = ("A match is set aside when it is " + ", ".join(aside[:-1])
                + (" or " if len(aside) > 1 else "") + aside[-1] + "." if aside
                else "Every match counts, whatever its context.")
        if not getattr(rule, "hedge", True):
            text += " Hedges do not excuse it (hedge: false)."
        if getattr(rule, "per_sentence", False):
            text += " Only the first match in a sentence is reported."
        text += " A softener (\"virtually\") keeps the finding, one severity level milder."
        return _wrap(text, INDENT)
    if kind == "required":
        text = ("One finding per document, at the first trigger, when no satisfying phrase "
                "counts. Advice that is denied (\"no side effects\") or asked does not count; "
                "hedged or conditional advice does.")
        if skip:
            text += " Nor does advice inside a " + " or ".join(skip) + " sentence."
        return _wrap(text, INDENT)
    if kind == "metric":
        return _wrap("Measured on the whole copy of a document and on each sentence.", INDENT)
    return []


def _frame_text(item: Any) -> str:
    """A frame as a reader says it: "absence + harm, at most 1 word apart"."""
    spec = {"slots": item} if isinstance(item, list) else dict(item)
    text = " + ".join(str(s) for s in spec.get("slots", []))
    gap = spec.get("gap", 3)
    if len(spec.get("slots", [])) > 1:
        text += (", side by side" if gap == 0
                 else f", at most {gap} word{'s' if gap != 1 else ''} apart")
        if spec.get("order") == "any":
            text += ", either order"
        if spec.get("lists"):
            text += ", any item of a list"
    return text


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
                shown = _frame_text(item) if key == "frames" else (
                    readable(str(item)) if key in _REGEX_KEYS else item)
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
        lines.append("Matches" if rule.kind != "metric" else "Measures")
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

    if rule.examples_flag or rule.examples_pass:
        lines.append("Examples")
        note = " (each a whole document)" if rule.kind == "required" else ""
        if rule.examples_flag:
            lines.append(f"{INDENT}flagged{note}:")
            for text in rule.examples_flag:
                lines.extend(_example_lines(text, INDENT + "  "))
        if rule.examples_pass:
            lines.append(f"{INDENT}not flagged{note}:")
            for text in rule.examples_pass:
                lines.extend(_example_lines(text, INDENT + "  "))
        lines.append("")

    label = "Advice to add" if rule.kind == "required" else "Suggestion"
    lines.append(label)
    lines.extend(_wrap(rule.suggestion or "(none)", INDENT))
    fixes = fix_lines(rule, ruleset, INDENT, raw.get("fix") if raw is not None else None)
    if fixes:
        lines.extend(["", "Fix", *fixes])
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


def _claim_trace(rule: Rule, doc: Document, analysis: Analysis
                 ) -> list[tuple[int, int, Verdict]]:
    matches = getattr(rule, "matches", None)
    if matches is None:
        return []
    return [(m.start(), m.end(), verdict) for m, verdict in matches(analysis)]


@dataclass
class RequiredTrace:
    trigger: tuple[int, int] | None
    satisfied: bool
    satisfiers: list[tuple[int, int, Verdict]]
    unless: tuple[int, int] | None = None


def _required_trace(rule: Rule, doc: Document, analysis: Analysis) -> RequiredTrace:
    unless_re = getattr(rule, "unless", None)
    unless = None
    if unless_re is not None:
        m = unless_re.search(analysis.text)
        unless = (m.start(), m.end()) if m else None
    first = getattr(rule, "first_trigger", None)
    trig = first(doc, analysis) if first is not None else None
    satisfiers = []
    judged = getattr(rule, "satisfiers", None)  # (match, verdict) per satisfier match
    if judged is not None:
        satisfiers = sorted(((m.start(), m.end(), verdict) for m, verdict in judged(analysis)),
                            key=lambda t: (t[0], -t[1]))
    is_satisfied = getattr(rule, "satisfied", None)
    satisfied = bool(is_satisfied(analysis)) if is_satisfied is not None else False
    return RequiredTrace((trig.start(), trig.end()) if trig else None, satisfied, satisfiers,
                         unless)


def _set_aside(spans: list[tuple[int, int, Verdict]]) -> list[tuple[int, int, Verdict]]:
    """The matches the context set aside, one per stretch of text (overlapping
    satisfiers such as "sun protection" and "sun" are one)."""
    out: list[tuple[int, int, Verdict]] = []
    last_end = -1
    for s, e, verdict in spans:
        if verdict.reason and s >= last_end:
            out.append((s, e, verdict))
            last_end = e
    return out


def _why_silent(rule: Rule, doc: Document, ruleset: RuleSet) -> list[str]:
    """Why a rule did not fire on a document, in the words of its kind."""
    analysis = analyse(doc, ruleset)
    if hasattr(rule, "matches"):  # claim and frame rules
        trace = _claim_trace(rule, doc, analysis)
        if not trace:
            return ["no pattern matched"]
        out = []
        for s, e, verdict in trace:
            said = _quote(_source(doc, s, e))
            if verdict.reason:
                out.append(f"matched {said}, set aside by the context: {verdict.reason}")
            else:
                out.append(f"matched {said}, which is not copy text")
        return out
    if rule.kind == "required":
        rt = _required_trace(rule, doc, analysis)
        if rt.unless is not None:
            return [f"not needed: 'unless' matched {_quote(_source(doc, *rt.unless))}"]
        if rt.trigger is None:
            return ["no trigger matched"]
        counted = [(s, e) for s, e, v in rt.satisfiers if v.counts]
        said = _quote(_source(doc, *rt.trigger))
        if counted:
            by = _quote(_source(doc, *counted[0]))
            return [f"triggered by {said}, but the advice is given by {by}"]
        return [f"triggered by {said}, but the rule did not fire"]
    return ["the rule did not fire"]


def _why_fired(rule: Rule, doc: Document, findings: list[Finding], ruleset: RuleSet
               ) -> list[str]:
    out = []
    for f in findings:
        what = f"fired on {_quote(f.match)} at {f.line}:{f.column}"
        if f.note:
            what += f" ({f.note})"
        out.append(what)
    if rule.kind == "required":
        rt = _required_trace(rule, doc, analyse(doc, ruleset))
        out = [line.replace("fired on", "triggered by", 1) + ", and no advice satisfies it"
               for line in out]
        for s, e, verdict in _set_aside(rt.satisfiers):
            out.append(f"{_quote(_source(doc, s, e))} does not count: {verdict.reason}")
    return out


def run_example(rule: Rule, text: str, ruleset: RuleSet, should_flag: bool) -> list[str]:
    """Nothing when the example holds; otherwise what happened, one line each."""
    doc = read_text(text)
    notices: list[Any] = []
    findings = [f for f in lint_document(doc, _only(ruleset, rule), notices)
                if f.rule == rule.id]
    if notices:  # the rule ran out of time on its own example: it fails, and says why
        return [f"{n.message}" for n in notices]
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


def _finding_lines(f: Finding, doc: Document) -> list[str]:
    out = [f"{f.severity}[{f.rule}] at {f.line}:{f.column}: {f.message}"]
    out.extend(snippet(f, doc.line_text(f.line)))
    gutter = " " * len(str(f.line))
    if f.note:
        out.extend(_wrap(f"= note: {f.note}", gutter + " ", hanging=gutter + "   "))
    if f.suggestion:
        label = "add" if f.category.startswith("missing-") else "suggestion"
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
    notices: list[Any] = []
    findings = lint_document(doc, ruleset, notices)
    lines: list[str] = [f"incomplete: {n.message}" for n in notices]
    for f in findings:
        lines.extend(_finding_lines(f, doc))
        lines.append("")

    set_aside: list[SetAside] = []
    required: list[tuple[Rule, RequiredTrace]] = []
    if verbose:
        analysis = analyse(doc, ruleset)
        for rule in ruleset.rules:
            if hasattr(rule, "matches"):  # claim and frame rules
                for s, e, verdict in _claim_trace(rule, doc, analysis):
                    if verdict.reason and doc.copy.is_mapped(s, e):
                        set_aside.append(SetAside(rule, s, e, verdict.reason))
            elif rule.kind == "required":
                required.append((rule, _required_trace(rule, doc, analysis)))
        set_aside.sort(key=lambda a: (a.start, a.rule.id))
        lines.append("Set aside by the context:")
        if not set_aside:
            lines.append(f"{INDENT}(no match)")
        for a in set_aside:
            lines.extend(_wrap(
                f"{_where(doc, a.start)} [{a.rule.id}] {_quote(_source(doc, a.start, a.end))}: "
                f"{a.reason}", INDENT, hanging=INDENT * 2))
        lines.append("")
        lines.extend(_required_lines(doc, required))
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


def _required_lines(doc: Document, required: list[tuple[Rule, RequiredTrace]]) -> list[str]:
    lines = ["Required advice:"]
    idle = []
    for rule, rt in required:
        if rt.unless is not None:
            lines.append(f"{INDENT}{rule.id}: not needed ('unless' matched "
                         f"{_quote(_source(doc, *rt.unless))})")
            continue
        if rt.trigger is None:
            idle.append(rule.id)
            continue
        trig = f"triggered by {_quote(_source(doc, *rt.trigger))} at {_where(doc, rt.trigger[0])}"
        counted = [(s, e) for s, e, v in rt.satisfiers if v.counts]
        if rt.satisfied and counted:
            state = (f"satisfied by {_quote(_source(doc, *counted[0]))} at "
                     f"{_where(doc, counted[0][0])}")
        elif rt.satisfied:
            state = "satisfied"
        else:
            state = "missing (a finding)"
        lines.extend(_wrap(f"{rule.id}: {state}; {trig}", INDENT, hanging=INDENT * 2))
        for s, e, verdict in _set_aside(rt.satisfiers):
            lines.extend(_wrap(
                f"{_quote(_source(doc, s, e))} at {_where(doc, s)} does not count: "
                f"{verdict.reason}", INDENT * 2, hanging=INDENT * 3))
    if idle:
        lines.extend(_wrap("not triggered: " + ", ".join(idle), INDENT, hanging=INDENT * 2))
    if len(lines) == 1:
        lines.append(f"{INDENT}(no required rule in force)")
    lines.append("")
    return lines
