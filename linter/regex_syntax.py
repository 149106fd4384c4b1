"""A conservative reader of regex patterns, for the scanner's analysis (`anchors.find_anchors`).

It reads the common subset of regex-module syntax that rule packs use into
a small tree, the shape of the standard library's own parse (so literal
anchors come out as they always did): literals and escapes, character
classes, groups, look-arounds, alternation and repetition. Anything else
(inline verbose mode, conditionals, recursion, Unicode properties, set
operations, an escape it does not know) raises `Unsupported`, and the
pattern simply has no anchors: its rule always runs. Reading a pattern
never decides whether it matches; the regex module does.

The tree is a list of items ``(op, argument)``:

- ``(LITERAL, code)``; ``(NOT_LITERAL, code)``; ``(ANY, None)``;
- ``(IN, [(LITERAL, code) | (CATEGORY, name) | (RANGE, (lo, hi)) | (NEGATE, None), ...])``;
- ``(AT, name)``: ``^ $ \\A \\Z \\b \\B``;
- ``(SUBPATTERN, (group, flags, items))``: a group kept as one item (capturing or
  with scoped flags; a plain ``(?:...)`` is spliced into its sequence);
- ``(ATOMIC_GROUP, items)``; ``(ASSERT, (direction, items))``; ``(ASSERT_NOT, ...)``;
- ``(BRANCH, (None, alternatives))``; ``(GROUPREF, group)``;
- ``(MAX_REPEAT | MIN_REPEAT | POSSESSIVE_REPEAT, (min, max, items))``, max
  `MAXREPEAT` when unbounded.

Like the standard library, an alternation whose alternatives share a first
item has it moved out, and one of single characters becomes a class.
"""

from __future__ import annotations

from typing import Any

LITERAL, NOT_LITERAL, ANY, IN, AT, CATEGORY, RANGE, NEGATE = (
    "LITERAL", "NOT_LITERAL", "ANY", "IN", "AT", "CATEGORY", "RANGE", "NEGATE")
SUBPATTERN, ATOMIC_GROUP, ASSERT, ASSERT_NOT, BRANCH, GROUPREF = (
    "SUBPATTERN", "ATOMIC_GROUP", "ASSERT", "ASSERT_NOT", "BRANCH", "GROUPREF")
MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT = "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"
REPEATS = frozenset({MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT})
CATEGORY_SPACE = "SPACE"
_SPACE = [(IN, [(CATEGORY, CATEGORY_SPACE)])]  # ``\\s``, as `parse` gives it
MAXREPEAT = 2**32 - 1  # "unbounded", as the regex engines count it
# Items compared by value when moving a common first item out of an alternation
# (groups and repetitions are not, as in the standard library).
_PLAIN = frozenset({LITERAL, NOT_LITERAL, ANY, AT, IN, GROUPREF})

Item = tuple[str, Any]

_CATEGORIES = {"d": "DIGIT", "D": "NOT_DIGIT", "s": CATEGORY_SPACE, "S": "NOT_SPACE",
               "w": "WORD", "W": "NOT_WORD"}
_AT = {"A": "BEGINNING_STRING", "Z": "END_STRING", "b": "BOUNDARY", "B": "NON_BOUNDARY"}
_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_HEX = {"x": 2, "u": 4, "U": 8}
_FLAGS = frozenset("aimsu")  # inline flags that do not change how the pattern reads
_SPECIAL = frozenset(".\\[{()*+?^$|")


class Unsupported(ValueError):
    """A construct this reader does not read (or might read otherwise than the regex module)."""


class _Source:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < len(self.text) else ""

    def take(self) -> str:
        ch = self.peek()
        if not ch:
            raise Unsupported("unexpected end of pattern")
        self.pos += 1
        return ch

    def match(self, s: str) -> bool:
        if self.text.startswith(s, self.pos):
            self.pos += len(s)
            return True
        return False


def parse(pattern: str) -> list[Item]:
    """The tree of ``pattern``; raises `Unsupported` for anything not read with certainty."""
    src = _Source(pattern)
    flags = _global_flags(src)
    if "x" in flags:
        raise Unsupported("verbose mode")
    items = _alternation(src, nested=False)
    if src.pos != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    return items


def _global_flags(src: _Source) -> str:
    """Flags set at the very start, ``(?i)``; elsewhere they are not read."""
    flags = ""
    while src.text.startswith("(?", src.pos):
        end = src.text.find(")", src.pos)
        letters = src.text[src.pos + 2:end] if end > 0 else ""
        if not letters or not letters.isalpha():
            break
        if not set(letters) <= _FLAGS:
            raise Unsupported(f"inline flags {letters!r}")
        flags += letters
        src.pos = end + 1
    return flags


