"""The lexicon file as written: its classes and document types, before they are compiled.

Records of their own module, not of linter/lexicon.py (which searches the compiled
lexicon) nor of linter/doctypes.py (which types a page): a run whose rule set
comes from the cache without a lexicon file (0.1.0's rules) never defines them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class LexiconClass:
    """One class as the YAML wrote it, and where (for error messages)."""

    name: str
    means: str = ""
    words: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    origin: str = ""
    # copy in which a word of the class must be found (flag) or must not (pass)
    flag: list[str] = field(default_factory=list)
    passing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TypeSpec:
    """How to recognise one document type: cue classes and how many cue words."""

    name: str
    cues: tuple[str, ...] = ()
    min: int = 1
    hashtags: int = 0
    over: tuple[str, ...] = ()  # types whose cues this type's must at least match in number


def parse_types(raw: Any, path: str, line: int | None) -> tuple[TypeSpec, ...]:
    """The ``document-types`` mapping of a lexicon file, validated."""
    from .errors import GlowlintError

    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise GlowlintError("'document-types' maps a type to its cues", path, line)
    specs = []
    for name, body in raw.items():
        at = getattr(raw, "key_lines", {}).get(name, line)
        if not isinstance(name, str) or not isinstance(body, dict) or \
                set(body) - {"cues", "min", "hashtags", "over"}:
            raise GlowlintError(f"document type {name!r} takes 'cues', 'min', 'hashtags' "
                                "and 'over'", path, at)
        cues = body.get("cues") or []
        over = body.get("over") or []
        if not isinstance(over, list) or not all(isinstance(o, str) for o in over):
            raise GlowlintError(f"document type {name!r}: 'over' is a list of document types",
                                path, at)
        number = body.get("min", 1), body.get("hashtags", 0)
        if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues) or \
                not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                        for n in number):
            raise GlowlintError(f"document type {name!r}: 'cues' is a list of lexicon classes, "
                                "'min' and 'hashtags' are counts", path, at)
        specs.append(TypeSpec(name, tuple(cues), number[0], number[1], tuple(over)))
    return tuple(specs)
