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
of white space squeezed to one space (`squeeze`).

Per document, one Aho-Corasick scan for all anchors at once (pyahocorasick,
in C: every occurrence, overlapping ones too) finds where they occur.
Only the rules whose clauses all occur run their own compiled pattern and the
context judgement; every other rule cannot match, so skipping it changes
nothing. Rules without anchors (and metric rules) always run.

A claim is matched within one sentence (`ClaimRule.matches`), so a claim rule
is searched only in the sentences holding an anchor of each of its clauses
(`Scanner.prepare` gives `ClaimRule.matches` that search as
``analysis.claim_search``).

Findings are identical to running every rule over the whole copy
(``lint_document(..., single_pass=False)``);
``tests/test_performance_equivalence.py`` checks it. The invariants a rule
kind keeps for this: a claim rule searches each sentence as the whole string
(`context.sentence_search`), and a required rule yields nothing when
``trigger`` has no match.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import regex_syntax as _s
from .context import FOLD, sentence_search

# The attribute whose match is necessary for a finding, per rule kind.
GATES: dict[str, str] = {"claim": "pattern", "required": "trigger"}
# Patterns searched sentence by sentence, which do not decide whether a rule runs.
SEARCHED: dict[str, tuple[str, ...]] = {"required": ("satisfier",)}
# Rule kinds whose gate is searched over the whole text (`whole_text_search`), not by sentence.
WHOLE_TEXT = frozenset({"required"})

# Non-ASCII characters that the regex module's IGNORECASE matches with an ASCII
# letter (computed over all of Unicode); they are mapped before lower-casing.
_CASE_ODD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_MAX_SET = 64  # most strings an exact set may hold
_MAX_NEED = 512  # most alternative strings a clause may hold
# regex-module syntax the stdlib parser would accept with another meaning.
_FOREIGN = re.compile(r"\[\[?:|\(\?[a-zA-Z]*V1|\{(?!\d*,?\d*\})")


def _fold_pairs(table: dict[int, Any]) -> list[tuple[str, str]] | None:
    """`str.translate`'s table as replacements, when doing them in turn gives the same text."""
    pairs = []
    for key, value in table.items():
        new = chr(value) if isinstance(value, int) else (value or "")
        pairs.append((chr(key), new))
    keys = {k for k, _ in pairs}
    if any(ch in keys for _, new in pairs for ch in new):
        return None
    return pairs


_FOLD_PAIRS = _fold_pairs(FOLD)
_FOLD_NON_ASCII = _FOLD_PAIRS is not None and not any(old.isascii() for old, _ in _FOLD_PAIRS)


def fold(text: str) -> str:
    """``text.translate(context.FOLD)``, several times faster on typical copy.

    ``str.translate`` with a dict costs a lookup per character; most copy has
    none of the folded characters, and the rest only a few, replaced at C speed.
    """
    if _FOLD_PAIRS is None:
        return text.translate(FOLD)
    if _FOLD_NON_ASCII and text.isascii():
        return text
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def prefilter_text(text: str) -> str:
    """The text as the anchors are searched in: lower case, odd case letters mapped."""
    if not text.isascii():
        for odd, plain in _CASE_ODD.items():
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


# Runs of white space: the stdlib's \s, every character the regex module's \s matches
# and a few more (U+001C-U+001F), as str.split() splits at.
_LONG_RUN = re.compile(r"\s\s+")


def squeeze(low: str) -> tuple[str, list[tuple[int, int, int]]]:
    r"""``low`` with every run of white space as one space, and where the longer runs were.

    Anchors hold a space wherever their pattern matches white space (``\s+``
    between words), so "you will" narrows where "you" alone would not. Each
    run of two or more characters is listed as (its start and end in ``low``,
    the characters removed before it).
    """
    if low.isprintable() and "  " not in low:  # no white space but single spaces
        return low, []
    runs: list[tuple[int, int, int]] = []
    removed = 0
    for m in _LONG_RUN.finditer(low):
        start, end = m.span()
        runs.append((start, end, removed))
        removed += end - start - 1
    # every run as one space (re.sub(r"\s+", " ", low)), at C speed
    squeezed = " ".join(low.split())
    if low[:1].isspace():
        squeezed = " " + squeezed
    if low[-1:].isspace() and squeezed != " ":
        squeezed += " "
    return squeezed, runs


