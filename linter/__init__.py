"""glowlint: a linter for beauty and skin-care marketing copy.

    >>> from glowlint import lint_text
    >>> [f.rule for f in lint_text("Our peel is completely painless.")]
    ['painless']

`lint_text` lints copy in memory; `lint_paths` lints files and folders;
`load_rules` loads (and profiles) the rule set once for many calls.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import LintResult, lint_paths, lint_text
from .errors import GlowlintError
from .model import Finding, Severity
from .rules import load_rules

__all__ = [
    "Finding", "GlowlintError", "LintResult", "Severity", "__version__", "lint_paths",
    "lint_text", "load_rules",
]
