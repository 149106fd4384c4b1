"""Rule kinds, after Vale's split: claim (existence), frame (lexicon classes in one clause),
answer (a frame asked, and settled by the next sentence), required (conditional), metric.

`KINDS` names each kind's class by its module, imported when the kind is first
asked for (parsing a rule file) or when a cached rule set holding one is
unpickled: a run whose rules have no frame rule never imports the frame kind.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

from .base import Rule


class Kinds(MutableMapping[str, "type[Rule]"]):
    """Kind name -> its rule class; a built-in kind is ``"module:Class"`` until asked for.

    A registered class (a test's toy kind, say) is kept as it is.
    """

    def __init__(self, homes: dict[str, str]) -> None:
        self._entries: dict[str, str | type[Rule]] = dict(homes)

    def __getitem__(self, name: str) -> type[Rule]:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attr = entry.partition(":")
            cls: type[Rule] = getattr(import_module(f"{__name__}.{module}"), attr)
            return cls
        return entry

    def __setitem__(self, name: str, cls: type[Rule]) -> None:
        self._entries[name] = cls

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


KINDS = Kinds({
    "claim": "claim:ClaimRule",
    "frame": "frame:FrameRule",
    "answer": "answer:AnswerRule",
    "required": "required:RequiredRule",
    "metric": "metric:MetricRule",
})

__all__ = ["KINDS", "AnswerRule", "ClaimRule", "FrameRule", "Kinds", "MetricRule",  # noqa: F822
           "RequiredRule", "Rule"]


def __getattr__(name: str) -> Any:
    """The kinds' classes by name (``from glowlint.kinds import ClaimRule``), imported on use:
    only the module of the class asked for."""
    for kind, entry in KINDS._entries.items():
        if (entry.partition(":")[2] if isinstance(entry, str) else entry.__name__) == name:
            return KINDS[kind]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
