"""The lint itself: documents through checks to findings, as generators.

paths -> documents (linter.files, linter.readers) -> checks (rule kinds)
-> findings -> filters (suppressions, baseline) -> reporter -> exit status.
"""

from __future__ import annotations

import errno
import os
import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from .context import Analysis
from .errors import GlowlintError
from .kinds import Rule
from .kinds.base import Claimed, SearchPlan
from .kinds.compile import deadline
from .kinds.required import advice_states
from .model import Document, Finding
from .readers import BinaryFile, read_bytes
from .rules import RuleSet
from .scanner import scanner_for
from .textmap import fold

if TYPE_CHECKING:
    from .kinds.plan import Planner


@dataclass
class Notice:
    """Something about a file the user should know that is not a finding."""

    path: str
    message: str
    error: bool  # True: the run cannot be clean (exit 2); False: a skip notice
    # True: the file was linted, but not completely (a rule timed out); its findings count
    partial: bool = False
    # True: a path argument that gave nothing to lint, and why (the summary says it)
    reason: bool = False


def analyse(doc: Document, ruleset: RuleSet) -> Analysis:
    # = text.translate(context.FOLD)
    return Analysis(fold(doc.copy.text), ruleset.context, document=doc, lexicon=ruleset.lexicon)


def check_rule(rule: Rule, doc: Document, analysis: Analysis, plan: SearchPlan,
               ruleset: RuleSet, timed_out: list[str]) -> list[Finding]:
    """One rule's findings, its matching bounded by ``ruleset.time_limit``.

    A rule that runs out of time (a catastrophic pattern from a user's pack)
    keeps the findings it made so far and adds its id to ``timed_out``.
    """
    findings: list[Finding] = []
    try:
        with deadline(ruleset.time_limit):
            for finding in rule.check(doc, analysis, plan):
                findings.append(finding)
    except TimeoutError:
        timed_out.append(rule.id)
    return findings


def timeout_notice(path: str, timed_out: list[str], ruleset: RuleSet) -> Notice:
    rules = ", ".join(timed_out)
    return Notice(
        path,
        f"rule{'s' if len(timed_out) > 1 else ''} {rules} timed out "
        f"(limit {ruleset.time_limit:g} s per rule and file); other rules' findings are "
        "reported",
        error=False, partial=True,
    )


def lint_document(doc: Document, ruleset: RuleSet, notices: list[Notice] | None = None,
                  *, single_pass: bool = True, advice: dict[str, str] | None = None,
                  analysis: Analysis | None = None, typed: bool = True) -> list[Finding]:
    """Every finding of every rule on one document, in position order.

    A rule that times out is reported in ``notices`` (a warning when none is given).
    ``single_pass`` (the default) plans with the scanner, which runs only the rules
    whose literal anchors occur in the copy (linter/scanner.py); the findings are
    the same as with the reference plan, every rule over the whole copy
    (``single_pass=False``, kinds/plan.py). ``advice``, when given, receives
    `advice_states` (what the HTML report's checklist shows). ``analysis``: the
    document's `analyse` with this rule set, made by the caller to ask it more
    afterwards (a catalogue record's type). ``typed=False``: the findings' document
    type is left unset, for a caller that sets its own (a record's fields).
    """
    analysis = analyse(doc, ruleset) if analysis is None else analysis
    findings: list[Finding] = []
    timed_out: list[str] = []
    plan = planner(ruleset, single_pass).plan(analysis, ruleset.rules)
    # The rules that give way run last, told what the others found (`Claimed`).
    for rule in plan.rules:
        if not rule.GIVES_WAY:
            findings.extend(check_rule(rule, doc, analysis, plan, ruleset, timed_out))
    plan.claimed = Claimed(findings)
    for rule in plan.rules:
        if rule.GIVES_WAY:
            findings.extend(check_rule(rule, doc, analysis, plan, ruleset, timed_out))
    if len(timed_out) > 1:  # named in the plan's order
        order = {rule.id: k for k, rule in enumerate(plan.rules)}
        timed_out.sort(key=order.__getitem__)
    findings = one_category_per_span(one_finding_per_claim(findings, plan.rules), ruleset)
    if typed and findings and ruleset.lexicon is not None:  # what its document is
        kind = analysis.document_type(doc, ruleset.lexicon).name
        for finding in findings:
            finding.document_type = kind
    if advice is not None:
        try:
            with deadline(ruleset.time_limit):
                advice.update(advice_states(doc, analysis, ruleset.rules, plan))
        except TimeoutError:  # left empty: the report works it out again
            advice.clear()
    if timed_out:
        notice = timeout_notice(doc.path, timed_out, ruleset)
        if notices is None:
            warnings.warn(f"{doc.path}: {notice.message}", RuntimeWarning, stacklevel=2)
        else:
            notices.append(notice)
    findings.sort(key=Finding.sort_key)
    return findings


