"""`glowlint init`: the commented starter configuration (`config` reads what it says)."""

from __future__ import annotations

from pathlib import Path

from .errors import GlowlintError

STARTER = """\
# glowlint configuration: every key is explained in glowlint's docs/adoption.md.
# Paths and globs are relative to this file. Command-line flags override it.

# Where the copy is published: us, uk, eu or strict. Selects rules and severities.
profile: uk

# Lowest severity that fails the run (exit status 1): error, warning or info.
fail-on: warning

# Rule ids or categories to run (empty: all) and to leave out.
# A rule id is more specific than a category and wins over it.
select: []
ignore: []
#  - superlative              # a whole category
#  - readability

# Severity per rule id or category: error, warning, info or off.
severity: {}
#  superlative: info

# Your own rule packs (YAML, see README "Writing rules").
extend-rules: []
#  - glowlint/house-rules.yaml

# Which files to lint when walking folders (gitignore-style globs).
include: []
exclude: []
#  - drafts/
#  - "legacy/**/*.html"

# Rules or categories to leave out for some files.
per-file-ignores: {}
#  "blog/archive/**": [superlative, readability]

# Document types by path, and rules left out for a type (a caption needs no
# aftercare advice: the treatment page carries it).
#channel:
#  "social/**": social
#per-type-ignores:
#  social: [missing-sunscreen, missing-contraindications, missing-side-effects]

# More file extensions and the reader for each: md, html or txt.
extensions: {}
#  .njk: html
#  .rst: txt

# Thresholds of the readability rules.
readability: {}
#  max-grade: 9
#  max-sentence-words: 30

# Inline suppressions (<!-- glowlint-disable-next-line RULE -- reason -->)
# must give a reason after "--".
require-suppression-reason: false

# Findings recorded here are not reported (glowlint check --write-baseline FILE).
# baseline: .glowlint-baseline.json
"""


def write_starter(path: Path) -> None:
    """`glowlint init`: the commented starter configuration; never overwrites."""
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(STARTER)
    except FileExistsError:
        raise GlowlintError("already exists; not overwritten", str(path)) from None
    except OSError as e:
        raise GlowlintError(f"cannot write: {e.strerror}", str(path)) from None