def _alternation(src: _Source, nested: bool) -> list[Item]:
    alternatives = [_sequence(src)]
    while src.match("|"):
        alternatives.append(_sequence(src))
    if not nested and src.peek() == ")":
        raise Unsupported("unbalanced parenthesis")
    if len(alternatives) == 1:
        return alternatives[0]
    out: list[Item] = []
    while all(alternatives) and alternatives[0][0][0] in _PLAIN \
            and all(a[0] == alternatives[0][0] for a in alternatives):
        out.append(alternatives[0][0])  # a common first item, moved out
        for a in alternatives:
            del a[0]
    chars: list[Item] = []
    for a in alternatives:
        if len(a) != 1:
            break
        op, av = a[0]
        if op == LITERAL:
            chars.append((op, av))
        elif op == IN and av[0][0] != NEGATE:
            chars.extend(av)
        else:
            break
    else:
        out.append((IN, _unique(chars)))
        return out
    out.append((BRANCH, (None, alternatives)))
    return out


def _unique(items: list[Item]) -> list[Item]:
    seen: list[Item] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _sequence(src: _Source) -> list[Item]:
    items: list[Item] = []
    while True:
        ch = src.peek()
        if not ch or ch in "|)":
            break
        src.pos += 1
        if ch == "\\":
            items.append(_escape(src, in_class=False))
        elif ch not in _SPECIAL:
            items.append((LITERAL, ord(ch)))
        elif ch == "[":
            items.append(_class(src))
        elif ch in "*+?{":
            _repeat(src, ch, items)
        elif ch == ".":
            items.append((ANY, None))
        elif ch == "(":
            items.extend(_group(src))  # a comment is no item
        elif ch == "^":
            items.append((AT, "BEGINNING"))
        elif ch == "$":
            items.append((AT, "END"))
        else:  # pragma: no cover - every special character is handled above
            raise Unsupported(ch)
    # a plain (?:...) is its items (after reading: a repetition applies to the whole group)
    out: list[Item] = []
    for item in items:
        if item[0] == SUBPATTERN and item[1][0] is None and not item[1][1]:
            out.extend(item[1][2])
        else:
            out.append(item)
    return out


def _repeat(src: _Source, ch: str, items: list[Item]) -> None:
    if ch == "?":
        low, high = 0, 1
    elif ch == "*":
        low, high = 0, MAXREPEAT
    elif ch == "+":
        low, high = 1, MAXREPEAT
    else:
        end = src.text.find("}", src.pos)
        body = src.text[src.pos:end] if end >= 0 else ""
        lo, comma, hi = body.partition(",")
        if end < 0 or not (lo.isdigit() or lo == "") or not (hi.isdigit() or hi == "") \
                or not body or body == ",":
            raise Unsupported("a brace that is not a counted repetition")
        src.pos = end + 1
        low = int(lo) if lo else 0
        high = int(hi) if hi else (MAXREPEAT if comma else low)
        if high < low or high >= MAXREPEAT and hi:
            raise Unsupported("bad repetition bounds")
    if not items or items[-1][0] == AT:
        raise Unsupported("nothing to repeat")
    if items[-1][0] in REPEATS:
        raise Unsupported("multiple repeat")
    last = items.pop()
    sub = last[1][2] if last[0] == SUBPATTERN and last[1][0] is None and not last[1][1] \
        else [last]
    kind = MIN_REPEAT if src.match("?") else POSSESSIVE_REPEAT if src.match("+") else MAX_REPEAT
    items.append((kind, (low, high, sub)))


def _group(src: _Source) -> list[Item]:
    """The group just opened as an item (none for a comment)."""
    group: int | None = 1  # capturing; its number does not matter here
    flags = ""
    if src.match("?"):
        ch = src.take()
        if ch == ":":
            group = None
        elif ch in "=!":
            return [_lookaround(src, ASSERT if ch == "=" else ASSERT_NOT, 1)]
        elif ch == "<" and src.peek() in ("=", "!"):
            kind = ASSERT if src.take() == "=" else ASSERT_NOT
            return [_lookaround(src, kind, -1)]
        elif ch == ">":
            items = _alternation(src, nested=True)
            _close(src)
            return [(ATOMIC_GROUP, items)]
        elif ch == "P" and src.match("<"):
            end = src.text.find(">", src.pos)
            if end < 0 or not src.text[src.pos:end].isidentifier():
                raise Unsupported("bad group name")
            src.pos = end + 1
        elif ch == "#":
            end = src.text.find(")", src.pos)
            if end < 0:
                raise Unsupported("unterminated comment")
            src.pos = end + 1
            return []
        elif ch.isalpha() or ch == "-":
            src.pos -= 1
            while src.peek().isalpha() or src.peek() == "-":
                flags += src.take()
            if not src.match(":") or not set(flags) <= _FLAGS | {"-"}:
                raise Unsupported("inline flags not at the start, or verbose")
            group = None
        else:
            raise Unsupported(f"(?{ch}")
    items = _alternation(src, nested=True)
    _close(src)
    return [(SUBPATTERN, (group, flags, items))]


