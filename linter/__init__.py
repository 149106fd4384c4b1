"""glowlint: a linter for beauty and skin-care marketing copy.

    >>> from glowlint import lint_text
    >>> [f.rule for f in lint_text("Our peel is completely painless.")]
    ['painless']

`lint_text` lints copy in memory; `fix_text` applies its fixes; `lint_paths`
lints files and folders; `lint_records` and `lint_frame` lint catalogue records
(dicts, a pandas DataFrame) one record a document; `load_rules` loads (and profiles) a rule set, for
extra packs (the built-in set of each profile is loaded once and kept).
`Finding.to_dict` is a finding's JSON record.
"""

from __future__ import annotations

from typing import Any

from .api import LintResult, fix_text, lint_paths, lint_text
from .errors import GlowlintError
from .model import Finding, Severity
from .rules import load_rules
from .version import __version__

__all__ = [
    "Finding", "Fixed", "GlowlintError", "LintResult", "Severity", "__version__", "fix_text",
    "lint_frame", "lint_paths", "lint_records", "lint_text", "load_rules",
]


def __getattr__(name: str) -> Any:
    """`lint_records` and `lint_frame` (linter/records/), and `Fixed` (what `fix_text`
    returns), loaded when first used: a lint of pages never imports them."""
    if name in ("lint_frame", "lint_records"):
        from . import api

        return getattr(api, name)
    if name == "Fixed":
        from .fix_apply import Fixed

        return Fixed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
