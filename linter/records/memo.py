"""Engine results shared by the records of a batch whose copy is the same.

Catalogues repeat copy: a product's variants (sizes, shades) share their
description, a title names a whole range. What the engine finds in a document
depends on its text, its name (the field), its format and the rules, nothing
else; a record is placed (`lint._Placer`: record, row, id) after that. So a
`Memo` keys each engine result by what its check reads: one field's name and
text for the rules read field by field (a record with one text field is that),
every field's name and text, in order, for the advice rules that read a record's
fields together. A result that came with a notice (a rule ran out of time) is
not kept: another try may differ, and each record's notice must be told.

A memo lives for one batch (or one data frame partition) and holds at most
``limit`` entries: memory stays bounded by the batch, as the run's does.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..engine import Notice
from ..model import Document
from ..readers import read_text

T = TypeVar("T")
LIMIT = 4096  # entries of each kind, about a few batches of records with several fields


@dataclass(eq=False)
class Memo:
    """Documents and engine results by content, for the records of one batch."""

    limit: int = LIMIT
    docs: dict[tuple[str, str, str], Document] = field(default_factory=dict)
    results: dict[Hashable, Any] = field(default_factory=dict)
    hits: int = 0  # results reused (what the benchmark and the tests read)

    def document(self, text: str, name: str, fmt: str) -> Document:
        """The document of one field's text (read once however many records hold it)."""
        key = (fmt, name, text)
        doc = self.docs.get(key)
        if doc is None:
            if len(self.docs) >= self.limit:
                self.docs.clear()
            doc = self.docs[key] = read_text(text, name, fmt)
        return doc

    def result(self, key: Hashable, work: Callable[[list[Notice]], T],
               notices: list[Notice] | None) -> T:
        """``work``'s value for ``key``, computed once unless it told a notice.

        ``work`` receives the list to tell notices in; with no ``notices`` to pass
        them on to, they are warned, as `engine.lint_document` warns them.
        """
        if key in self.results:
            self.hits += 1
            return self.results[key]
        told: list[Notice] = []
        value = work(told)
        if told:
            if notices is None:
                for n in told:
                    warnings.warn(f"{n.path}: {n.message}", RuntimeWarning, stacklevel=3)
            else:
                notices.extend(told)
            return value
        if len(self.results) >= self.limit:
            self.results.clear()
        self.results[key] = value
        return value
