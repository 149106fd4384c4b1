"""Anchors: the literal strings every match of a pattern must hold.

A pattern (regex-module syntax) is reduced, once per rule set, to a few
clauses of lower-case literal strings, such that anything the pattern matches
holds one string of every clause ("no side effects" needs
``effect``/``effects`` and ``side``; an inflection such as
``remov(?:e|es|ed|ing)`` gives all four words). `regex_syntax` reads the
pattern; a pattern it does not read (or might read differently from the regex
module) has no anchors. White space in a pattern is one space in its anchors
("you will see" for ``you\\s+will\\s+see``), as `textmap.squeeze` leaves
the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import regex_syntax as _s

_MAX_SET = 64  # most strings an exact set may hold
_MAX_NEED = 512  # most alternative strings a clause may hold
# regex-module syntax the stdlib parser would accept with another meaning.
_FOREIGN = re.compile(r"\[\[?:|\(\?[a-zA-Z]*V1|\{(?!\d*,?\d*\})")


_KEEP = 4  # clauses kept per node: the rarest ones
Clauses = tuple[frozenset[str], ...]


@dataclass(eq=False)
class _Info:
    """What the analysis knows of one pattern node: its literal strings, its anchors."""

    exact: set[str] | None  # every string the node can match, when few and literal
    need: list[frozenset[str]]  # clauses that all hold for every match (rarest first)


# Words too common in copy to make good anchors (speed only: any choice is exact);
# the second half, words and pieces ("eat" in "treat") that stand in most sentences.
_COMMON = frozenset(
    "a an and are as at be by can for from has have in is it its of on or our the this to "
    "was we will with you your no not all any every more most day days week weeks after "
    "skin treatment treatments results time area face clinic clients need feel other "
    "treat out free red remov hair use avoid injection peel brow sensitive filler eas eat "
    "ight session sessions laser aser very age min end over first client acid produc".split()
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
        every: set[str] = set()
        for info in infos:
            every |= info.exact or set()
        exact = every if len(every) <= _MAX_SET and all(
            info.exact is not None for info in infos) else None
        if not all(info.need for info in infos):
            return _Info(exact, [])
        # Any one clause of each alternative makes a clause of the whole: the union of
        # their rarest ones, of their second rarest ones, ... ("scar" or "non" as well
        # as "free", "less" or "scarring" for scar-free|scar-less|non-scarring).
        ranks = min(_KEEP, max(len(info.need) for info in infos))
        unions = [frozenset().union(*(info.need[min(k, len(info.need) - 1)] for info in infos))
                  for k in range(ranks)]
        return _Info(exact, _best(unions))
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


@dataclass(eq=False)
class AnchorMemo:
    """`find_anchors` per (pattern, flags), for one rule set, kept with it.

    The rule-set cache (linter/cache.py) pickles it with the rules, so a rule
    set shaped by configuration (a subset of rules) builds its scanner without
    reading a pattern again. The pickled analysis is unpickled only when a
    scanner is built from it: a run that finds its scanner ready never does.
    """

    found: dict[tuple[str, int], Clauses | None] = field(default_factory=dict)
    pending: bytes | None = None  # the pickled `found`, not yet needed

    def anchors(self, pattern: str, flags: int = 0) -> Clauses | None:
        """`find_anchors`, remembered."""
        if self.pending is not None:
            import pickle

            self.found = {**pickle.loads(self.pending), **self.found}
            self.pending = None
        key = (pattern, flags)
        if key not in self.found:
            self.found[key] = find_anchors(pattern, flags)
        return self.found[key]

    def pickled(self) -> bytes:
        """The analysis as it is pickled: unpickled only when a scanner is built from it."""
        if self.pending is not None:
            return self.pending
        import pickle

        return pickle.dumps(self.found, protocol=pickle.HIGHEST_PROTOCOL)

    def __getstate__(self) -> dict[str, Any]:
        return {"found": {}, "pending": self.pickled()}


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



def behind_anchors(pattern: str, flags: int = 0) -> Clauses | None:
    """Clauses of literals the text before every match holds: those of the look-behinds
    every match passes (``(?<=\\b{ingestible}\\b[^.!?]{0,60}?)``).

    A look-behind may reach before the sentence a match is in, so these hold in
    the document, not in the match's sentence: the scanner searches such a part
    only in documents holding one string of each. None: no such clause.
    """
    if "(?<=" not in pattern or _FOREIGN.search(
            pattern.replace("\\\\", "").replace("\\[", "").replace("\\{", "")):
        return None
    if flags & (0x100 | 0x4000):  # regex.VERSION1, regex.FULLCASE: as `find_anchors`
        return None
    try:
        tree = _s.parse(pattern)
    except (_s.Unsupported, RecursionError):
        return None
    clauses: list[frozenset[str]] = []
    _behind(tree, clauses)
    kept = [c for c in _best(clauses) if not _useless(c)]
    return tuple(kept) or None


def _behind(items: Iterable[tuple[Any, Any]], out: list[frozenset[str]]) -> None:
    """The clauses of the look-behinds among ``items``, each of which every match passes
    (not those inside an alternative, a repetition or a look-ahead)."""
    for op, av in items:
        if op == _s.ASSERT and av[0] == -1:
            out.extend(_seq(av[1]).need)
        elif op == _s.SUBPATTERN:
            _behind(av[-1], out)
        elif op == _s.ATOMIC_GROUP:
            _behind(av, out)


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


def max_reach(pattern: str, flags: int = 0) -> int | None:
    """The most characters past where a match attempt starts that it can read, when known
    and small: what it may span, what its look-aheads read beyond, and one character
    more (a boundary test, or the character a repetition stops at). A search of the
    text cut ``reach`` characters after a start finds what a search of the whole does
    at that start."""
    if max_width(pattern, flags) is None:  # the same guards
        return None
    try:
        reach = _reach(_s.parse(pattern)) + 1
    except (_s.Unsupported, RecursionError):
        return None
    return reach if reach <= _MAX_WIDTH else None


def _reach(items: list[Any]) -> int:
    total = 0
    for op, av in items:
        if op == _s.BRANCH:
            total += max(_reach(alt) for alt in av[1])
        elif op == _s.SUBPATTERN:
            total += _reach(av[2])
        elif op == _s.ATOMIC_GROUP:
            total += _reach(av)
        elif op in _s.REPEATS:
            one = _reach(av[2])
            total = _s.MAXREPEAT if (av[1] == _s.MAXREPEAT and one) else total + one * av[1]
        elif op in (_s.LITERAL, _s.NOT_LITERAL, _s.ANY, _s.IN):
            total += 1
        elif op in (_s.ASSERT, _s.ASSERT_NOT):
            if av[0] > 0:  # a look-ahead: counted as if it spanned what it reads
                total += _reach(av[1])
            elif _looks_ahead(av[1]):  # a look-ahead inside a look-behind: not worked out
                raise _s.Unsupported("a look-ahead inside a look-behind")
        elif op == _s.GROUPREF:
            raise _s.Unsupported("the reach of a back-reference")
        if total >= _s.MAXREPEAT:
            raise _s.Unsupported("unbounded")
    return total


def _looks_ahead(items: list[Any]) -> bool:
    for op, av in items:
        if op in (_s.ASSERT, _s.ASSERT_NOT):
            inner, ahead = av[1], av[0] > 0
        elif op == _s.BRANCH:
            inner, ahead = [item for alt in av[1] for item in alt], False
        else:
            inner = (av[2] if op == _s.SUBPATTERN or op in _s.REPEATS
                     else av if op == _s.ATOMIC_GROUP else [])
            ahead = False
        if ahead or _looks_ahead(inner):
            return True
    return False


def anchored_parts(pattern: Any, memo: AnchorMemo
                   ) -> tuple[list[tuple[int, Clauses]], tuple[int, ...]] | None:
    """The parts of ``pattern`` with their anchors, and the parts without any.

    An unsplit pattern is one part, -1. None: nothing is anchored, so the
    pattern is searched everywhere as a whole.
    """
    if pattern is None:
        return None
    pieces = getattr(pattern, "parts", ())
    if pieces:
        found = [(k, _selective(p, memo)) for k, p in enumerate(pieces)]
        anchored = [(k, a) for k, a in found if a]
        if anchored:
            return anchored, tuple(k for k, a in found if not a)
    whole = _selective(pattern, memo)
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


def _selective(pattern: Any, memo: AnchorMemo) -> Clauses | None:
    """The anchors worth scanning for: the rarest clause, if it narrows, and every other
    clause that is not in nearly every sentence (`_useless`).

    A clause that another implies (every string of the other holds one of its
    strings: "age 1" holds "age" and "1") narrows nothing the other does not,
    and is dropped first. Dropping clauses only lets more sentences be
    searched: never a match fewer.
    """
    src = getattr(pattern, "pattern", None)
    found = memo.anchors(src, int(getattr(pattern, "flags", 0))) if isinstance(src, str) else None
    if not found:
        return None
    kept = _unimplied(found)
    if _useless(kept[0]):
        return None
    # A common word ("days", "results") still narrows a rarer clause's sentences:
    # the scan finds it at little cost, and a search it saves costs more.
    return (kept[0], *(c for c in kept[1:] if not _useless(c)))


def _implies(strong: frozenset[str], weak: frozenset[str]) -> bool:
    """Every string of ``strong`` holds a string of ``weak``: where one is, so is the other."""
    return all(any(w in s for w in weak) for s in strong)


def _unimplied(found: tuple[frozenset[str], ...]) -> list[frozenset[str]]:
    """``found`` without the clauses another clause implies, the rarest (by `_cost`) first."""
    kept: list[frozenset[str]] = []
    for i, clause in enumerate(found):
        if any(j != i and _implies(other, clause) and (not _implies(clause, other) or j < i)
               for j, other in enumerate(found)):
            continue
        kept.append(clause)
    kept.sort(key=lambda c: (_cost(c), sorted(c)))
    return kept

