"""glowlint: a linter for beauty and skin-care marketing copy.

    >>> from glowlint import lint_text
    >>> [f.rule for f in lint_text("Our peel is completely painless.")]
    ['painless']

`lint_text` lints copy in memory; `fix_text` applies its fixes; `lint_paths`
lints files and folders; `lint_records` and `lint_frame` lint catalogue records
(dicts, a pandas DataFrame) one record a document; `load_rules` loads (and profiles) a rule set, for
extra packs (the built-in set of each profile is loaded once and kept).
`Finding.to_dict` is a finding's JSON record.

Each name is imported from its module when first used: the command line
(``glowlint check``) imports only what a run needs, never the in-memory API,
and a worker process that imports the package does no work at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import LintResult, fix_text, lint_frame, lint_paths, lint_records, lint_text
    from .errors import GlowlintError
    from .fix_apply import Fixed
    from .model import Finding, Severity
    from .rules import load_rules

__all__ = [
    "Finding", "Fixed", "GlowlintError", "LintResult", "Severity", "__version__", "fix_text",
    "lint_frame", "lint_paths", "lint_records", "lint_text", "load_rules",
]

# the public names, and the module each is defined in
_HOME = {
    "LintResult": "api", "fix_text": "api", "lint_frame": "api", "lint_paths": "api",
    "lint_records": "api", "lint_text": "api", "GlowlintError": "errors", "Fixed": "fix_apply",
    "Finding": "model", "Severity": "model", "load_rules": "rules",
}


def __getattr__(name: str) -> Any:
    """A public name, from its module (imported on first use)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
