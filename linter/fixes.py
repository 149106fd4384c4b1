"""Safe rewrites: a claim rule's ``fix`` computed on a match and applied to the source.

A claim rule may carry ``fix`` (a replacement template: literal words plus
``\\g<name>`` references to the groups of its patterns, so "removes acne scars
completely" keeps "acne scars") and ``fix-safe`` (true only when the rewrite
strictly weakens the claim without changing its subject; unsafe by default).
When a rule's patterns phrase the claim in several ways, ``fix`` is a list of
cases instead, tried in order; the first whose ``when`` (a regex, pack terms
allowed) matches the whole matched text gives the fix, with ``\\g<name>``
taken from ``when``'s own groups; ``safe`` overrides ``fix-safe`` per case; a
case without ``when`` matches anything; no matching case, no fix::

    fix:
      - when: '(?:no|zero)\\s+{side-effects}'
        to: few side effects
        safe: true
      - when: 'without\\s+any\\s+{side-effects}'
        to: with few side effects

A case may say ``before-noun: false``: its replacement reads only as a
predicate or on its own ("usually only mildly uncomfortable"), so it is not
offered where the match stands before a noun ("a painless peel", "A 100%
painless, totally safe treatment") or in a heading.

A safe fix must leave a grammatical sentence, or it is not offered:

- an intensifier just before the match ("completely", "totally", "100%",
  "absolutely" ...) is replaced together with it ("It is completely pain-free."
  becomes "It is usually only mildly uncomfortable."), never left dangling;
  when the two cannot be replaced together (markup between them), no fix;
- a match inside a hashtag, an @handle, a URL or an e-mail address is never
  rewritten (the finding stays, on the hashtag);
- a match in a heading written in Title Case gets no fix (its replacement
  could not keep the heading's style); ALL CAPS headings keep theirs.

A fix edits copy only: the matched span must be one verbatim stretch of the
source (no markup, no entity, no escape inside), so markup, entities, code and
front matter keys are never touched. The case of the match is carried over
(sentence-initial capital, ALL CAPS headings).

Applying them to files is fix_apply.py.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from .lazyre import LazyPattern
from .model import Document

if TYPE_CHECKING:
    from .kinds.compile import BoundedPattern

GROUP_REF = LazyPattern(r"\\g<([A-Za-z_]\w*|\d+)>")
# Characters a template's literal words may not hold: markup in HTML or
# Markdown (tags, entities, emphasis, code, links, tables, headings, MDX
# expressions), line breaks, and the double quote that closes attribute values.
FORBIDDEN = frozenset('<>&"*_`[]\\|#~{}\n\r\t')
_LIST_START = LazyPattern(r"[-+=]|\d+[.)]")
_FLAGS = regex.IGNORECASE | regex.UNICODE
_FRONT_MATTER = LazyPattern(r"\A(---|\+\+\+)\r?\n.*?^\1[ \t]*\r?$", regex.S | regex.M)


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
    if _LIST_START.match(template):
        return "'fix' may not start like a Markdown list item or heading underline"
    if template != template.strip():
        return "'fix' may not start or end with white space"
    return None


class FixCase(NamedTuple):
    """One replacement of a rule: used when ``when`` (if any) matches the whole match."""

    template: str
    safe: bool
    when: BoundedPattern | None = None
    before_noun: bool = True  # the replacement can stand before a noun


_CASE_KEYS = frozenset({"when", "to", "safe", "before-noun"})


def parse_fix(data: dict[str, Any], terms: dict[str, str], where: Any,
              pattern: regex.Pattern[str] | None) -> tuple[FixCase, ...]:
    """The ``fix`` and ``fix-safe`` keys of a claim rule, validated (errors name the line)."""
    from .kinds.compile import BoundedPattern

    raw = data.get("fix")
    default_safe = where.boolean(data, "fix-safe", False)
    if raw is None:
        if "fix-safe" in data:
            where.fail("'fix-safe' needs a 'fix'", "fix-safe")
        return ()
    if isinstance(raw, str):
        raw = [{"to": raw}]
    if not isinstance(raw, list) or not raw:
        where.fail("'fix' is a replacement, or a list of cases with 'when', 'to', 'safe'", "fix")
    cases: list[FixCase] = []
    for entry in raw:
        if not isinstance(entry, dict) or "to" not in entry or set(entry) - _CASE_KEYS:
            where.fail("each case of 'fix' needs 'to' and may have 'when', 'safe' and "
                       "'before-noun'", "fix")
        template = entry["to"]
        if not isinstance(template, str) or not template.strip():
            where.fail("'fix' must be a non-empty string", "fix")
        when = None
        if "when" in entry:
            if not isinstance(entry["when"], str) or not entry["when"]:
                where.fail("'when' in 'fix' must be a regex", "fix")
            try:
                from .patterns import expand_terms  # compiling a pack, not linting

                when = BoundedPattern(regex.compile(expand_terms(entry["when"], terms), _FLAGS))
            except KeyError as e:
                where.fail(f"unknown term {{{e.args[0]}}} in 'fix': {entry['when']!r}", "fix")
            except regex.error as e:
                where.fail(f"invalid regex in 'fix': {entry['when']!r}: {e}", "fix")
        safe = entry.get("safe", default_safe)
        if not isinstance(safe, bool):
            where.fail("'safe' in 'fix' must be true or false", "fix")
        before_noun = entry.get("before-noun", True)
        if not isinstance(before_noun, bool):
            where.fail("'before-noun' in 'fix' must be true or false", "fix")
        problem = template_error(template.strip(), when.compiled if when is not None else pattern)
        if problem:
            where.fail(problem, "fix")
        cases.append(FixCase(template.strip(), safe, when, before_noun))
    return tuple(cases)


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


def match_case(replacement: str, original: str, sentence_start: bool = False) -> str:
    """Carry the case of ``original`` over: ALL CAPS stays so, a capital stays first.

    An original that starts with no letter ("100% effective") takes a capital
    when it starts a sentence.
    """
    letters = [c for c in original if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = next((c for c in original if c.isalpha()), "")
    if first.isupper() or (sentence_start and not original[:1].isalpha()):
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
    lo = bisect_right(runs, start, key=attrgetter("plain_start"))  # past the run holding it
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


_ARTICLE_BEFORE = LazyPattern(r"(?<![\w'-])(an?)[ \t]+$", regex.IGNORECASE)
_A_ANYWAY = ("uni", "use", "usu", "uti", "ura", "eu", "ewe", "one", "once")
_AN_ANYWAY = ("hour", "honest", "honou", "heir")


def article_for(text: str) -> str:
    """'a' or 'an' before ``text``, by the sound of its first word (a good guess)."""
    word = text.lstrip().lower()
    if word.startswith(_A_ANYWAY):
        return "a"
    if word.startswith(_AN_ANYWAY):
        return "an"
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"


# An intensifier just before a match goes with it: "completely pain-free"
# ("so" only after a verb: "so you will see" is a conjunction).
INTENSIFIER_BEFORE = (
    r"(?<![\w'%-])(?:completely|totally|entirely|perfectly|absolutely|utterly|fully|wholly"
    r"|truly|really|very|super|ultra|extremely|incredibly|guaranteed|100[ \t]?%"
    r"|(?<=\b(?:is|are|was|were|be|feels?|felt|looks?|seems?)[ \t]+)so"
    r"|100[ \t]+per[ \t]?cent)(?:[ \t]+|[ \t]*-[ \t]*)$")
# compiled with the vocabulary (`ContextModel.intensifier`); this for a caller without it
_INTENSIFIER_BEFORE = LazyPattern(INTENSIFIER_BEFORE, regex.IGNORECASE)
# Words after a match that do not make it an adjective before a noun.
_NOT_A_NOUN = frozenset("""
    a an the and or but nor yet so for to in on at by of off up out from with without into
    onto over under than as even if when while because though although after before during
    until unless since like unlike thanks compared is are was were be been being am has have
    had do does did will would can could may might shall should must too also all both
    either enough indeed overall really very quite always usually often still just only
    now today then here there every each most much more less this that these those it its
    you your we our they their he his she her i my me us them him who which what where how
    why whatever whenever no not never
