"""Compile a rule's pattern lists (regex and phrases) into one whole-word regex.

Patterns come from rule packs, which are untrusted input: a pattern such as
``(a+)+$`` backtracks for ever on a long line of a's. Every pattern is
therefore a `BoundedPattern`: each search runs with the regex module's
``timeout=``, counted against the deadline of the rule being checked (see
`deadline`; the engine gives each rule ``RuleSet.time_limit`` seconds per
file). A search past the deadline raises `TimeoutError`, which the engine
reports as "rule X timed out" while the run goes on.

The deadline is kept with the regex module's public ``timeout=`` argument
only: no signal handler, no timer, nothing process-wide (a library caller, a
thread or a worker process keeps time limits the same way).
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from contextvars import ContextVar, Token
from typing import Any

import regex

from ..lazyre import LazyPattern

FLAGS = regex.IGNORECASE | regex.UNICODE
# Seconds of matching per rule and file (--rule-timeout); Semgrep's --timeout has the same default.
TIME_LIMIT = 5.0


# Where rules are checked: the monotonic time a rule's searches must end by;
# None: no rule is being checked (a search then gets `TIME_LIMIT`).
_DEADLINE: ContextVar[float | None] = ContextVar("glowlint_rule_deadline", default=None)


class deadline:  # noqa: N801 - used as a function: ``with deadline(seconds):``
    """Every `BoundedPattern` search inside must end within ``seconds`` from now.

    A class rather than a generator-based context manager: the engine enters one
    per rule and page (about 45 a page), and this costs a third as much.
    """

    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._token: Token[float | None] | None = None

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(time.monotonic() + self._seconds)

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _DEADLINE.reset(self._token)
            self._token = None


def _timeout() -> float:
    """The ``timeout=`` of a search now: what is left of the rule's time."""
    end = _DEADLINE.get()
    if end is None:
        return TIME_LIMIT
    left = end - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


