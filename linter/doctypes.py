"""Document types: a supplement page is not a treatment page, whatever words it shares.

Whether copy must carry safety advice depends on what the document is: a
clinic's treatment page or an at-home device needs it, a face-oil listing,
a collagen drink or an article weighing up the evidence does not. A page's
type comes from Markdown front matter (``type: supplement``, or
``channel: social``) when given,
otherwise from cue words of lexicon classes (``rules/lexicon.yaml``,
``document-types``): the first type, in the file's order, whose cues occur
often enough (and, with ``over``, at least as often as another type's).
Advice rules name the types they apply to (``types:``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lazyre import LazyPattern

if TYPE_CHECKING:  # the types as a lexicon file declares them: read only to compile it
    from .lexicon_records import TypeSpec

DEFAULT = "page"  # no type's cues are frequent enough
_HASHTAG = LazyPattern(r"(?<![\w&])#\p{L}[\w]*")
# `type:` in the first lines of Markdown front matter (read at most this far)
_FRONT = LazyPattern(r"\A\ufeff?(?:---|\+\+\+)[ \t]*\r?\n(?:[^\n]{0,200}\n){0,40}?"
                       r"(?:type|channel)[ \t]*[:=][ \t]*[\"']?([\w-]{1,30})")
_FRONT_REACH = 10_000


@dataclass(frozen=True)
class DocType:
    """A document's type and why (shown by ``glowlint explain``)."""

    name: str
    why: str


def names(specs: tuple[TypeSpec, ...]) -> set[str]:
    """Every type a rule may name: those of the file and the default."""
    return {s.name for s in specs} | {DEFAULT}


def classify(source: str, fmt: str, hits: Iterable[Any], text: str,
             specs: tuple[TypeSpec, ...]) -> DocType:
    """The type of a document from its front matter, else from its cue words."""
    if fmt == "md":
        m = _FRONT.match(source[:_FRONT_REACH])
        if m and m.group(1).lower() in names(specs):
            return DocType(m.group(1).lower(), "front matter 'type' or 'channel'")
    # the hits of the cue classes only: a page holds a few hundred words of other classes
    cues = {cls for spec in specs for cls in spec.cues}
    counts: dict[str, list[Any]] = {}
    for h in hits:
        if h.cls in cues:
            counts.setdefault(h.cls, []).append(h)
    hashtags = 0
    for spec in specs:
        if spec.hashtags:
            hashtags = hashtags or len(_HASHTAG.findall(text))
            if hashtags >= spec.hashtags:
                return DocType(spec.name, f"{hashtags} hashtags")
            continue
        words = [w for cls in spec.cues for w in counts.get(cls, ())]
        if spec.cues and len(words) >= spec.min and all(
                len(words) >= _cue_count(other, specs, counts) for other in spec.over):
            shown = ", ".join(repr(w) for w in dict.fromkeys(
                text[h.start:h.end].lower() for h in words))
            return DocType(spec.name, f"{len(words)} cue words: {shown}")
    return DocType(DEFAULT, "no type's cue words are frequent enough")


def _cue_count(name: str, specs: tuple[TypeSpec, ...], counts: dict[str, list[Any]]) -> int:
    """How many cue words of type ``name`` the document holds."""
    return sum(len(counts.get(cls, ())) for spec in specs if spec.name == name
               for cls in spec.cues)
