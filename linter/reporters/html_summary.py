"""The HTML report's summary: totals, findings per category and per file, the filters,
and each page's safety-advice checklist (given, missing, not needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Document, Finding, Severity
from .html_page import category_name, esc, slug

if TYPE_CHECKING:
    from ..rules import RuleSet

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# The missing-advice checklist: category -> what a reader needs to be told.
ADVICE: tuple[tuple[str, str], ...] = (
    ("missing-sunscreen", "Sun protection"),
    ("missing-consultation", "Consultation"),
    ("missing-contraindications", "Contraindications"),
    ("missing-side-effects", "Side effects"),
)


def checklist(doc: Document | None, findings: list[Finding], ruleset: RuleSet | None,
              advice: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(category, label, state) per advice; state is 'given', 'missing' or 'n/a'.

    'missing' when the document has the finding; otherwise the required rules
    of the category say whether the advice is given or not needed here
    (`advice_states`: ``advice`` when the lint took them, else worked out from
    ``doc``).
    """
    flagged = {f.category for f in findings}
    out = []
    for category, label in ADVICE:
        if category in flagged:
            out.append((category, label, "missing"))
            continue
        if advice is None:
            advice = _advice(doc, ruleset)
        out.append((category, label, _CHECKED.get(advice.get(category, ""), "n/a")))
    return out


_CHECKED = {"given": "given", "needed": "missing"}  # advice_states -> checklist state


def has_advice_rules(ruleset: RuleSet | None) -> bool:
    from ..kinds.required import RequiredRule

    return ruleset is not None and any(isinstance(r, RequiredRule) for r in ruleset.rules)


def _advice(doc: Document | None, ruleset: RuleSet | None) -> dict[str, str]:
    """`advice_states` of ``doc``, its analysis prepared as the lint prepares it
    (``doc`` may be None when the rule set has no required rules)."""
    from ..kinds.required import advice_states

    if not has_advice_rules(ruleset):
        return {}
    assert doc is not None and ruleset is not None
    from ..engine import analyse, planner

    analysis = analyse(doc, ruleset)
    # each satisfier and trigger searched only where its words are, as in the lint
    plan = planner(ruleset).plan(analysis, ruleset.rules)
    return advice_states(doc, analysis, ruleset.rules, plan)


_STATE = {
    "given": ('<span class="gl-ok" aria-hidden="true">✓</span>', "given"),
    "missing": ('<span class="gl-bad" aria-hidden="true">✗</span>', "missing"),
    "n/a": ('<span class="gl-na" aria-hidden="true">–</span>', "not needed"),
}


def _state_cell(state: str) -> str:
    mark, words = _STATE[state]
    return f'{mark}<span class="gl-sr"> {words}</span>'


def render_checklist(items: list[tuple[str, str, str]]) -> str:
    lis = "".join(
        f'<li data-advice="{esc(c)}" data-state="{s}">{_STATE[s][0]} {esc(label)}'
        f'<span class="gl-sr"> {_STATE[s][1]}</span></li>'
        for c, label, s in items
    )
    return f'<ul class="gl-checklist" aria-label="Safety advice">{lis}</ul>'


def count(n: int, severity: Severity) -> str:
    word = str(severity)
    return f"{n} {word}" if severity is Severity.INFO or n == 1 else f"{n} {word}s"


