"""frame: a claim read by what a sentence says, whatever its words.

A frame is a combination of lexicon classes (linter/lexicon.py,
``rules/lexicon.yaml``) within one clause: *body-action* + *body-target*
("nudges your cells into renewal", "new elastin is laid down"), *absence* +
*harm* ("cannot burn or blister", "zero risk of infection"), *certainty* +
*result*. The engine handles inflection (lemminflect) and word order; the rule
names only classes. Each frame match then goes through the same context
judgement as a claim rule's match (negated, asked, hedged, distanced,
skipped sentence kinds), and ``glowlint explain`` names the words that filled
each slot.

Keys of a frame rule besides the common ones:

- ``frames``: a list; each frame is a list of class names (in the order the
  words must come) or a mapping ``{slots: [...], order: any|fixed, gap: N}``.
  ``order: any`` also accepts the slots the other way round (two slots only);
  ``gap`` is the most words between consecutive slots (default 3). Slots
  never reach across a sentence or a slot barrier (rules/context.yaml
  ``slot-barriers``: ",", "and", ";", "but", "if" ...), except that with
  ``lists: true`` a slot may be any item of a list (``list-joiners``), and
  with ``scope: sentence`` the slots may stand in different clauses;
- ``unless``: classes that set a match aside when one of their words stands
  inside the match or a few words around it ("reduces the *appearance* of
  scars", "a permanent *reduction* in hair");
- ``unless-sentence``: classes that set aside every match of a sentence that
  holds one ("a 2021 *study published in* ...");
- ``unless-clause``: classes that set a match aside when one of their words
  is the first lexicon word of the match's clause, within its first four
  words (its subject): the clause tells what nature does, not what the
  product does ("*Sun exposure* makes your skin produce melanin");
- ``requires``: classes at least one of which the document must hold (a
  count of "areas" promotes botulinum toxin only on a page about injections);
- ``unless-document``: classes none of which the document may hold (a page
  that names botulinum toxin outright is flagged where it names it, not again
  at each euphemism);
- ``hedge``, ``negation``, ``questions``, ``distancing``, ``skip-sentences``:
  as for claim rules. Matches that overlap one already found are one claim,
  reported once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..clauses import REACH, clause_start
from ..lexicon_scan import candidates, starts_of
from ..model import Document, Finding, Severity
from .base import Rule, in_types
from .frame_fill import DEFAULT_GAP, Frame, FrameMatch, fill

if TYPE_CHECKING:
    from ..context import Analysis, Verdict
    from ..lexicon import Lexicon, Use
    from ..lexicon_scan import Hit
    from .explaining import Explanation
    from .plan import SearchPlan

_LOOKBACK = 24  # characters around a match searched for an ``unless`` word
_SUBJECT_WORDS = 4  # an ``unless-clause`` word starts within this many words of its clause
# punctuation that ends a clause; a hashtag starts one
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014#]")
# a conjunction and a new subject start a clause of their own: "scars that are gone
# and skin that looks younger" is not excused by the second clause's "looks"
_NEW_CLAUSE = re.compile(
    r"\b(?:and|but|while|whereas)\s+\w+\s+(?:that|which|is|are|will|can)\b", re.I)


@dataclass(eq=False)
class FrameRule(Rule):
    """A frame rule: lexicon classes filling one of its frames within a clause."""

    frames: tuple[Frame, ...] = ()
    unless: tuple[str, ...] = ()
    unless_sentence: tuple[str, ...] = ()
    unless_clause: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    unless_document: tuple[str, ...] = ()
    hedge: bool = True
    negation: bool = True
    questions: bool = True
    distancing: bool = True
    skip_sentences: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # document types the rule reads (all when empty)
    lexicon: Lexicon | None = field(default=None)

    KIND_KEYS: ClassVar[frozenset[str]] = frozenset(
        {"frames", "unless", "unless-sentence", "unless-clause", "requires", "unless-document",
         "hedge", "negation", "questions", "distancing", "skip-sentences", "types"}
    )
    # A phrase rule's finding of the same category on the same span is more specific.
    GIVES_WAY: ClassVar[bool] = True

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        raw: Any = data.get("frames")
        if not isinstance(raw, list) or not raw:
            where.fail("'frames' must list at least one frame (a list of lexicon classes)",
                       "frames")
        return {
            "frames": tuple(_frame(item, where) for item in raw),
            "unless": tuple(where.str_list(data, "unless")),
            "unless_sentence": tuple(where.str_list(data, "unless-sentence")),
            "unless_clause": tuple(where.str_list(data, "unless-clause")),
            "requires": tuple(where.str_list(data, "requires")),
            "unless_document": tuple(where.str_list(data, "unless-document")),
            "hedge": where.boolean(data, "hedge", True),
            "negation": where.boolean(data, "negation", True),
            "questions": where.boolean(data, "questions", True),
            "distancing": where.boolean(data, "distancing", True),
            "skip_sentences": tuple(where.str_list(data, "skip-sentences")),
            "types": tuple(where.str_list(data, "types")),
        }

    def classes(self) -> set[str]:
        """Every lexicon class the rule names (checked when the lexicon is bound)."""
        named = {s for f in self.frames for s in f.slots}
        return (named | set(self.unless) | set(self.unless_sentence) | set(self.unless_clause)
                | set(self.requires) | set(self.unless_document))

    def lexicon_use(self) -> Use:
        """What the rule reads of the lexicon (which plans its pattern searches by it)."""
        from ..lexicon import Use

        return Use(tuple(f.needs for f in self.frames), frozenset(self.classes()),
                   frozenset(self.requires), frozenset(self.unless_document))

    def describe(self, match: FrameMatch, text: str) -> str:
        """The slots as explain shows them: "body-action 'nudges' + body-target 'cells'"."""
        slots = " + ".join(f"{h.cls} {text[h.start:h.end]!r}" for h in match.hits)
        return f"frame: {slots} in one clause"

    def matches(self, analysis: Analysis, unfound: Callable[[int, int], bool] | None = None,
                fires: bool | None = None) -> Iterator[tuple[FrameMatch, Verdict]]:
        """Every frame match with the context's verdict; overlapping matches count once.

        A match whose finding would not be reported (``unfound``: `Claimed.unfound`)
        is left out. It is judged only if a later match overlaps it, since whether
        it counts decides whether that one is taken (`_settle`). ``fires``: `may_fire`,
        when the plan knows it (`SearchPlan.may_fire`).
        """
        if self.lexicon is None or not (self.may_fire(analysis) if fires is None else fires):
            return
        scan = analysis.lexicon_scan(self.lexicon)
        text, spans = analysis.text, analysis.sentence_spans()
        sentences = scan.sentences(spans)
        for i in candidates(scan, spans, [f.needs for f in self.frames]):
            mine, classes = sentences[i]
            frames = [f for f in self.frames if f.needs <= classes]
            if not classes.isdisjoint(self.unless_sentence):
                continue
            taken: list[tuple[int, int]] = []  # what this sentence claims already, sorted
            left: list[FrameMatch] = []  # matches not judged yet, by start: disjoint
            starts = starts_of(mine)  # a long sentence's as they are (lexicon_scan.Words)
            for match in fill(frames, mine, text, analysis.model):
                start, end = match.start(), match.end()
                if left:
                    self._settle(left, match, taken, mine, starts, analysis)
                if _overlaps(taken, start, end):
                    continue
                if unfound is not None and unfound(start, end):
                    bisect.insort(left, match, key=FrameMatch.start)
                    continue
                verdict = self._verdict(match, mine, starts, analysis)
                yield match, verdict
                if verdict.counts:
                    bisect.insort(taken, (start, end))

    def _verdict(self, match: FrameMatch, hits: Sequence[Hit], starts: Sequence[int],
                 analysis: Analysis) -> Verdict:
        """The context's verdict on one match of a sentence (``hits``, their ``starts``)."""
        from ..context import Verdict

        text = analysis.text
        if self.unless and self._excused(match, hits, starts, text):
            return Verdict("describes appearance or an exception ('unless')")
        if self.unless_clause and self._natural_agent(
                match, hits, starts, text, analysis.sentence(match.start())[0]):
            return Verdict("tells what nature does, not the product ('unless-clause')")
        verdict = analysis.judge(
            match.start(), match.end(), negation=self.negation, hedge=self.hedge,
            questions=self.questions, distancing=self.distancing,
            skip_sentences=self.skip_sentences)
        if verdict.counts and self.negation:
            verdict = _negated_between(match, text, analysis) or verdict
        return verdict

    def _settle(self, left: list[FrameMatch], match: FrameMatch, taken: list[tuple[int, int]],
                hits: Sequence[Hit], starts: Sequence[int], analysis: Analysis) -> None:
        """Judge the claimed matches left that ``match`` overlaps, and take those that
        count, as if each had been judged when found: none overlaps another (``left``
        is sorted, so those are the few before the first that starts after ``match``
        ends), nor what was taken since (a match overlapping it settled it first)."""
        start, end = match.start(), match.end()
        k = bisect.bisect_left(left, end, key=FrameMatch.start)
        j = k
        while j > 0 and left[j - 1].end() > start:
            j -= 1
        for old in left[j:k]:
            if self._verdict(old, hits, starts, analysis).counts:
                bisect.insort(taken, (old.start(), old.end()))
        del left[j:k]

    def class_gates(self) -> tuple[frozenset[str], ...]:
        """Each frame's classes: `may_fire` needs one frame's all (`Scan.may_fill`)."""
        return tuple(f.needs for f in self.frames)

    def may_fire(self, analysis: Analysis) -> bool:
        """Whether the document's lexicon classes can fill one of the frames, as the
        rule's document conditions (``requires``, ``unless-document``, ``types``) allow."""
        if self.lexicon is None:
            return False
        scan = analysis.lexicon_scan(self.lexicon)
        if not scan.may_fill(self.frames):
            return False
        present = scan.present
        if self.requires and present.isdisjoint(self.requires):
            return False
        if not present.isdisjoint(self.unless_document):
            return False
        # "strengthens hair" claims health only on a supplement's page
        return in_types(self.types, self.lexicon, analysis.document, analysis)

    def _excused(self, match: FrameMatch, hits: Sequence[Hit], starts: Sequence[int],
                 text: str) -> bool:
        """An ``unless`` word in the match or a few words around it in the same clause
        ("cures nail fungus naturally, with no harsh chemicals" is not excused by the
        "no" of the next phrase). ``starts``: the hits' starts, sorted, so only the
        hits near the match are looked at. A word that fills one of the match's own
        slots does not excuse it: "free from" is absence in "free from the adverse
        effects", whatever else it can mean."""
        lo, hi = match.start() - _LOOKBACK, match.end() + _LOOKBACK
        own = {(h.start, h.end) for h in match.hits}
        for k in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
            hit = hits[k]
            if hit.cls not in self.unless or hit.end > hi or (hit.start, hit.end) in own:
                continue
            between = (text[hit.end:match.start()] if hit.end <= match.start()
                       else text[match.end():hit.start] if hit.start >= match.end() else "")
            if not _CLAUSE_BREAK.search(between) and not _NEW_CLAUSE.search(between):
                return True
        return False

    def _natural_agent(self, match: FrameMatch, hits: Sequence[Hit], starts: Sequence[int],
                       text: str, sentence_start: int) -> bool:
        """An ``unless-clause`` word among the first words of the match's clause, before
        the match: the clause's subject, its agent, is the sun, age or hormones, not the
        product ("My serum supports oestrogen and reverses collagen loss" is the serum's)."""
        lo = clause_start(text, sentence_start, match.start())
        if lo is None:
            return False
        # the clause's first lexicon word (a subject comes before its verb), and the
        # other classes' words at the same place; ``starts`` keeps this to the clause
        k = bisect.bisect_left(starts, lo)
        if k == len(starts) or starts[k] >= match.start():
            return False
        first = starts[k]
        if first - lo > REACH or len(text[lo:first].split()) >= _SUBJECT_WORDS:
            return False
        end = bisect.bisect_right(starts, first)
        return any(hits[j].cls in self.unless_clause and hits[j].end <= match.start()
                   for j in range(k, end))

    @classmethod
    def show_item(cls, key: str, item: Any) -> str:
        return _frame_text(item) if key == "frames" else str(item)

    def explain(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Explanation:
        from .explaining import judged_matches

        return judged_matches(doc, [(m.start(), m.end(), v) for m, v in self.matches(analysis)])

    def context_text(self) -> str:
        from .explaining import judged_context

        return judged_context(self)

    def check(self, doc: Document, analysis: Analysis, plan: SearchPlan) -> Iterator[Finding]:
        claimed = plan.claimed
        unfound = claimed.unfound(doc, self.category) if claimed is not None else None
        for match, verdict in self.matches(analysis, unfound, plan.may_fire(self)):
            start, end = match.start(), match.end()
            if not verdict.counts or not doc.copy.is_mapped(start, end):
                continue
            severity, note = self.severity, self.describe(match, analysis.text)
            if verdict.softened_by:
                severity = Severity(max(Severity.INFO, self.severity - 1))
                note += f"; softened by {verdict.softened_by!r}: still a claim, one level milder"
            yield self.finding(doc, start, end, severity=severity, note=note)


def _negated_between(match: FrameMatch, text: str, analysis: Analysis) -> Verdict | None:
    """A negator between the slots reverses the claim ("results are *not* permanent"),
    unless it fills a slot itself ("it *cannot* burn": the denial is the claim)."""
    from ..context import Verdict

    for m in analysis.model.negator.finditer(text, match.start(), match.end()):
        if not any(h.start < m.end() and m.start() < h.end for h in match.hits):
            return Verdict(f"negated by {m.group()!r}")
    return None


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
        if spec.get("scope") == "sentence":
            text += ", anywhere in the sentence"
    return text


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint spans ``taken``."""
    k = bisect.bisect_left(taken, (start, start))
    return (k < len(taken) and taken[k][0] < end) or (k > 0 and taken[k - 1][1] > start)


def _frame(item: Any, where: Any) -> Frame:
    if isinstance(item, list):
        item = {"slots": item}
    if not isinstance(item, dict) or set(item) - {"slots", "order", "gap", "lists", "scope"}:
        where.fail("each frame is a list of classes or {slots, order, gap, lists, scope}",
                   "frames")
    slots = item.get("slots")
    if not isinstance(slots, list) or not slots or not all(isinstance(s, str) for s in slots):
        where.fail("a frame's 'slots' must be a non-empty list of lexicon classes", "frames")
    order = item.get("order", "fixed")
    if order not in ("any", "fixed"):
        where.fail("a frame's 'order' is 'any' or 'fixed'", "frames")
    gap = item.get("gap", DEFAULT_GAP)
    if isinstance(gap, bool) or not isinstance(gap, int) or not 0 <= gap <= 12:
        where.fail("a frame's 'gap' is a number of words from 0 to 12", "frames")
    lists = item.get("lists", False)
    if not isinstance(lists, bool):
        where.fail("a frame's 'lists' is true or false", "frames")
    scope = item.get("scope", "clause")
    if scope not in ("clause", "sentence"):
        where.fail("a frame's 'scope' is 'clause' or 'sentence'", "frames")
    return Frame(tuple(slots), order == "any", gap, frozenset(slots), lists, scope == "sentence")
