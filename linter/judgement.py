"""The judgement of one match in its sentence (`context.Analysis.judge`): negated,
asked, hedged, distanced, in a sentence kind a rule skips, or said.

Most of its searches are long alternations of the context vocabulary tried at
every word of a short stretch (the few words before the match, the sentence
before it), and most find nothing: each is skipped where its gate
(`gates.Gate`, built with the vocabulary) shows that none of its alternatives
can match there. The words before a match are prepared for the gates once.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import regex

from .gates import Gate, prepare
from .list_lead import lead_in

# How far (in characters) the judgement looks on either side of a match.
REACH = 600
_OPENING_WORDS = 3  # an opening adverbial ("In most cases,") governs the sentence
# split before the space after each word (`ContextModel.word_ends`, compiled with the rule set)
WORD_ENDS = r"(?<=\S)(?=\s)"


class Verdict(NamedTuple):
    """Why a match does not count (``reason``), or how it was softened: a plain value."""

    reason: str = ""
    softened_by: str = ""

    @property
    def counts(self) -> bool:
        return not self.reason


def _gated(pattern: Any, gate: Gate | None, text: str, low: str | None = None) -> Any:
    """``pattern.search(text)``, or None where ``gate`` shows it cannot match (``low``:
    ``text`` as `gates.prepare` makes it, when already made)."""
    if gate is not None and not gate.opens(prepare(text) if low is None else low):
        return None
    return pattern.search(text)


def judge(analysis: Any, start: int, end: int, negation: bool, hedge: bool, questions: bool,
          distancing: bool, skip_sentences: tuple[str, ...]) -> Verdict:
    """`Analysis.judge` (see there), for one match not judged before."""
    text, model = analysis.text, analysis.model
    s_start, s_end = analysis.sentence(start)
    if end > s_end:
        return Verdict("runs across a sentence boundary")
    if _in_address(text, start, end):
        return Verdict("part of a web or e-mail address or an @handle, not copy")
    # Context reaches a few hundred characters, never a whole run-on "sentence"
    # (minified copy can have megabytes without a full stop).
    s_start, s_end = max(s_start, start - REACH), min(s_end, end + REACH)
    if questions and (text[end:s_end].rstrip().endswith("?") or analysis.is_question(start)):
        return Verdict("asked, not claimed (a question)")
    before = text[s_start:start]
    clause, opening = before, None  # the clause of the match; the first break before it
    for brk in model.clause_break.finditer(before):
        clause, opening = before[brk.end():], opening or brk
    words = model.word_ends.split(clause.rstrip())
    window = "".join(words[-model.window:]) if words else ""
    low = prepare(window)
    gates = model.gates
    if negation:
        m = _gated(model.negator, gates.get("negators"), window, low) or \
            _negated_alternative(clause, model)
        if m:
            return Verdict(f"negated by {m.group()!r}")
    if hedge:
        verdict = _hedged(analysis, (start, end, s_end), before, opening, window, low)
        if verdict is not None:
            return verdict
    if distancing:
        if analysis.reports_all():
            return Verdict("reported: a ruling reports the claims it rules on")
        verdict = (_distanced(analysis, start, end, s_start, s_end, before)
                   or _experienced(analysis, clause, start, end, s_end))
        if verdict is not None:
            return verdict
    lead = lead_in(text, start) if skip_sentences else None  # "Not suitable if you:"
    for kind in skip_sentences:
        if analysis.in_sentence_kind(kind, s_start, s_end) or (
                lead and analysis.in_sentence_kind(kind, *lead)):
            return Verdict(f"inside a {kind} sentence")
    m = _gated(model.softener, gates.get("softeners"), window, low)
    return Verdict(softened_by=m.group() if m else "")


def _hedged(analysis: Any, span: tuple[int, int, int], before: str, opening: Any,
            window: str, low: str) -> Verdict | None:
    """A hedge in the few words before the match, in it, just after it, or opening the
    sentence (``span``: the match's start and end, and the end of its sentence;
    ``opening``: the first clause break in ``before``)."""
    (start, end, s_end), text, model = span, analysis.text, analysis.model
    gate = model.gates.get("hedges")
    m = (_gated(model.hedge, gate, window, low)
         or (model.hedge.search(text, start, end)
             if gate is None or gate.opens(prepare(text[start:end])) else None)
         or model.trailing_hedge.search(text[end:s_end])
         or _opening_hedge(model, before, opening))
    if not m:
        return None
    said = m.group("hedge") if m.re is model.trailing_hedge else m.group()
    return Verdict(f"hedged by {said.strip(' ,')!r}")


def _opening_hedge(model: Any, before: str, brk: Any) -> regex.Match[str] | None:
    """A hedge that opens the sentence and governs it ("Typically, tattoos clear in ...");
    ``brk``: the first clause break in ``before``, found as the clause was."""
    if brk is None or len(before[:brk.start()].split()) > _OPENING_WORDS:
        return None
    gate = model.gates.get("hedges")
    if gate is not None and not gate.opens(prepare(before[:brk.start()])):
        return None
    return model.hedge.search(before, 0, brk.start())


def _distanced(analysis: Any, start: int, end: int, s_start: int, s_end: int, before: str
               ) -> Verdict | None:
    """A distancing or hypothetical frame earlier in the sentence, not cut off by a voice
    break; or a quotation in a document that reports claims."""
    model = analysis.model
    voice = before
    for last_voice in model.voice_break.finditer(before):
        voice = before[last_voice.end():]
    low = prepare(voice)
    m = _gated(model.distancing, model.gates.get("distancing"), voice, low)
    if m:
        return Verdict(f"distanced by {m.group()!r}")
    m = _gated(model.hypothetical, model.gates.get("hypotheticals"), voice, low)
    if m:
        return Verdict(f"hypothetical ({m.group()!r})")
    reported = analysis.quoted_report(start, end, s_start, s_end)
    if reported:
        return Verdict(reported)
    return None


def _experienced(analysis: Any, clause: str, start: int, end: int, s_end: int
                 ) -> Verdict | None:
    """First-person experience anywhere in the match's clause, before or after it ("it
    whitened *my teeth*"): a review's own result, not a promise."""
    text, model = analysis.text, analysis.model
    after = text[end:s_end]
    brk = model.clause_break.search(after)
    said = clause + text[start:end] + (after[:brk.start()] if brk else after)
    m = _gated(model.experience, model.gates.get("experience"), said)
    return Verdict(f"first-person experience ({m.group()!r}), not a promise") if m else None


