"""`--format html`: one self-contained page for people who read copy, not logs.

Each document is shown as its copy (the text a reader sees: no tags, no
Markdown syntax) with every finding highlighted where it stands. A finding's
source offsets are mapped back to the copy through the `Copy` runs. The
highlight carries the category's colour and, for those who cannot rely on
colour, the severity as the line style (wavy error, solid warning, dotted
info) and a label ("E3": error, finding 3). Hover, focus or click shows the
message, the basis and the suggestion with a copy button.

The page has no external reference at all: stylesheet and script are inline,
and a Content-Security-Policy that admits only those two (by hash) stops the
page from loading anything else or running any other script. The live editor
(`linter.serve`) renders its results with the same functions.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from ..model import Copy, Document, Finding, Run, Severity
from . import Report, advice_categories, chunked
from .html_page import category_name, esc, page_frame, slug
from .html_summary import (
    SEVERITIES,
    checklist,
    count,
    has_advice_rules,
    render_checklist,
    render_filters,
    render_summary,
)
from .structure import shapes, structured

if TYPE_CHECKING:
    from ..rules import RuleSet

SEVERITY_LETTER = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "I"}
# ---------------------------------------------------------------------------
# From source offsets back to the copy


class CopyMap:
    """Source offset -> copy offset, the inverse of `Copy.src_start`/`src_end`."""

    def __init__(self, copy: Copy) -> None:
        self.runs = sorted(copy.runs, key=lambda r: r.src_start)
        self.starts = [r.src_start for r in self.runs]

    def _run(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            run = self.runs[i]
            if run.src_start <= offset < run.src_start + run.src_len:
                return i
            if run.src_start + run.src_len <= offset:
                return None
            i -= 1
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The copy span of the source span ``[start, end)``, or None if it is not copy."""
        a = self._run(start)
        b = self._run(max(start, end - 1))
        if a is None or b is None:
            return None
        ra, rb = self.runs[a], self.runs[b]
        cs = ra.plain_start + (start - ra.src_start if ra.plain_len == ra.src_len else 0)
        if rb.plain_len == rb.src_len:
            ce = rb.plain_start + end - rb.src_start
        else:
            ce = rb.plain_start + rb.plain_len
        return (cs, ce) if ce > cs else None


def _plain_document(path: str, source: str) -> Document:
    """A stand-in when the reader's document is not at hand: the source as copy."""
    return Document(path, source, "txt", Copy(source, [Run(0, 0, len(source), len(source))], [0]))


# ---------------------------------------------------------------------------
# Pieces of the page


@dataclass
class Placed:
    """A finding with its number in the page and its span in the copy."""

    n: int
    finding: Finding
    span: tuple[int, int] | None

    @property
    def label(self) -> str:
        return f"{SEVERITY_LETTER[self.finding.severity]}{self.n}"


def _classes(f: Finding, advice: frozenset[str]) -> str:
    kind = " k-missing" if f.category in advice else ""
    return f"c-{slug(f.category)} s-{f.severity}{kind}"


def _blocks(copy: Copy) -> list[tuple[int, int]]:
    text = copy.text
    starts = sorted(set(copy.block_starts) | {0})
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _weight(p: Placed) -> tuple[int, int]:
    """The finding whose colour a shared stretch takes: the worst, then the narrowest."""
    width = p.span[1] - p.span[0] if p.span else 0
    return int(p.finding.severity), -width


def render_copy(copy: Copy, placed: list[Placed], advice: frozenset[str],
                doc: Document | None = None) -> str:
    """The copy as blocks of text with a <mark> for every stretch under a finding.

    Overlapping findings cut the text into stretches; each stretch lists every
    finding over it. A finding's first stretch is where keyboard navigation
    stops; its last carries its label. A finding none of whose text is shown
    (it lies in the space between blocks) loses its span and is listed only.
    """
    text = copy.text
    spans = [p for p in placed if p.span]
    extents = _blocks(copy)
    blocks = _stretches(extents, spans)
    first_at: dict[int, tuple[int, int]] = {}
    last_at: dict[int, tuple[int, int]] = {}
    for i, stretches in enumerate(blocks):
        for j, (_, _, over) in enumerate(stretches):
            for p in over:
                first_at.setdefault(p.n, (i, j))
                last_at[p.n] = (i, j)
    for p in spans:
        if p.n not in first_at:
            p.span = None
    parts: list[str] = []
    for i, stretches in enumerate(blocks):
        html = []
        for j, (a, b, over) in enumerate(stretches):
            piece = esc(text[a:b])
            if not over:
                html.append(piece)
                continue
            first = [str(p.n) for p in over if first_at[p.n] == (i, j)]
            last = [p.label for p in over if last_at[p.n] == (i, j)]
            html.append(_mark(piece, over, first, last, advice))
        parts.append("".join(html))
    if not parts:
        return '<div class="gl-copy"><p class="gl-empty">(no copy: this document has no text '\
               "to show)</p></div>"
    found = shapes(doc, [s for s, _ in extents]) if doc is not None else []
    return '<div class="gl-copy">' + "".join(structured(parts, found)) + "</div>"


