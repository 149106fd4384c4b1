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
from typing import TYPE_CHECKING, Any, NamedTuple

from .lazyre import LazyPattern

if TYPE_CHECKING:  # the types as a lexicon file declares them: read only to compile it
    from .lexicon_records import TypeSpec

DEFAULT = "page"  # no type's cues are frequent enough
_HASHTAG = LazyPattern(r"(?<![\w&])#\p{L}[\w]*")
# `type:` in the first lines of Markdown front matter (read at most this far)
_FRONT = LazyPattern(r"\A\ufeff?(?:---|\+\+\+)[ \t]*\r?\n(?:[^\n]{0,200}\n){0,40}?"
                       r"(?:type|channel)[ \t]*[:=][ \t]*[\"']?([\w-]{1,30})")
_FRONT_REACH = 10_000


class DocType(NamedTuple):
    """A document's type and why (shown by ``glowlint explain``): a plain value.

    Typed by its cue words, it keeps those words (``cues``, hits in ``text``) and
    says them only when asked: the lint reads the name alone, and writing out
    every document's cue words was a fifth of typing it.
    """

    name: str
    reason: str  # why, without the cue words
    cues: tuple[Any, ...] = ()
    text: str = ""

    @property
    def why(self) -> str:
        """The reason, with the cue words as the copy has them (each once, lower case)."""
        if not self.cues:
            return self.reason
        shown = ", ".join(repr(w) for w in dict.fromkeys(
            self.text[h.start:h.end].lower() for h in self.cues))
        return f"{self.reason}: {shown}"


def names(specs: tuple[TypeSpec, ...]) -> set[str]:
    """Every type a rule may name: those of the file and the default."""
    return {s.name for s in specs} | {DEFAULT}


def classify(source: str, fmt: str, hits: Iterable[Any], text: str,
             specs: tuple[TypeSpec, ...]) -> DocType:
    """The type of a document from its front matter, else from its cue words.

    ``hits``: the words of the cue classes only (`Lexicon.cue_numbers` picks them
    from the scan: a page holds a few hundred words of other classes)."""
    head = source[:_FRONT_REACH]
    # the key starts a line: without one, no pattern to compile (most pages)
    if fmt == "md" and ("\ntype" in head or "\nchannel" in head):
        m = _FRONT.match(head)
        if m and m.group(1).lower() in names(specs):
            return DocType(m.group(1).lower(), "front matter 'type' or 'channel'")
    counts: dict[str, list[Any]] = {}
    for h in hits:
        counts.setdefault(h.cls, []).append(h)
    hashtags = -1  # counted when a type first asks (none without a '#')
    for spec in specs:
        if spec.hashtags:
            if hashtags < 0:
                hashtags = len(_HASHTAG.findall(text)) if "#" in text else 0
            if hashtags >= spec.hashtags:
                return DocType(spec.name, f"{hashtags} hashtags")
            continue
        words = [w for cls in spec.cues for w in counts.get(cls, ())]
        if spec.cues and len(words) >= spec.min and all(
                len(words) >= _cue_count(other, specs, counts) for other in spec.over):
            return DocType(spec.name, f"{len(words)} cue words", tuple(words), text)
    return DocType(DEFAULT, "no type's cue words are frequent enough")


def _cue_count(name: str, specs: tuple[TypeSpec, ...], counts: dict[str, list[Any]]) -> int:
    """How many cue words of type ``name`` the document holds."""
    return sum(len(counts.get(cls, ())) for spec in specs if spec.name == name
               for cls in spec.cues)