def planner(ruleset: RuleSet, fast: bool = True) -> Planner:
    """The rule set's scanner (built once and kept with it), or the reference planner."""
    if fast:
        return scanner_for(ruleset)
    from .kinds.plan import REFERENCE  # tests and `--no-single-pass` comparisons only

    return REFERENCE


def one_finding_per_claim(findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """Drop a finding of a kind that gives way (`Rule.GIVES_WAY`: frames) where another
    rule of the same category found the claim (``rules``: those that ran).

    Frame rules (linter/kinds/frame.py) read claims by their kind and so find
    many that a phrase rule also finds; the phrase rule's finding carries the
    more specific message and fix, and a span says one thing once.
    """
    framed = {r.id for r in rules if r.GIVES_WAY}
    if not framed or not any(f.rule in framed for f in findings):
        return findings
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if f.rule not in framed:
            spans.setdefault(f.category, []).append((f.start, f.end))
    return [f for f in findings if f.rule not in framed or not any(
        s < f.end and f.start < e for s, e in spans.get(f.category, ()))]


def one_category_per_span(findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Drop a finding whose words another category's finding covers and describes better.

    "cures rosacea" is found by a removal rule and by a treating-a-condition
    rule; it says one thing, a medicinal claim. The taxonomy declares which
    category names such words (``prevails-over`` in rules/taxonomy.yaml). A
    span keeps two findings when each covers words the other does not ("cure
    hair loss for good" is a cure and a promise of permanence).
    """
    beaten: dict[str, set[str]] = {}
    for category in ruleset.taxonomy.values():
        for other in category.prevails_over:
            beaten.setdefault(other, set()).add(category.name)
    if not beaten or not any(f.category in beaten for f in findings):
        return findings
    covers = {name: _cover(findings, names) for name, names in beaten.items()}
    return [f for f in findings if f.category not in covers or not covers[f.category](f)]


def _cover(findings: list[Finding], categories: set[str]) -> Callable[[Finding], bool]:
    """Whether a finding of ``categories`` covers a span: one sort and a binary search each."""
    spans = sorted((f.start, f.end) for f in findings if f.category in categories)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end so far
    def covered(f: Finding) -> bool:
        i = bisect_right(starts, f.start)
        return i > 0 and reach[i - 1] >= f.end
    return covered


MAX_FILE_SIZE = 10 * 2**20  # bytes; larger files are skipped (--max-file-size, 0: no limit)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes of a size such as ``10MB``, ``512k`` or ``1000000`` (K, M, G: powers of 1024)."""
    m = _SIZE.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not a size: {text!r} (use a number of bytes, or e.g. 512k, 10MB)")
    return int(float(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " "))


def format_size(n: int) -> str:
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def too_large(size: int | None, limit: int) -> str:
    what = f"{format_size(size)}, " if size is not None else ""
    return f"file too large ({what}the limit is {format_size(limit)}: --max-file-size)"


def lint_file(path: str, fmt: str, ruleset: RuleSet, data: bytes | None = None,
              max_size: int = 0, advice: dict[str, str] | None = None
              ) -> tuple[list[Finding], Notice | None]:
    """Read and lint one file; unreadable input becomes a notice, never a crash.

    A file over ``max_size`` bytes (0: no limit) is skipped with a notice,
    without being read: memory stays proportional to the largest file linted.
    """
    try:
        if data is None:
            with open(path, "rb") as fh:
                if max_size:
                    size = os.fstat(fh.fileno()).st_size
                    if size > max_size:
                        return [], Notice(path, too_large(size, max_size), error=False)
                    data = fh.read(max_size + 1)  # a device or pipe has no size
                else:
                    data = fh.read()
        if max_size and len(data) > max_size:
            return [], Notice(path, too_large(None, max_size), error=False)
        doc = read_bytes(data, path, fmt)
    except BinaryFile as e:
        return [], Notice(path, e.message, error=False)
    except GlowlintError as e:
        return [], Notice(path, e.message, error=True)
    except FileNotFoundError:
        return [], Notice(path, "file not found", error=True)
    except IsADirectoryError:
        return [], Notice(path, "is a folder, not a file", error=True)
    except OSError as e:
        if e.errno == errno.ELOOP:  # not a file at all, as a dangling link is not
            return [], Notice(path, "symbolic link loop skipped", error=False)
        return [], Notice(path, f"cannot read: {e.strerror}", error=True)
    notices: list[Notice] = []
    findings = lint_document(doc, ruleset, notices, advice=advice)
    return findings, (notices[0] if notices else None)

