"""`glowlint rules test`: every rule's ``flag``/``pass`` examples run, each rule alone,
and a report that says, for each failure, which rule, where, which example and what
happened (in the words of the rule's kind: `Rule.explain`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import rules as _rules
from .authoring import Packs, example_block, plural, shown_path
from .engine import analyse, lint_document
from .kinds import Rule
from .kinds.explaining import Explanation
from .kinds.explaining import quote as _quote
from .kinds.explaining import wrap as _wrap
from .kinds.plan import SearchPlan
from .model import Document, Finding
from .readers import read_text
from .rules import RuleSet
from .safeio import read_regular
from .yamlio import MAX_SIZE


@dataclass
class ExampleFailure:
    """One rule example that did not do what it says."""

    path: Path
    rule: Rule
    should_flag: bool
    text: str
    happened: list[str]  # what happened instead, one line each


@dataclass
class ExampleReport:
    """What `glowlint rules test` found over the rule files."""

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
            lines.extend(example_block(body))
        else:
            lines.append(f"  {label}{_quote(body)}")
        for what in f.happened:
            lines.extend(_wrap(what, "  "))
        lines.append("")
    lines.extend(report.lexicon_failures)
    if report.lexicon_examples:
        failed = len(report.lexicon_failures)
        lines.append(f"Lexicon: {failed} of {plural(report.lexicon_examples, 'example')} failed."
                     if failed else f"Lexicon: all {plural(report.lexicon_examples, 'example')} "
                     "pass.")
    packs = plural(len(report.files), "pack")
    if report.failures:
        failed_rules = len({f.rule.id for f in report.failures})
        lines.append(
            f"{len(report.failures)} of {plural(report.examples, 'example')} failed, "
            f"in {failed_rules} of {plural(report.rules, 'rule')} ({packs})."
        )
    elif report.examples:
        lines.append(f"All {plural(report.examples, 'example')} of "
                     f"{plural(report.rules, 'rule')} pass ({packs}).")
    else:
        lines.append(f"No examples to run ({plural(report.rules, 'rule')}, {packs}).")
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