def _lookaround(src: _Source, kind: str, direction: int) -> Item:
    items = _alternation(src, nested=True)
    _close(src)
    return (kind, (direction, items))


def _close(src: _Source) -> None:
    if not src.match(")"):
        raise Unsupported("missing )")


def _escape(src: _Source, in_class: bool) -> Item:
    ch = src.take()
    if ch in _CATEGORIES:
        category: Item = (CATEGORY, _CATEGORIES[ch])
        return category if in_class else (IN, [category])
    if ch in _AT:
        if in_class:
            if ch == "b":
                return (LITERAL, 8)
            raise Unsupported(f"\\{ch} in a class")
        return (AT, _AT[ch])
    if ch in _ESCAPES:
        return (LITERAL, _ESCAPES[ch])
    if ch in _HEX:
        digits = src.text[src.pos:src.pos + _HEX[ch]]
        if len(digits) != _HEX[ch] or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise Unsupported("bad hexadecimal escape")
        src.pos += _HEX[ch]
        code = int(digits, 16)
        if code > 0x10FFFF:
            raise Unsupported("not a code point")
        return (LITERAL, code)
    if ch == "0":
        digits = ch
        while len(digits) < 3 and src.peek() in "01234567" and src.peek():
            digits += src.take()
        return (LITERAL, int(digits, 8))
    if ch.isdigit():
        if in_class:
            raise Unsupported("an octal or group escape in a class")
        digits = ch
        while src.peek().isdigit() and src.peek().isascii():
            digits += src.take()
        if len(digits) == 3 and all(c in "01234567" for c in digits):
            return (LITERAL, int(digits, 8))
        return (GROUPREF, int(digits))
    if ch.isascii() and ch.isalnum():
        raise Unsupported(f"\\{ch}")  # \p{..}, \N{..}, \X, \m ...: not read here
    return (LITERAL, ord(ch))


def _class(src: _Source) -> Item:
    if src.peek() == "[" or src.peek() == ":":
        raise Unsupported("a nested set or POSIX class")
    items: list[Item] = []
    negate = src.match("^")
    first = True
    while True:
        ch = src.take()
        if ch == "]" and not first:
            break
        first = False
        if src.text.startswith(ch * 2, src.pos - 1) and ch in "-&~|":
            raise Unsupported("a possible set operation")
        if ch == "[" and src.peek() in ("[", ":"):
            raise Unsupported("a nested set")
        lo: Item = _escape(src, in_class=True) if ch == "\\" else (LITERAL, ord(ch))
        if src.peek() == "-" and src.peek(1) not in ("]", ""):
            src.pos += 1
            that = src.take()
            if that == "-" or (that == "[" and src.peek() in ("[", ":")):
                raise Unsupported("a possible set operation")
            hi: Item = _escape(src, in_class=True) if that == "\\" else (LITERAL, ord(that))
            if lo[0] != LITERAL or hi[0] != LITERAL or hi[1] < lo[1]:
                raise Unsupported("a bad range")
            items.append((RANGE, (lo[1], hi[1])))
        else:
            items.append(lo)
    items = _unique(items)
    if len(items) == 1 and items[0][0] == LITERAL:
        return (NOT_LITERAL if negate else LITERAL, items[0][1])
    return (IN, ([(NEGATE, None)] if negate else []) + items)


def width(items: list[Item], squeezed: bool = False) -> tuple[int, int]:
    """The fewest and most characters a match of ``items`` spans (`MAXREPEAT`: unbounded).
    ``squeezed``: in the squeezed text (`textmap.squeeze`), where a run of white space is
    one character, so a repetition of ``\\s`` alone spans at most one."""
    lo = hi = 0
    for op, av in items:
        if op == BRANCH:
            widths = [width(alt, squeezed) for alt in av[1]]
            lo += min(w[0] for w in widths)
            hi += max(w[1] for w in widths)
        elif op == SUBPATTERN:
            i, j = width(av[2], squeezed)
            lo, hi = lo + i, hi + j
        elif op == ATOMIC_GROUP:
            i, j = width(av, squeezed)
            lo, hi = lo + i, hi + j
        elif op in REPEATS and squeezed and av[2] == _SPACE and av[1] > 0:
            lo, hi = lo + min(av[0], 1), hi + 1
        elif op in REPEATS:
            i, j = width(av[2], squeezed)
            lo += i * av[0]
            hi = MAXREPEAT if (av[1] == MAXREPEAT and j) else hi + j * av[1]
        elif op in (LITERAL, NOT_LITERAL, ANY, IN):
            lo, hi = lo + 1, hi + 1
        elif op == GROUPREF:
            raise Unsupported("the width of a back-reference")
    return min(lo, MAXREPEAT - 1), min(hi, MAXREPEAT)
