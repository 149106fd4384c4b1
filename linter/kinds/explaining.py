"""What a rule made of one document, in words: the record each kind's ``explain`` fills,
and the wording helpers that `glowlint explain`, `rules show` and `rules test` share.

A kind explains itself (`Rule.explain`), so authoring never asks which kind a
rule is; this module only holds what every kind's words have in common.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..context import Verdict
    from ..model import Document

WIDTH = 88
INDENT = "    "


@dataclass
class Explanation:
    """One rule on one document, for `glowlint explain -v` and `glowlint rules test`.

    ``set_aside``: copy spans the context set aside, and why. ``silent``: why
    the rule did not fire (shown when a flag example does not). ``fired_as``
    and ``fired_more``: how a finding is told when a pass example fires (the
    words before the match, after it, and lines after the findings).
    ``section``: the rule's lines in its kind's section of ``explain -v``
    (`Rule.SECTION`); None when the rule has nothing to say there (idle).
    """

    set_aside: list[tuple[int, int, str]] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    fired_as: tuple[str, str] = ("fired on", "")
    fired_more: list[str] = field(default_factory=list)
    section: list[str] | None = None


def wrap(text: str, indent: str = "", width: int = WIDTH, hanging: str | None = None
         ) -> list[str]:
    """Wrap ``text`` at ``width``; continuation lines take ``hanging`` (default: ``indent``)."""
    text = " ".join(text.split())
    later = indent if hanging is None else hanging
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=later,
                         break_long_words=False, break_on_hyphens=False) or [indent]


def quote(text: str) -> str:
    """A text in double quotes, on one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "\\r").replace("\n", "\\n") + '"'


def where(doc: Document, start: int) -> str:
    """``line:column`` in the source of a copy offset."""
    try:
        line, col = doc.position(doc.copy.src_start(start))
    except ValueError:
        return "?"
    return f"{line}:{col}"


def source(doc: Document, start: int, end: int) -> str:
    """The source text of a copy span (the copy itself where it has no source)."""
    try:
        return doc.source[doc.copy.src_start(start):doc.copy.src_end(end)]
    except ValueError:
        return doc.copy.text[start:end]


def said(doc: Document, start: int, end: int) -> str:
    """A copy span as the source says it, quoted."""
    return quote(source(doc, start, end))


def set_aside(spans: Iterable[tuple[int, int, Verdict]]) -> list[tuple[int, int, Verdict]]:
    """The matches the context set aside, one per stretch of text (overlapping
    matches such as "sun protection" and "sun" are one); ``spans`` sorted."""
    out: list[tuple[int, int, Verdict]] = []
    last_end = -1
    for s, e, verdict in spans:
        if verdict.reason and s >= last_end:
            out.append((s, e, verdict))
            last_end = e
    return out


def judged_matches(doc: Document, trace: list[tuple[int, int, Verdict]]) -> Explanation:
    """The explanation of a kind whose matches are each judged by the context (claim, frame)."""
    silent = ["no pattern matched"] if not trace else [
        f"matched {said(doc, s, e)}, set aside by the context: {verdict.reason}"
        if verdict.reason else f"matched {said(doc, s, e)}, which is not copy text"
        for s, e, verdict in trace]
    aside = [(s, e, verdict.reason) for s, e, verdict in trace
             if verdict.reason and doc.copy.is_mapped(s, e)]
    return Explanation(set_aside=aside, silent=silent)


def judged_context(rule: Any) -> str:
    """How the shared context judgement applies to a rule with claim switches
    (``negation``, ``questions``, ``hedge``, ``distancing``, ``skip-sentences``)."""
    skip = list(getattr(rule, "skip_sentences", ()) or ())
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
    return text + " A softener (\"virtually\") keeps the finding, one severity level milder."
