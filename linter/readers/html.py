"""HTML: visible text, `<title>`, meta descriptions, `alt` and `title` attributes.

A small tokenizer rather than `html.parser`: it yields exact source offsets
for every piece of copy, survives broken markup, and is fast.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Copy
from .builder import ASCII_SPACES, WIDE_SPACES, CopyBuilder, stdlib_pattern

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>?"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_ATTR_REGEX = (
    r"(?P<key>[^\s=/>\"']+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s>\"']+)))?"
)
# ASCII \s: exact unless the document has other spaces (`_wide_attr`).
_ATTR = re.compile(stdlib_pattern(_ATTR_REGEX, wide=False))
# Elements whose content is never copy.
_RAW = frozenset({"script", "style", "template", "code", "pre", "svg", "math", "noscript",
                  "textarea", "iframe", "object"})
# Elements that start a new block (a sentence never runs across them).
_BLOCKS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol option "
    "p section summary table tbody td tfoot th thead title tr ul button label select legend "
    "img input meta link".split()
)
_COPY_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder"})
# Only these keys can lower-case to a copy attribute (no other character
# lower-cases to an ASCII letter but the Kelvin sign, and no name has a k).
_MAYBE_COPY_ATTR = re.compile(r"alt|title|aria-label|placeholder", re.IGNORECASE | re.ASCII)
_META_NAMES = frozenset({"description", "og:description", "og:title", "twitter:description",
                         "twitter:title", "keywords"})
# A closing tag matched case-insensitively as the `regex` module does: `re`
# would also let a dotless ı stand for i.
_FOLD = {"i": "\u0130", "s": "\u017f", "k": "\u212a"}
_CLOSERS: dict[tuple[str, bool], re.Pattern[str]] = {}


def _closer(name: str, wide: bool) -> re.Pattern[str]:
    """`</name\\s*>` in any case; ``wide``: the document has characters beyond ASCII for it."""
    pattern = _CLOSERS.get((name, wide))
    if pattern is None:
        if wide:
            letters = "".join(f"[{c.upper()}{c}{_FOLD.get(c, '')}]" for c in name)
            spaces = ASCII_SPACES + WIDE_SPACES
        else:
            letters = "".join(f"[{c.upper()}{c}]" for c in name)
            spaces = ASCII_SPACES
        pattern = _CLOSERS[name, wide] = re.compile(rf"</{letters}[{spaces}]*>")
    return pattern


@cache
def _wide_attr() -> re.Pattern[str]:
    return re.compile(stdlib_pattern(_ATTR_REGEX, wide=True))


def extract(source: str) -> Copy:
    out = CopyBuilder(source)
    emit_fragment(source, 0, len(source), out)
    return out.build()


def emit_fragment(source: str, start: int, end: int, out: CopyBuilder) -> None:
    """Emit the copy of ``source[start:end]`` (HTML); ``out`` builds on ``source``."""
    pos = start
    search = _TOKEN.search
    text = out.text
    block = out.block
    blocks = _BLOCKS
    while pos < end:
        m = search(source, pos, end)
        if m is None:
            text(pos, end)
            break
        at, after = m.span()
        if at > pos:
            text(pos, at)
        pos = after
        close, name, attrs = m.groups()
        if name is None:
            continue  # comment, doctype, processing instruction
        name = name.lower()
        if name in blocks:
            block()
        if close:
            continue
        if "=" in attrs:
            _emit_attributes(m, attrs, name, out)
        if name in _RAW and not attrs.rstrip().endswith("/"):
            c = _closer(name, out.wide).search(source, pos, end)
            pos = c.end() if c else end
            out.block()


def _emit_attributes(tag: re.Match[str], attrs: str, name: str, out: CopyBuilder) -> None:
    if name != "meta" and not _MAYBE_COPY_ATTR.search(attrs):
        return
    base = tag.start("attrs")
    values: dict[str, tuple[int, str]] = {}
    for a in (_wide_attr() if out.wide else _ATTR).finditer(attrs):
        key, dq, sq, uq = a.groups()
        if dq is not None:
            values[key.lower()] = (base + a.start("dq"), dq)
        elif sq is not None:
            values[key.lower()] = (base + a.start("sq"), sq)
        elif uq is not None:
            values[key.lower()] = (base + a.start("uq"), uq)
    wanted: list[tuple[int, str]] = []
    if name == "meta":
        kind = (values.get("name") or values.get("property") or (0, ""))[1].lower()
        if kind in _META_NAMES and "content" in values:
            wanted.append(values["content"])
    else:
        wanted.extend(v for k, v in values.items() if k in _COPY_ATTRS)
    for at, value in wanted:
        if value.strip():
            out.block()
            out.text(at, at + len(value))
            out.block()
