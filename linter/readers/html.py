"""HTML: visible text, `<title>`, meta descriptions, `alt` and `title` attributes.

A small tokenizer rather than `html.parser`: it yields exact source offsets
for every piece of copy, survives broken markup, and is fast.
"""

from __future__ import annotations

import regex

from ..model import Copy
from .builder import CopyBuilder

_TOKEN = regex.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>?"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>",
    regex.DOTALL,
)
_ATTR = regex.compile(
    r"(?P<key>[^\s=/>\"']+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<uq>[^\s>\"']+)))?"
)
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
_META_NAMES = frozenset({"description", "og:description", "og:title", "twitter:description",
                         "twitter:title", "keywords"})


def extract(source: str, out: CopyBuilder | None = None, offset: int = 0) -> Copy:
    out = out or CopyBuilder()
    emit_fragment(source, 0, len(source), out, offset)
    return out.build()


def emit_fragment(source: str, start: int, end: int, out: CopyBuilder, offset: int = 0) -> None:
    """Emit the copy of ``source[start:end]`` (HTML), offsets shifted by ``offset``."""
    pos = start
    while pos < end:
        m = _TOKEN.search(source, pos, end)
        if m is None:
            out.text_with_entities(offset + pos, source[pos:end])
            break
        out.text_with_entities(offset + pos, source[pos:m.start()])
        pos = m.end()
        name = (m.group("name") or "").lower()
        if not name:
            continue  # comment, doctype, processing instruction
        if name in _BLOCKS:
            out.block()
        if m.group("close"):
            continue
        _emit_attributes(m, name, out, offset)
        if name in _RAW and not m.group("attrs").rstrip().endswith("/"):
            closing = regex.compile(rf"</{regex.escape(name)}\s*>", regex.IGNORECASE)
            c = closing.search(source, pos, end)
            pos = c.end() if c else end
            out.block()


def _emit_attributes(tag: regex.Match[str], name: str, out: CopyBuilder, offset: int) -> None:
    attrs = tag.group("attrs")
    if not attrs or "=" not in attrs:
        return
    base = tag.start("attrs")
    values: dict[str, tuple[int, str]] = {}
    for a in _ATTR.finditer(attrs):
        for group in ("dq", "sq", "uq"):
            if a.group(group) is not None:
                values[a.group("key").lower()] = (base + a.start(group), a.group(group))
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
            out.text_with_entities(offset + at, value)
            out.block()
