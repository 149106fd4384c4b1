"""Safe rewrites: a claim rule's ``fix`` computed on a match and applied to the source.

A claim rule may carry ``fix`` (a replacement template: literal words plus
``\\g<name>`` references to the groups of its patterns, so "removes acne scars
completely" keeps "acne scars") and ``fix-safe`` (true only when the rewrite
strictly weakens the claim without changing its subject; unsafe by default).

A fix edits copy only: the matched span must be one verbatim stretch of the
source (no markup, no entity, no escape inside), so markup, entities, code and
front matter keys are never touched. The case of the match is carried over
(sentence-initial capital, ALL CAPS headings).

Applying fixes: sorted by source offset, a fix overlapping one already taken is
left for the next round; rounds repeat (re-linting the new text) until no fix
is left, so a second ``--fix`` changes nothing. Files are read as bytes and
written back with the same encoding, BOM and line endings; everything outside
the fixed spans is preserved byte for byte. Writes are atomic
(`fileio.write_atomic`); a read-only file is reported and left alone.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import GlowlintError
from .model import Document, Finding

GROUP_REF = regex.compile(r"\\g<([A-Za-z_]\w*|\d+)>")
# Characters a template's literal words may not hold: markup in HTML or
# Markdown (tags, entities, emphasis, code, links, tables, headings), line
# breaks, and the double quote that closes attribute values.
FORBIDDEN = frozenset('<>&"*_`[]\\|#~\n\r\t')
MAX_ROUNDS = 10
_FRONT_MATTER = regex.compile(r"\A(---|\+\+\+)\r?\n.*?^\1[ \t]*\r?$", regex.S | regex.M)


# --------------------------------------------------------------------------
# Templates: validated when a pack loads, expanded on every match.


def template_error(template: str, pattern: regex.Pattern[str] | None) -> str | None:
    """Why ``template`` cannot be a fix for ``pattern``, or None when it can."""
    groups = pattern.groupindex if pattern is not None else {}
    ngroups = pattern.groups if pattern is not None else 0
    for m in GROUP_REF.finditer(template):
        ref = m.group(1)
        if ref.isdigit():
            if int(ref) > ngroups:
                return f"'fix' refers to group {ref}, but the patterns have {ngroups}"
        elif ref not in groups:
            return f"'fix' refers to group {ref!r}, which no pattern of the rule defines"
    literal = GROUP_REF.sub("", template)
    bad = sorted(set(literal) & FORBIDDEN)
    if bad:
        return f"'fix' may not contain {bad[0]!r} (markup or a line break); write plain words"
    if ": " in literal:
        return "'fix' may not contain ': ' (it would break front matter values)"
    if template != template.strip():
        return "'fix' may not start or end with white space"
    return None


def expand(template: str, m: regex.Match[str], text: str) -> str:
    """The template with each ``\\g<group>`` replaced by that group's text in ``text``.

    ``text`` is the unfolded copy: the match was made on the folded copy (same
    offsets), but a captured group keeps the author's own characters.
    """

    def group(ref: regex.Match[str]) -> str:
        name = ref.group(1)
        key: int | str = int(name) if name.isdigit() else name
        start, end = m.span(key)
        return text[start:end] if start >= 0 else ""

    return GROUP_REF.sub(group, template)


def match_case(replacement: str, original: str) -> str:
    """Carry the case of ``original`` over: ALL CAPS stays so, a capital stays first."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = next((c for c in original if c.isalpha()), "")
    if first.isupper():
        for i, c in enumerate(replacement):
            if c.isalpha():
                return replacement[:i] + c.upper() + replacement[i + 1:]
    return replacement


def verbatim_span(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Source offsets of the copy span ``[start, end)`` when it is verbatim source text.

    One run of the copy, not decoded (no entity), standing for the very same
    characters in the source; otherwise None (the span crosses markup).
    """
    copy = doc.copy
    runs = copy.runs
    lo, hi = 0, len(runs)
    while lo < hi:  # the last run starting at or before `start`
        mid = (lo + hi) // 2
        if runs[mid].plain_start <= start:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return None
    run = runs[lo - 1]
    if run.plain_len != run.src_len or end > run.plain_start + run.plain_len:
        return None
    src_start = run.src_start + start - run.plain_start
    src_end = src_start + end - start
    if doc.source[src_start:src_end] != copy.text[start:end]:
        return None
    return src_start, src_end


def _in_tag_or_front_matter(doc: Document, src_start: int) -> bool:
    """True when the span is an attribute value or a front matter value (quotes matter)."""
    source = doc.source
    if doc.format in ("html", "md") and source.rfind("<", 0, src_start) > source.rfind(
        ">", 0, src_start
    ):
        return True
    if doc.format == "md":
        fm = _FRONT_MATTER.match(source)
        if fm and src_start < fm.end():
            return True
    return False


def rewrite(doc: Document, m: regex.Match[str], template: str, folded: str = "",
            softened_by: str = "") -> tuple[str, int, int] | None:
    """The replacement for the match ``m`` (copy offsets) and the source span it replaces.

    None when no fix is possible (the span is not verbatim copy).

    A softener just before the match ("virtually painless") is replaced with
    it; a softener further away leaves no sensible rewrite, so no fix.
    """
    start, end = m.span()
    if softened_by:
        at = folded.rfind(softened_by, 0, start)
        if at < 0 or folded[at + len(softened_by):start].strip(" \t\n"):
            return None
        start = at
    span = verbatim_span(doc, start, end)
    if span is None:
        return None
    original = doc.copy.text[start:end]
    replacement = match_case(expand(template, m, doc.copy.text), original)
    if replacement == original:
        return None
    if "'" in GROUP_REF.sub("", template) and _in_tag_or_front_matter(doc, span[0]):
        return None
    return replacement, span[0], span[1]


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
    longer span first (it holds more of the claim), then rule id: the same
    findings always give the same text.
    """
    edits = sorted(
        (s, -e, f.rule, f.fix) for f in findings if f.fix is not None for s, e in [fix_span(f)]
    )
    parts: list[str] = []
    pos = 0
    applied = 0
    for start, neg_end, _rule, text in edits:
        end = -neg_end
        if start < pos or end <= start:
            continue
        parts.append(source[pos:start])
        parts.append(text)
        pos = end
        applied += 1
    parts.append(source[pos:])
    return "".join(parts), applied


@dataclass
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
        source, n = apply_fixes(source, todo)
        if not n:
            break
        applied += n
        findings = lint(source)
    return Fixed(source, applied, findings)


# --------------------------------------------------------------------------
# Files: encoding, BOM and line endings kept; atomic writes; diffs.


@dataclass(frozen=True)
class Encoding:
    codec: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode_bytes(data: bytes, path: str) -> tuple[str, Encoding]:
    """The text of a file (as the readers see it) and how to write it back identically."""
    from .readers import decode

    text = decode(data, path)
    if data.startswith(codecs.BOM_UTF16_LE):
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


@dataclass
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
    from .fileio import write_atomic

    try:
        if read_only(fix.path):
            raise GlowlintError("read-only file, fixes not applied", fix.path)
        with open(fix.path, "rb") as fh:
            if fh.read() != fix.before:
                raise GlowlintError("changed while glowlint ran, fixes not applied", fix.path)
        # through a symlink to the file it points at: the link stays a link
        write_atomic(Path(os.path.realpath(fix.path)), fix.after)
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