def render_filters(findings: list[Finding]) -> str:
    cats = Counter(f.category for f in findings)
    sevs = Counter(f.severity for f in findings)
    cat_boxes = "".join(
        f'<label><input type="checkbox" checked data-filter="cat:{esc(c)}"> '
        f'<span class="gl-sw c-{slug(c)}"></span>{esc(category_name(c))} ({n})</label>'
        for c, n in sorted(cats.items())
    )
    sev_boxes = "".join(
        f'<label><input type="checkbox" checked data-filter="sev:{s}"> {s} ({sevs[s]})</label>'
        for s in SEVERITIES if sevs[s]
    )
    return (
        '<nav class="gl-filters" aria-label="Filters">'
        f'<fieldset><legend>Category</legend>{cat_boxes}</fieldset>'
        f'<fieldset><legend>Severity</legend>{sev_boxes}</fieldset>'
        '<span><button type="button" data-filter-all="on">All</button> '
        '<button type="button" data-filter-all="off">None</button></span>'
        '<span class="gl-showing" data-showing aria-live="polite"></span>'
        '<span class="gl-keys"><kbd>n</kbd>/<kbd>p</kbd> next/previous finding, '
        "<kbd>Enter</kbd> details, <kbd>Esc</kbd> close</span>"
        "</nav>"
    )


def render_summary(docs: Sequence[tuple[str, list[Finding]]], ruleset: RuleSet | None,
                   checklists: list[list[tuple[str, str, str]]]) -> str:
    """Totals, findings per category, and findings and safety advice per file.

    ``docs``: each document's path and findings (its checklist already taken:
    the summary needs no document, so none is kept for it).
    """
    findings = [f for _, fs in docs for f in fs]
    sev = Counter(f.severity for f in findings)
    by_cat: dict[str, Counter[Severity]] = {}
    for f in findings:
        by_cat.setdefault(f.category, Counter())[f.severity] += 1
    taxonomy = ruleset.taxonomy if ruleset else {}
    totals = (f"<strong>{len(findings)}</strong> finding{'s' if len(findings) != 1 else ''} in "
              f"{len(docs)} document{'s' if len(docs) != 1 else ''}: "
              + ", ".join(f'<span class="gl-sev s-{s}">{count(sev[s], s)}</span>'
                          for s in SEVERITIES))
    rows = []
    for cat, c in sorted(by_cat.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        means = taxonomy[cat].means if cat in taxonomy else ""
        rows.append(
            f'<tr data-category="{esc(cat)}"><th scope="row" title="{esc(means)}">'
            f'<span class="gl-sw c-{slug(cat)}"></span>{esc(category_name(cat))}</th>'
            + "".join(f'<td class="gl-n">{c[s] or ""}</td>' for s in SEVERITIES)
            + f'<td class="gl-n">{sum(c.values())}</td></tr>'
        )
    cat_table = (
        '<table class="gl-cats"><caption class="gl-sr">Findings per category and severity'
        "</caption><thead><tr><th>Category</th><th>Errors</th><th>Warnings</th><th>Info</th>"
        "<th>Total</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows else '<p class="gl-empty">No findings.</p>'
    )
    file_rows = []
    for i, (path, fs) in enumerate(docs):
        c = Counter(f.severity for f in fs)
        states = checklists[i]
        file_rows.append(
            f'<tr data-path="{esc(path)}"><th scope="row"><a class="gl-path" '
            f'href="#doc-{i}">{esc(path)}</a></th>'
            + "".join(f'<td class="gl-n">{c[s] or ""}</td>' for s in SEVERITIES)
            + "".join(f'<td data-advice="{esc(cat)}" data-state="{st}">{_state_cell(st)}</td>'
                      for cat, _, st in states)
            + "</tr>"
        )
    file_table = (
        '<table class="gl-files"><caption class="gl-sr">Findings and safety advice per file'
        "</caption><thead><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Info</th>"
        + "".join(f"<th>{esc(label)}</th>" for _, label in ADVICE)
        + "</tr></thead><tbody>" + "".join(file_rows) + "</tbody></table>"
    )
    return (
        '<section class="gl-summary-section" aria-labelledby="gl-sum">'
        '<h2 id="gl-sum">Summary</h2>'
        f'<p class="gl-totals">{totals}</p>'
        f'<div class="gl-summary"><div><h3>By category</h3>{cat_table}</div>'
        f'<div><h3>By file</h3>{file_table}'
        '<p class="gl-sub">Safety advice: ✓ given, ✗ missing, – not needed for this copy.</p>'
        "</div></div></section>"
    )
