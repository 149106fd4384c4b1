"""Suppression comments as the rest of glowlint sees them, before any is parsed.

Every directive starts with ``glowlint-`` (`may_have_directives`), and problems
with directives are findings of their own (category ``suppression``,
`META_RULES`). The parser, `glowlint.suppressions`, is imported only for a file
that may hold a directive: most files hold none, and a one-file run is spared
its import (about 2 ms).
"""

from __future__ import annotations

CATEGORY = "suppression"
META_RULES: dict[str, tuple[str, str]] = {
    # id: (name, help text)
    "unused-suppression": (
        "Unused suppression",
        "A glowlint suppression comment that silences no finding (the copy was fixed, or the "
        "rule it names is not enabled). Remove it, so stale approvals do not pile up.",
    ),
    "unknown-suppression": (
        "Suppression names an unknown rule",
        "A glowlint suppression comment names something that is neither a rule id nor a "
        "category. `glowlint rules` lists both.",
    ),
    "invalid-suppression": (
        "Malformed suppression",
        "A comment that starts with `glowlint-` but is not a valid directive "
        "(disable-next-line, disable-line, disable, enable, disable-file), has a bad "
        "`until` date, or enables a rule that was not disabled.",
    ),
    "expired-suppression": (
        "Expired suppression",
        "A glowlint suppression comment whose `until` date has passed. It no longer "
        "suppresses anything: renew the approval with a new date, or fix the copy.",
    ),
    "suppression-missing-reason": (
        "Suppression without a reason",
        "The configuration sets `require-suppression-reason`: a suppression comment must say "
        "why after ` -- `, for example who approved the wording.",
    ),
}


def may_have_directives(data: bytes) -> bool:
    """Whether a file's bytes may hold a directive: False means none, without decoding.

    Every directive starts with ``glowlint-``, which any ASCII-compatible encoding
    keeps as these bytes; UTF-16 and UTF-32 (recognised by their BOMs) would not.
    """
    return b"glowlint-" in data or data.startswith((b"\xff\xfe", b"\xfe\xff",
                                                     b"\x00\x00\xfe\xff"))