def squeezed(x: int, runs: list[tuple[int, int, int]], starts: list[int], end: bool) -> int:
    """The offset in the squeezed text of offset ``x`` of the text (`squeeze`).

    A span that holds any character of a run holds its space: a start inside a
    run goes to its space, an end inside it (or at its end) just after it.
    """
    k = bisect.bisect_right(starts, x - 1 if end else x) - 1
    if k < 0:
        return x
    start, stop, removed = runs[k]
    if x < stop or (end and x == stop):
        return start - removed + end
    return x - removed - (stop - start - 1)


def unsqueezed(x: int, runs: list[tuple[int, int, int]], at: list[int]) -> int:
    """The offset in the text of the start of an anchor found at ``x`` in the squeezed text.

    An anchor that starts with the space of a run starts, at the latest, at the
    run's last character (``at``: the runs' offsets in the squeezed text).
    """
    k = bisect.bisect_right(at, x) - 1
    if k < 0:
        return x
    start, stop, removed = runs[k]
    if x == at[k]:
        return stop - 1
    return x + removed + (stop - start - 1)


_KEEP = 4  # clauses kept per node: the rarest ones


@dataclass(eq=False)
class _Info:
    exact: set[str] | None  # every string the node can match, when few and literal
    need: list[frozenset[str]]  # clauses that all hold for every match (rarest first)


# Words too common in copy to make good anchors (speed only: any choice is exact).
_COMMON = frozenset(
    "a an and are as at be by can for from has have in is it its of on or our the this to "
    "was we will with you your no not all any every more most day days week weeks after "
    "skin treatment treatments results time area face clinic clients need feel other".split()
)


def _cost(clause: frozenset[str]) -> float:
    """How likely a clause is to hold in any document: lower is more selective."""
    total = 0.0
    for s in clause:
        core = s.strip(" -'")
        if len(core) <= 2:
            total += 100
        elif core in _COMMON:
            total += 30
        else:
            total += 8 / len(core)
    return total