def _stretches(extents: list[tuple[int, int]], spans: list[Placed]
               ) -> list[list[tuple[int, int, list[Placed]]]]:
    """Each block cut where a finding starts or ends: its stretches, each with the
    findings over it."""
    blocks: list[list[tuple[int, int, list[Placed]]]] = []
    for bs, be in extents:
        inside = [p for p in spans if p.span and p.span[0] < be and p.span[1] > bs]
        cuts = {bs, be}
        for p in inside:
            assert p.span
            cuts.update(x for x in p.span if bs < x < be)
        points = sorted(cuts)
        blocks.append([
            (a, b, [p for p in inside if p.span and p.span[0] < b and p.span[1] > a])
            for a, b in zip(points, points[1:], strict=False)
        ])
    return blocks


def _mark(piece: str, over: list[Placed], first: list[str], last: list[str],
          advice: frozenset[str]) -> str:
    """One stretch under findings (``over``), marked; ``first`` and ``last``: the findings
    it starts (where keyboard navigation stops) and ends (their labels)."""
    best = max(over, key=_weight)
    attrs = [
        f'class="gl-hl {_classes(best.finding, advice)}"',
        f'data-f="{" ".join(str(p.n) for p in over)}"',
        f'tabindex="{0 if first else -1}"',
        'role="button"',
        'aria-expanded="false"',
        'aria-label="' + esc("; ".join(
            f"{p.label}: {p.finding.severity} {category_name(p.finding.category)}: "
            f"{p.finding.message}"
            for p in over)) + '"',
    ]
    if first:
        attrs.append(f'data-first="{" ".join(first)}"')
    if last:
        attrs.append(f'data-labels="{" ".join(last)}" data-label="{" ".join(last)}"')
    return f"<mark {' '.join(attrs)}>{piece}</mark>"


def render_card(p: Placed, copy: Copy | None, advice: frozenset[str]) -> str:
    """The card of a finding: what, where, why (message, basis), and the suggestion."""
    f = p.finding
    shown = copy.text[p.span[0]:p.span[1]] if copy is not None and p.span else f.match
    missing = f.category in advice
    where = f"line {f.line}, column {f.column}"
    loc = (f'<a href="#" class="gl-loc" data-goto="{p.n}">{esc(where)}</a>' if p.span
           else f'<span class="gl-loc">{esc(where)} (not shown in the text)</span>')
    out = [
        f'<li class="gl-card {_classes(f, advice)}" id="gl-f-{p.n}" data-n="{p.n}" '
        f'data-cat="{esc(f.category)}" data-sev="{f.severity}" '
        f'data-kind="{"missing" if missing else "claim"}" data-rule="{esc(f.rule)}">',
        '<div class="gl-head">',
        f'<span class="gl-num">{p.label}</span>',
        f'<span class="gl-sev s-{f.severity}">{f.severity}</span>',
        f'<span class="gl-cat" title="{esc(f.category)}"><span class="gl-sw c-{slug(f.category)}">'
        f"</span>{esc(category_name(f.category))}</span>",
        loc,
        f'<code class="gl-rule">{esc(f.rule)}</code>',
        "</div>",
    ]
    if shown.strip():
        what = "Triggered by" if missing else "Flagged"
        out.append(f'<p class="gl-match"><span class="gl-label">{what}:</span> '
                   f"“{esc(_short(shown))}”</p>")
    out.append(f'<p class="gl-msg">{esc(f.message)}</p>')
    if f.note:
        out.append(f'<p class="gl-note">Note: {esc(f.note)}</p>')
    if f.basis:
        out.append(f'<p class="gl-basis"><span class="gl-label">Basis:</span> {esc(f.basis)}</p>')
    if f.suggestion:
        label = "Suggestion"
        out.append(
            f'<div class="gl-sugg"><span class="gl-label">{label}:</span> '
            f'<span class="gl-sugg-text">{esc(f.suggestion)}</span>'
            f'<button type="button" class="gl-copybtn" aria-label="Copy the {label.lower()}">'
            "Copy</button></div>"
        )
    out.append("</li>")
    return "".join(out)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place(doc: Document, findings: list[Finding], first: int) -> list[Placed]:
    cmap = CopyMap(doc.copy)
    return [Placed(first + i, f, cmap.span(f.start, f.end) if f.end > f.start else None)
            for i, f in enumerate(findings)]


