"""The shared judgement of a match in its context: one mechanism for every rule.

A claim is not a claim when the copy negates it ("will not completely remove
scars"), asks it ("Is it painful?"), hedges it where the rule allows hedges
("usually no downtime"), distances itself from it ("some clinics claim ..."),
or states it inside a sentence kind the rule skips (a contraindication). The
same judgement decides whether advice is really given: "no side effects" does
not disclose side effects. The vocabulary is data: rules/context.yaml.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import regex

from .errors import GlowlintError
from .folding import FOLD as FOLD  # where the copy is folded: read from here too
from .gates import Gate, prepare
from .judgement import ALTERNATIVE, WORD_ENDS, judge
from .judgement import Verdict as Verdict
from .spans import Spans

# A sentence ends at a run of final punctuation (not after "Dr", "e.g", an initial ...)
# before an upper-case letter or digit, or at a blank line. The abbreviation is
# checked behind the first punctuation mark, not ahead of it: a lookbehind first
# would be tried at every position of the text. Compiled with the vocabulary
# (`ContextModel.sentence_end`): the rule-set cache then loads it compiled (40 us,
# not the regex module's parser at every start, 0.9 ms).
_SENTENCE_END = (
    r"[.!?\u2026](?<!\b(?:Dr|Mr|Mrs|Ms|St|Prof|vs|approx|e\.g|i\.e|etc|No|Ref|ref|Fig|\p{Lu})"
    r"[.!?\u2026])[.!?\u2026]*[\"')\]]*(?=\s+[\"'(\[]?[\p{Lu}\d])|\n\n"
)


# the lists of the vocabulary searched with a gate (`judgement`)
_GATED = ("negators", "hedges", "softeners", "distancing", "hypotheticals", "experience")
_KIND = "sentence-kind "  # and each sentence kind's, under this prefix (`in_sentence_kind`)


def sentence_search(pattern: Any, spans: Sequence[tuple[int, int]]) -> Any:
    """A ``search(text, pos)`` that looks only inside ``spans``, each as the whole string.

    Claims are matched within one sentence: nothing across a sentence or block
    boundary (a lookahead included) changes what a sentence claims.
    """
    starts = [s for s, _ in spans]

    def search(text: str, pos: int = 0) -> Any:
        k = max(0, bisect.bisect_right(starts, pos) - 1)
        for s, e in spans[k:]:
            if e <= pos:
                continue
            m = pattern.search(text, max(pos, s), e)
            if m is not None:
                return m
        return None

    return search


def _check_lists(data: Any, path: Path) -> None:
    """Every list of the vocabulary holds strings: an unquoted entry with ": " in it
    reads as a mapping, and would otherwise fail later as an obscure regex error."""
    from .errors import GlowlintError

    if not isinstance(data, dict):
        raise GlowlintError("the context vocabulary must be a mapping", str(path))
    lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        lists = value.items() if isinstance(value, dict) else [(None, value)]
        for name, words in lists:
            if isinstance(words, list) and not all(isinstance(w, str) for w in words):
                what = key if name is None else f"{key}: {name}"
                raise GlowlintError(f"'{what}' must list strings (quote an entry that holds "
                                    "': ')", str(path), lines.get(key))


def _alternation(words: list[str]) -> str:
    return "|".join(f"(?:{w})" for w in words)


def _breaks(entries: list[str]) -> str:
    """Clause breaks: punctuation as written, words (those starting with a letter) whole.

    Consecutive words share one pair of word bounds, ``(?<!\\w)(?:but|however|...)(?!\\w)``:
    the regex module tries an alternative whose first step is a lookbehind at
    every position, so bounding each word on its own made this search five
    times slower.
    """
    out: list[str] = []
    for is_word, group in groupby(entries, key=lambda b: b[:1].isalpha()):
        if is_word:
            out.append(rf"(?<!\w)(?:{_alternation(list(group))})(?!\w)")
        else:
            out += group
    return _alternation(out)


_MENTIONED = 100  # characters: a quoted phrase talked about, not a quoted speech

@dataclass(frozen=True, eq=False)
class ContextModel:
    """The compiled vocabulary of rules/context.yaml (one per rule set: compared as itself)."""

    window: int
    negator: regex.Pattern[str]
    hedge: regex.Pattern[str]
    trailing_hedge: regex.Pattern[str]
    softener: regex.Pattern[str]
    clause_break: regex.Pattern[str]
    distancing: regex.Pattern[str]
    hypothetical: regex.Pattern[str]
    voice_break: regex.Pattern[str]
    experience: regex.Pattern[str]  # first person in the match's clause ("my teeth")
    question_start: regex.Pattern[str]
    sentence_kinds: dict[str, regex.Pattern[str]]
    # what the slots of a frame rule never reach across (linter/kinds/frame.py), and
    # what a frame with `lists: true` does (the barriers less the list joiners)
    slot_barrier: regex.Pattern[str]
    list_barrier: regex.Pattern[str]
    # words that talk about a quoted phrase ("the phrase", "a marketing line")
    quoted_talk: regex.Pattern[str]
    sentence_end: regex.Pattern[str]  # where a sentence ends (`_SENTENCE_END`)
    # the judgement's own: the ends of words, an "or" list (`judgement.WORD_ENDS`, ...)
    word_ends: regex.Pattern[str]
    alternative: regex.Pattern[str]
    # document types whose quotations report what others claim (an article, a ruling)
    reporting_types: frozenset[str] = frozenset()
    # document types that report every claim they hold (a regulator's ruling)
    reported_types: frozenset[str] = frozenset()
    # per list of the vocabulary, where none of its words can be, without a search
    # (`gates.Gate`; a list without one is always searched)
    gates: dict[str, Gate | None] = field(default_factory=dict)
    # an intensifier just before a claim, which its fix replaces with it (`fixes.rewrite`):
    # compiled with the rule set and cached with it, not in every process that fixes
    intensifier: regex.Pattern[str] | None = None

    @classmethod
    def load(cls, path: Path) -> ContextModel:
        from .fixes import INTENSIFIER_BEFORE
        from .yamlio import load_yaml

        data: Any = load_yaml(path)
        _check_lists(data, path)
        try:
            def words(key: str, not_before: str = "") -> regex.Pattern[str]:
                tail = rf"(?!\s+(?:{not_before})(?!\w))" if not_before else ""
                return regex.compile(
                    rf"(?<!\w)(?:{_alternation(data.get(key) or ['(?!)'])})(?!\w){tail}", regex.I
                )

            kinds = {
                name: regex.compile(rf"(?<!\w)(?:{_alternation(pats)})(?!\w)", regex.I)
                for name, pats in (data.get("sentence-kinds") or {}).items()
            }
            breaks = _breaks(data["clause-breaks"])
            barriers = list(data.get("slot-barriers") or [])
            joiners = set(data.get("list-joiners") or [])
            return cls(
                window=int(data.get("window", 4)),
                negator=words("negators", _alternation(data.get("not-negation") or [])),
                hedge=words("hedges"),
                # up to three words may come between ("safe to use on most skin types");
                # after punctuation the hedge must end its phrase: in "painless, generally
                # safe" it qualifies "safe", not "painless"
                trailing_hedge=regex.compile(
                    rf"^(?:[ \t]+[\w'-]+){{0,3}}?(?:[ \t]+|\W{{1,3}}(?=(?P<after>)))"
                    rf"(?P<hedge>{_alternation(data['trailing-hedges'])})(?!\w)"
                    rf"(?(after)(?![ \t]*[\w'-]))", regex.I
                ),
                softener=words("softeners"),
                clause_break=regex.compile(breaks, regex.I),
                distancing=words("distancing"),
                gates={**{key: Gate.of(data.get(key) or [], regex.I) for key in _GATED},
                       **{_KIND + name: Gate.of(pats, regex.I)
                          for name, pats in (data.get("sentence-kinds") or {}).items()}},
                hypothetical=words("hypotheticals"),
                voice_break=words("voice-breaks"),
                experience=words("experience"),
                question_start=regex.compile(
                    rf"^\W*(?:{_alternation(data.get('question-starts') or ['(?!)'])})(?!\w)",
                    regex.I,
                ),
                sentence_kinds=kinds,
                quoted_talk=words("quoted-talk"),
                reporting_types=frozenset(data.get("reporting-types") or ()),
                reported_types=frozenset(data.get("reported-types") or ()),
                slot_barrier=regex.compile(_breaks(barriers or ["(?!)"]), regex.I),
                list_barrier=regex.compile(
                    _breaks([b for b in barriers if b not in joiners] or ["(?!)"]), regex.I),
                sentence_end=regex.compile(_SENTENCE_END),
                word_ends=regex.compile(WORD_ENDS),
                alternative=regex.compile(ALTERNATIVE, regex.I),
                intensifier=regex.compile(INTENSIFIER_BEFORE, regex.I),
            )
        except (KeyError, TypeError, regex.error) as e:
            raise GlowlintError(f"invalid context vocabulary: {e}", str(path)) from None


@dataclass(eq=False)
class Analysis:
    """One document's copy, ready for judging matches; sentences found lazily."""

    text: str
    model: ContextModel
    _starts: Sequence[int] = ()
    _ends: Sequence[int] = ()
    _spans: Spans | None = None  # the sentences, as `Spans` (arrays: 16 bytes a sentence)
    # judged matches: rules that share a trigger or a satisfier judge the same span
    _verdicts: dict[tuple[Any, ...], Verdict] = field(default_factory=dict)
    _asked: dict[int, bool] = field(default_factory=dict)  # sentence start -> a question
    _kinds: dict[tuple[str, int, int], bool] = field(default_factory=dict)  # `in_sentence_kind`
    # the document and the lexicon that types it (a quotation in an article reports)
    document: Any = None
    lexicon: Any = None
    # the lexicon's scan, made once per document for every frame rule that shares it
    _lexicon_scans: dict[Any, Any] = field(default_factory=dict)
    _reports_all: bool | None = None  # `reports_all`, once asked

    def document_type(self, doc: Any, lexicon: Any) -> Any:
        """What kind of document this is (`doctypes.classify`), once per document."""
        key = ("type", id(lexicon))
        found = self._lexicon_scans.get(key)
        if found is None:
            from .doctypes import classify

            # a lexicon without types has no cues: its scan would tell nothing
            hits = self.lexicon_scan(lexicon).hits_numbered(lexicon.cue_numbers()) \
                if lexicon.types else ()
            found = self._lexicon_scans[key] = classify(
                doc.source, doc.format, hits, self.text, lexicon.types)
        return found

    def lexicon_scan(self, lexicon: Any) -> Any:
        """Every word of every class of ``lexicon`` in the copy (`Lexicon.scan`), once."""
        scan = self._lexicon_scans.get(id(lexicon))
        if scan is None:
            scan = self._lexicon_scans[id(lexicon)] = lexicon.scan(self.text)
        return scan

    def _split(self) -> None:
        if not self._starts:
            starts, ends = array("q", [0]), array("q")
            for m in self.model.sentence_end.finditer(self.text):
                ends.append(m.end() if m.group() != "\n\n" else m.start())
                starts.append(m.end())
            ends.append(len(self.text))
            self._starts, self._ends = starts, ends

    def sentences(self, keep: Callable[[int, int], bool] | None = None) -> Spans:
        """Every sentence as a ``(start, end)`` span of the copy, trimmed of space
        (``keep``: only the spans it keeps)."""
        self._split()
        out = Spans()
        for s, e in zip(self._starts, self._ends, strict=True):
            chunk = self.text[s:e]
            stripped = chunk.strip()
            if stripped:
                s += len(chunk) - len(chunk.lstrip())
                e = s + len(stripped)
                if keep is None or keep(s, e):
                    out.starts.append(s)
                    out.ends.append(e)
        return out

    def sentence_spans(self) -> Spans:
        """Every sentence as its raw ``(start, end)`` span (what `sentence` returns).

        The list is made once and shared: callers must not change it.
        """
        if self._spans is None:
            self._split()
            self._spans = Spans(self._starts, self._ends)
        return self._spans

    def sentence(self, pos: int) -> tuple[int, int]:
        self._split()
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._starts[i], self._ends[i]

    def is_question(self, start: int) -> bool:
        """The sentence holding ``start`` asks: it ends with "?" or is a heading-like
        question without final punctuation ("Does it hurt", "Is it safe for me").
        Known once per sentence: a run-on "sentence" of megabytes is read once."""
        s_start, s_end = self.sentence(start)
        asked = self._asked.get(s_start)
        if asked is None:
            sentence = self.text[s_start:s_end].strip()
            asked = self._asked[s_start] = sentence.endswith("?") or (
                not sentence.endswith((".", "!", ":"))
                and bool(self.model.question_start.search(sentence)))
        return asked

    def judge(
        self,
        start: int,
        end: int,
        *,
        negation: bool = True,
        hedge: bool = True,
        questions: bool = True,
        distancing: bool = True,
        skip_sentences: tuple[str, ...] = (),
    ) -> Verdict:
        """Whether the match ``[start, end)`` counts as said by the copy.

        In order: a match must lie in one sentence; a question does not claim;
        a negator in the few words before the match (same clause) reverses it;
        a hedge there, or just after it, qualifies it (when the rule allows);
        a distancing or hypothetical frame earlier in the sentence (and not
        cut off by "but", "however" ...) reports or imagines it; a sentence
        kind the rule skips (a contraindication, or a list item under one) is
        not a claim of that rule. What remains counts, softened or not.
        """
        key = (start, end, negation, hedge, questions, distancing, skip_sentences)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = judge(self, start, end, *key[2:])
        return verdict

    def reports_all(self) -> bool:
        """The document reports every claim it holds (`ContextModel.reported_types`: a
        regulator's ruling states the ad's claims to rule on them)."""
        if self._reports_all is None:  # asked by every judgement that reads distancing
            self._reports_all = bool(
                self.model.reported_types and self.document is not None
                and self.lexicon is not None
                and self.document_type(self.document, self.lexicon).name
                in self.model.reported_types)
        return self._reports_all

    def quoted_report(self, start: int, end: int, s_start: int, s_end: int) -> str:
        """Why a match inside a quotation is reported, not claimed ("" when it is not):
        the sentence talks about the quoted phrase as a claim or a label ("the phrase
        "recommended by physicians"", ""Better than retinol" is a marketing line"), or
        the document reports claims (an article debunking them, a regulator's ruling),
        though a testimonial quoted on a sales page is the advertiser's claim."""
        text = self.text  # curly quotes are folded to straight ones
        if text.count('"', s_start, start) % 2 == 0:
            return ""
        opening, closing = text.rfind('"', s_start, start), text.find('"', end, s_end + 2)
        if closing < 0:
            return ""
        if closing - opening <= _MENTIONED and (
                self.model.quoted_talk.search(text, s_start, opening)
                or self.model.quoted_talk.search(text, closing + 1, max(closing + 1, s_end))):
            return "quoted: the copy talks about the phrase, it does not claim it"
        if not self.model.reporting_types or self.document is None or self.lexicon is None:
            return ""
        if self.document_type(self.document, self.lexicon).name in self.model.reporting_types:
            return "quoted: an article or ruling reports it, it does not claim it"
        return ""

    def in_sentence_kind(self, kind: str, s_start: int, s_end: int) -> bool:
        """``[s_start, s_end)`` (a sentence, or the part judged of a long one) is of the
        sentence kind ``kind`` (a contraindication ...): searched once per sentence."""
        key = (kind, s_start, s_end)
        found = self._kinds.get(key)
        if found is None:
            pattern = self.model.sentence_kinds.get(kind)
            gate = self.model.gates.get(_KIND + kind)
            found = self._kinds[key] = pattern is not None and (
                gate is None or gate.opens(prepare(self.text[s_start:s_end]))) and \
                pattern.search(self.text, s_start, s_end) is not None
        return found