_ADDRESS_REACH = 200  # characters either side searched for the ends of an address


def _in_address(text: str, start: int, end: int) -> bool:
    """The match is part of a URL, an e-mail address or an @handle ("example.com/painless",
    "hello@painless.co", "@painless.clinic"): a name, not a claim. A hashtag is read."""
    lo = max(0, start - _ADDRESS_REACH)
    around = text[lo:end + _ADDRESS_REACH]  # holds the token: most copy has no address
    if "@" not in around and "/" not in around and "www." not in around.lower():
        return False
    head = text[lo:start]
    cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    token_start = lo + cut + 1
    tail = text[end:end + _ADDRESS_REACH]
    stop = min((i for i in (tail.find(" "), tail.find("\n"), tail.find("\t")) if i >= 0),
               default=len(tail))
    token = text[token_start:end + stop].lstrip("(\"'[<")
    host, slash, _ = token.partition("/")
    return "@" in token or "://" in token or "www." in token.lower() \
        or bool(slash and "." in host)  # "glowclinic.co.uk/painless"


# an "or" list the clause ends in (`ContextModel.alternative`, compiled with the rule set)
ALTERNATIVE = r"\b(?:or|nor)\s+(?:\S+\s+){0,2}$"
_ALTERNATIVE_REACH = 8  # words from a negator to the "or" whose alternative it negates


def _negated_alternative(clause: str, model: Any) -> regex.Match[str] | None:
    """A negator that governs an "or" list the match ends ("it will *not* lift sagging
    skin *or* remove deep lines"): the negator is a few words before the "or"."""
    alt = model.alternative.search(clause)
    if alt is None:
        return None
    words = model.word_ends.split(clause[:alt.start()].rstrip())
    return model.negator.search("".join(words[-_ALTERNATIVE_REACH:])) if words else None