class BoundedPattern:
    """A compiled pattern whose searches are bounded in time; otherwise a `regex.Pattern`."""

    __slots__ = ("_compiled", "_source", "parts", "_frozen")

    def __init__(self, compiled: regex.Pattern[str] | None,
                 source: tuple[str, int] | None = None,
                 parts: tuple[BoundedPattern, ...] = (),
                 frozen: bytes | None = None) -> None:
        # A pickled pattern (the rule-set cache, worker processes) is compiled on first
        # use: a run pays only for the rules it needs. From ``frozen`` (`freeze`) when
        # it has it, else from its source.
        self._compiled = compiled
        self._frozen = frozen
        if source is None:
            assert compiled is not None
            source = (compiled.pattern, compiled.flags)
        self._source = source
        # The alternatives the pattern is the alternation of, when each can be
        # searched alone (see `split`): the scanner searches only those whose
        # words a sentence holds.
        self.parts = parts

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            if self._frozen is not None:
                self._compiled = pickle.loads(self._frozen)
            else:
                self._compiled = regex.compile(*self._source)
        return self._compiled

    def freeze(self) -> None:
        """Keep the compiled pattern as the regex module pickles it: loaded from that, it
        is rebuilt from its compiled form (about 40 us) instead of compiled from its
        source (the module's parser, in Python: about a millisecond, 10 ms for a large
        alternation). The rule-set cache freezes every pattern it stores."""
        if self._frozen is None:
            self._frozen = pickle.dumps(self.compiled, protocol=pickle.HIGHEST_PROTOCOL)

    @property
    def pattern(self) -> str:
        return self._source[0]

    @property
    def flags(self) -> int:
        return self._source[1]

    def search(self, string: str, pos: int | None = None, endpos: int | None = None,
               **kw: Any) -> regex.Match[str] | None:
        return self.compiled.search(string, pos, endpos, timeout=_timeout(), **kw)

    def match(self, string: str, pos: int | None = None, endpos: int | None = None,
              **kw: Any) -> regex.Match[str] | None:
        return self.compiled.match(string, pos, endpos, timeout=_timeout(), **kw)

    def fullmatch(self, string: str, pos: int | None = None, endpos: int | None = None,
                  **kw: Any) -> regex.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos, timeout=_timeout(), **kw)

    def finditer(self, string: str, pos: int | None = None, endpos: int | None = None,
                 **kw: Any) -> Iterator[regex.Match[str]]:
        """The deadline covers the whole iteration, including the caller's work between matches."""
        yield from self.compiled.finditer(string, pos, endpos, timeout=_timeout(), **kw)

    def findall(self, string: str, pos: int | None = None, endpos: int | None = None,
                **kw: Any) -> list[Any]:
        return self.compiled.findall(string, pos, endpos, timeout=_timeout(), **kw)

    def sub(self, repl: Any, string: str, count: int = 0, **kw: Any) -> str:
        return self.compiled.sub(repl, string, count, timeout=_timeout(), **kw)

    def __getattr__(self, name: str) -> Any:
        # pattern, flags, groups, groupindex ... of the compiled pattern
        if name in ("_compiled", "_source", "parts", "_frozen"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (BoundedPattern, (None, self._source, self.parts, self._frozen))

    def __repr__(self) -> str:
        return f"BoundedPattern({self._source[0]!r})"


# Bounds on what one pattern may cost to compile (rule packs are untrusted):
# a few terms that each use another term a thousand times make a pattern of
# gigabytes, and ``a{4294967294}`` or ``((a{100}){100}){100}`` exhausts memory
# in the regex module's compiler.
MAX_PATTERN = 200_000  # characters, terms expanded
# ... and in all, for one rule and for one pack: ten patterns that each use a term
# of 190,000 characters took 40 s and 644 MB to load (the built-in packs use at
# most 12,000 characters a rule and 29,000 a pack; loading a pattern, analysis for
# the prefilter included, costs ~45 us a character, once: the rule set is cached)
MAX_RULE_PATTERNS = 200_000
MAX_PACK_PATTERNS = 400_000
MAX_REPEAT = 100_000  # product of nested counted repetitions ({m,n})
_QUANT = LazyPattern(r"\{(\d*)(?:,(\d*))?\}")


class _TooLong(Exception):
    pass


class PackTerms(dict[str, str]):
    """A pack's terms, and the characters its rules' patterns have expanded to so far."""

    spent: int = 0


def _charge(expanded: str, terms: dict[str, str], where: Any, key: str, text: str) -> None:
    """Count a pattern against its rule's and its pack's budgets; fail past either."""
    where.spent = getattr(where, "spent", 0) + len(expanded)
    if where.spent > MAX_RULE_PATTERNS:
        where.fail(f"the patterns of this rule are longer than {MAX_RULE_PATTERNS:,} "
                   f"characters in all once their terms are expanded (at {key}: "
                   f"{text[:60]!r})", key)
    if isinstance(terms, PackTerms):
        terms.spent += len(expanded)
        if terms.spent > MAX_PACK_PATTERNS:
            where.fail(f"the patterns of this pack are longer than {MAX_PACK_PATTERNS:,} "
                       f"characters in all once their terms are expanded (at {key}: "
                       f"{text[:60]!r})", key)


class _Budget(dict[str, str]):
    """Terms that refuse to expand past `MAX_PATTERN` characters in all."""

    def __init__(self, terms: dict[str, str]) -> None:
        super().__init__(terms)
        self.spent = 0

    def __getitem__(self, name: str) -> str:
        value = super().__getitem__(name)
        self.spent += len(value)
        if self.spent > MAX_PATTERN:
            raise _TooLong(name)
        return value


def repeat_weight(pattern: str) -> int:
    """The largest product of counted repetitions nested in ``pattern`` (1: none)."""
    groups = [1]  # the heaviest weight seen inside each open group
    last = 1  # weight of the atom just before a quantifier
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i, last = i + 2, 1
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i, last = j + 1, 1
        elif c == "(":
            groups.append(1)
            i, last = i + 1, 1
        elif c == ")" and len(groups) > 1:
            last = groups.pop()
            groups[-1] = max(groups[-1], last)
            i += 1
        elif c == "{" and (q := _QUANT.match(pattern, i)) and (q.group(1) or q.group(2)):
            bounds = [int(b) for b in q.groups() if b]
            last = last * max(1, *bounds)
            groups[-1] = max(groups[-1], last)
            i = q.end()
        else:
            i, last = i + 1, 1
    return max(groups)


# What makes an alternative mean something else alone than inside the alternation:
# group numbers and references to other groups, inline flags that apply to the
# whole pattern, recursion.
_NOT_ALONE = LazyPattern(
    r"\\[1-9]|\\[gk]<|\(\?P[=>]|\(\?&|\(\?R\)|\(\?[-+]?\d|\(\?\(|\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?\)"
)


# Recursion and subroutine calls: `(?R)` with nothing to consume first recurses
# until the regex module runs out of memory (about 800 MB).
_RECURSION = LazyPattern(r"(?<!\\)\(\?(?:R|[-+]?\d+|&\w+|P>\w+)\)")


def alone(source: str) -> bool:
    """Whether ``source`` means the same alone as inside a larger pattern (`_NOT_ALONE`)."""
    return _NOT_ALONE.search(source.replace("\\\\", "")) is None


def split(sources: list[str]) -> tuple[BoundedPattern, ...]:
    """Each alternative as a pattern of its own, when that changes no match.

    The alternation's leftmost match is, among the alternatives' leftmost
    matches, the one that starts first (the earlier alternative on a tie): so
    searching only some alternatives finds the same match wherever the others
    cannot match. Alternatives that refer to groups, set flags for the whole
    pattern or recurse are not split.
    """
    if len(sources) < 2 or not all(alone(s) for s in sources):
        return ()
    return tuple(BoundedPattern(None, (s, FLAGS)) for s in sources)  # compiled when searched


def compile_patterns(
    data: dict[str, Any],
    keys: tuple[str, ...],
    terms: dict[str, str],
    where: Any,
    *,
    required: bool,
) -> BoundedPattern | None:
    """One alternation of every pattern under ``keys``; errors name the pattern's line."""
    # Imported here: a run from the rule-set cache compiles no pack.
    from ..patterns import expand_terms, phrase_to_regex, whole_words

    sources: list[str] = []
    parts: list[tuple[str, str, str]] = []
    for key in keys:
        is_phrase = key.endswith("phrases")
        for text in where.str_list(data, key):
            raw = phrase_to_regex(text) if is_phrase else text
            try:
                expanded = expand_terms(raw, _Budget(terms))
            except KeyError as e:
                where.fail(f"unknown term {{{e.args[0]}}} in {key}: {text!r}", key)
            except _TooLong:
                where.fail(f"pattern in {key} is longer than {MAX_PATTERN:,} characters once "
                           f"its terms are expanded: {text[:60]!r}", key)
            _charge(expanded, terms, where, key, text)
            if _RECURSION.search(expanded.replace("\\\\", "")):
                where.fail(f"recursive patterns and subroutine calls ((?R), (?1), (?&name)) "
                           f"are not supported, in {key}: {text[:60]!r}", key)
            if repeat_weight(expanded) > MAX_REPEAT:
                where.fail(f"counted repetitions in {key} multiply to more than {MAX_REPEAT:,}: "
                           f"{text[:60]!r}", key)
            if text != text.strip():
                where.fail(f"pattern in {key} starts or ends with a space, so it can never match: "
                           f"patterns match whole words: {text[:60]!r}", key)
            parts.append((key, text, expanded))
            sources.append(whole_words(f"(?:{expanded})"))
    if not sources:
        if required:
            where.fail(f"needs at least one of: {', '.join(keys)}", None)
        return None
    # Compile once, as one alternation; only a failure pays for finding the culprit.
    try:
        whole = regex.compile("|".join(sources), FLAGS)
    except (regex.error, RecursionError, OverflowError, MemoryError):
        pass
    else:
        return BoundedPattern(whole, parts=split(sources))
    for key, text, expanded in parts:
        try:
            regex.compile(expanded, FLAGS)
        except regex.error as e:
            where.fail(f"invalid regex in {key}: {text!r}: {e}", key)
        except (RecursionError, OverflowError, MemoryError):
            where.fail(f"regex in {key} is too deeply nested to compile: {text[:60]!r}", key)
    return where.fail(f"the patterns under {', '.join(keys)} do not compile together "
               "(a back-reference or group name that only works alone?)", keys[0])
