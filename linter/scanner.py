"""Single pass per document: one literal prefilter scan decides which rules run, and where.

Every claim rule's ``pattern`` (and every required rule's ``trigger``) is
reduced, once per rule set, to *anchors*: a few clauses of lower-case literal
strings, such that anything the pattern matches holds one string of every
clause ("no side effects" needs ``effect``/``effects`` and ``side``; an
inflection such as ``remov(?:e|es|ed|ing)`` gives all four words). The
analysis reads the pattern with `regex_syntax`; a pattern it does not read
(or might read differently from the regex module) has no anchors. White
space in a pattern is one space in its anchors ("you will see" for
``you\\s+will\\s+see``), and anchors are searched in the text with every run
of white space squeezed to one space (`textmap.squeeze`).

Per document, one Aho-Corasick scan for all anchors at once (pyahocorasick,
in C: every occurrence, overlapping ones too) finds where they occur.
Only the rules whose clauses all occur run their own compiled pattern and the
context judgement; every other rule cannot match, so skipping it changes
nothing. Rules without anchors (and metric rules) always run.

What is indexed comes from the rule kinds: each rule's `Rule.searched`
patterns (kinds/plan.py). A gate (a claim's pattern, a required rule's
trigger) decides whether its rule runs; every searched pattern is then
searched only where its anchors are: a sentence-scoped one in the sentences
holding an anchor of each of its clauses, a text-scoped one from where its
anchors are (`searches.whole_text_search`). `Scanner.plan` gives the rules
these searches through an `AnchoredPlan`, behind the same interface as the
reference plan (kinds/plan.py).

Findings are identical to the reference plan, which runs every rule over the whole copy
(``lint_document(..., single_pass=False)``); ``tests/test_performance_equivalence.py``
checks it. The invariants a rule kind keeps for this: a sentence-scoped pattern is searched
in each sentence as the whole string, and a rule yields nothing when a gate has no match.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from .class_gates import ClassGates
from .context import sentence_search
from .kinds.base import SearchPlan
from .searches import Plan, nowhere, parts_search, whole_text_search
from .textmap import Runs, prefilter_text, scan, squeeze, squeezed, squeezed_spans

if TYPE_CHECKING:
    from .anchors import AnchorMemo
    from .context import Analysis
    from .kinds.base import Rule
    from .kinds.searched import Search
    from .scanner_index import Key
    Hot = dict[Key, dict[tuple[int, int], set[int]]]  # key -> hot sentence -> its parts


class AnchoredPlan(SearchPlan):
    """The rules whose gates' anchors occur, and searches narrowed to where anchors are;
    any other search is the reference one (the pattern has no anchors)."""

    def __init__(self, analysis: Analysis, rules: Sequence[Rule],
                 searches: dict[Key, Search], anchored: Collection[Key] = ()) -> None:
        super().__init__(analysis, rules, asked=True)  # each let in by `Rule.may_fire`
        self.searches = searches
        self.anchored = anchored  # patterns with anchors: no search planned, no match

    def search(self, rule: Rule, name: str) -> Search:
        key = (rule.id, name)
        found = self.searches.get(key)
        if found is not None:
            return found
        return nowhere if key in self.anchored else super().search(rule, name)


@dataclass(eq=False)
class Scanner:
    """The prefilter of one rule set: which rules can fire in a given text, and where.

    Its entries are patterns with anchors: a rule's gate (claim pattern,
    required trigger) or a pattern searched sentence by sentence (claim
    pattern, ``satisfied-by``); an alternation split into parts
    (`BoundedPattern.parts`) has an entry per part, each with its own anchors.
    """

    always: frozenset[int]  # rule indexes without anchors: always run
    rest: dict[int, tuple[frozenset[str], ...]]  # entry -> its other clauses
    # every anchor, sorted; the automaton's value for an anchor is its index here
    anchors: tuple[str, ...]
    gates: tuple[int, ...] = ()  # entry -> the rule it gates (-1: none)
    keys: tuple[Key, ...] = ()  # entry -> key of its search
    parts: tuple[int, ...] = ()  # entry -> its part of the key's pattern (-1: all of it)
    patterns: dict[Key, Any] = field(default_factory=dict)  # key -> its pattern
    # key -> its parts without anchors, searched in every sentence
    everywhere: dict[Key, tuple[int, ...]] = field(default_factory=dict)
    # entry of a whole-text search -> the most characters its part can match, its rarest clause
    widths: dict[int, int] = field(default_factory=dict)
    heads: dict[int, frozenset[str]] = field(default_factory=dict)
    whole: frozenset[Key] = frozenset()  # keys searched over the whole text, not by sentence
    # anchor -> the entries whose rarest clause holds it searched sentence by sentence
    sentence_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # anchor -> the other entries it heads: whole-text keys, gates without a search
    document_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # entry searched by sentence -> clauses its look-behinds need somewhere in the document
    behind: dict[int, tuple[frozenset[str], ...]] = field(default_factory=dict)
    # ... and how far before its match they can be (`lookbehind.behind_reach`), when known
    behind_reach: dict[int, int] = field(default_factory=dict)
    # entry of a whole-text search -> the most characters a match attempt reads (`max_reach`)
    reaches: dict[int, int] = field(default_factory=dict)
    # key searched over the whole text -> its pattern without its leading look-behinds
    positive: dict[Key, Any] = field(default_factory=dict)
    # of `anchors` (`build_automaton`): integer values unpickle ten times faster than strings
    _automaton: Any = field(default=None, repr=False)
    # the frame and answer rules among `always`, asked only where their classes allow
    classed: ClassGates = field(default_factory=ClassGates)
    # every anchor a whole-text search starts from, or a look-behind with a reach needs:
    # the only hits kept past the walk
    head_words: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.head_words = frozenset().union(
            *self.heads.values(), *(c for i in self.behind_reach for c in self.behind[i]))

    @classmethod
    def build(cls, rules: Sequence[Rule], memo: AnchorMemo | None = None) -> Scanner:
        """Anchors for every pattern the rules search (`Rule.searched`)."""
        from . import anchors, scanner_index  # here: a scanner from the cache needs neither
        b = scanner_index.Builder(memo if memo is not None else anchors.AnchorMemo())
        for i, rule in enumerate(rules):
            searched = [s for s in rule.searched() if s.pattern is not None]
            if not any(s.gate for s in searched):
                b.always.add(i)  # nothing gates it: it always runs
            for item in searched:
                if item.scope == "text":
                    b.whole.add((rule.id, item.name))
            b.wanted += [(s.pattern, i if s.gate else -1, (rule.id, s.name)) for s in searched]
        for pattern, gated, key in b.wanted:
            b.add(pattern, gated, key)
        sentence_first, document_first = b.split_first()
        return cls(
            frozenset(b.always),
            b.rest,
            tuple(sorted(b.words)),
            tuple(b.gates),
            tuple(b.keys),
            tuple(b.parts),
            b.patterns,
            b.everywhere,
            b.widths,
            b.heads,
            frozenset(b.whole),
            sentence_first,
            document_first,
            b.behind,
            b.behind_reach,
            b.reaches,
            b.positive,
            classed=ClassGates.build(rules, frozenset(b.always)),
        )

    @property
    def automaton(self) -> Any:
        """The Aho-Corasick automaton of every anchor (`build_automaton`)."""
        return self._automaton if self._automaton is not None else self.build_automaton()

    def build_automaton(self) -> Any:
        """`automaton`, its values the anchors' indexes in `anchors`: about 6 ms to build,
        2 ms to unpickle with the rule set (whose cache builds it first)."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for i, word in enumerate(self.anchors):
                automaton.add_word(word, i)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _entries(self, present: set[str] | frozenset[str],
                 first: dict[str, Any] | None = None) -> set[int]:
        """The entries (of ``first``, default all) whose clauses all hold a word of ``present``."""
        if first is None:  # every entry an anchor heads (not kept whole: 3,500 sets to unpickle)
            return self._entries(present, self.sentence_first) | self._entries(
                present, self.document_first)
        out: set[int] = set()
        rest = self.rest
        for word in present & first.keys():  # most of a copy's anchors head no entry
            for i in first[word]:
                if i not in out and all(not c.isdisjoint(present) for c in rest.get(i, ())):
                    out.add(i)
        return out

    def _rules(self, entries: set[int]) -> set[int]:
        gates = self.gates
        return set(self.always) | {gates[i] for i in entries if gates[i] >= 0}

    def hits(self, low: str) -> list[tuple[int, str]]:
        """Every anchor in ``low`` (`prefilter_text`-ed, `squeeze`-d) as (offset of its
        last character, anchor), in order of that offset, overlapping ones too: as the
        automaton reports them, at C speed."""
        found, anchors = self.automaton.iter(low) if self.anchors else (), self.anchors
        return [(end, anchors[i]) for end, i in found]

    def found(self, low: str) -> list[tuple[int, str]]:
        """Every anchor in ``low`` with its offset, in order."""
        return sorted((end + 1 - len(word), word) for end, word in self.hits(low))

    def active(self, text: str) -> set[int]:
        """Indexes of the rules that may fire on the (folded) copy ``text``."""
        present = {w for _, w in self.found(squeeze(prefilter_text(text))[0])}
        return self._rules(self._entries(present))

    def plan(self, analysis: Analysis, rules: Sequence[Rule]) -> SearchPlan:
        """The rules that may fire on ``analysis.text``, and their narrowed searches.

        Each searched pattern that may match is searched only in the sentences
        holding an anchor of every clause of one of its parts (or, over the
        whole text, from where its anchors are). Anchors are found in the
        squeezed text (`squeeze`), and sentences are mapped there to tell which
        hold which anchors. Then the rules that may fire by the document as a
        whole (`Rule.may_fire`), once the scan's own text is let go.
        """
        active, searches, anchored = self._anchored(analysis)
        return AnchoredPlan(analysis, self.classed.firing(rules, active, analysis), searches,
                            anchored)

    def _anchored(self, analysis: Analysis
                  ) -> tuple[set[int], dict[Key, Search], Collection[Key]]:
        """The rules whose anchors hold, the searches narrowed to them, and the patterns
        those searches cover (`plan`)."""
        text = analysis.text
        low = prefilter_text(text)
        if len(low) != len(text):
            # offsets in ``low`` are not offsets in ``text``: every sentence is searched
            return self.active(text), {}, ()
        low, runs = squeeze(low)
        present: set[str] = set()
        hot: Hot = {}  # each sentence's anchors, judged as the walk leaves it (`_hot_in`)
        hot_entries: set[int] = set()
        # The anchors one at a time (millions on a 10 MB page); `_whole_text`'s are kept.
        found = scan(self.automaton, low) if self.anchors else iter(())
        first = next(found, None)
        hits: list[tuple[int, str]] = []
        if first is not None:
            heads, keep, anchors = self.head_words, hits.append, self.anchors
            spans = analysis.sentence_spans()
            places = squeezed_spans(spans, runs)
            # Walk the sentences alongside: an anchor is in the first sentence that ends
            # after it ends, if it also starts there.
            k, last, starts, ends = 0, len(spans) - 1, places.starts, places.ends
            start, limit = starts[0], ends[0]
            here: set[str] = set()
            for end, number in chain((first,), found):
                word = anchors[number]
                present.add(word)
                if word in heads:
                    keep((end, word))
                if end >= limit:
                    at = k
                    while k < last and ends[k] <= end:
                        k += 1
                    start, limit = starts[k], ends[k]
                    if k != at and here:  # a sentence without anchors adds nothing
                        self._hot_in(spans[at], here, hot, hot_entries)
                        here = set()
                    if end >= limit:  # after the last sentence
                        continue
                if end + 1 - len(word) >= start:
                    here.add(word)
            self._hot_in(spans[k], here, hot, hot_entries)
        # Entries searched by sentence gate their rule where they are hot (`_searches`):
        # only the others are checked against the whole document.
        entries = self._entries(present, self.document_first)
        self._drop_blocked(present, hot, hot_entries)
        self._drop_far(hot, hot_entries, hits, runs)
        searches = self._searches(analysis, hot, entries, hits, runs)
        return self._rules(entries | hot_entries), searches, self.patterns.keys()

    def _hot_in(self, span: tuple[int, int], words: set[str], hot: Hot,
                hot_entries: set[int]) -> None:
        """Add to ``hot`` the parts whose entry's clauses all hold in one sentence's ``words``,
        and those entries to ``hot_entries``; the walk forgets the words once it is done.

        An entry whose clauses all hold in a sentence hold in the document too: the
        document's entries need not be consulted.
        """
        first, rest, keys, parts = self.sentence_first, self.rest, self.keys, self.parts
        # an entry headed by two of the words is looked at twice: rarer than keeping count
        for w in words & first.keys():  # most of a sentence's anchors head no entry
            for i in first[w]:
                for clause in rest.get(i, ()):
                    if clause.isdisjoint(words):
                        break
                else:
                    hot.setdefault(keys[i], {}).setdefault(span, set()).add(parts[i])
                    hot_entries.add(i)

    def _drop_blocked(self, present: set[str], hot: Hot, hot_entries: set[int]) -> None:
        """Forget the hot entries that cannot match anywhere: a look-behind of theirs needs
        words the copy lacks (`behind`). Known only once the walk has seen every anchor;
        every entry of one part shares its look-behinds, so its part goes with it."""
        gone = {i for i in hot_entries
                if any(c.isdisjoint(present) for c in self.behind.get(i, ()))}
        if not gone:
            return
        hot_entries -= gone
        drop: dict[Key, set[int]] = {}
        for i in gone:
            drop.setdefault(self.keys[i], set()).add(self.parts[i])
        for key, parts in drop.items():
            at = hot.get(key, {})
            for span in list(at):
                at[span] -= parts
                if not at[span]:
                    del at[span]
            if not at:
                hot.pop(key, None)

    def _drop_far(self, hot: Hot, hot_entries: set[int], hits: list[tuple[int, str]],
                  runs: Runs) -> None:
        """Forget a hot part in the sentences its look-behinds cannot reach: each clause of
        theirs needs a word (of ``hits``) from `behind_reach` before the sentence to its end."""
        starts: dict[str, list[int]] = {}  # each kept word's starts in the squeezed text
        for end, word in hits:
            starts.setdefault(word, []).append(end + 1 - len(word))
        for i in [i for i in hot_entries if i in self.behind_reach]:
            key, part, reach = self.keys[i], self.parts[i], self.behind_reach[i]
            at = hot.get(key, {})
            for span in [s for s, parts in at.items() if part in parts]:
                lo, hi = (squeezed(span[0], runs, runs.starts, False),
                          squeezed(span[1], runs, runs.starts, True)) if runs else span
                if not all(any(lo - reach <= x <= hi - len(w) for w in clause
                               for x in starts.get(w, ())) for clause in self.behind[i]):
                    at[span].discard(part)
                    if not at[span]:
                        del at[span]
            if key in hot and not at:
                del hot[key]

    def _searches(self, analysis: Analysis, hot: Hot, entries: set[int],
                  hits: list[tuple[int, str]], runs: Runs
                  ) -> dict[Key, Search]:
        """A search over its hot sentences (``hot``: `_hot_in`) for every anchored pattern
        (any other: `nowhere`, no match)."""
        searches: dict[Key, Search] = dict(self._whole_text(entries, hits, runs))
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple of parts for all
        for key, at in hot.items():
            if key in self.everywhere:
                continue
            pattern = self.patterns[key]
            if -1 in next(iter(at.values())):  # not split: the whole pattern
                searches[key] = sentence_search(pattern, sorted(at))
            else:
                searches[key] = parts_search(pattern, [
                    (s, e, shared.setdefault(t := tuple(sorted(p)), t))
                    for (s, e), p in sorted(at.items())])
        by_sentence_everywhere = [k for k in self.everywhere if k not in self.whole]
        if by_sentence_everywhere:
            spans = analysis.sentence_spans()
            for key in by_sentence_everywhere:
                unanchored = self.everywhere[key]
                at = hot.get(key, {})
                searches[key] = parts_search(self.patterns[key], [
                    (s, e, tuple(sorted(at[(s, e)].union(unanchored))) if (s, e) in at
                     else unanchored) for s, e in spans])
        return searches

    def _whole_text(self, entries: set[int], hits: list[tuple[int, str]],
                    runs: Runs) -> dict[Key, Search]:
        """`whole_text_search` for each text-scoped pattern (a trigger), from where its anchors
        are: ``hits``, those of `head_words` as (offset of their last character, anchor)."""
        plans: dict[Key, Plan] = {}
        keys, widths = self.keys, self.widths
        by_heads: dict[frozenset[str], list[int]] = {}
        at: dict[str, list[int]] = {}  # each head anchor's starts
        for end, word in hits:
            at.setdefault(word, []).append(end + 1 - len(word))
        for i in sorted(entries):
            key = keys[i]
            if key not in self.whole:
                continue
            width, starts = widths.get(i), []
            if width is not None:
                heads = self.heads[i]
                if heads not in by_heads:  # triggers share their vocabulary of treatments
                    by_heads[heads] = sorted(chain.from_iterable(at[w] for w in at.keys() & heads))
                starts = by_heads[heads]
            plans.setdefault(key, []).append((width, starts, self.reaches.get(i), self.parts[i]))
        for key in self.everywhere:
            if key in self.whole:  # a part without anchors can match anywhere
                plans.setdefault(key, []).append((None, [], None, -1))
        memo: dict[tuple[str, int, int, int | None], Any] = {}  # one text's searches
        return {key: whole_text_search(self.patterns[key], plan, runs, memo,
                                       self.positive.get(key))
                for key, plan in plans.items()}


def scanner_for(ruleset: Any) -> Scanner:
    """The rule set's scanner (`planning.Planning.scanner`)."""
    scanner: Scanner = ruleset.planning.scanner(ruleset.rules)
    return scanner
