"""Rules relaxed by where copy is published: a one-line caption is not a treatment page.

Four safety-advice warnings on an Instagram caption that mentions a peel are
heavy; the site's treatment page carries the advice. Configuration says which
rules a kind of document leaves out:

- ``channel``: the document type of files, by path (a map of gitignore-style
  glob to type, or one type for every file). Markdown front matter
  ``channel: social`` (or ``type: social``) says the same in the file itself;
  otherwise the type comes from the copy (linter/doctypes.py: three hashtags
  make a social post).
- ``per-type-ignores``: a map of document type to the rule ids or categories
  left out for documents of that type, as ``per-file-ignores`` does by path.

linter/config.py reads and checks both keys' shape; this module checks the
types they name against the rule set and leaves the findings out.

The type is worked out only for files that have a finding such a key could
leave out, so a run that does not use these keys pays nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Config, matches
from .errors import GlowlintError

if TYPE_CHECKING:
    from .model import Finding
    from .rules import RuleSet

def check_types(cfg: Config, ruleset: RuleSet) -> None:
    """Every type named is one the rule set knows (rules/lexicon.yaml `document-types`)."""
    from .doctypes import names

    known = names(ruleset.lexicon.types if ruleset.lexicon is not None else ())
    for key, named in (("channel", cfg.channel.values()), ("per-type-ignores",
                                                           cfg.per_type_ignores)):
        for name in named:
            if name not in known:
                raise cfg.error(key, f"unknown document type {name!r} (one of: "
                                f"{', '.join(sorted(known))})")


class Channels:
    """Which findings the document type of their file leaves out."""

    def __init__(self, cfg: Config, ruleset: RuleSet) -> None:
        self.cfg, self.ruleset = cfg, ruleset
        self.ignored = {i for ids in cfg.per_type_ignores.values() for i in ids}

    def might_drop(self, findings: list[Finding]) -> bool:
        return bool(self.ignored) and any(
            f.rule in self.ignored or f.category in self.ignored for f in findings)

    def type_of(self, path: str, source: str | None, fmt: str) -> str | None:
        """The document type: configuration by path, else the copy's (None: unreadable)."""
        for glob, name in self.cfg.channel.items():
            if matches([glob], path, self.cfg.root):
                return name
        if source is None:
            return None
        from .engine import analyse
        from .readers import read_text

        try:
            doc = read_text(source, path, fmt)
        except GlowlintError:
            return None
        lexicon = self.ruleset.lexicon
        if lexicon is None:
            return None
        return str(analyse(doc, self.ruleset).document_type(doc, lexicon).name)

    def keep(self, findings: list[Finding], doc_type: str | None) -> list[Finding]:
        ids = set(self.cfg.per_type_ignores.get(doc_type or "", ()))
        return [f for f in findings if f.rule not in ids and f.category not in ids]