""".split())
_DETERMINER_BEFORE = LazyPattern(
    r"(?<![\w'-])(?:a|an|the|our|your|their|its|his|her|my|this|that|these|those|every"
    r"|each|any|some)[ \t]+$",
    regex.IGNORECASE,
)
_NEXT_WORD = LazyPattern(r"(?:[ \t]+|-)([^\W\d_][\w'-]*)")
_HEADING_LINE = LazyPattern(r"[ \t]{0,3}#{1,6}[ \t]")
_SETEXT = LazyPattern(r"[ \t]{0,3}(?:=+|-+)[ \t]*$")
_HTML_HEADING_OPEN = LazyPattern(r"<(h[1-6]|title)\b", regex.IGNORECASE)
_WORD = LazyPattern(r"[^\W\d_][\w'-]*")  # a word of a block, for `_title_case`
_SMALL_WORDS = frozenset(
    "a an the and or but nor for to in on at by of off up as with from vs via".split())


def _in_handle(folded: str, start: int, end: int) -> bool:
    """True when the match is part of a hashtag, @handle, URL or e-mail address."""
    lo = start
    while lo > 0 and not folded[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(folded) and not folded[hi].isspace():
        hi += 1
    token = folded[lo:hi].lstrip("(\"'[")
    if token[:1] in ("#", "@") or "@" in token or "://" in token or "www." in token.lower():
        return True
    before = folded[start - 1] if start > 0 else ""
    after = folded[end:end + 2]
    return before in ("/", ".", "_", "=") or (after[:1] in (".", "/", "_")
                                                and after[1:2].isalnum())


def _before_noun(folded: str, start: int, end: int) -> bool:
    """True when the match is an adjective before a noun ("a painless peel")."""
    if _DETERMINER_BEFORE.search(folded, max(0, start - 8), start) is not None:
        return True
    m = _NEXT_WORD.match(folded, end)
    return m is not None and m.group(1).lower() not in _NOT_A_NOUN


def _heading(doc: Document, src_start: int) -> bool:
    """True when the source offset lies in a heading (Markdown or HTML)."""
    source = doc.source
    if doc.format == "md":
        line_start = source.rfind("\n", 0, src_start) + 1
        if _HEADING_LINE.match(source, line_start):
            return True
        line_end = source.find("\n", src_start)
        if line_end >= 0:
            next_end = source.find("\n", line_end + 1)
            underline = source[line_end + 1:next_end if next_end >= 0 else len(source)]
            if underline.strip() and _SETEXT.match(underline.rstrip("\r")):
                return True
    elif doc.format == "html":
        window = source[max(0, src_start - 2000):src_start]
        opens = list(_HTML_HEADING_OPEN.finditer(window))
        if opens:
            tag = opens[-1].group(1).lower()
            return f"</{tag}" not in window[opens[-1].end():].lower()
    return False


def _title_case(block: str) -> bool:
    """True when a block is in Title Case ("Painless Laser Hair Removal"), read word by word:
    a word in lower case (the first word and small ones aside) settles it, in prose early."""
    words, counted, capitals = _WORD.finditer(block), 0, True
    next(words, None)
    for word in (m.group() for m in words):
        if word.lower() not in _SMALL_WORDS:
            if not word[0].isupper():
                return False
            counted, capitals = counted + 1, capitals and word.isupper()
    return counted >= 2 and not capitals


def _block(folded: str, start: int, end: int) -> str:
    lo = folded.rfind("\n\n", 0, start)
    hi = folded.find("\n\n", end)
    return folded[lo + 2 if lo >= 0 else 0:hi if hi >= 0 else len(folded)]


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


def rewrite(doc: Document, m: regex.Match[str], cases: tuple[FixCase, ...], folded: str,
            softened_by: str = "", intensifiers: Any = None) -> tuple[str, int, int, bool] | None:
    """The fix of the match ``m`` of the folded copy: replacement, source span, safety.

    None when no case applies, the span is not verbatim copy, or the replacement would
    not fit where the match stands (see the module docstring). A softener just before the
    match ("virtually painless") is replaced with it, and so is an intensifier ("completely
    painless": ``intensifiers``, `ContextModel.intensifier`); a softener further away
    leaves no sensible rewrite, so no fix.
    """
    start, end = m.span()
    for case in cases:
        groups = m if case.when is None else case.when.fullmatch(folded, start, end)
        if groups is not None:
            break
    else:
        return None
    template, before = case.template, intensifiers or _INTENSIFIER_BEFORE
    if _in_handle(folded, start, end):
        return None
    while True:  # "so totally painless": every intensifier goes with the claim
        intensifier = before.search(folded, max(0, start - 20), start)
        if intensifier is None:
            break
        start = intensifier.start()
    if softened_by:
        at = folded.rfind(softened_by, 0, start)
        if at < 0 or folded[at + len(softened_by):start].strip(" \t\r\n"):
            return None
        start = at
    if not case.before_noun and _before_noun(folded, start, end):
        return None
    if _title_case(_block(folded, start, end)):
        return None
    original = doc.copy.text[start:end]
    i = start
    while i > 0 and folded[i - 1].isspace():
        i -= 1
    sentence_start = i == 0 or folded[i - 1] in ".!?" or "\n\n" in folded[i:start]
    replacement = match_case(expand(template, groups, doc.copy.text), original, sentence_start)
    if replacement == original:
        return None
    article = _ARTICLE_BEFORE.search(folded, max(0, start - 6), start)
    if article is not None:  # "an instant glow" -> "a gradual glow"
        have, want = article.group(1), article_for(replacement)
        if have.lower() != want:
            if have.isupper() and (len(have) == 2 or replacement.isupper()):
                want = want.upper()
            elif have[0].isupper():
                want = want.capitalize()
            replacement = want + doc.copy.text[article.end(1):start] + replacement
            start = article.start()
    span = verbatim_span(doc, start, end)
    if span is None:
        return None
    if not case.before_noun and _heading(doc, span[0]):
        return None
    if "'" in GROUP_REF.sub("", template) and _in_tag_or_front_matter(doc, span[0]):
        return None
    return replacement, span[0], span[1], case.safe