def _best(clauses: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    unique = {c for c in clauses if c and "" not in c and len(c) <= _MAX_NEED}
    return sorted(unique, key=lambda c: (_cost(c), sorted(c)))[:_KEEP]


def _literal(code: int) -> set[str] | None:
    ch = chr(code)
    if ch.isspace():
        return {" "}  # as `squeeze` leaves every white space character
    if not ch.isascii():
        return None
    return {ch.lower()}


def _in(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op == _s.LITERAL:
            lit = _literal(av)
            if lit is None:
                return None
            out |= lit
        elif op == _s.CATEGORY and av == _s.CATEGORY_SPACE:
            out.add(" ")
        else:
            return None
    return out


def _join(a: str, b: str) -> str:
    """``a + b`` as `squeeze` would leave it: one space where two meet."""
    return a + b[1:] if a[-1:] == " " and b[:1] == " " else a + b


def _seq(items: Iterable[tuple[Any, Any]]) -> _Info:
    clauses: list[frozenset[str]] = []
    cur: set[str] | None = {""}
    whole: set[str] | None = {""}
    for op, av in items:
        info = _node(op, av)
        clauses.extend(info.need)
        if info.exact is not None and cur is not None:
            product = {_join(a, b) for a in cur for b in info.exact}
            if len(product) <= _MAX_SET:
                cur = product
                whole = product if whole is not None else None
                continue
        # the run of exact items ends here
        if cur is not None:
            clauses.append(frozenset(cur))
        cur = info.exact if info.exact is not None and len(info.exact) <= _MAX_SET else None
        whole = None
    if cur is not None:
        clauses.append(frozenset(cur))
    return _Info(whole, _best(clauses))


def _node(op: Any, av: Any) -> _Info:
    if op == _s.LITERAL:
        lit = _literal(av)
        return _Info(lit, [frozenset(lit)] if lit else [])
    if op == _s.IN:
        chars = _in(av)
        return _Info(chars, [frozenset(chars)] if chars else [])
    if op == _s.SUBPATTERN:
        return _seq(av[-1])
    if op == _s.BRANCH:
        infos = [_seq(alt) for alt in av[1]]
        exact: set[str] | None = set()
        union: set[str] | None = set()
        for info in infos:
            if exact is not None and info.exact is not None:
                exact |= info.exact
            else:
                exact = None
            if union is not None and info.need:
                union |= info.need[0]  # each alternative's rarest clause
            else:
                union = None
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        return _Info(exact, _best([frozenset(union)] if union else []))
    if op in _s.REPEATS:
        low, high, sub = av
        info = _seq(sub)
        if info.exact == {" "}:  # white space, however long: one space once squeezed
            return _Info({" "} if low else {"", " "}, [])
        if low == 0:
            if high == 1 and info.exact is not None:
                return _Info(info.exact | {""}, [])
            return _Info(None, [])
        if low == high == 1:
            return info
        return _Info(None, info.need)
    if op == _s.ATOMIC_GROUP:
        return _seq(av)
    if op in (_s.AT, _s.ASSERT, _s.ASSERT_NOT):
        return _Info({""}, [])
    return _Info(None, [])


# anchors() per (pattern, flags): kept in the rule-set cache (linter/cache.py), so a
# rule set shaped by configuration (a subset of rules) builds its scanner at once.
MEMO: dict[tuple[str, int], tuple[frozenset[str], ...] | None] = {}
# Pickled MEMOs from the rule-set cache, merged into MEMO when a scanner is first built.
MEMO_PENDING: list[bytes] = []


def anchors(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...] | None:
    """`find_anchors`, remembered."""
    key = (pattern, flags)
    if key not in MEMO:
        while MEMO_PENDING:
            import pickle

            MEMO.update(pickle.loads(MEMO_PENDING.pop()))
        if key in MEMO:
            return MEMO[key]
        MEMO[key] = find_anchors(pattern, flags)
    return MEMO[key]


def find_anchors(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...] | None:
    """Clauses of lower-case literals: every match holds one string of each clause.

    The rarest clause comes first. ``pattern`` is regex-module syntax;
    `regex_syntax` reads it, and any construct it does not read (or might read
    differently) gives None: no anchors, the rule always runs.
    """
    if _FOREIGN.search(pattern.replace("\\\\", "").replace("\\[", "").replace("\\{", "")):
        return None
    if flags & (0x100 | 0x4000):  # regex.VERSION1 (set operations), regex.FULLCASE (ß = ss)
        return None
    try:
        tree = _s.parse(pattern)
    except (_s.Unsupported, RecursionError):  # no anchors: the rule always runs
        return None
    need = _seq(tree).need
    return tuple(need) or None


def _nowhere(text: str, pos: int = 0) -> None:
    """The search of a pattern whose anchors are not in the copy: it cannot match."""
    return None


def parts_search(pattern: Any, hot: list[tuple[int, int, tuple[int, ...]]]) -> Any:
    """A ``search(text, pos)`` of ``pattern`` over the sentences ``hot``, part by part.

    ``hot`` holds (start, end, parts) per sentence, sorted: ``parts`` are the
    indexes into ``pattern.parts`` of the alternatives whose words the sentence
    holds; the others cannot match there. Their leftmost match (the earlier
    alternative on a tie) is where the whole alternation matches, and what it
    matches there. A pattern without groups takes that match as it is; one
    with groups is matched whole there, so that its groups are numbered as the
    alternation's (compiling the whole alternation costs far more than its
    parts: a large one takes 20 ms).
    """
    parts = pattern.parts
    starts = [s for s, _, _ in hot]
    whole = _captures(pattern.pattern)

    def search(text: str, pos: int = 0) -> Any:
        k = max(0, bisect.bisect_right(starts, pos) - 1)
        for s, e, idxs in hot[k:]:
            if e <= pos:
                continue
            lo = max(pos, s)
            best = None
            for i in idxs:
                m = parts[i].search(text, lo, e)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
                    if m.start() == lo:
                        break
            if best is not None:
                return (pattern.match(text, best.start(), e) or best) if whole else best
        return None

    return search


# What makes a match depend on more than the alternative that matched and where:
# groups (numbered across the alternation), anchors to where a search starts,
# \K, back-references, backtracking verbs. Read textually; a false alarm (a "("
# in a class) only costs matching the whole alternation.
_SPECIAL_ESCAPE = re.compile(r"\\[AGKg1-9]")
_ESCAPED = re.compile(r"\\.", re.S)
_GROUP_OR_START = re.compile(r"\((?!\?)|\(\?P?<(?![=!])|\(\?'|(?<!\[)\^")


@functools.lru_cache(maxsize=4096)  # asked per page for each searched alternation
def _captures(pattern: str) -> bool:
    pattern = pattern.replace("\\\\", "")
    if _SPECIAL_ESCAPE.search(pattern):
        return True
    return _GROUP_OR_START.search(_ESCAPED.sub("_", pattern)) is not None


def whole_text_search(pattern: Any, plan: list[tuple[int | None, list[int]]],
                      runs: list[tuple[int, int, int]] | None = None,
                      memo: dict[tuple[str, int, int], Any] | None = None) -> Any:
    """A ``search(text, pos)`` of ``pattern`` over the whole text, from where it can match.

    ``plan`` holds (width, starts) per part of the pattern (or the whole) that
    may match: when the part matches at most ``width`` characters (None:
    unknown), ``starts`` are the sorted offsets of its rarest anchors. A match of the part holds
    one of them, so it starts at most ``width`` characters before the first
    one at or after ``pos``: the search starts at the earliest such place of
    any part, and stops, as ever, at the first match. With ``runs``, the
    starts are offsets in the squeezed text (`squeeze`), mapped back only
    when used. Searches of one text share ``memo``: rules often share a
    trigger (every advice rule names the same treatments), and the same
    pattern searched from the same place finds the same match.
    """
    runs = runs or []
    memo = {} if memo is None else memo
    run_starts = [start for start, _, _ in runs]
    spaces = [start - removed for start, _, removed in runs]

    def search(text: str, pos: int = 0) -> Any:
        lo = None
        # the first anchor found at or after ``pos`` (`unsqueezed` of it is too)
        first = squeezed(pos, runs, run_starts, False) if runs else pos
        for width, starts in plan:
            if width is None:
                lo = pos
                break
            k = bisect.bisect_left(starts, first)
            if k < len(starts):  # else this part cannot match from ``pos``
                start = unsqueezed(starts[k], runs, spaces) if runs else starts[k]
                at = max(pos, start - width)
                lo = at if lo is None else min(lo, at)
        if lo is None:
            return None
        key = (pattern.pattern, pattern.flags, lo)
        if key not in memo:
            memo[key] = pattern.search(text, lo)
        return memo[key]

    return search


_MAX_WIDTH = 2000  # longer (or unbounded) matches: the search starts where asked


def max_width(pattern: str, flags: int = 0) -> int | None:
    """The most characters a match of ``pattern`` can span, when known and small."""
    if _FOREIGN.search(pattern.replace("\\\\", "").replace("\\[", "").replace("\\{", "")):
        return None
    if flags & (0x100 | 0x4000):  # regex.VERSION1, regex.FULLCASE (one letter can match two)
        return None
    try:
        width = _s.width(_s.parse(pattern))[1]
    except (_s.Unsupported, RecursionError):  # unknown
        return None
    return width if width <= _MAX_WIDTH else None


def _gate(rule: Any) -> Any:
    attr = GATES.get(getattr(rule, "kind", ""))
    return getattr(rule, attr, None) if attr else None


@dataclass(eq=False)
class Scanner:
    """The prefilter of one rule set: which rules can fire in a given text, and where.

    Its entries are patterns with anchors: a rule's gate (claim pattern,
    required trigger) or a pattern searched sentence by sentence (claim
    pattern, ``satisfied-by``); an alternation split into parts
    (`BoundedPattern.parts`) has an entry per part, each with its own anchors.
    """

    always: frozenset[int]  # rule indexes without anchors: always run
    first: dict[str, frozenset[int]]  # anchor -> entries whose rarest clause holds it
    rest: dict[int, tuple[frozenset[str], ...]]  # entry -> its other clauses
    words: frozenset[str]  # every anchor
    gates: tuple[int, ...] = ()  # entry -> the rule it gates (-1: none)
    keys: tuple[str, ...] = ()  # entry -> key of its per-sentence search ("": none)
    parts: tuple[int, ...] = ()  # entry -> its part of the key's pattern (-1: all of it)
    patterns: dict[str, Any] = field(default_factory=dict)  # key -> its pattern
    # key -> its parts without anchors, searched in every sentence
    everywhere: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # entry of a whole-text search -> the most characters its part can match, its rarest clause
    widths: dict[int, int] = field(default_factory=dict)
    heads: dict[int, frozenset[str]] = field(default_factory=dict)
    whole: frozenset[str] = frozenset()  # keys searched over the whole text, not by sentence
    # anchor -> the entries of `first` searched sentence by sentence (not whole-text ones)
    sentence_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # anchor -> the other entries of `first`: whole-text keys, gates without a search
    document_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _automaton: Any = field(default=None, repr=False)  # of `words`, built when first used

    @classmethod
    def build(cls, rules: Sequence[Any]) -> Scanner:
        """Anchors for every pattern worth gating or searching by sentence."""
        # (pattern, rule it gates or -1, key of its per-sentence search or "")
        wanted: list[tuple[Any, int, str]] = []
        whole: set[str] = set()  # keys searched over the whole text
        for i, rule in enumerate(rules):
            gate = _gate(rule)
            if rule.kind in WHOLE_TEXT:
                key = f"{rule.id}#{GATES[rule.kind]}"
                whole.add(key)
            else:
                key = rule.id if rule.kind == "claim" else ""
            wanted.append((gate, i, key))
            wanted += [(getattr(rule, attr), -1, f"{rule.id}#{attr}")
                       for attr in SEARCHED.get(rule.kind, ())
                       if getattr(rule, attr, None) is not None]
        always: set[int] = set()
        first: dict[str, set[int]] = {}
        rest: dict[int, tuple[frozenset[str], ...]] = {}
        words: set[str] = set()
        gates: list[int] = []
        keys: list[str] = []
        parts: list[int] = []
        patterns: dict[str, Any] = {}
        everywhere: dict[str, tuple[int, ...]] = {}
        widths: dict[int, int] = {}
        heads: dict[int, frozenset[str]] = {}
        for pattern, rule, key in wanted:
            analysed = _anchored_parts(pattern)
            if analysed is None:
                if rule >= 0:
                    always.add(rule)
                continue
            pieces, unanchored = analysed
            if unanchored and rule >= 0:
                always.add(rule)
            if key:
                patterns[key] = pattern
                if unanchored:
                    everywhere[key] = unanchored
            for part, found in pieces:
                entry = len(gates)
                gates.append(rule)
                keys.append(key)
                parts.append(part)
                if key in whole:
                    piece = pattern.parts[part] if part >= 0 else pattern
                    width = max_width(piece.pattern, int(piece.flags))
                    if width is not None:
                        widths[entry], heads[entry] = width, found[0]
                for a in found[0]:
                    first.setdefault(a, set()).add(entry)
                if len(found) > 1:
                    rest[entry] = found[1:]
                for clause in found:
                    words |= clause
        sentence_first, document_first = {}, {}
        for word, found_in in first.items():
            by_sentence = tuple(sorted(i for i in found_in if keys[i] and keys[i] not in whole))
            if by_sentence:
                sentence_first[word] = by_sentence
            other = tuple(sorted(found_in.difference(by_sentence)))
            if other:
                document_first[word] = other
        return cls(
            frozenset(always),
            {a: frozenset(r) for a, r in first.items()},
            rest,
            frozenset(words),
            tuple(gates),
            tuple(keys),
            tuple(parts),
            patterns,
            everywhere,
            widths,
            heads,
            frozenset(whole),
            sentence_first,
            document_first,
        )

    @property
    def automaton(self) -> Any:
        """The Aho-Corasick automaton of every anchor: about 4 ms to build, once a process."""
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for word in self.words:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _entries(self, present: set[str] | frozenset[str],
                 first: dict[str, Any] | None = None) -> set[int]:
        """The entries (of ``first``, default all) whose clauses all hold a word of ``present``."""
        out: set[int] = set()
        first, rest = self.first if first is None else first, self.rest
        for word in present:
            for i in first.get(word, ()):
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
        return list(self.automaton.iter(low)) if self.words else []

    def found(self, low: str) -> list[tuple[int, str]]:
        """Every anchor in ``low`` with its offset, in order."""
        return sorted((end + 1 - len(word), word) for end, word in self.hits(low))

    def active(self, text: str) -> set[int]:
        """Indexes of the rules that may fire on the (folded) copy ``text``."""
        present = {w for _, w in self.found(squeeze(prefilter_text(text))[0])}
        return self._rules(self._entries(present))

    def prepare(self, analysis: Any, rules: Sequence[Any]) -> set[int]:
        """The rules that may fire on ``analysis.text``; sets up per-sentence searches.

        Each claim pattern and ``satisfied-by`` pattern that may match is
        searched only in the sentences holding an anchor of every clause of
        one of its parts (``analysis.claim_search``, keyed by rule id, or
        ``RULE#satisfier``). Anchors are found in the squeezed text (`squeeze`),
        and sentences are mapped there to tell which hold which anchors.
        """
        text = analysis.text
        low = prefilter_text(text)
        if len(low) != len(text) or not hasattr(analysis, "sentence_spans"):
            # offsets in ``low`` are not offsets in ``text``: every sentence is searched
            return self.active(text)
        low, runs = squeeze(low)
        present: set[str] = set()
        by_sentence: dict[tuple[int, int], set[str]] = {}
        hits = self.hits(low)
        if hits:
            spans = analysis.sentence_spans()
            if runs:
                starts = [r[0] for r in runs]
                places = [(squeezed(s, runs, starts, False), squeezed(e, runs, starts, True))
                          for s, e in spans]
            else:
                places = spans
            # Walk the sentences alongside: an anchor is in the first sentence that
            # ends after it ends, if it also starts there.
            k, last = 0, len(spans) - 1
            start, limit = places[0]
            here = by_sentence.setdefault(spans[0], set())
            for end, word in hits:
                present.add(word)
                if end >= limit:
                    while k < last and places[k][1] <= end:
                        k += 1
                    start, limit = places[k]
                    here = by_sentence.setdefault(spans[k], set())
                    if end >= limit:  # after the last sentence
                        continue
                if end + 1 - len(word) >= start:
                    here.add(word)
        # Entries searched by sentence gate their rule where they are hot (`_searches`):
        # only the others are checked against the whole document.
        entries = self._entries(present, self.document_first)
        searches, hot = self._searches(analysis, by_sentence, entries, hits, runs)
        try:
            analysis.claim_search = searches
        except AttributeError:  # an Analysis that takes no new attributes: search all
            return self._rules(self._entries(present))
        return self._rules(entries | hot)

    def _searches(self, analysis: Any, by_sentence: dict[tuple[int, int], set[str]],
                  entries: set[int], hits: list[tuple[int, str]],
                  runs: list[tuple[int, int, int]]) -> tuple[dict[str, Any], set[int]]:
        """A search over its hot sentences for every anchored pattern (none: no match),
        and the hot entries: those whose clauses all hold in some sentence."""
        keys = self.keys
        hot_entries: set[int] = set()
        searches: dict[str, Any] = {key: _nowhere for key in self.patterns}
        searches.update(self._whole_text(entries, hits, runs))
        hot: dict[str, dict[tuple[int, int], set[int]]] = {}
        # An entry whose clauses all hold in a sentence hold in the document too:
        # ``entries`` need not be consulted.
        first, rest, parts = self.sentence_first, self.rest, self.parts
        for span, words in by_sentence.items():
            seen: set[int] = set()
            for w in words:
                for i in first.get(w, ()):
                    if i in seen:
                        continue
                    seen.add(i)
                    for clause in rest.get(i, ()):
                        if clause.isdisjoint(words):
                            break
                    else:
                        hot.setdefault(keys[i], {}).setdefault(span, set()).add(parts[i])
                        hot_entries.add(i)
        for key, at in hot.items():
            if key in self.everywhere:
                continue
            pattern = self.patterns[key]
            if -1 in next(iter(at.values())):  # not split: the whole pattern
                searches[key] = sentence_search(pattern, sorted(at))
            else:
                searches[key] = parts_search(
                    pattern, [(s, e, tuple(sorted(p))) for (s, e), p in sorted(at.items())])
        by_sentence_everywhere = [k for k in self.everywhere if k not in self.whole]
        if by_sentence_everywhere:
            spans = analysis.sentence_spans()
            for key in by_sentence_everywhere:
                unanchored = self.everywhere[key]
                at = hot.get(key, {})
                searches[key] = parts_search(self.patterns[key], [
                    (s, e, tuple(sorted(at[(s, e)].union(unanchored))) if (s, e) in at
                     else unanchored) for s, e in spans])
        return searches, hot_entries

    def _whole_text(self, entries: set[int], hits: list[tuple[int, str]],
                    runs: list[tuple[int, int, int]]) -> dict[str, Any]:
        """`whole_text_search` for each required rule's trigger, from where its anchors are.

        ``hits`` are the anchors found, as (offset of their last character, anchor).
        """
        plans: dict[str, list[tuple[int | None, list[int]]]] = {}
        keys, widths = self.keys, self.widths
        by_heads: dict[frozenset[str], list[int]] = {}
        for i in sorted(entries):
            key = keys[i]
            if key not in self.whole:
                continue
            width, starts = widths.get(i), []
            if width is not None:
                heads = self.heads[i]
                if heads not in by_heads:  # triggers share their vocabulary of treatments
                    by_heads[heads] = sorted(
                        end + 1 - len(word) for end, word in hits if word in heads)
                starts = by_heads[heads]
            plans.setdefault(key, []).append((width, starts))
        for key in self.everywhere:
            if key in self.whole:  # a part without anchors can match anywhere
                plans.setdefault(key, []).append((None, []))
        memo: dict[tuple[str, int, int], Any] = {}  # one text's searches
        return {key: whole_text_search(self.patterns[key], plan, runs, memo)
                for key, plan in plans.items()}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_automaton"] = None  # rebuilt where it is unpickled: faster than unpickling it
        return state


Clauses = tuple[frozenset[str], ...]


def _anchored_parts(pattern: Any) -> tuple[list[tuple[int, Clauses]], tuple[int, ...]] | None:
    """The parts of ``pattern`` with their anchors, and the parts without any.

    An unsplit pattern is one part, -1. None: nothing is anchored, so the
    pattern is searched everywhere as a whole.
    """
    if pattern is None:
        return None
    pieces = getattr(pattern, "parts", ())
    if pieces:
        found = [(k, _selective(p)) for k, p in enumerate(pieces)]
        anchored = [(k, a) for k, a in found if a]
        if anchored:
            return anchored, tuple(k for k, a in found if not a)
    whole = _selective(pattern)
    return ([(-1, whole)], ()) if whole else None


def _useless(clause: frozenset[str]) -> bool:
    """Some string of the clause is in nearly every sentence: a letter or two, a comma."""
    for s in clause:
        core = s.strip(" -'")
        if not core or (len(core) <= 2 and any(c.isalpha() for c in core)) or (
                len(core) == 1 and core in _PUNCTUATION):
            return True
    return False


_PUNCTUATION = frozenset(".,;:!?\"()/&*")


def _selective(pattern: Any) -> tuple[frozenset[str], ...] | None:
    """The anchors worth scanning for: the rarest clause, if it narrows, and every other
    clause that is not in nearly every sentence (`_useless`).

    Dropping clauses only lets more sentences be searched: never a match fewer.
    """
    src = getattr(pattern, "pattern", None)
    found = anchors(src, int(getattr(pattern, "flags", 0))) if isinstance(src, str) else None
    if not found or _useless(found[0]):
        return None
    # A common word ("days", "results") still narrows a rarer clause's sentences:
    # the scan finds it at no extra cost, and a search it saves costs more.
    return (found[0], *(c for c in found[1:] if not _useless(c)))


def scanner_for(ruleset: Any) -> Scanner:
    """The rule set's scanner, built on first use and kept on the rule set (and its pickle)."""
    ids = tuple(rule.id for rule in ruleset.rules)
    cached = ruleset.__dict__.get("_scanner")
    if cached is not None and cached[0] == ids:
        return cached[1]
    scanner = Scanner.build(ruleset.rules)
    ruleset.__dict__["_scanner"] = (ids, scanner)
    return scanner
