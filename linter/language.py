"""Is the copy English? A cheap guess, so that other languages are not passed silently.

glowlint's rules are English phrases: a French page ("sans douleur, résultats
garantis") would come out "All clear". `notice` tells such a file apart by its
script, or by the function words of the languages beauty copy is most often
written in besides English (French, Spanish, German, Italian, Portuguese,
Dutch): at least `FOREIGN_SHARE` of its words, and more of them than very
common English function words. Copy in another language written in the
Latin alphabet that is not one of those is still linted (as before). Pages
with fewer than `MIN_WORDS` words are not judged: a caption or a list of
product names says too little. English copy with a few foreign words has
more English function words than foreign ones, and is checked. A file that
is not English is a notice (never an error), and is neither linted nor
counted as checked.

Markup is dropped crudely (tags, scripts and styles) before counting; the
text is sampled (`SAMPLE` characters), so the guess costs little on any file.
"""

from __future__ import annotations

import re

from .engine import Notice
from .lazyre import LazyPattern

MESSAGE = "not checked: glowlint's rules are English"
MIN_WORDS = 40
SAMPLE = 20_000  # characters of the source read to judge it
FOREIGN_SHARE = 0.08  # at least this share of other languages' function words, and more
# of them than of English ones: not English

_ENGLISH = frozenset("""
a about after all also an and any are as at be because been before but by can could
did do does for from had has have he her his how i if in into is it its just may more
most my no not now of on only or our out over she so some such than that the their them
then there these they this those through to too up us very was we were what when which
while who why will with would you your yours
""".split())
# function words of other languages that are not English words too
_FOREIGN = frozenset("""
le la les des du un une et est pour avec sans dans sur ce cette ces qui que vos votre nos
notre pas plus au aux ou sont être avez vous nous il elle ils mais très
el los las del y en es con sin por para su sus una unos al lo más muy como pero tu
der die das und ist mit ohne für von zu den dem ein eine nicht sie ihr ihre wir auf
sich auch wie oder bei nach sind haben werden
il di che della delle dei gli per con sono alla nel non
os da das dos em com sem uma um não são seu sua
het een van ik zijn voor met niet op dat ook bij naar zonder
""".split()) - _ENGLISH
_WORD = LazyPattern(r"[^\W\d_]+")
_ASCII_RUNS = LazyPattern(r"[\x00-\x7f]+", stdlib=True)
_TAG = LazyPattern(r"<[^<>]*>")


def _without_markup(html: str) -> str:
    """The text of HTML, crudely: scripts, styles and tags dropped (in linear time)."""
    lower = html.lower()
    pieces: list[str] = []
    at = 0
    while True:
        starts = [i for i in (lower.find("<script", at), lower.find("<style", at)) if i >= 0]
        if not starts:
            break
        start = min(starts)
        name = "</script" if lower.startswith("<script", start) else "</style"
        end = lower.find(name, start)
        pieces.append(html[at:start])
        if end < 0:
            at = len(html)
            break
        at = end + len(name)
    pieces.append(html[at:])
    return _TAG.sub(" ", " ".join(pieces))


def guess_english(text: str) -> bool | None:
    """True for English copy, False for copy in another language, None: too short to say."""
    sample = text[:SAMPLE].lower()
    words = _words(sample)
    if len(words) < MIN_WORDS:
        return None
    if not all(map(str.isascii, words)):  # (ASCII words are all Latin: nothing to count)
        latin = sum(w.isascii() or all(c <= "\u024f" for c in w) for w in words)
        if latin < len(words) / 2:  # another script: Cyrillic, Greek, CJK, Arabic...
            return False
    english = sum(map(_ENGLISH.__contains__, words))
    foreign = sum(map(_FOREIGN.__contains__, words))
    return not (foreign > english and foreign >= FOREIGN_SHARE * len(words))


def _words(sample: str) -> list[str]:
    """The words (`_WORD`) of a lower-cased sample. Where no letter lies beyond ASCII (ASCII
    copy, or curly quotes, dashes and currency signs about it), they are runs of ASCII
    letters, found by the stdlib in a third of the time."""
    if sample.isascii() or _WORD.search(_ASCII_RUNS.sub("", sample)) is None:
        return re.findall("[A-Za-z]+", sample)
    return _WORD.findall(sample)


def notice(path: str, source: str, fmt: str) -> Notice | None:
    """The notice for a file whose copy is not English (it is not linted), or None."""
    text = source[:SAMPLE * 2]
    if fmt == "html":
        text = _without_markup(text)
    if guess_english(text) is not False:
        return None
    return Notice(path, MESSAGE, error=False)
