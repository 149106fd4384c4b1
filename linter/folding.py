"""The typographic fold: curly quotes to straight ones, no-break space to space.

Applied to the copy before any matching; a same-length translation, so every
offset stays exact. Its own module, as both the context judgement and the
prefilter's text (`textmap`) read it.
"""

from __future__ import annotations

FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
    "\u2011": "-", "\u2010": "-", "\u02bc": "'",
})