def render_document(doc: Document, findings: list[Finding], ruleset: RuleSet | None,
                    first: int = 1, *, index: int = 0, heading: bool = True,
                    always_open: bool = False,
                    states: list[tuple[str, str, str]] | None = None,
                    cards_first: bool = False) -> str:
    """One document: its checklist, its copy with highlights, and its finding cards.

    ``cards_first``: the cards before the copy (the live editor, whose copy is
    the text being typed beside it: the findings must be in view).
    """
    placed = place(doc, findings, first)
    advice = advice_categories(ruleset)
    counts = Counter(f.severity for f in findings)
    tally = ", ".join(count(counts[s], s) for s in SEVERITIES if counts[s]) or "no findings"
    out = [f'<details class="gl-doc" id="doc-{index}" data-path="{esc(doc.path)}"'
           f'{" open" if findings or always_open else ""}>',
           "<summary>" + (f'<h2><span class="gl-path">{esc(doc.path)}</span></h2> ' if heading
                          else "") + f'<span class="gl-sub">{esc(tally)}</span></summary>',
           render_checklist(states if states is not None else checklist(doc, findings, ruleset))]
    copy = render_copy(doc.copy, placed, advice, doc)
    if not cards_first:
        out.append(copy)
    if findings:
        out.append(f'<h3>Findings in {esc(doc.path)}</h3>' if heading else "<h3>Findings</h3>")
        cards = "".join(render_card(p, doc.copy, advice) for p in placed)
        out.append(f'<ol class="gl-cards">{cards}</ol>')
    if cards_first:
        out.extend(["<h3>Your copy, highlighted</h3>" if findings else "", copy])
    out.append("</details>")
    return "\n".join(out)


def files_of(report: Report) -> list[tuple[str, list[Finding]]]:
    """Every file of the report (in the order linted) with its findings."""
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    order = list(dict.fromkeys([*report.files, *by_path]))
    return [(path, sorted(by_path.get(path, []), key=Finding.sort_key)) for path in order]


def document_of(report: Report, path: str) -> Document:
    """The file as a document, read now; its source as the copy if it cannot be read."""
    doc = report.document(path)
    return doc if doc is not None else _plain_document(path, report.sources.get(path, ""))


def render_body(docs: list[tuple[Document, list[Finding]]], ruleset: RuleSet | None) -> str:
    """The body for documents already at hand (the live editor's one document)."""
    return "".join(stream_body([(doc.path, fs) for doc, fs in docs], lambda i: docs[i][0],
                               ruleset))


def stream_body(files: Sequence[tuple[str, list[Finding]]], document: Callable[[int], Document],
                ruleset: RuleSet | None,
                advice: Sequence[dict[str, str] | None] = ()) -> Iterator[str]:
    """The page's body in pieces, with ``document(i)`` the i-th file as a document.

    The summary (first) needs every file's checklist and the sections (after it)
    every file's copy. ``advice[i]``: the i-th file's `advice_states` as the
    lint took them; a file without is read for its checklist too, rather than
    all documents kept from the summary to the sections (hundreds of megabytes
    for a tree of thousands of files). Only one document is alive at a time.
    """
    from ..version import __version__

    findings = [f for _, fs in files for f in fs]
    profile = ruleset.profile if ruleset else ""
    known = list(advice) + [None] * (len(files) - len(advice))
    needs_doc = has_advice_rules(ruleset)
    checklists = [checklist(document(i) if known[i] is None and needs_doc else None, fs,
                            ruleset, known[i])
                  for i, (_, fs) in enumerate(files)]
    yield "\n".join([
        '<div class="gl-wrap">',
        '<header class="gl-top"><h1>glowlint report</h1>'
        f'<p class="gl-sub">glowlint {esc(__version__)}'
        + (f" · profile <strong>{esc(profile)}</strong>" if profile else "")
        + " · overclaims and missing safety advice in marketing copy</p></header>",
        "<main>",
        render_summary(files, ruleset, checklists),
        render_filters(findings),
    ])
    n = 1
    for i, (_, fs) in enumerate(files):
        yield "\n" + render_document(document(i), fs, ruleset, n, index=i, states=checklists[i])
        n += len(fs)
    yield "\n</main>\n</div>"


def stream(report: Report) -> Iterator[str]:
    """The page in chunks, reading the documents one at a time (see `stream_body`)."""
    files = files_of(report)
    start, end = page_frame("glowlint report")
    body = stream_body(files, lambda i: document_of(report, files[i][0]), report.ruleset,
                       [report.advice.get(path) for path, _ in files])
    return chunked(chain([start], body, [end]))


def render(report: Report) -> str:
    return "".join(stream(report))
