"""Build a `Copy` piece by piece while remembering where each piece came from."""

from __future__ import annotations

import html

import regex

from ..model import Copy, Run

BLOCK_BREAK = "\n\n"
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Invisible characters that can sit inside a word ("pain&shy;less"): left out of
# the copy so that patterns see the word a reader sees; the runs keep positions.
_INVISIBLE = regex.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


class CopyBuilder:
    """Appends source text to the copy; block breaks exist only in the copy."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._length = 0
        self._block_starts: list[int] = [0]
        self._open = False  # text emitted since the last block break

    def verbatim(self, src_start: int, text: str) -> None:
        if not text:
            return
        if _INVISIBLE.search(text):
            pos = 0
            for m in _INVISIBLE.finditer(text):
                self._verbatim(src_start + pos, text[pos:m.start()])
                pos = m.end()
            self._verbatim(src_start + pos, text[pos:])
            return
        self._verbatim(src_start, text)

    def _verbatim(self, src_start: int, text: str) -> None:
        if not text:
            return
        runs = self._runs
        if runs:
            last = runs[-1]
            if (
                last.plain_len == last.src_len
                and last.plain_start + last.plain_len == self._length
                and last.src_start + last.src_len == src_start
            ):
                runs[-1] = Run(last.plain_start, last.src_start, last.plain_len + len(text),
                               last.src_len + len(text))
                self._emit(text)
                return
        runs.append(Run(self._length, src_start, len(text), len(text)))
        self._emit(text)

    def decoded(self, src_start: int, src_len: int, text: str) -> None:
        """Copy text that stands for different source text (an entity)."""
        if not text or not _INVISIBLE.sub("", text):
            return
        if len(text) == src_len:
            self.verbatim(src_start, text)
            return
        self._runs.append(Run(self._length, src_start, len(text), src_len))
        self._emit(text)

    def text_with_entities(self, src_start: int, text: str) -> None:
        """Source text in which `&amp;` and friends stand for characters."""
        if "&" not in text:
            self.verbatim(src_start, text)
            return
        pos = 0
        for m in _ENTITY.finditer(text):
            self.verbatim(src_start + pos, text[pos:m.start()])
            value = html.unescape(m.group())
            if value == m.group():
                self.verbatim(src_start + m.start(), value)
            else:
                self.decoded(src_start + m.start(), m.end() - m.start(), value)
            pos = m.end()
        self.verbatim(src_start + pos, text[pos:])

    def block(self) -> None:
        """End the current block: what follows is a new sentence."""
        if self._open:
            self._parts.append(BLOCK_BREAK)
            self._length += len(BLOCK_BREAK)
            self._block_starts.append(self._length)
            self._open = False

    def _emit(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)
        self._open = True

    def build(self) -> Copy:
        return Copy("".join(self._parts), self._runs, self._block_starts)
