"""Fixes applied to text and files (``--fix``, ``--diff``, `fix_text`); how a rule's fix
is made on a match is fixes.py.

Applying fixes: sorted by source offset, a fix overlapping one already taken is
left for the next round; rounds repeat (re-linting the new text) until no fix
is left, so a second ``--fix`` changes nothing. A round that would hide a claim
it does not fix (a rewrite read as a hedge of the claim beside it) is redone fix
by fix, without the fixes that do (`_hides`). Files are read as bytes and
written back with the same encoding, BOM and line endings; everything outside
the fixed spans is preserved byte for byte. Writes are atomic
(`fileio.write_atomic`); a read-only file is reported and left alone.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GlowlintError
from .model import Finding

if TYPE_CHECKING:
    pass


MAX_ROUNDS = 10  # rounds of fixing and re-linting, at most


# --------------------------------------------------------------------------
# Applying fixes to text.


def wanted(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fix this run applies (safe ones, or all with ``unsafe``)."""
    return [f for f in findings if f.fix is not None and (f.fix_safe or unsafe)]


def fix_span(f: Finding) -> tuple[int, int]:
    """The source span a finding's fix replaces."""
    return f.fix_span if f.fix_span is not None else (f.start, f.end)


def apply_fixes(source: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply the fixes to ``source``; an edit overlapping one already taken is skipped.

    Order (and so the choice between overlapping fixes) is by start, then the
    longer span first (it holds more of the claim), then the longer match (a
    rule that matched "totally painless" before one that matched "painless"
    and took the intensifier along), then rule id: the same findings always
    give the same text.
    """
    text, taken = _apply(source, findings)
    return text, len(taken)


Edit = tuple[int, int, str]  # source start, end, replacement


def _apply(source: str, findings: Iterable[Finding]) -> tuple[str, list[Edit]]:
    """`apply_fixes`, with the edits it made."""
    edits = sorted(
        (s, -e, f.start - f.end, f.rule, f.fix)
        for f in findings if f.fix is not None for s, e in [fix_span(f)]
    )
    parts: list[str] = []
    pos = 0
    taken: list[Edit] = []
    for start, neg_end, _match, _rule, text in edits:
        end = -neg_end
        if start < pos or end <= start:
            continue
        parts.append(source[pos:start])
        parts.append(text)
        pos = end
        taken.append((start, end, text))
    parts.append(source[pos:])
    return "".join(parts), taken


def _shifted(f: Finding, edits: list[Edit]) -> tuple[int, int] | None:
    """Where ``f``'s span is after ``edits`` (sorted, disjoint); None if one touches it."""
    shift = 0
    for s, e, text in edits:
        if e <= f.start and s < e:
            shift += len(text) - (e - s)
        elif s < f.end:
            return None
    return f.start + shift, f.end + shift


def _hides(source: str, before: list[Finding], edits: list[Edit], after: list[Finding]) -> bool:
    """Whether ``edits`` made a finding of an edited line vanish without touching it.

    A rewrite may read as context for a claim beside it ("A 100% painless,
    totally safe peel" -> "..., generally safe peel": 'generally' now hedges
    'painless'); a fix that hides a claim it does not fix is not applied.
    """
    found = {(f.rule, f.start, f.end) for f in after}
    lines = [(source.rfind("\n", 0, s) + 1, source.find("\n", e)) for s, e, _ in edits]
    for f in before:
        if not any(lo <= f.start and (hi < 0 or f.end <= hi) for lo, hi in lines):
            continue
        span = _shifted(f, edits)
        if span is not None and (f.rule, *span) not in found:
            return True
    return False


def _round(source: str, findings: list[Finding], todo: list[Finding],
           lint: Callable[[str], list[Finding]]) -> tuple[str, list[Edit], list[Finding]]:
    """One round of fixes: all at once, or, where that hides a claim, one by one."""
    text, taken = _apply(source, todo)
    after = lint(text) if taken else findings
    if not taken or not _hides(source, findings, taken, after):
        return text, taken, after
    kept: list[Finding] = []
    text, taken, after = source, [], findings
    for f in todo:  # rare: one lint a fix, keeping those that hide nothing
        trial, edits = _apply(source, [*kept, f])
        if len(edits) <= len(taken):
            continue
        linted = lint(trial)
        if not _hides(source, findings, edits, linted):
            kept.append(f)
            text, taken, after = trial, edits, linted
    # a declined fix is not offered again: the finding stays, without its fix
    declined = {(f.rule, *span) for f in todo if f not in kept
                for span in [_shifted(f, taken)] if span is not None}
    after = [replace(f, fix=None, fix_safe=False, fix_span=None)
             if (f.rule, f.start, f.end) in declined else f for f in after]
    return text, taken, after


@dataclass(eq=False)
class Fixed:
    """The outcome of fixing one text: the new text, fixes applied, findings left."""

    text: str
    applied: int
    findings: list[Finding] = field(default_factory=list)


def fix_text(source: str, lint: Callable[[str], list[Finding]], unsafe: bool = False) -> Fixed:
    """Fix ``source`` in rounds until no fix is left; ``lint`` gives a text's findings."""
    findings = lint(source)
    applied = 0
    for _ in range(MAX_ROUNDS):
        todo = wanted(findings, unsafe)
        if not todo:
            break
        source, taken, findings = _round(source, findings, todo, lint)
        if not taken:
            break
        applied += len(taken)
    return Fixed(source, applied, findings)


# --------------------------------------------------------------------------
# Files: encoding, BOM and line endings kept; atomic writes; diffs.


@dataclass(frozen=True)
class Encoding:
    """How a file was encoded (its codec and byte-order mark), to write it back the same."""

    codec: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode_bytes(data: bytes, path: str) -> tuple[str, Encoding]:
    """The text of a file (as the readers see it) and how to write it back identically."""
    from .readers import decode

    text = decode(data, path)
    if data.startswith(codecs.BOM_UTF32_LE):  # before UTF-16 LE: its BOM starts the same
        enc = Encoding("utf-32-le", codecs.BOM_UTF32_LE)
    elif data.startswith(codecs.BOM_UTF32_BE):
        enc = Encoding("utf-32-be", codecs.BOM_UTF32_BE)
    elif data.startswith(codecs.BOM_UTF16_LE):
        enc = Encoding("utf-16-le", codecs.BOM_UTF16_LE)
    elif data.startswith(codecs.BOM_UTF16_BE):
        enc = Encoding("utf-16-be", codecs.BOM_UTF16_BE)
    elif data.startswith(codecs.BOM_UTF8):
        enc = Encoding("utf-8", codecs.BOM_UTF8)
    else:
        enc = Encoding("utf-8", b"")
    if enc.encode(text) != data:
        raise GlowlintError("cannot be written back byte for byte; not fixed", path)
    return text, enc


def read_only(path: str) -> bool:
    """True when the file must not be rewritten (no write bit, or no write access)."""
    st = os.stat(path)
    return not (st.st_mode & 0o222) or not os.access(path, os.W_OK)


@dataclass(eq=False)
class FileFix:
    """One file's fixes: what it held, what it would hold, and what is left."""

    path: str
    before: bytes
    after: bytes
    text_before: str
    text_after: str
    encoding: Encoding
    applied: int
    findings: list[Finding]

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        bom = "\ufeff" if self.encoding.bom == codecs.BOM_UTF8 else ""
        return unified_diff(self.path, bom + self.text_before, bom + self.text_after)


def fix_bytes(data: bytes, path: str, lint: Callable[[str], list[Finding]],
              unsafe: bool = False) -> FileFix:
    """Fix a file's bytes in memory (nothing is written)."""
    text, enc = decode_bytes(data, path)
    fixed = fix_text(text, lint, unsafe)
    after = enc.encode(fixed.text) if fixed.text != text else data
    return FileFix(path, data, after, text, fixed.text, enc, fixed.applied, fixed.findings)


def write_fix(fix: FileFix) -> None:
    """Write a fixed file atomically; raises GlowlintError (file untouched) when it cannot."""
    from .fixwrite import rewrite
    from .safeio import read_again

    try:
        if read_only(fix.path):
            raise GlowlintError("read-only file, fixes not applied", fix.path)
        if read_again(fix.path, len(fix.before) + 1) != fix.before:
            raise GlowlintError("changed while glowlint ran, fixes not applied", fix.path)
        # through a symlink to the file it points at: the link stays a link; the file
        # keeps its owner, attributes and hard links (`fixwrite`)
        rewrite(Path(os.path.realpath(fix.path)), fix.after, fix.before)
    except OSError as e:
        raise GlowlintError(f"cannot write ({e.strerror or e}), fixes not applied",
                            fix.path) from None


def diff_label(path: str) -> str:
    """The path as `patch -p1` expects it under ``a/`` and ``b/``: relative, forward slashes."""
    p = path
    if os.path.isabs(p):
        rel = os.path.relpath(p)
        if not rel.startswith(".."):
            p = rel
    p = os.path.normpath(p).replace(os.sep, "/")
    return p.lstrip("/") if p != "." else p


def _lines(text: str) -> list[str]:
    """Lines split at LF only (what `patch` sees), each keeping its end."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file with ``a/`` and ``b/`` paths (`patch -p1` applies it)."""
    import difflib

    label = diff_label(path)
    out: list[str] = []
    for line in difflib.unified_diff(_lines(before), _lines(after), f"a/{label}", f"b/{label}",
                                     lineterm="\n"):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
