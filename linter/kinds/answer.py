"""answer: a claim made by answering a question ("Does it hurt? Not at all.").

FAQ copy makes its claims in the answers: the question names the concern
("Does it hurt?", "Is it safe?", "Is there any downtime?") and the answer's
first words settle it ("Not at all!", "Short answer: yes."). Neither sentence
is a claim alone — the question is asked, and "No." names nothing — so
phrase and frame rules (which set questions aside) cannot see it.

An answer rule is a frame rule whose ``frames`` are read in a question (a
sentence ending in "?"), with two keys of its own:

- ``answer``: lexicon classes one of whose entries must open the very next
  sentence ("=not at all", "=yes"); the finding is on those words;
- ``answer-unless``: classes that, anywhere in the answer sentence, show it
  goes on to qualify itself ("No, *but* you may feel a *slight* sting") or
  states the claim in words other rules read ("No, there are no *side effects*");
- ``answer-lead``: classes of words that may come before the answer's first
  words ("*Short answer:* yes").

The answer then goes through the context judgement (hedges, skipped sentence
kinds) like any other match; ``explain`` names the question's words and the
answer's.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..lexicon_scan import candidates
from .frame import FrameRule
from .frame_fill import FrameMatch, fill

if TYPE_CHECKING:
    from ..context import Analysis, Verdict
    from ..lexicon import Use
    from ..lexicon_scan import Hit

_LEAD = " \t\r\n*_#>\"'\u201c\u2018-\u2013\u2014:"  # what may come before an answer's first word
_TAIL = " \t\r\n*_#\"'\u201d\u2019)]"  # what may follow a question's "?"


@dataclass(frozen=True)
class AnswerMatch:
    """A question's words and the answer's first words, found in two sentences."""

    question: FrameMatch
    answer: Hit

    def start(self) -> int:
        return self.answer.start

    def end(self) -> int:
        return self.answer.end


@dataclass(eq=False)
class AnswerRule(FrameRule):
    """An answer rule: a frame asked as a question and settled by the next sentence."""

    answer: tuple[str, ...] = ()
    answer_unless: tuple[str, ...] = ()
    answer_lead: tuple[str, ...] = ()

    KIND_KEYS: ClassVar[frozenset[str]] = FrameRule.KIND_KEYS | {
        "answer", "answer-unless", "answer-lead"}

    @classmethod
    def kind_fields(cls, data: dict[str, Any], terms: dict[str, str], where: Any) -> dict[str, Any]:
        fields = super().kind_fields(data, terms, where)
        answer = tuple(where.str_list(data, "answer"))
        if not answer:
            where.fail("'answer' must list the lexicon classes that open the answer", "answer")
        fields["answer"] = answer
        fields["answer_unless"] = tuple(where.str_list(data, "answer-unless"))
        fields["answer_lead"] = tuple(where.str_list(data, "answer-lead"))
        return fields

    def classes(self) -> set[str]:
        return (super().classes() | set(self.answer) | set(self.answer_unless)
                | set(self.answer_lead))

    def lexicon_use(self) -> Use:
        from ..lexicon import Use

        needs = tuple(f.needs for f in self.frames) + (frozenset(self.answer),)
        return Use(needs, frozenset(self.classes()), frozenset(self.requires),
                   frozenset(self.unless_document))

    def describe(self, match: Any, text: str) -> str:
        asked = " + ".join(f"{h.cls} {text[h.start:h.end]!r}" for h in match.question.hits)
        answer = match.answer
        return (f"answer: question with {asked}, answered "
                f"{answer.cls} {text[answer.start:answer.end]!r}")

    def class_gates(self) -> tuple[frozenset[str], ...]:
        """Each question frame's classes: `may_fire` needs one frame's all."""
        return tuple(f.needs for f in self.frames)

    def may_fire(self, analysis: Analysis) -> bool:
        """Whether the document holds an answer's words and can fill a question's frame."""
        if self.lexicon is None:
            return False
        scan = analysis.lexicon_scan(self.lexicon)
        present = scan.present
        if present.isdisjoint(self.answer) or not present.isdisjoint(self.unless_document):
            return False
        return scan.may_fill(self.frames)

    def matches(self, analysis: Analysis, unfound: Callable[[int, int], bool] | None = None,
                fires: bool | None = None) -> Iterator[tuple[Any, Verdict]]:
        """Each question this rule reads, with the answer that opens the next sentence
        (``unfound`` is not read: a page asks few questions, each judged; ``fires``:
        `may_fire`, when the plan knows it)."""
        from ..context import Verdict

        if self.lexicon is None or not (self.may_fire(analysis) if fires is None else fires):
            return
        scan = analysis.lexicon_scan(self.lexicon)
        text, spans = analysis.text, analysis.sentence_spans()
        sentences = scan.sentences(spans)
        starts = [s for s, _ in spans]
        for i in candidates(scan, spans, [f.needs for f in self.frames]):
            if i + 1 >= len(sentences):
                continue
            (mine, classes), (replies, reply_classes) = sentences[i], sentences[i + 1]
            at = bisect.bisect_right(starts, mine[0].start) - 1
            if not _asks(text, spans[at]):
                continue
            s, e = _next_sentence(text, spans, at)
            if not s <= replies[0].start < e:
                continue  # the next sentence with lexicon words is not the next sentence
            opening = _opening(replies, text, s, self.answer, self.answer_lead)
            if opening is None:
                continue
            frames = [f for f in self.frames if f.needs <= classes]
            question = next(fill(frames, mine, text, analysis.model), None)
            if question is None:
                continue
            match = AnswerMatch(question, opening)
            if not self._said_plainly(reply_classes, sentences, i, text, (spans, starts), (s, e),
                                      opening):
                yield match, Verdict("the answer says more than yes or no ('answer-unless')")
                continue
            yield match, analysis.judge(
                opening.start, opening.end, negation=False, hedge=self.hedge, questions=False,
                distancing=self.distancing, skip_sentences=self.skip_sentences)

    def _said_plainly(self, reply_classes: frozenset[str], sentences: Any, i: int, text: str,
                      spans: tuple[Sequence[tuple[int, int]], Sequence[int]],
                      reply: tuple[int, int], opening: Hit) -> bool:
        """Whether the answer is a plain yes or no: no ``answer-unless`` word in its
        sentence, nor, when the answer is nothing but its opening words, a word of the
        question's claim in the next one ("Yes! Both treatments are perfectly safe."
        says it in words the safety rules read, which report it once)."""
        if not reply_classes.isdisjoint(self.answer_unless):
            return False
        if text[opening.end:reply[1]].strip(_TAIL + ".!") or i + 2 >= len(sentences):
            return True
        at = bisect.bisect_right(spans[1], reply[0]) - 1  # spans: the sentences and their starts
        s, e = _next_sentence(text, spans[0], at)
        following, classes = sentences[i + 2]
        # only the claim's own words there: a qualifier may be about something else
        # ("None. Your skin may turn slightly pink" still denies any downtime)
        said = {c for f in self.frames for c in f.slots} & set(self.answer_unless)
        return not (s <= following[0].start < e) or classes.isdisjoint(said)


def _asks(text: str, span: tuple[int, int]) -> bool:
    """Whether the sentence at ``span`` is a question (ends in "?", markup aside)."""
    return text[span[0]:span[1]].rstrip(_TAIL).endswith("?")


def _next_sentence(text: str, spans: Sequence[tuple[int, int]], at: int) -> tuple[int, int]:
    """The span of the first sentence after ``spans[at]`` with any words, or an empty one."""
    for s, e in spans[at + 1:]:
        if text[s:e].strip():
            return s, e
    return 0, 0


def _opening(hits: Sequence[Hit], text: str, start: int, classes: tuple[str, ...],
             leads: tuple[str, ...]) -> Hit | None:
    """The longest hit of ``classes`` that opens the sentence starting at ``start``,
    after any words of the ``leads`` classes ("Short answer: yes")."""
    best: Hit | None = None
    for hit in hits:
        if hit.start < start:
            continue  # inside a lead already passed
        if text[start:hit.start].strip(_LEAD):
            break
        if hit.cls in leads:
            start = max(start, hit.end)
        elif hit.cls in classes and (best is None or hit.end > best.end):
            best = hit
    return best
