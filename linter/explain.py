"""`glowlint explain`: which rules fire on one text and, verbosely, which matches the
context set aside and why, and each kind's own section (`Rule.SECTION`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import rules as _rules
from .authoring import plural
from .engine import analyse, lint_document
from .kinds import KINDS, Rule
from .kinds.explaining import INDENT, Explanation
from .kinds.explaining import quote as _quote
from .kinds.explaining import source as _source
from .kinds.explaining import where as _where
from .kinds.explaining import wrap as _wrap
from .kinds.plan import SearchPlan
from .model import Document, Finding, Severity
from .readers import read_text
from .reporters.text import snippet
from .rules import RuleSet


@dataclass
class SetAside:
    """A rule's match that the context set aside, and why (`glowlint explain`)."""

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
    notices: list[Any] = []
    findings = lint_document(doc, ruleset, notices)
    lines: list[str] = [f"incomplete: {n.message}" for n in notices]
    advice = _rules.advice_categories(ruleset.taxonomy)
    for f in findings:
        lines.extend(_finding_lines(f, doc, advice))
        lines.append("")

    set_aside: list[SetAside] = []
    if verbose:
        lines.extend(_verbose_lines(doc, ruleset, set_aside))
    counts = Counter(f.severity for f in findings)
    if findings:
        parts = [plural(counts[s], str(s)) for s in (Severity.ERROR, Severity.WARNING,
                                                      Severity.INFO) if counts[s]]
        fired = len({f.rule for f in findings})
        summary = (f"{plural(len(findings), 'finding')} ({', '.join(parts)}) from "
                   f"{plural(fired, 'rule')}")
    else:
        summary = "No rule fires"
    summary += f" (profile {ruleset.profile})"
    if verbose:
        summary += f"; {plural(len(set_aside), 'match', 'matches')} set aside."
    else:
        summary += ". Use --verbose to see the matches the context set aside."
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _verbose_lines(doc: Document, ruleset: RuleSet, set_aside: list[SetAside]) -> list[str]:
    """What ``explain -v`` adds: the matches the context set aside (into ``set_aside``),
    each kind's section, and the document type."""
    analysis = analyse(doc, ruleset)
    plan = SearchPlan(analysis, ruleset.rules)  # the reference: every match, everywhere
    sections: dict[type[Rule], list[tuple[Rule, Explanation]]] = {}
    for rule in ruleset.rules:
        explained = rule.explain(doc, analysis, plan)
        set_aside.extend(SetAside(rule, s, e, why) for s, e, why in explained.set_aside)
        if rule.SECTION:
            sections.setdefault(type(rule), []).append((rule, explained))
    set_aside.sort(key=lambda a: (a.start, a.rule.id))
    lines = ["Set aside by the context:"]
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
        kind_of = analysis.document_type(doc, ruleset.lexicon)
        lines.extend(_wrap(f"Document type: {kind_of.name} ({kind_of.why})", "",
                           hanging=INDENT))
        lines.append("")
    return lines


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
